"""PLOVER export: one JSON object per deduplicated event (store built as in test_export_gdelt)."""

from __future__ import annotations

import io
import json

import pytest

from eventwire.errors import StoreError
from eventwire.export.plover import unmapped_events, write_plover
from eventwire.store import Store
from test_export_gdelt import build_export_store

KEYS = [
    "id", "date", "date_basis", "first_seen", "last_seen", "actor", "recipient", "event_type", "mode",
    "context", "cameo", "quad_code", "event_scale", "event_loc", "text", "cite_info", "num_mentions",
    "num_sources", "num_articles", "confidence", "coder",
]  # fmt: skip


@pytest.fixture
def store(tmp_path):
    store = build_export_store(tmp_path / "plover.duckdb")
    yield store
    store.close()


def _records(store, **kwargs) -> list[dict]:
    fh = io.StringIO()
    count = write_plover(store.connection(), fh, **kwargs)
    lines = fh.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


def test_one_object_per_event_with_plover_fields(store):
    records = _records(store)
    # the CAMEO 010 statement has no PLOVER category and is left out
    assert [r["id"] for r in records] == ["ev-appeal", "ev-strike", "ev-gaza"]
    assert all(list(r) == KEYS for r in records)
    strike = records[1]
    assert (strike["date"], strike["first_seen"], strike["last_seen"]) == (
        "2020-01-08",
        "2020-01-08",
        "2020-01-09",
    )
    assert strike["actor"] == [
        {"code": "IRN", "sector": "MIL", "cameo_code": "IRNMIL", "name": 'Islamic "Revolutionary"\tGuards',
         "actor_text": "Iran's Revolutionary Guards"}
    ]  # fmt: skip
    assert strike["recipient"][0]["cameo_code"] == "USAMIL"
    assert (strike["event_type"], strike["mode"], strike["context"]) == ("ASSAULT", "aerial", None)
    assert (strike["cameo"], strike["quad_code"], strike["event_scale"]) == ("195", 4, -10.0)
    assert strike["event_loc"] == {
        "name": "Ain al-Asad Air Base", "country": "IRQ", "admin1": "Al Anbar", "lat": 33.80001, "lon": 42.44119,
        "feature": "facility",
    }  # fmt: skip
    assert strike["text"] == "Iran's Revolutionary Guards fired missiles at US forces in Iraq."
    assert strike["cite_info"]["url"] == "https://www.example.com/news/iran-strikes"
    assert (strike["num_mentions"], strike["num_sources"], strike["num_articles"]) == (2, 2, 2)
    appeal = records[0]
    assert appeal["event_loc"] is None
    assert appeal["actor"][0] == {
        "code": "IGOUNO", "sector": None, "cameo_code": "IGOUNO", "name": "United Nations", "actor_text": "The UN"
    }  # fmt: skip
    assert records[2]["cite_info"] == {
        "article_id": "a2",
        "url": None,
        "title": "Aftermath",
        "publication": "Wire",
    }


def test_statements_are_counted_and_written_on_request(store):
    assert unmapped_events(store.connection()) == 1  # the 010 statement
    records = _records(store, include_statements=True)
    assert len(records) == len(_records(store)) + 1
    statement = next(r for r in records if r["id"] == "ev-statement")
    assert (statement["event_type"], statement["mode"], statement["cameo"]) == (None, None, "010")
    assert statement["recipient"] == []  # no target: an empty list, not null
    assert statement["date"] == "2020-01-09"  # unknown event date: first publication date
    assert records[-1]["id"] == "ev-statement"


def test_streams_in_batches_with_the_same_output(store):
    assert _records(store, batch_size=1) == _records(store)


def test_plover_without_events_table_is_a_store_error(tmp_path):
    with Store.open(tmp_path / "plain.duckdb") as plain:
        con = plain.connection()
        con.execute("DROP TABLE IF EXISTS events")
        with pytest.raises(StoreError) as info:
            write_plover(con, io.StringIO())
        assert info.value.code == "E310"
