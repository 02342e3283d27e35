"""Mention exports: JSONL is exactly the contract, CSV is its flat form, store results print the same."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from eventwire.export import (
    flat_rows_from_table,
    mention_rows_from_table,
    write_csv,
    write_csv_table,
    write_jsonl,
    write_jsonl_table,
)
from eventwire.model import ActorRef, Article, EventMention, Place, Span
from eventwire.store import MENTION_COLUMNS, Store

TEXT = "UNAMI urged restraint after Iran's missile strikes on Ayn al-Asad, near بغداد."


def _mentions() -> list[EventMention]:
    unami = ActorRef("IGOUNO", "United Nations", "IGOUNO", None, "UNAMI", 0, 5)
    iran = ActorRef("IRNMIL", "Iran military", "IRN", "MIL", "Iran's missile", 28, 42)
    usa = ActorRef("USAMIL", "US forces", "USA", "MIL", "US forces", 60, 69)
    appeal = EventMention(
        article_id="art-1", sentence_index=0, sentence=TEXT, publication_date=date(2020, 1, 8),
        event_date=date(2020, 1, 8), date_basis="publication", source=unami, target=None,
        cameo="0256", cameo_root="02", cameo_name="Appeal for de-escalation of military engagement",
        goldstein=3.0, quad_class=1, plover_type="REQUEST", plover_mode=None, trigger=Span("urged", 6, 11),
        confidence=0.91234,
    )  # fmt: skip
    strike = EventMention(
        article_id="art-1", sentence_index=0, sentence=TEXT, publication_date=date(2020, 1, 8),
        event_date=date(2020, 1, 7), date_basis="relative", source=iran, target=usa,
        cameo="195", cameo_root="19", cameo_name="Employ aerial weapons", goldstein=-10.0, quad_class=4,
        plover_type="ASSAULT", plover_mode="aerial weapons", trigger=Span("strikes", 43, 50),
        attributed_to=unami, location=Place("بغداد", "IRQ", "Baghdad", 33.34, 44.4, "city", 72, 77),
        hypothetical=True,
    )  # fmt: skip
    statement = EventMention(
        article_id="art-2", sentence_index=3, sentence="Iraq said nothing.", publication_date=None,
        event_date=None, date_basis=None, source=ActorRef("IRQ", "Iraq", "IRQ", None, "Iraq", 0, 4),
        target=None, cameo="010", cameo_root="01", cameo_name="Make statement", goldstein=0.0,
        quad_class=1, plover_type=None, plover_mode=None, trigger=Span("said", 5, 9), negated=True,
    )  # fmt: skip
    return [appeal, strike, statement]


def test_jsonl_is_exactly_to_dict_in_contract_order():
    mentions = _mentions()
    out = io.StringIO()
    assert write_jsonl(mentions, out) == 3
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    for line, original in zip(lines, mentions, strict=True):
        record = json.loads(line)
        assert record == original.to_dict()
        assert list(record) == list(original.to_dict())
    assert "بغداد" in out.getvalue()  # ensure_ascii=False
    assert json.loads(lines[0])["cameo"] == "0256"
    assert json.loads(lines[0])["confidence"] == 0.912


def test_csv_has_the_flat_header_once_and_one_row_per_mention():
    mention = _mentions()[1]
    out = io.StringIO(newline="")
    assert write_csv([mention], out) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == list(MENTION_COLUMNS)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["source_code"] == "IRNMIL"
    assert row["target_country"] == "USA"
    assert row["cameo"] == "195"
    assert row["cameo_root"] == "19"
    assert row["event_date"] == "2020-01-07"
    assert row["plover_mode"] == "aerial weapons"
    assert row["location_name"] == "بغداد"
    assert row["trigger_start"] == "43"
    assert row["negated"] == "false"
    assert row["hypothetical"] == "true"
    assert row["attributed_to_code"] == "IGOUNO"


def test_csv_keeps_leading_zeros_and_writes_nulls_empty():
    out = io.StringIO(newline="")
    write_csv([_mentions()[2]], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["cameo"], row["cameo_root"]) == ("010", "01")
    assert row["target_code"] == ""
    assert row["publication_date"] == ""


def test_empty_csv_still_has_its_header():
    out = io.StringIO(newline="")
    assert write_csv([], out) == 0
    assert out.getvalue() == ",".join(MENTION_COLUMNS) + "\n"


@pytest.fixture
def stored():
    mentions = _mentions()
    with Store.open(":memory:") as store:
        store.write(
            [
                Article(id="art-1", text=TEXT, date=date(2020, 1, 8)),
                Article(id="art-2", text="Iraq said nothing."),
            ],
            mentions,
            [],
        )
        yield store, mentions


def _by_key(records):
    return sorted(records, key=lambda r: (r["article_id"], r["sentence_index"], r["trigger"]["start"]))


def test_store_results_re_nest_to_the_jsonl_contract(stored):
    store, mentions = stored
    rebuilt = _by_key(mention_rows_from_table(store.query_mentions()))
    expected = _by_key([m.to_dict() for m in mentions])
    assert rebuilt == expected
    assert [list(r) for r in rebuilt] == [list(r) for r in expected]


def test_store_jsonl_and_csv_print_what_code_prints(stored):
    store, mentions = stored
    table = store.query_mentions()
    order = {
        (r["article_id"], r["trigger"]["start"]): i for i, r in enumerate(mention_rows_from_table(table))
    }
    in_store_order = sorted(mentions, key=lambda m: order[(m.article_id, m.trigger.start)])

    direct, from_store = io.StringIO(), io.StringIO()
    write_jsonl(in_store_order, direct)
    assert write_jsonl_table(table, from_store) == 3
    assert from_store.getvalue() == direct.getvalue()

    direct, from_store = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv(in_store_order, direct)
    assert write_csv_table(table, from_store) == 3
    assert from_store.getvalue() == direct.getvalue()


def test_streamed_batches_give_the_same_rows(stored):
    store, _ = stored
    whole = list(mention_rows_from_table(store.query_mentions()))
    batches = list(store.iter_mention_batches(batch_size=1))
    assert len(batches) == 3
    assert list(mention_rows_from_table(iter(batches))) == whole
    assert [list(r) for r in flat_rows_from_table(batches[0])] == [list(MENTION_COLUMNS)]
