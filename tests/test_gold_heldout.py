"""Structural checks on the held-out gold set ``tests/gold/heldout.jsonl``.

The held-out set is written by hand and never tuned on; these tests only guard its shape (every line a
well-formed record, CAMEO-looking codes that exist in the ontology, CAMEO-style actor codes) and the
coverage it promises (25+ sentences with no event, every CAMEO root at least five times).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "gold" / "heldout.jsonl"

RECORD_KEYS = {"id", "text", "date", "tags", "events"}
EVENT_KEYS = {"source", "target", "cameo", "negated", "hypothetical", "attributed_to"}
ACTOR_RE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
CAMEO_RE = re.compile(r"^[0-9]{2,4}$")
ID_RE = re.compile(r"^h[0-9]{4}$")
ROOTS = [f"{n:02d}" for n in range(1, 21)]


def _load() -> list[dict]:
    records = []
    with GOLD.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert line.strip(), f"{GOLD.name}:{lineno}: blank line"
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - the message is the point
                pytest.fail(f"{GOLD.name}:{lineno}: not JSON: {exc}")
    return records


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return _load()


def _events(records: list[dict]):
    for rec in records:
        for ev in rec["events"]:
            yield rec["id"], ev


def test_file_has_the_promised_size(records):
    assert len(records) >= 160


def test_every_record_has_exactly_the_keys(records):
    for rec in records:
        assert set(rec) == RECORD_KEYS, rec.get("id")
        assert isinstance(rec["text"], str) and rec["text"].strip(), rec["id"]
        assert isinstance(rec["tags"], list) and all(isinstance(t, str) for t in rec["tags"]), rec["id"]
        assert isinstance(rec["events"], list), rec["id"]
        dt.date.fromisoformat(rec["date"])  # raises on a malformed date
        assert "2014-01-01" <= rec["date"] <= "2026-12-31", rec["id"]


def test_ids_are_well_formed_and_unique(records):
    ids = [rec["id"] for rec in records]
    assert all(ID_RE.match(i) for i in ids), [i for i in ids if not ID_RE.match(i)]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, dupes


def test_every_event_is_well_formed(records):
    for rid, ev in _events(records):
        assert set(ev) == EVENT_KEYS, rid
        assert isinstance(ev["cameo"], str) and CAMEO_RE.match(ev["cameo"]), (rid, ev["cameo"])
        assert isinstance(ev["negated"], bool) and isinstance(ev["hypothetical"], bool), rid
        assert ev["source"] is not None or ev["target"] is not None, f"{rid}: mention with no actor"
        for key in ("source", "target", "attributed_to"):
            code = ev[key]
            assert code is None or (isinstance(code, str) and ACTOR_RE.match(code)), (rid, key, code)


def test_no_event_tag_matches_empty_events(records):
    for rec in records:
        assert ("no_event" in rec["tags"]) == (not rec["events"]), rec["id"]


def test_at_least_25_sentences_without_events(records):
    assert sum(1 for rec in records if not rec["events"]) >= 25


def test_every_root_present_at_least_five_times(records):
    roots = Counter(ev["cameo"][:2] for _, ev in _events(records))
    thin = {r: roots.get(r, 0) for r in ROOTS if roots.get(r, 0) < 5}
    assert not thin, thin


def test_codes_exist_in_the_ontology(records):
    ontology = pytest.importorskip("eventwire.ontology")
    onto = ontology.load_ontology()
    unknown = sorted({(rid, ev["cameo"]) for rid, ev in _events(records) if ev["cameo"] not in onto})
    assert not unknown, unknown
