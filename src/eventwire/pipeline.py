"""The coding pipeline: articles in, event mentions out.

read -> parse (spaCy, batched) -> actors -> events -> ``EventMention`` records. The heavy parts (spaCy,
dictionaries, matchers) are built on first use and kept by the ``Pipeline`` instance; two pipelines with
different settings can live in one process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from .components import ComponentNote, EventComponent, RuledSentence
from .errors import CodingError, EventwireError, InputError, UsageError
from .event_context import EventDating, EventPlacing, actor_spans, locatives
from .events.arguments import ActorIndex, ImplicitActor
from .events.derived import load_derived_codes
from .events.discards import Discards, load_discards
from .events.extract import CodedEvent, EventExtractor, TraceStep
from .geo.roles import event_roles
from .ingest.records import check_text
from .isolation import NO_DEADLINE, Deadline, stage
from .model import ActorRef, Article, ArticleResult, EventMention, Place, Reject, Span
from .nlp import load_nlp
from .settings import Settings
from .textcase import in_original_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from .actors import ActorDictionary, ActorMatch, ActorMatcher
    from .actors.context import ActorContext, ArticleCountries
    from .geo import GeoParser
    from .geo.toponyms import Toponym
    from .ontology import Ontology
    from .textcase import Truecaser
    from .timex import EventDate, TimexTagger


log = logging.getLogger("eventwire.pipeline")

__all__ = ["ArticleResult", "Pipeline", "SentenceExplanation", "code_articles", "code_text"]


@dataclass(frozen=True, slots=True)
class SentenceExplanation:
    """Everything ``eventwire explain`` shows about one sentence."""

    index: int
    text: str
    tokens: tuple[tuple[int, str, str, str, str, int], ...]  # (i, text, lemma, pos, dep, head)
    actors: tuple[ActorMatch, ...]
    steps: tuple[TraceStep, ...]
    discarded_by: str | None  # why the sentence was not coded (sport or entertainment), or None
    mentions: tuple[EventMention, ...]
    notes: tuple[ComponentNote, ...] = ()  # what the components after the rules saw (the typer's scores)


class Pipeline:
    """Codes articles. Build once, reuse: components load lazily on first use.

    ``components`` run after the rules on each document (``eventwire.components.EventComponent``); by
    default the learned event typer when ``Settings.typer`` is on, else none.
    """

    def __init__(self, settings: Settings | None = None, *,
                 components: tuple[EventComponent, ...] | None = None) -> None:
        self.settings = settings or Settings()
        self._components = components

    # -------------------------------------------------------------- components (lazy)
    @property
    def nlp(self) -> Language:
        return load_nlp(self.settings.model)

    @cached_property
    def ontology(self) -> Ontology:
        from .ontology import load_ontology

        return load_ontology()

    @cached_property
    def actor_dictionary(self) -> ActorDictionary:
        from .actors import load_actor_dictionary

        return load_actor_dictionary(extra_files=tuple(self.settings.actor_files))

    @cached_property
    def actor_matcher(self) -> ActorMatcher:
        from .actors import ActorMatcher

        return ActorMatcher(self.actor_dictionary, self.nlp.vocab)

    @cached_property
    def actor_context(self) -> ActorContext:
        from .actors.context import load_actor_context

        return load_actor_context(self.actor_dictionary)

    @cached_property
    def _countries(self) -> frozenset[str]:
        return frozenset(e.code for e in self.actor_dictionary.entries if e.kind == "country" and e.code)

    @cached_property
    def extractor(self) -> EventExtractor:
        from .events.dictionary import load_event_dictionary

        return EventExtractor(load_event_dictionary(), load_derived_codes())

    @cached_property
    def geo(self) -> GeoParser:
        from .geo import GeoParser

        return GeoParser(self.settings)

    @cached_property
    def timex(self) -> TimexTagger:
        from .timex import TimexTagger

        return TimexTagger()

    @cached_property
    def discards(self) -> Discards:
        return load_discards()

    @cached_property
    def truecaser(self) -> Truecaser | None:
        """Restores capitals in lower-case or all-caps text before parsing (``Settings.truecase``). It asks
        the gazetteer only when a text needs it, so a worker process opens its own connection."""
        if not self.settings.truecase:
            return None
        from .textcase_sources import make_truecaser

        return make_truecaser(self.nlp, self.actor_matcher.name_forms(), self.actor_matcher.role_forms(),
                              lambda: self.geo.gazetteer)

    def parse(self, text: str) -> Doc:
        """The parse of ``text`` (of its truecased copy when ``Settings.truecase`` changes it: same length,
        so character offsets hold for the original)."""
        return self.nlp(self._text_to_parse(text))

    def _text_to_parse(self, text: str) -> str:
        return self.truecaser.truecase(text) if self.truecaser is not None else text

    @cached_property
    def components(self) -> tuple[EventComponent, ...]:
        """The stages after the rules (the learned typer when ``Settings.typer``)."""
        if self._components is not None:
            return self._components
        if not self.settings.typer:
            return ()
        from .learned import LearnedTyper

        return (LearnedTyper(),)

    def warm_up(self, *, gazetteer: bool = True) -> None:
        """Load every component now (e.g. before timing, or before forking workers). ``gazetteer=False``
        leaves the gazetteer's SQLite connection unopened (each worker process opens its own)."""
        _ = (self.nlp, self.ontology, self.actor_matcher, self.actor_context, self.extractor, self.discards,
             self.timex, self.truecaser)
        if self.settings.places and gazetteer:
            _ = self.geo.gazetteer  # opens (the first time: builds) the gazetteer index
        for component in self.components:
            component.warm_up()

    def ensure_gazetteer(self) -> None:
        """Build the gazetteer index now if it is missing, without keeping a connection open."""
        if self.settings.places:
            from .geo.gazetteer import Gazetteer

            Gazetteer.open().close()

    # -------------------------------------------------------------- coding
    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code articles in batches of ``settings.batch_size`` (in ``settings.workers`` processes), streaming
        results in input order. A failure on one article rejects that article (``ArticleResult.coded`` is
        False, the reason in ``rejects``); the others are coded."""
        from .runner import run_local

        return run_local(self, articles, work=code_batch, factory=pipeline_for)

    def code_batch(self, articles: Sequence[Article], *, budget_s: float | None = None) -> list[ArticleResult]:
        """One result per article, in order: the per-batch function (``pipeline.code_batch``) on this pipeline.

        The batch is parsed together; when spaCy fails on it, its articles are parsed one by one so that
        one bad text does not reject its neighbours. ``budget_s`` bounds each article's coding after its
        parse (E508 when spent). Raises only for failures of the whole run (a dictionary, the model).
        """
        self.warm_up()
        results: dict[int, ArticleResult] = {}
        ready: list[int] = []
        for i, article in enumerate(articles):
            try:
                check_text(article.text)
            except InputError as exc:
                results[i] = _rejected(article, exc)
            else:
                ready.append(i)
        parsed = self.parse_many([articles[i].text for i in ready])
        for i, doc in zip(ready, parsed, strict=True):
            article = articles[i]
            if isinstance(doc, CodingError):
                results[i] = _rejected(article, doc)
                continue
            try:
                results[i] = self.code_parsed(doc, article, deadline=Deadline.after(budget_s))
            except CodingError as exc:
                results[i] = _rejected(article, exc)
        return [results[i] for i in range(len(articles))]

    def parse_many(self, texts: list[str]) -> list[Doc | CodingError]:
        """Docs of ``texts`` (truecased as in ``parse``) parsed as one batch, else one by one; a text spaCy
        fails on gives CodingError E501."""
        if not texts:
            return []
        texts = [self._text_to_parse(text) for text in texts]
        try:
            with stage("parse"):
                return list(self.nlp.pipe(texts, batch_size=max(1, len(texts))))
        except CodingError as exc:
            if len(texts) == 1:
                return [exc]
        out: list[Doc | CodingError] = []
        for text in texts:
            try:
                with stage("parse"):
                    out.append(self.nlp(text))
            except CodingError as exc:
                out.append(exc)
        return out

    def _toponyms(self, doc: Doc) -> list[Toponym]:
        """The places named in ``doc`` (none when ``Settings.places`` is off)."""
        return self.geo.toponyms(doc) if self.settings.places else []

    def _actors(self, doc: Doc, day: date | None, toponyms: list[Toponym]) -> tuple[list[ActorMatch], ArticleCountries]:
        """The actor matches (ambiguous country names decided by the article) and the article's countries,
        which country-less actors take; ``toponyms`` are the article's places (countries named as places)."""
        from .actors.context import ArticleCountries, country_mentions, resolve_ambiguous

        matches = self.actor_matcher.match(doc, date=day)
        ignore = self.actor_context.generic_regions
        mentions = country_mentions(doc, matches, toponyms, countries=self._countries, ignore=ignore)
        resolved = resolve_ambiguous(doc, matches, mentions, self.actor_context)
        if resolved != matches:
            matches = resolved
            mentions = country_mentions(doc, resolved, toponyms, countries=self._countries, ignore=ignore)
        return matches, ArticleCountries(doc.text, mentions, self.actor_context)

    def code_doc(self, doc: Doc, article: Article) -> list[EventMention]:
        """The mentions of one parsed article; raises CodingError (stage code E5xx) when a stage fails."""
        return list(self.code_parsed(doc, article).mentions)

    def code_parsed(self, doc: Doc, article: Article, *, deadline: Deadline = NO_DEADLINE) -> ArticleResult:
        """Code one parsed article, each stage isolated (``isolation.stage``): raises CodingError E50x when a
        stage fails, E508 when ``deadline`` passes. Sentences past ``settings.max_sentences``, and sentences
        longer than ``settings.max_sentence_tokens``, are skipped with a reject (E212, E213) on the result."""
        deadline.check("places")
        with stage("places"):
            toponyms = self._toponyms(doc)
        deadline.check("actors")
        with stage("actors"):
            matches, countries = self._actors(doc, article.date, toponyms)
            index = ActorIndex(matches)
        skipped: list[Reject] = []
        ruled: list[RuledSentence] = []
        discarded = 0
        limit, longest = self.settings.max_sentences, self.settings.max_sentence_tokens
        for s_index, sent in enumerate(doc.sents):
            if s_index >= limit:
                skipped.append(_skipped(article, "E212", f"sentences after the first {limit} not coded "
                                                         f"(max_sentences={limit})"))  # fmt: skip
                break
            if len(sent) > longest:
                skipped.append(_skipped(article, "E213", f"sentence {s_index} not coded: {len(sent)} tokens, "
                                                         f"more than max_sentence_tokens={longest}"))  # fmt: skip
                continue
            deadline.check(f"events, sentence {s_index}")
            with stage("events", f" in sentence {s_index}"):
                actors = index.in_span(sent)
                if not actors and not self.extractor.implies_actor(sent):
                    continue
                if self._discarded_by(sent, actors) is not None:
                    discarded += 1
                    continue
                ruled.append(RuledSentence(s_index, sent, tuple(actors), tuple(self.extractor.extract(sent, index))))
        for component in self.components:  # after the rules: the learned typer, when on
            deadline.check(component.name)
            with stage("events", f" ({component.name})"):
                ruled = component(doc, ruled, index)
        found: list[tuple[int, SpacySpan, CodedEvent]] = [(s.index, s.span, e) for s in ruled for e in s.events]
        deadline.check("dates")
        with stage("dates"):
            dating = EventDating(self.timex if self.settings.dates else None, doc, article.date,
                             tuple(sorted({e.trigger for _, _, e in found})))
            incident = dating.incident(original=article.text)
        if not found:
            return ArticleResult(article, (), tuple(skipped), discarded=discarded, incident=incident)
        deadline.check("places")
        with stage("places"):
            placing = EventPlacing(self.geo if self.settings.places else None, doc, toponyms,
                               actor_spans(doc, matches), locatives(doc, matches))
        mentions: list[EventMention] = []
        for s_index, sent, event in found:
            where = f" in sentence {s_index}"
            deadline.check(f"places and dates, sentence {s_index}")
            with stage("places", where):
                places = placing.of(event.trigger, event_roles(event.code, _ref(event.source, doc), _ref(event.target, doc)))
            with stage("dates", where):
                when = dating.of(event.trigger, code=event.code)
            with stage("coding", where):
                mentions.extend(self._mention(event, doc, sent, s_index, article, when, place, countries)
                                for place in places)
        return ArticleResult(article, tuple(in_original_words(mentions, doc.text, article.text)), tuple(skipped),
                             discarded=discarded, incident=incident)

    def _discarded_by(self, sent: SpacySpan, actors: list[ActorMatch]) -> str | None:
        """Why a sentence is left uncoded as sport or entertainment, or None (``Settings.discards``)."""
        return self.discards.reason(sent, actors) if self.settings.discards else None

    def explain(self, text: str, *, date: date | None = None) -> list[SentenceExplanation]:
        """Parse ``text`` and show, per sentence, the parse, actor matches, patterns tried and mentions."""
        from .ingest import article_id

        article = Article(id=article_id(text, date), text=text, date=date)
        doc = self.parse(text)
        toponyms = self._toponyms(doc)
        matches, countries = self._actors(doc, date, toponyms)
        index = ActorIndex(matches)
        dating = EventDating(self.timex, doc, date, ())
        placing = EventPlacing(self.geo if self.settings.places else None, doc, toponyms, actor_spans(doc, matches),
                           locatives(doc, matches))
        rows = []
        for s_index, sent in enumerate(doc.sents):
            steps: list[TraceStep] = []
            discarded = self._discarded_by(sent, index.in_span(sent))
            events = [] if discarded else self.extractor.extract(sent, index, trace=steps)
            rows.append((s_index, sent, steps, discarded, events))
        ruled = [RuledSentence(i, sent, tuple(index.in_span(sent)), tuple(events))
                 for i, sent, _, discarded, events in rows
                 if (index.in_span(sent) or self.extractor.implies_actor(sent)) and not discarded]
        notes: dict[int, list[ComponentNote]] = {}
        for component in self.components:
            for sentence, note in zip(ruled, component.explain(doc, ruled, index), strict=True):
                notes.setdefault(sentence.index, []).append(note)
            ruled = component(doc, ruled, index)
        final = {sentence.index: sentence.events for sentence in ruled}
        return [
            SentenceExplanation(
                s_index,
                sent.text,
                tuple((t.i, t.text, t.lemma_, t.pos_, t.dep_, t.head.i) for t in sent),
                tuple(index.in_span(sent)),
                tuple(steps),
                discarded,
                tuple(in_original_words([m for e in final.get(s_index, events)
                                          for m in self._mentions(e, doc, sent, s_index, article, dating, placing,
                                                                  countries)],
                                         doc.text, text)),
                tuple(notes.get(s_index, ())),
            )
            for s_index, sent, steps, discarded, events in rows
        ]

    # -------------------------------------------------------------- records
    def _mentions(self, ev: CodedEvent, doc: Doc, sent: SpacySpan, s_index: int, article: Article,
                  dating: EventDating, placing: EventPlacing, countries: ArticleCountries) -> list[EventMention]:
        """One mention per place of the event ("strikes on bases in Al-Asad and Arbil" happened twice)."""
        when = dating.of(ev.trigger, code=ev.code)
        roles = event_roles(ev.code, _ref(ev.source, doc), _ref(ev.target, doc))
        return [self._mention(ev, doc, sent, s_index, article, when, place, countries)
                for place in placing.of(ev.trigger, roles)]

    def _mention(self, ev: CodedEvent, doc: Doc, sent: SpacySpan, s_index: int, article: Article,
                 when: EventDate, place: Place | None, countries: ArticleCountries) -> EventMention:
        """One mention of event ``ev``, dated ``when`` and placed at ``place`` (one place of the event)."""
        code = self.ontology.get(ev.code)
        trig = doc[ev.trigger]
        bounds = (sent.start_char, sent.end_char)
        source = countries.complete(_ref(ev.source, doc), bounds)
        target = countries.complete(_ref(ev.target, doc), bounds)
        return EventMention(
            article_id=article.id,
            sentence_index=s_index,
            sentence=sent.text,
            publication_date=article.date,
            event_date=when.date,
            date_basis=when.basis,
            date_granularity=when.granularity if when.date else None,
            date_confidence=when.confidence if when.date else None,
            date_flags=when.flags, date_end=when.end,
            source=source,
            target=target,
            location=place,
            cameo=code.code,
            cameo_root=code.root,
            cameo_name=code.name,
            goldstein=code.goldstein,
            quad_class=code.quad_class,
            plover_type=code.plover_type,
            plover_mode=code.plover_mode,
            trigger=Span(trig.text, trig.idx, trig.idx + len(trig.text)),
            negated=ev.negated,
            hypothetical=ev.hypothetical,
            attributed_to=countries.complete(_ref(ev.attributed_to, doc), bounds),
            confidence=ev.confidence,
            sentence_start=sent.start_char,
            rule=ev.rule,
            date_evidence=Span(when.timex.text, when.timex.start, when.timex.end) if when.timex else None,
        )


def _ref(actor: ActorMatch | ImplicitActor | None, doc: Doc) -> ActorRef | None:
    if actor is None:
        return None
    if isinstance(actor, ImplicitActor):
        tok = doc[actor.anchor]
        return ActorRef(actor.code, actor.name, actor.country, actor.sector, tok.text, tok.idx, tok.idx + len(tok.text), actor.entry)
    return actor.to_ref(doc)


def _rejected(article: Article, exc: EventwireError) -> ArticleResult:
    """The result of an article a stage failed on: no mentions, one reject with the stage's code."""
    log.debug("article %s rejected: %s", article.id, exc, exc_info=exc)
    where = article.origin or f"article {article.id}"
    return ArticleResult(article, rejects=(Reject(where, exc.message, exc.code, article_id=article.id),), coded=False)


def _skipped(article: Article, code: str, reason: str) -> Reject:
    return Reject(article.origin or f"article {article.id}", reason, code, article_id=article.id)


@lru_cache(maxsize=4)
def pipeline_for(settings: Settings) -> Pipeline:
    """The process's pipeline for ``settings``: built on first use and kept, so that its components (spaCy,
    dictionaries, gazetteer) load once per process and are never sent to another one."""
    return Pipeline(settings)


def code_batch(articles: Sequence[Article], settings: Settings, *, budget_s: float | None = None) -> list[ArticleResult]:
    """The per-batch function of every runner (worker processes, Spark executors): the process's pipeline
    for ``settings`` codes ``articles``, one result per article, in order (``Pipeline.code_batch``)."""
    return pipeline_for(settings).code_batch(articles, budget_s=budget_s)


def code_text(text: str, *, date: date | None = None, article_id: str | None = None,
              settings: Settings | None = None) -> list[EventMention]:
    """Code one text (an article or a sentence) dated ``date``; returns its event mentions.

    Raises InputError E202 for text that is not valid Unicode (a lone surrogate) and CodingError E50x when
    a stage fails on it (the message names the stage and the exception).
    """
    from .ingest import article_id as make_id
    from .ingest.records import check_unicode

    if not isinstance(text, str):
        raise UsageError(f"text must be a str, not {type(text).__name__}", code="E423")
    check_unicode(text, what="text")
    pipeline = pipeline_for(settings or Settings())
    article = Article(id=article_id or make_id(text, date), text=text, date=date)
    pipeline.warm_up()
    with stage("parse"):
        doc = pipeline.parse(text)
    return list(pipeline.code_parsed(doc, article).mentions)


def code_articles(articles: Iterable[Article | dict[str, Any] | str], *, settings: Settings | None = None) -> Iterator[EventMention]:
    """Code many articles (``Article`` records, dicts with ``text``/``date``/``id``, or plain strings).

    An article that cannot be coded is logged (logger ``eventwire.pipeline``, warning) and skipped; use
    ``Pipeline.code`` to get the rejects as records.
    """
    pipeline = pipeline_for(settings or Settings())
    for result in pipeline.code(_as_article(a) for a in articles):
        for reject in result.rejects:
            log.warning("article %s: [%s] %s", result.article.id, reject.code, reject.reason)
        yield from result.mentions


def _as_article(item: Article | dict[str, Any] | str) -> Article:
    from .ingest import article_id as make_id

    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(id=make_id(item, None), text=item)
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        raw_date = item.get("date")
        when = date.fromisoformat(raw_date[:10]) if isinstance(raw_date, str) else raw_date
        return Article(
            id=str(item.get("id") or make_id(item["text"], when)), text=item["text"], date=when,
            title=item.get("title"), url=item.get("url"), source=item.get("source"),
        )
    raise UsageError(f"cannot code {type(item).__name__}: give an Article, a dict with 'text', or a str", code="E402")
