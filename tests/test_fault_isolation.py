"""A failure in any stage rejects the one article it happened on (E5xx), never its batch.

Each test makes one component raise for one "poisoned" article and checks that the others are coded
exactly as in a run without the poison, and that the poisoned one comes back as a reject with its
stage's code, the exception's type and its message.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

import pytest

from eventwire import Article, Pipeline, Settings
from eventwire.errors import CodingError
from eventwire.model import ArticleResult

pytestmark = pytest.mark.slow

POISON = "Zanzibarian"  # a word no good article holds
GOOD = [
    "Iran fired missiles at US forces in Iraq on Wednesday.",
    "Kenyan police arrested dozens of protesters in Nairobi.",
    "France imposed sanctions on Iran over its nuclear programme.",
    "Russia attacked Ukraine on Tuesday.",
]
DAY = date(2020, 1, 8)


def _articles(poison_at: int | None = 2) -> list[Article]:
    texts = list(GOOD)
    if poison_at is not None:
        texts.insert(poison_at, f"The {POISON} army attacked rebels near Goma.")
    return [Article(id=f"a{i}", text=t, date=DAY, origin=f"in.jsonl:{i + 1}") for i, t in enumerate(texts)]


def _poisoned(text: str) -> bool:
    return POISON in text


def _raise_for_poison(original, text_of, exc: BaseException):
    def wrapper(*args, **kwargs):
        if _poisoned(text_of(*args, **kwargs)):
            raise exc
        return original(*args, **kwargs)

    return wrapper


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    p = Pipeline(Settings(batch_size=8))
    p.warm_up()
    return p


@pytest.fixture(scope="module")
def baseline(pipeline) -> dict[str, tuple]:
    """Mentions of the good articles without any poison."""
    return {r.article.text: _anonymous(r.mentions) for r in pipeline.code(_articles(poison_at=None))}


def _anonymous(mentions) -> tuple:
    """Mentions without their article id (inserting the poison shifts the ids of the articles after it)."""
    return tuple(replace(m, article_id="") for m in mentions)


def _check(results: list[ArticleResult], baseline: dict[str, tuple], code: str, *in_reason: str) -> None:
    assert [r.article.id for r in results] == [f"a{i}" for i in range(len(GOOD) + 1)]  # input order kept
    bad = [r for r in results if _poisoned(r.article.text)]
    good = [r for r in results if not _poisoned(r.article.text)]
    assert len(bad) == 1 and not bad[0].coded and bad[0].mentions == ()
    (reject,) = bad[0].rejects
    assert reject.code == code, reject
    assert reject.article_id == bad[0].article.id and reject.origin == bad[0].article.origin
    for part in in_reason:
        assert part in reject.reason, reject.reason
    for r in good:
        assert r.coded and r.rejects == ()
        assert _anonymous(r.mentions) == baseline[r.article.text]
    assert sum(len(r.mentions) for r in good) >= 4  # the good ones were really coded


def test_parse_failure_falls_back_to_one_by_one(pipeline, baseline, monkeypatch):
    nlp = pipeline.nlp

    class FlakyNlp:
        """spaCy that fails on any batch or text holding the poison."""

        vocab = nlp.vocab

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            if any(_poisoned(t) for t in texts):
                raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
            return nlp.pipe(texts, **kwargs)

        def __call__(self, text):
            if _poisoned(text):
                raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
            return nlp(text)

    monkeypatch.setattr(Pipeline, "nlp", property(lambda self: FlakyNlp()))
    results = list(pipeline.code(_articles()))
    _check(results, baseline, "E501", "parse failed", "UnicodeEncodeError")


def test_actor_matching_failure(pipeline, baseline, monkeypatch):
    matcher = pipeline.actor_matcher
    monkeypatch.setattr(matcher, "match", _raise_for_poison(matcher.match, lambda doc, **_: doc.text, KeyError("IRN")))
    _check(list(pipeline.code(_articles())), baseline, "E502", "actors failed", "KeyError")


def test_extraction_recursion_error(pipeline, baseline, monkeypatch):
    """A real RecursionError (as the speech-act bug raised), not a stand-in."""
    extractor = pipeline.extractor
    original = extractor.extract

    def extract(sent, index, **kwargs):
        if _poisoned(sent.text):
            def down(n: int) -> int:
                return down(n + 1) + 1

            down(0)
        return original(sent, index, **kwargs)

    monkeypatch.setattr(extractor, "extract", extract)
    _check(list(pipeline.code(_articles())), baseline, "E503", "events failed in sentence 0", "RecursionError")


def test_dating_overflow(pipeline, baseline, monkeypatch):
    timex = pipeline.timex
    boom = OverflowError("date value out of range")
    monkeypatch.setattr(timex, "find", _raise_for_poison(timex.find, lambda doc, *a, **k: doc.text, boom))
    _check(list(pipeline.code(_articles())), baseline, "E504", "dates failed", "OverflowError: date value out of range")


def test_placing_memory_error(pipeline, baseline, monkeypatch):
    geo = pipeline.geo
    monkeypatch.setattr(geo, "toponyms", _raise_for_poison(geo.toponyms, lambda doc: doc.text, MemoryError()))
    _check(list(pipeline.code(_articles())), baseline, "E505", "places failed", "MemoryError")


def test_keyboard_interrupt_still_stops_the_run(pipeline, monkeypatch):
    extractor = pipeline.extractor
    monkeypatch.setattr(
        extractor, "extract", _raise_for_poison(extractor.extract, lambda sent, *a, **k: sent.text, KeyboardInterrupt())
    )
    with pytest.raises(KeyboardInterrupt):
        list(pipeline.code(_articles()))


def test_time_budget_rejects_with_e508(pipeline):
    (result,) = pipeline.code_batch(_articles(poison_at=None)[:1], budget_s=-1.0)
    assert not result.coded and result.rejects[0].code == "E508" and "time budget" in result.rejects[0].reason


def test_code_text_raises_only_eventwire_errors(pipeline, monkeypatch):
    from eventwire.pipeline import code_text, pipeline_for

    shared = pipeline_for(Settings())
    shared.warm_up()
    monkeypatch.setattr(
        shared.extractor, "extract",
        _raise_for_poison(shared.extractor.extract, lambda sent, *a, **k: sent.text, ZeroDivisionError("x")),
    )  # fmt: skip
    with pytest.raises(CodingError) as err:
        code_text(f"The {POISON} army attacked rebels.", date=DAY)
    assert err.value.code == "E503" and "ZeroDivisionError" in err.value.message
    assert isinstance(err.value.__cause__, ZeroDivisionError)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is injected into forked workers")
def test_a_worker_process_that_dies_rejects_only_its_article(baseline, monkeypatch):
    """A worker killed while coding (here: os._exit, as a segfault or the OOM killer would) breaks the pool;
    its batch is run again article by article and only the article that kills its process is rejected."""
    from eventwire.events.extract import EventExtractor

    original = EventExtractor.extract

    def extract(self, sent, index, **kwargs):
        if _poisoned(sent.text):
            os._exit(3)
        return original(self, sent, index, **kwargs)

    monkeypatch.setattr(EventExtractor, "extract", extract)  # inherited by the forked workers
    results = list(Pipeline(Settings(workers=2, batch_size=2)).code(_articles()))
    _check(results, baseline, "E507", "worker process", "died")
