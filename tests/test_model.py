"""The JSONL contract of docs/contracts.md, pinned on the records themselves."""

from __future__ import annotations

from datetime import date

from eventwire.model import ActorRef, EventMention, Span

CONTRACT = [
    "article_id", "sentence_index", "sentence", "publication_date", "event_date", "date_basis", "source", "target",
    "cameo", "cameo_root", "cameo_name", "goldstein", "quad_class", "plover", "location", "trigger", "negated",
    "hypothetical", "attributed_to", "confidence",
    # extra keys after the contract (issue 4): how precise and how sure the event date is
    "date_granularity", "date_confidence", "date_flags",
]  # fmt: skip
ACTOR = ["code", "name", "country", "sector", "text", "start", "end"]


def _mention(**changes) -> EventMention:
    base = dict(
        article_id="a1", sentence_index=0, sentence="Iran fired missiles at US forces.",
        publication_date=date(2020, 1, 8), event_date=date(2020, 1, 8), date_basis="publication",
        source=ActorRef("IRN", "Iran", "IRN", None, "Iran", 0, 4, entry="countries.yaml:1"),
        target=ActorRef("USAMIL", "US military", "USA", "MIL", "US forces", 23, 32),
        cameo="0256", cameo_root="02", cameo_name="Appeal for de-escalation of military engagement",
        goldstein=3.0, quad_class=1, plover_type="REQUEST", plover_mode=None,
        trigger=Span("fired", 5, 10),
    )  # fmt: skip
    base.update(changes)
    return EventMention(**base)


def test_mention_fields_are_exactly_the_contract():
    d = _mention().to_dict()
    assert list(d) == CONTRACT
    assert list(d["source"]) == ACTOR
    assert d["plover"] == {"type": "REQUEST", "mode": None}
    assert d["trigger"] == {"text": "fired", "start": 5, "end": 10}


def test_codes_are_strings_and_dates_iso():
    d = _mention().to_dict()
    assert d["cameo"] == "0256" and d["cameo_root"] == "02"
    assert d["publication_date"] == "2020-01-08"


def test_dictionary_provenance_is_not_in_the_contract():
    assert "entry" not in _mention().to_dict()["source"]


def test_null_actors_and_dates():
    d = _mention(source=None, publication_date=None, event_date=None, date_basis=None).to_dict()
    assert d["source"] is None and d["publication_date"] is None and d["attributed_to"] is None


def test_date_end_is_the_last_key_and_only_for_a_range():
    assert "date_end" not in _mention().to_dict()
    d = _mention(date_end=date(2020, 1, 10)).to_dict()
    assert list(d) == [*CONTRACT, "date_end"] and d["date_end"] == "2020-01-10"
