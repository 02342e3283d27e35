"""Cost of placing and dating events grows linearly with the article, counted in work units, not seconds.

Before the place index, every event compared every toponym with every actor span of the article: an article
of the same short sentence repeated 1,000 times took 82 s. Here the work counters of ``PlaceIndex`` and
``DateIndex`` (toponyms and spans compared, parse nodes and expressions examined) must roughly double when
the article doubles.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.geo import PlaceIndex
from eventwire.geo.locate import dominant
from eventwire.geo.toponyms import Toponym
from eventwire.timex import TimexTagger

pytestmark = pytest.mark.slow

# Sentences of the classes that made the cost quadratic: a country acting on a country (actor spans that
# overlap toponyms), a place after a preposition, a date per sentence, and a sentence with no place at all.
SENTENCES = (
    "Iran attacked Iraq on Monday.",
    "Turkish jets struck villages near Dohuk late on Tuesday.",
    "Russia shelled Kharkiv and Izium in the east on March 3.",
    "The minister said talks would resume next week.",
)


def _article(n: int) -> str:
    return " ".join(SENTENCES[i % len(SENTENCES)] for i in range(n))


def _place_work(nlp, geo, n: int) -> tuple[int, int]:
    doc = nlp(_article(n))
    tops = geo.toponyms(doc)
    # Every country named is also an actor span, as the pipeline passes them: the worst case for the index.
    actors = [(t.start, t.end) for t in tops if t.feature == "country"]
    index = geo.index(doc, tops, exclude_spans=actors)
    triggers = [t.i for t in doc if t.pos_ == "VERB"]
    for trigger in triggers:
        index.locate_all(trigger)
        index.locate_all(trigger, allow=set(actors[:3]))
    return index.work, len(triggers)


def _date_work(nlp, n: int) -> int:
    doc = nlp(_article(n))
    tagger = TimexTagger()
    published = date(2020, 3, 5)
    timexes = tagger.find(doc, published)
    triggers = [t.i for t in doc if t.pos_ == "VERB"]
    dater = tagger.dater(doc, timexes, published, event_tokens=triggers)
    for trigger in triggers:
        dater.date(trigger)
    return dater.work


def test_placing_every_event_costs_work_linear_in_the_article(nlp, geo):
    small, events_small = _place_work(nlp, geo, 40)
    big, events_big = _place_work(nlp, geo, 160)
    assert events_big >= 3.5 * events_small
    # 4x the article: about 4x the work (a quadratic index would be about 16x).
    assert big <= 5 * small, (small, big)


def test_dating_every_event_costs_work_linear_in_the_article(nlp):
    small, big = _date_work(nlp, 40), _date_work(nlp, 160)
    assert big <= 5 * small, (small, big)


def test_index_gives_the_same_places_as_a_plain_search(nlp, geo):
    """The index answers what a plain search over every toponym answers (the code before the index), with
    actor spans excluded and then allowed again."""
    doc = nlp(_article(12))
    tops = geo.toponyms(doc)
    actors = [(t.start, t.end) for t in tops if t.feature == "country"]
    index = geo.index(doc, tops, exclude_spans=actors)
    checked = 0
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        assert index.locate(tok.i) == _plain(doc, tok.i, tops, actors)
        assert index.locate(tok.i, allow=set(actors)) == _plain(doc, tok.i, tops, [])
        checked += 1
    assert checked >= 12


def _plain(doc, trigger, tops, excluded) -> tuple[Toponym | None, str | None]:
    usable = [t for t in tops if not t.metonymic and not any(s < t.end and t.start < e for s, e in excluded)]
    hit = PlaceIndex(doc, usable).attached(trigger)
    if hit is not None:
        return hit, "attached"
    sent = doc[trigger].sent
    near = [t for t in usable if sent.start <= t.token_start < sent.end]
    if near:
        def distance(t):
            if t.token_start <= trigger < t.token_end:
                return 0
            return t.token_start - trigger if t.token_start > trigger else trigger - t.token_end + 1

        return min(near, key=lambda t: (distance(t), t.start)), "sentence"
    main = dominant(tops)
    return (main, "article") if main is not None else (None, None)


def test_an_actor_span_blocks_only_the_toponyms_it_overlaps(nlp, geo):
    doc = nlp("Iran attacked Iraq on Monday.")
    tops = geo.toponyms(doc)
    iraq = next(t for t in tops if t.text == "Iraq")
    iran = next(t for t in tops if t.text == "Iran")
    index = PlaceIndex(doc, tops, exclude_spans=[(iran.start, iran.end)])
    assert not index.usable(tops.index(iran)) and index.usable(tops.index(iraq))
    assert index.usable(tops.index(iran), allow={(iran.start, iran.end)})


def test_the_pipeline_places_an_article_with_linear_work():
    """The pipeline's placing step (actor spans from the actor matcher, locative countries) over the same
    index: 4x the article, about 4x the work."""
    from eventwire.event_context import EventPlacing, actor_spans, locatives
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()

    def work(n: int) -> int:
        doc = pipeline.nlp(_article(n))
        matches = pipeline.actor_matcher.match(doc, date=date(2020, 3, 5))
        placing = EventPlacing(pipeline.geo, doc, pipeline.geo.toponyms(doc), actor_spans(doc, matches),
                               locatives(doc, matches))
        for tok in doc:
            if tok.pos_ == "VERB":
                placing.of(tok.i)
        return placing.index.work

    small, big = work(40), work(160)
    assert big <= 5 * small, (small, big)
