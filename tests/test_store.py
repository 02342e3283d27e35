"""The DuckDB store: schema, migrations, idempotent writes, filters, the single-writer lock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

import eventwire.store as store_pkg
from eventwire.analysis.listing import mentions_table
from eventwire.errors import StoreError, UsageError
from eventwire.model import ActorRef, Article, EventMention, Place, Reject, Span
from eventwire.store import (
    LATEST_VERSION,
    MIGRATIONS,
    STORE_MENTION_COLUMNS,
    EventFilter,
    Store,
    mention_from_row,
    mention_id,
)
from eventwire.store.columns import MENTION_SCHEMA
from eventwire.store.migrations import migrate

A1_TEXT = (
    "Iranian forces fired missiles at US troops in Iraq. The UN urged Iraq to de-escalate. "
    "Iraq's prime minister did not comment on the United States."
)
A2_TEXT = "A US drone strike killed an Iranian general near Baghdad, Tehran said."


def actor(
    code: str, country: str | None, sector: str | None, text: str, start: int, entry: str | None = None
):
    return ActorRef(
        code=code, name=code, country=country, sector=sector, text=text, start=start, end=start + len(text),
        entry=entry,
    )  # fmt: skip


def mention(
    article_id: str,
    *,
    cameo: str,
    quad: int,
    source: ActorRef | None,
    target: ActorRef | None,
    sentence_index: int = 0,
    trigger_start: int = 15,
    publication_date: date | None = date(2020, 1, 8),
    event_date: date | None = date(2020, 1, 8),
    **extra,
) -> EventMention:
    return EventMention(
        article_id=article_id,
        sentence_index=sentence_index,
        sentence=f"sentence {sentence_index} of {article_id}",
        publication_date=publication_date,
        event_date=event_date,
        date_basis="publication" if event_date else None,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name=f"name of {cameo}",
        goldstein=-10.0 if quad == 4 else 3.0,
        quad_class=quad,
        plover_type="ASSAULT" if quad == 4 else "REQUEST",
        plover_mode=None,
        trigger=Span("fired", trigger_start, trigger_start + 5),
        **extra,
    )


def sample_batch() -> tuple[list[Article], list[EventMention], list[Reject]]:
    articles = [
        Article(id="a1", text=A1_TEXT, date=date(2020, 1, 8), title="Strikes", origin="in.jsonl:1"),
        Article(id="a2", text=A2_TEXT, date=date(2020, 1, 4), title="Drone", origin="in.jsonl:2"),
    ]
    m1 = mention(
        "a1", cameo="195", quad=4,
        source=actor("IRNMIL", "IRN", "MIL", "Iranian forces", 0, entry="countries.yaml:12"),
        target=actor("USAMIL", "USA", "MIL", "US troops", 35),
        location=Place("Iraq", "IRQ", None, 33.0, 44.0, "country", 48, 52),
        rule="verb:fire",
    )  # fmt: skip
    m2 = mention(
        "a1", cameo="0256", quad=1, sentence_index=1, trigger_start=59, event_date=None,
        source=actor("IGOUNO", "IGOUNO", None, "UN", 56), target=actor("IRQ", "IRQ", None, "Iraq", 68),
    )  # fmt: skip
    m3 = mention(
        "a1", cameo="010", quad=1, sentence_index=2, trigger_start=113, negated=True,
        source=actor("IRQGOV", "IRQ", "GOV", "Iraq's prime minister", 87),
        target=actor("USA", "USA", None, "the United States", 127),
    )  # fmt: skip
    m4 = mention(
        "a2", cameo="186", quad=4, trigger_start=11, publication_date=date(2020, 1, 4),
        event_date=date(2020, 1, 3), source=actor("USAMIL", "USA", "MIL", "A US drone", 0),
        target=actor("IRNMIL", "IRN", "MIL", "an Iranian general", 24),
        attributed_to=actor("IRNGOV", "IRN", "GOV", "Tehran", 58), sentence_start=0, confidence=0.8123,
    )  # fmt: skip
    rejects = [Reject(origin="in.jsonl", line=3, code="E205", reason="malformed JSON")]
    return articles, [m1, m2, m3, m4], rejects


@pytest.fixture
def store():
    with Store.open(":memory:") as opened:
        opened.write(*sample_batch())
        yield opened


def cameos(table: pa.Table) -> set[str]:
    return set(table.column("cameo").to_pylist())


def test_schema_columns_match_the_arrow_schema():
    assert tuple(MENTION_SCHEMA.names) == STORE_MENTION_COLUMNS
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def test_write_counts_every_table(store):
    assert store.counts() == {"articles": 2, "mentions": 4, "rejects": 1, "events": 0, "watched": 0,
                              "schema_version": LATEST_VERSION}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"195", "0256", "010", "186"}),
        ({"actor": "USA"}, {"195", "010", "186"}),
        ({"actor": "usa"}, {"195", "010", "186"}),
        ({"actor": "IRN*"}, {"195", "186"}),
        ({"actor": "*MIL"}, {"195", "186"}),
        ({"actor": "IGO"}, {"0256"}),
        ({"actor": "IGO*"}, {"0256"}),
        ({"actor": "IRQGOV"}, {"010"}),
        ({"actor": ["IGO", "IRQGOV"]}, {"0256", "010"}),
        ({"actor": "US"}, set()),  # not a 3-letter prefix: exact only
        ({"actor": "US_"}, set()),  # "_" is literal, not LIKE's any-character
        ({"actor": "US_*"}, set()),
        ({"actor": "US%"}, set()),
        ({"actor": "US?"}, {"010"}),  # "?" is the glob's one character: exact length 3
        ({"actor": "USA' OR 1=1 --"}, set()),
        ({"source": "USA"}, {"186"}),
        ({"target": "USA"}, {"195", "010"}),
        ({"dyad": ("USA", "IRN")}, {"186"}),
        ({"dyad": ("IRN", "USA")}, {"195"}),
        ({"dyad": ("IRN*", "*MIL")}, {"195"}),
        ({"country": "IRQ"}, {"0256", "010", "195"}),  # 195 happened in Iraq: the place's country counts
        ({"country": ["irn"]}, {"195", "186"}),
        ({"root": "19"}, {"195"}),
        ({"root": 2}, {"0256"}),
        ({"root": ["18", "19"]}, {"195", "186"}),
        ({"cameo": "025"}, {"0256"}),
        ({"cameo": "010"}, {"010"}),
        ({"quad_class": 4}, {"195", "186"}),
        ({"quad_class": [1]}, {"0256", "010"}),
        ({"date_from": "2020-01-05"}, {"195", "0256", "010"}),  # 0256 has no event date: publication date
        ({"date_to": date(2020, 1, 5)}, {"186"}),
        ({"date_from": "2020-01-08", "date_to": "2020-01-08"}, {"195", "0256", "010"}),
        ({"include_negated": False}, {"195", "0256", "186"}),
        ({"actor": "USA", "quad_class": 4}, {"195", "186"}),
    ],
)
def test_query_filters(store, filters, expected):
    assert cameos(store.query_mentions(**filters)) == expected


def test_query_mentions_filters_as_the_events_filter_does():
    """One filter (``store.filters.EventFilter``) for every reader of mentions: ``country`` is either actor's
    or the place's, and ``include_negated=False`` leaves out hypothetical mentions too. Before the filters
    were one, ``Store.query_mentions`` ignored the place and kept hypothetical mentions."""
    articles, mentions, rejects = sample_batch()
    threat = mention(
        "a2", cameo="138", quad=4, sentence_index=1, trigger_start=40, hypothetical=True,
        source=actor("IRNGOV", "IRN", "GOV", "Tehran", 58), target=actor("USA", "USA", None, "US", 2),
    )  # fmt: skip
    with Store.open(":memory:") as store:
        store.write(articles, [*mentions, threat], rejects)
        assert cameos(store.query_mentions()) == {"195", "0256", "010", "186", "138"}
        assert cameos(store.query_mentions(include_negated=False)) == {"195", "0256", "186"}
        assert cameos(store.query_mentions(country="IRQ", root="19")) == {"195"}  # in Iraq, neither side Iraqi
        for filters in ({"country": "IRQ"}, {"include_negated": False}, {"actor": "IRN*", "quad": 4, "date_to": "2020-01-05"}):
            as_query = store.query_mentions(**{("quad_class" if k == "quad" else k): v for k, v in filters.items()})
            assert as_query.equals(mentions_table(store.connection(), EventFilter(**filters))), filters


def test_query_orders_by_date_then_article_and_pages(store):
    everything = store.query_mentions()
    assert everything.column("cameo").to_pylist() == ["186", "195", "0256", "010"]
    assert store.query_mentions(limit=2).column("cameo").to_pylist() == ["186", "195"]
    assert store.query_mentions(limit=10, offset=3).column("cameo").to_pylist() == ["010"]
    assert everything.column_names == list(STORE_MENTION_COLUMNS)


@pytest.mark.parametrize(
    ("filters", "code"),
    [({"root": "21"}, "E419"), ({"root": "x"}, "E419"), ({"dyad": "USA"}, "E415"), ({"date_from": "yesterday"}, "E421"),
     ({"quad_class": 5}, "E420"), ({"cameo": "19%"}, "E417"), ({"actor": ""}, "E416"), ({"limit": -1}, "E412")],
)  # fmt: skip
def test_bad_filters_raise_usage_error(store, filters, code):
    """Each bad filter has its own code (docs/errors.md)."""
    with pytest.raises(UsageError) as info:
        store.query_mentions(**filters)
    assert info.value.code == code


def test_leading_zero_codes_survive_a_reopen(tmp_path):
    path = tmp_path / "ew.duckdb"
    with Store.open(path) as writer:
        writer.write(*sample_batch())
    with Store.open(path, read_only=True) as reader:
        table = reader.query_mentions(root=["01", "02"])
    assert table.schema.field("cameo").type == pa.string()
    assert sorted(table.column("cameo").to_pylist()) == ["010", "0256"]
    assert sorted(table.column("cameo_root").to_pylist()) == ["01", "02"]


def test_rewriting_the_same_batch_changes_nothing(store):
    before = store.query_mentions().sort_by("mention_id")
    stats = store.write(*sample_batch())
    assert stats.mentions == 4
    assert stats.mentions_replaced == 4
    assert store.counts() == {"articles": 2, "mentions": 4, "rejects": 1, "events": 0, "watched": 0,
                              "schema_version": LATEST_VERSION}
    assert store.query_mentions().sort_by("mention_id").equals(before)


def test_recoding_an_article_replaces_its_mentions_and_upserts_it(store):
    _, mentions, _ = sample_batch()
    recoded = Article(id="a1", text=A1_TEXT, date=date(2020, 1, 8), title="Strikes (updated)")
    stats = store.write([recoded], [mentions[0]], [])
    assert stats.mentions_replaced == 3
    assert store.counts()["articles"] == 2
    assert cameos(store.query_mentions()) == {"195", "186"}  # a2 untouched
    assert store.get_article("a1").title == "Strikes (updated)"
    # an article re-coded with no events keeps no stale mentions
    store.write([recoded], [], [])
    assert cameos(store.query_mentions()) == {"186"}


def test_same_identity_in_one_batch_is_stored_once(store):
    _, mentions, _ = sample_batch()
    twin = mentions[0]
    other_text = EventMention(**{**{f: getattr(twin, f) for f in twin.__dataclass_fields__}, "sentence": "x"})
    stats = store.write([], [twin, other_text], [])
    assert mention_id(twin) == mention_id(other_text)
    assert (stats.mentions, stats.duplicate_mentions) == (1, 1)
    assert store.counts()["mentions"] == 4


def test_mention_id_is_stable_and_distinguishes_identity():
    _, mentions, _ = sample_batch()
    assert mention_id(mentions[0]) == mention_id(sample_batch()[1][0])
    assert len({mention_id(m) for m in mentions}) == 4


def test_rejects_are_not_duplicated(store):
    store.write([], [], [Reject(origin="in.jsonl", line=3, code="E205", reason="malformed JSON, again")])
    store.write([], [], [Reject(origin="-", reason="empty", code="E203")] * 2)
    store.write([], [], [Reject(origin="-", reason="empty input", code="E203")])
    rows = store.rejects().to_pylist()
    assert [(r["origin"], r["line"], r["code"], r["reason"]) for r in rows] == [
        ("-", None, "E203", "empty input"),
        ("in.jsonl", 3, "E205", "malformed JSON, again"),
    ]


def test_rows_rebuild_the_mentions_with_their_evidence(store):
    _, mentions, _ = sample_batch()
    rows = store.query_mentions().to_pylist()
    by_id = {row["mention_id"]: mention_from_row(row) for row in rows}
    for original in mentions:
        rebuilt = by_id[mention_id(original)]
        assert rebuilt == original
        assert rebuilt.rule == original.rule
    assert by_id[mention_id(mentions[0])].source.entry == "countries.yaml:12"


def test_migrates_a_version_1_database(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, path=str(path), upto=1) == [1]
    con.execute(
        "INSERT INTO mentions (mention_id, article_id, sentence_index, cameo, cameo_root, source_code)"
        " VALUES ('m-old', 'old', 0, '0256', '02', 'IGOUNO')"
    )
    con.close()

    with pytest.raises(StoreError) as info:
        Store.open(path, read_only=True)
    assert info.value.code == "E304"
    assert "open it once for writing" in info.value.message

    with Store.open(path) as migrated:
        assert migrated.schema_version == LATEST_VERSION
        old = migrated.query_mentions(actor="IGO").to_pylist()
        assert [(r["mention_id"], r["cameo"], r["sentence_start"], r["rule"]) for r in old] == [
            ("m-old", "0256", 0, None)
        ]
        migrated.write(*sample_batch())
        assert migrated.counts()["mentions"] == 5
    with Store.open(path, read_only=True) as reader:
        assert reader.schema_version == LATEST_VERSION


def test_refuses_a_database_from_a_newer_eventwire(tmp_path):
    path = tmp_path / "new.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, 'future', now())", [LATEST_VERSION + 1])
    con.close()
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert info.value.code == "E304"


def test_read_only_store_refuses_writes_and_closed_store_refuses_everything(tmp_path):
    path = tmp_path / "ew.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as reader:
        with pytest.raises(StoreError) as info:
            reader.write(*sample_batch())
        assert info.value.code == "E306"
    with pytest.raises(StoreError) as info:
        reader.counts()
    assert info.value.code == "E307"


def test_opening_a_missing_store_read_only_fails(tmp_path):
    with pytest.raises(StoreError) as info:
        Store.open(tmp_path / "absent.duckdb", read_only=True)
    assert info.value.code == "E302"


_OPEN_IN_CHILD = """
import sys
from eventwire.errors import StoreError
from eventwire.store import Store
try:
    Store.open(sys.argv[1], read_only=sys.argv[2] == "ro").close()
except StoreError as exc:
    print(exc.code)
    print(exc.message)
else:
    print("opened")
"""


@pytest.mark.parametrize("mode", ["rw", "ro"])
def test_second_process_is_told_who_holds_the_lock(tmp_path, mode):
    path = tmp_path / "locked.duckdb"
    src = Path(store_pkg.__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")])),
    }
    with Store.open(path):
        child = subprocess.run(
            [sys.executable, "-c", _OPEN_IN_CHILD, str(path), mode],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
    assert child.returncode == 0, child.stderr
    code, message = child.stdout.splitlines()[:2]
    assert code == "E301"
    assert f"held by process {os.getpid()}" in message
    assert str(path) in message
    # and once the writer has gone, the same child opens it
    after = subprocess.run(
        [sys.executable, "-c", _OPEN_IN_CHILD, str(path), mode],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert after.stdout.strip() == "opened", after.stderr


def test_a_failed_write_keeps_nothing_of_its_batch(store):
    _, mentions, _ = sample_batch()
    broken = EventMention(**{**{f: getattr(mentions[0], f) for f in mentions[0].__dataclass_fields__},
                             "article_id": "a3", "cameo": None})  # fmt: skip
    fresh = Article(id="a3", text="text", date=date(2020, 1, 9))
    with pytest.raises(StoreError) as info:
        store.write([fresh], [broken], [Reject(origin="x", reason="r", code="E203")])
    assert info.value.code == "E303"
    assert "nothing was kept" in info.value.message  # failed inside the transaction, which was rolled back
    assert store.counts() == {"articles": 2, "mentions": 4, "rejects": 1, "events": 0, "watched": 0,
                              "schema_version": LATEST_VERSION}
    assert store.get_article("a3") is None
