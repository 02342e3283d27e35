"""Store.store_batch: one transaction for a batch and its events, a merge that reads only the batch's
neighbourhood, the last result of a repeated id, an article the store cannot take as an E506 reject, and
every reject kept. Hand-made records; no spaCy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.model import ActorRef, Article, ArticleResult, EventMention, Reject, Span
from eventwire.store import Store
from eventwire.store.merge import update_events

D = date(2020, 1, 8)


def _actor(code: str) -> ActorRef:
    return ActorRef(code, code, code[:3], code[3:] or None, code, 0, 3)


def _mention(article_id: str, s: int, cameo: str, source: str, target: str, day: date = D) -> EventMention:
    return EventMention(
        article_id=article_id, sentence_index=s, sentence=f"{source} {cameo} {target}", publication_date=day,
        event_date=day, date_basis="relative", source=_actor(source), target=_actor(target), cameo=cameo,
        cameo_root=cameo[:2], cameo_name=cameo, goldstein=-10.0, quad_class=4, plover_type=None, plover_mode=None,
        trigger=Span("x", s, s + 1), confidence=0.7, date_granularity="day",
    )  # fmt: skip


def _result(article_id: str, *mentions: EventMention, text: str = "...", day: date = D) -> ArticleResult:
    return ArticleResult(Article(article_id, text, day, origin=f"in.jsonl:{article_id}"), tuple(mentions))


def _events(store: Store) -> list[tuple]:
    return sorted(store.connection().execute("SELECT * FROM events").fetchall(), key=repr)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "s.duckdb") as opened:
        yield opened


def _background(store: Store, n: int) -> None:
    """``n`` articles, one a day going back from a week before the batch, each reporting the batch's own
    dyad and root (a chain of days that link to each other), merged."""
    results = []
    for i in range(n):
        day = D - timedelta(days=8 + i)
        results.append(_result(f"bg{i}", _mention(f"bg{i}", 0, "195", "IRN", "USAMIL", day), day=day))
        if len(results) == 500:
            store.store_batch(results)
            results = []
    store.store_batch(results)


def _neighbourhood() -> list[ArticleResult]:
    return [_result(f"nb{i}", _mention(f"nb{i}", 0, "195", "IRN", "USAMIL", D - timedelta(days=i % 2))) for i in range(20)]


@pytest.mark.parametrize("background", [100, 1_500])
def test_a_batch_merge_reads_its_neighbourhood_not_the_store(tmp_path: Path, background: int) -> None:
    """The same batch merged into stores of 100 and 1,500 earlier days of its dyad reads the same rows:
    the mentions of the cells within two windows of its days and their events, not the dyad's history."""
    with Store.open(tmp_path / f"bg{background}.duckdb") as store:
        _background(store, background)
        store.store_batch(_neighbourhood())
        batch = [_result("new1", _mention("new1", 0, "195", "IRN", "USAMIL")), _result("new2", _mention("new2", 0, "190", "IRN", "USA"))]
        merged = store.store_batch(batch).merge
        assert merged is not None and not merged.full
        # The 20 neighbours on the batch's days and the batch itself, never the store's other mentions.
        assert (merged.candidates, merged.mentions, merged.events_removed) == (22, 22, 1)
        incremental = _events(store)
        update_events(store)  # a full recompute gives the same events
        assert _events(store) == incremental


def test_batch_and_events_are_committed_together(store: Store) -> None:
    outcome = store.store_batch(_neighbourhood(), [Reject("in.jsonl", "malformed JSON", "E205", 3)])
    assert outcome.write.articles == 20 and outcome.merge is not None and outcome.rejected == ()
    con = store.connection()
    assert con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchall() == [(0,)]
    assert con.execute("SELECT count(*), sum(num_mentions) FROM events").fetchall() == [(1, 20)]


def test_a_repeated_id_in_a_batch_keeps_its_last_result(store: Store) -> None:
    first = _result("dup", _mention("dup", 0, "195", "IRN", "USAMIL"), _mention("dup", 1, "190", "IRN", "USA"), text="first")
    second = _result("dup", _mention("dup", 0, "173", "IRQ", "IRN"), text="second")
    store.store_batch([first, second])
    con = store.connection()
    assert con.execute("SELECT text FROM articles").fetchall() == [("second",)]
    assert con.execute("SELECT cameo FROM mentions").fetchall() == [("173",)]


def test_an_article_the_store_cannot_take_is_an_e506_reject(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import store as store_module

    real = store_module.article_row

    def article_row(article, now):
        if article.id == "poison":
            raise ValueError("cannot convert this article")
        return real(article, now)

    monkeypatch.setattr(store_module, "article_row", article_row)
    batch = [*_neighbourhood()[:3], _result("poison", _mention("poison", 0, "195", "IRN", "USAMIL")), *_neighbourhood()[3:6]]
    outcome = store.store_batch(batch)
    (rejected,) = outcome.rejected
    assert (rejected.code, rejected.article_id) == ("E506", "poison") and "ValueError: cannot convert" in rejected.reason
    con = store.connection()
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(6,)]
    assert con.execute("SELECT code, article_id FROM rejects").fetchall() == [("E506", "poison")]
    assert con.execute("SELECT sum(num_mentions) FROM events").fetchall() == [(6,)]


def test_when_no_article_can_be_stored_the_store_is_at_fault(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import store as store_module

    def broken(article, now):
        raise ValueError("disk on fire")

    monkeypatch.setattr(store_module, "article_row", broken)
    with pytest.raises(ValueError, match="disk on fire"):
        store.store_batch(_neighbourhood()[:3])
    assert store.connection().execute("SELECT count(*) FROM rejects").fetchall() == [(0,)]


def test_every_reject_is_stored_even_many_on_one_line(store: Store) -> None:
    rejects = [Reject("one_line.json", "expected a JSON object, got int", "E205", 1, item) for item in range(0, 10_000, 10)]
    coded = [_result(f"i{i}") for i in range(10_000) if i % 10]
    for start in range(0, len(coded), 3000):
        store.store_batch(coded[start : start + 3000], rejects if start == 0 else ())
    counts = store.counts()
    assert counts["rejects"] == 1_000 and counts["articles"] == 9_000
    store.store_batch([], rejects)  # storing the same rejects again replaces them
    assert store.counts()["rejects"] == 1_000


def test_coding_an_article_clears_its_earlier_failure(store: Store) -> None:
    article = Article("a1", "Iran fired.", D, origin="in.jsonl:1")
    failure = Reject("in.jsonl:1", "events failed: RecursionError", "E503", article_id="a1")
    store.store_batch([ArticleResult(article, rejects=(failure,), coded=False)])
    con = store.connection()
    assert con.execute("SELECT code FROM rejects").fetchall() == [("E503",)]
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]  # a failed article is not stored
    store.store_batch([ArticleResult(article, (_mention("a1", 0, "195", "IRN", "USAMIL"),))])
    assert con.execute("SELECT count(*) FROM rejects").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]


def test_a_read_only_store_refuses_batches(tmp_path: Path) -> None:
    Store.open(tmp_path / "r.duckdb").close()
    with Store.open(tmp_path / "r.duckdb", read_only=True) as ro, pytest.raises(StoreError) as err:
        ro.store_batch(_neighbourhood()[:1])
    assert err.value.code == "E306"


def test_a_batch_rewrites_only_the_events_it_changes(store: Store) -> None:
    """Two events on one day and root (so both in a batch's region): a batch that joins one of them deletes and
    writes that one only; the other's row stays where it was (the same row id), and a full recompute agrees."""
    store.store_batch([
        _result("a1", _mention("a1", 0, "195", "IRN", "USAMIL")),
        _result("b1", _mention("b1", 0, "190", "RUS", "UKRMIL")),
    ])  # fmt: skip
    con = store.connection()
    before = dict(con.execute("SELECT source_code, rowid FROM events").fetchall())
    merged = store.store_batch([_result("a2", _mention("a2", 0, "195", "IRN", "USAMIL"))]).merge
    assert merged is not None and merged.candidates == 3  # the region holds both events
    assert merged.events == 2 and merged.events_removed == 1
    after = dict(con.execute("SELECT source_code, rowid FROM events").fetchall())
    assert after["RUS"] == before["RUS"] and after["IRN"] != before["IRN"]
    assert con.execute("SELECT num_mentions FROM events WHERE source_code = 'IRN'").fetchall() == [(2,)]
    incremental = _events(store)
    update_events(store)
    assert _events(store) == incremental


def test_a_recoded_sentence_reaches_its_event_when_nothing_else_changes(store: Store) -> None:
    """The same mention (same id: article, sentence index, trigger, code, actors) with a corrected sentence: the
    event's row is otherwise the same, and still its evidence sentence is the new one (the region carries no
    sentences; an event with a mention of the batch's articles is always written again)."""
    store.store_batch([_result("a1", _mention("a1", 0, "195", "IRN", "USAMIL"))])
    fixed = replace(_mention("a1", 0, "195", "IRN", "USAMIL"), sentence="Iran struck US troops.")
    store.store_batch([_result("a1", fixed)])
    con = store.connection()
    assert con.execute("SELECT evidence_sentence FROM events").fetchall() == [("Iran struck US troops.",)]
    incremental = _events(store)
    update_events(store)
    assert _events(store) == incremental
