"""Timelines (events in date order with their evidence) and the actor network (CSV and GraphML)."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from datetime import date

import pyarrow as pa
import pytest

from eventwire.analysis.network import GRAPHML_NS, edges, write_csv, write_graphml
from eventwire.analysis.timeline import TIMELINE_COLUMNS, timeline
from eventwire.errors import UsageError
from test_series import event_row, events_connection, insert_events

G = f"{{{GRAPHML_NS}}}"


@pytest.fixture
def con():
    con = events_connection()
    insert_events(
        con,
        [
            event_row("soleimani", "USAMIL", "IRNMIL", "195", "2020-01-03", mentions=40,
                      sentence="A US drone strike killed Qassem Soleimani near Baghdad airport."),
            event_row("missiles", "IRNMIL", "USAMIL", "195", "2020-01-08", mentions=120,
                      sentence="Iran fired missiles at Iraqi bases housing US forces."),
            event_row("warning", "IRQGOV", "USA", "138", "2020-01-08", mentions=3,
                      sentence="Iraq's prime minister warned of all-out war."),
            event_row("restraint", "IGOUNO", "IRQ", "010", "2020-01-08", mentions=5),
            event_row("undated", "IRNGOV", "USA", "112", None, first_seen="2020-01-09"),
            event_row("talks", "USAGOV", "IRNGOV", "036", "2020-01-10"),
            event_row("orphan", None, "IRQ", "190", "2020-01-05"),
            event_row("nodate", "USA", "IRN", "112", None, first_seen=None),
        ],
    )  # fmt: skip
    return con


def ids(table: pa.Table) -> list[str]:
    return table.column("event_id").to_pylist()


def test_timeline_is_in_date_order_with_evidence(con):
    table = timeline(con)
    assert table.column_names == ["date", *TIMELINE_COLUMNS]
    assert ids(table) == [
        "soleimani",
        "orphan",
        "missiles",
        "restraint",
        "warning",
        "undated",
        "talks",
        "nodate",
    ]
    first = table.to_pylist()[0]
    assert first["date"] == date(2020, 1, 3)
    assert first["evidence_sentence"].startswith("A US drone strike killed Qassem Soleimani")
    undated = table.to_pylist()[5]
    assert (undated["date"], undated["event_date"]) == (date(2020, 1, 9), None)


def test_timeline_filters(con):
    assert ids(timeline(con, actor="IRQ")) == ["orphan", "restraint", "warning"]
    assert ids(timeline(con, actor="*MIL")) == ["soleimani", "missiles"]
    assert ids(timeline(con, dyad=("USA", "IRN"))) == ["soleimani", "missiles", "undated", "talks", "nodate"]
    assert ids(timeline(con, dyad=("IRN", "USA"), directed=True)) == ["missiles", "undated"]
    assert ids(timeline(con, date_from="2020-01-08", date_to=date(2020, 1, 9))) == [
        "missiles", "restraint", "warning", "undated",
    ]  # fmt: skip
    assert ids(timeline(con, root=19)) == ["soleimani", "orphan", "missiles"]
    assert ids(timeline(con, quad_class=3)) == ["warning", "undated", "nodate"]
    assert ids(timeline(con, limit=2)) == ["soleimani", "orphan"]
    assert timeline(con, actor="CHN").num_rows == 0


@pytest.mark.parametrize(
    "kwargs",
    [{"limit": -1}, {"root": "21"}, {"quad_class": 5}, {"dyad": ("USA",)}, {"date_to": "2020-02-30"}],
)
def test_timeline_rejects_bad_filters(con, kwargs):
    with pytest.raises(UsageError):
        timeline(con, **kwargs)


def test_edges_weights(con):
    table = edges(con)
    assert table.column_names == [
        "source", "target", "events", "mentions", "goldstein_sum", "goldstein_mean",
        "quad1", "quad2", "quad3", "quad4",
    ]  # fmt: skip
    rows = {(r["source"], r["target"]): r for r in table.to_pylist()}
    assert len(rows) == 7  # the orphan event (no source) makes no edge
    missiles = rows[("IRNMIL", "USAMIL")]
    assert (missiles["events"], missiles["mentions"], missiles["quad4"]) == (1, 120, 1)
    assert missiles["goldstein_sum"] == pytest.approx(-10.0)


def test_edges_at_country_level_with_filters(con):
    rows = {(r["source"], r["target"]): r for r in edges(con, level="country").to_pylist()}
    usa_irn = rows[("USA", "IRN")]
    assert (usa_irn["events"], usa_irn["quad1"], usa_irn["quad3"], usa_irn["quad4"]) == (3, 1, 1, 1)
    assert usa_irn["goldstein_mean"] == pytest.approx((-10.0 + 4.0 - 2.0) / 3)
    assert rows[("IGO", "IRQ")]["events"] == 1  # the synthetic IGOUNO row's country is IGO
    strong = edges(con, level="country", min_events=2).to_pylist()
    assert [(r["source"], r["target"]) for r in strong] == [("USA", "IRN"), ("IRN", "USA")]
    dated = edges(con, date_from="2020-01-08", date_to="2020-01-08", actor="IRQ")
    assert sorted((r["source"], r["target"]) for r in dated.to_pylist()) == [
        ("IGOUNO", "IRQ"),
        ("IRQGOV", "USA"),
    ]
    with pytest.raises(UsageError):
        edges(con, level="sector")
    with pytest.raises(UsageError):
        edges(con, min_events=0)


def test_write_csv_round_trips(con, tmp_path):
    table = edges(con)
    path = write_csv(table, tmp_path / "edges.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == table.num_rows
    assert rows[0]["source"] == "IRNMIL" and int(rows[0]["mentions"]) == 120


def test_write_graphml_is_valid_and_complete(con, tmp_path):
    table = edges(con)
    path = write_graphml(table, tmp_path / "actors.graphml")
    root = ET.parse(path).getroot()
    assert root.tag == f"{G}graphml"
    keys = {k.get("id"): k for k in root.findall(f"{G}key")}
    assert keys["events"].get("attr.type") == "long"
    assert keys["goldstein_mean"].get("attr.type") == "double"
    assert all(k.get("for") == "edge" for k in keys.values())
    graph = root.find(f"{G}graph")
    assert graph.get("edgedefault") == "directed"
    nodes = {n.get("id") for n in graph.findall(f"{G}node")}
    assert nodes == {"USAMIL", "IRNMIL", "IRQGOV", "USA", "IGOUNO", "IRQ", "IRNGOV", "USAGOV", "IRN"}
    graph_edges = graph.findall(f"{G}edge")
    assert len(graph_edges) == table.num_rows
    for edge in graph_edges:
        assert edge.get("source") in nodes and edge.get("target") in nodes
        data = {d.get("key"): d.text for d in edge.findall(f"{G}data")}
        assert set(data) <= set(keys)
    first = {d.get("key"): d.text for d in graph_edges[0].findall(f"{G}data")}
    assert (graph_edges[0].get("source"), int(first["mentions"]), float(first["goldstein_sum"])) == (
        "IRNMIL",
        120,
        -10.0,
    )


def test_graphml_escapes_odd_codes_and_skips_nulls(tmp_path):
    table = pa.table(
        {"source": ["A&B", "X"], "target": ['<"C">', "Y"], "events": [1, 2], "goldstein_mean": [None, 1.5]}
    )
    root = ET.parse(write_graphml(table, tmp_path / "odd.graphml")).getroot()
    graph = root.find(f"{G}graph")
    assert {n.get("id") for n in graph.findall(f"{G}node")} == {"A&B", '<"C">', "X", "Y"}
    first = graph.findall(f"{G}edge")[0]
    assert [d.get("key") for d in first.findall(f"{G}data")] == ["events"]
    with pytest.raises(UsageError):
        write_graphml(pa.table({"a": [1]}), tmp_path / "bad.graphml")
