"""Score predicted event mentions against a gold set. Pure functions: no I/O except ``evaluate_file``.

Matching, per sentence (docs/gold-format.md has the full rules):

1. A gold event and a prediction are *candidates* according to the policy:
   - ``strict`` (the default and the headline): same CAMEO root, and source and target each agree at the
     country/sector level (the first six characters of the codes: ``USAMIL``, ``IGOUNO``, ``PSEREB``;
     a shorter code as it is) or are both null;
   - ``loose``: each side shares its country part (first three letters; the first six for ``IGO``/``NGO``
     codes, so the UN and NATO differ) or both are null, and at least one side is a non-null agreement;
   - ``anchored``: only that last condition, so a prediction with a wrong or missing target still matches
     on its source.
2. A gold event with a ``sentence`` index only pairs with predictions from that sentence.
3. Candidates are paired greedily by a pair score (root match 4, exact code 2, exact source 1, exact
   target 1; ties by gold then prediction order) so that each is used at most once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from eventwire.errors import UsageError
from eventwire.evaluate.gold import GoldEvent, GoldSentence, load_gold
from eventwire.evaluate.report import (
    NONE_ROOT,
    DetectionCounts,
    EvalError,
    EvalReport,
    PredictedEvent,
    Ratio,
)
from eventwire.model import ActorRef, EventMention

__all__ = ["DEFAULT_MATCHING", "MATCHING_POLICIES", "Coder", "actor_level", "evaluate_file", "match_sentence", "predicted_event", "score"]

#: A coder as the scorer sees it: text and publication date in, mentions out.
Coder = Callable[[str, date | None], list[EventMention]]

#: The matching policies, the default (headline) first.
MATCHING_POLICIES = ("strict", "loose", "anchored")
DEFAULT_MATCHING = "strict"
# Codes that start with these name an organisation in the next three letters (IGOUNO, IGONAT).
_ORGANISATION_PREFIXES = frozenset({"IGO", "NGO"})


def predicted_event(mention: EventMention) -> PredictedEvent:
    """The codes and flags of a mention, as compared with gold events."""
    return PredictedEvent(
        source=_code(mention.source),
        target=_code(mention.target),
        cameo=mention.cameo,
        negated=mention.negated,
        hypothetical=mention.hypothetical,
        attributed_to=_code(mention.attributed_to),
        sentence_index=mention.sentence_index,
    )


def match_sentence(
    gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent], *, matching: str = DEFAULT_MATCHING
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of gold events and predictions of one sentence: ``(gold_i, pred_j)`` pairs."""
    _check_policy(matching)
    candidates = [
        (-_pair_score(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if _can_match(g, p, matching)
    ]
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def score(
    gold: Sequence[GoldSentence],
    predicted: Sequence[Sequence[EventMention]],
    *,
    matching: str = DEFAULT_MATCHING,
) -> EvalReport:
    """Score ``predicted[i]`` (the mentions coded from ``gold[i].text``) against ``gold[i].events``."""
    _check_policy(matching)
    if len(gold) != len(predicted):
        raise UsageError(
            f"score() needs one list of mentions per gold sentence: {len(gold)} gold, {len(predicted)} predicted",
            code="E430",
        )
    tally = _Tally()
    for sentence, mentions in zip(gold, predicted, strict=True):
        # Mentions that differ only by place ("strikes on bases in Al-Asad and Arbil" gives one per place)
        # are one event here: the gold set codes events, not places.
        events = list(dict.fromkeys(predicted_event(m) for m in mentions))
        tally.add(sentence, events, matching)
    return tally.report(matching)


def evaluate_file(path: str | Path, coder: Coder, *, matching: str = DEFAULT_MATCHING) -> EvalReport:
    """Load a gold file, run ``coder`` on every text with its date, and score the result."""
    gold = load_gold(path)
    return score(gold, [coder(sentence.text, sentence.date) for sentence in gold], matching=matching)


class _Tally:
    """Counts accumulated over sentences; turned into an ``EvalReport`` at the end."""

    def __init__(self) -> None:
        self.sentences = 0
        self.gold_events = 0
        self.predicted_events = 0
        self.detection = DetectionCounts()
        self.correct: Counter[str] = Counter()
        self.matched = 0
        self.attribution_total = 0
        self.no_event_sentences = 0
        self.no_event_with_predictions = 0
        self.no_event_false_positives = 0
        self.confusion: Counter[tuple[str, str]] = Counter()
        self.per_tag: dict[str, DetectionCounts] = {}
        self.errors: list[EvalError] = []
        self.by_policy: dict[str, DetectionCounts] = {policy: DetectionCounts() for policy in MATCHING_POLICIES}

    def add(self, sentence: GoldSentence, preds: list[PredictedEvent], matching: str) -> None:
        self.sentences += 1
        self.gold_events += len(sentence.events)
        self.predicted_events += len(preds)
        pairs: list[tuple[int, int]] = []
        counts = DetectionCounts()
        for policy in MATCHING_POLICIES:
            policy_pairs = match_sentence(sentence.events, preds, matching=policy)
            policy_counts = DetectionCounts(
                tp=len(policy_pairs), fp=len(preds) - len(policy_pairs), fn=len(sentence.events) - len(policy_pairs)
            )
            self.by_policy[policy] += policy_counts
            if policy == matching:
                pairs, counts = policy_pairs, policy_counts
        self.detection += counts
        for tag in sentence.tags:
            self.per_tag[tag] = self.per_tag.get(tag, DetectionCounts()) + counts
        if not sentence.events:
            self.no_event_sentences += 1
            self.no_event_with_predictions += bool(preds)
            self.no_event_false_positives += len(preds)

        def error(kind: str, g: GoldEvent | None, p: PredictedEvent | None) -> None:
            self.errors.append(EvalError(sentence.id, sentence.line, sentence.text, kind, g, p))

        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        for gi, g in enumerate(sentence.events):
            if gi not in matched_gold:
                self.confusion[(g.root, NONE_ROOT)] += 1
                error("missing", g, None)
        for gi, pi in pairs:
            g, p = sentence.events[gi], preds[pi]
            self._compare(g, p)
            if g.cameo != p.cameo:
                error("wrong_code", g, p)
            if g.source != p.source or g.target != p.target:
                error("wrong_actor", g, p)
            if g.negated != p.negated or g.hypothetical != p.hypothetical:
                error("wrong_flag", g, p)
        for pi, p in enumerate(preds):
            if pi not in matched_pred:
                self.confusion[(NONE_ROOT, p.root)] += 1
                error("spurious", None, p)

    def _compare(self, g: GoldEvent, p: PredictedEvent) -> None:
        self.matched += 1
        self.confusion[(g.root, p.root)] += 1
        checks = {
            "root": g.root == p.root,
            "code": g.cameo == p.cameo,
            "source_exact": g.source == p.source,
            "source_country": _country(g.source) == _country(p.source),
            "target_exact": g.target == p.target,
            "target_country": _country(g.target) == _country(p.target),
            "negated": g.negated == p.negated,
            "hypothetical": g.hypothetical == p.hypothetical,
        }
        self.correct.update(name for name, ok in checks.items() if ok)
        # Attribution is scored only where it is at stake: the gold or the prediction names a speaker.
        if g.attributed_to is not None or p.attributed_to is not None:
            self.attribution_total += 1
            self.correct["attribution"] += g.attributed_to == p.attributed_to

    def report(self, matching: str) -> EvalReport:
        def ratio(name: str) -> Ratio:
            return Ratio(self.correct[name], self.matched)

        return EvalReport(
            matching=matching,
            sentences=self.sentences,
            gold_events=self.gold_events,
            predicted_events=self.predicted_events,
            detection=self.detection,
            root=ratio("root"),
            code=ratio("code"),
            source_exact=ratio("source_exact"),
            source_country=ratio("source_country"),
            target_exact=ratio("target_exact"),
            target_country=ratio("target_country"),
            negated=ratio("negated"),
            hypothetical=ratio("hypothetical"),
            attribution=Ratio(self.correct["attribution"], self.attribution_total),
            no_event_sentences=self.no_event_sentences,
            no_event_sentences_with_predictions=self.no_event_with_predictions,
            no_event_false_positives=self.no_event_false_positives,
            confusion=tuple((g, p, n) for (g, p), n in sorted(self.confusion.items())),
            per_tag=tuple(sorted(self.per_tag.items())),
            errors=tuple(self.errors),
            detection_by_policy=tuple(self.by_policy.items()),
        )


def _code(actor: ActorRef | None) -> str | None:
    """The code as scored: a country the actor took from the article's context rather than from its own
    words (``country_basis`` set: "police" -> KENCOP) is left out, as the gold conventions code only what
    the text attaches to the actor (bare ``COP``)."""
    if actor is None:
        return None
    if actor.country_basis is not None and actor.country and actor.code.startswith(actor.country):
        return actor.code[len(actor.country):] or actor.code
    return actor.code


def _country(code: str | None) -> str | None:
    """The country part of an actor code; for IGO/NGO codes the organisation (``IGOUNO``), not ``IGO``."""
    if not code:
        return None
    return code[:6] if code[:3] in _ORGANISATION_PREFIXES else code[:3]


def actor_level(code: str | None) -> str | None:
    """The country/sector level of an actor code, as strict matching compares it: its first six characters
    (``USAMIL``, ``IRQGOV``, ``IGOUNO`` for ``IGOUNOIAE``, ``PSEREB`` for ``PSEREBHMS``); a code of three
    letters (``USA``, ``COP``) is itself, so ``USA`` and ``USAGOV`` differ."""
    return code[:6] if code else None


def _can_match(g: GoldEvent, p: PredictedEvent, matching: str) -> bool:
    if g.sentence is not None and g.sentence != p.sentence_index:
        return False
    if matching == "strict":
        return (
            g.root == p.root
            and actor_level(g.source) == actor_level(p.source)
            and actor_level(g.target) == actor_level(p.target)
            and (g.source is not None or g.target is not None)
        )
    source_agrees = _country(g.source) == _country(p.source)
    target_agrees = _country(g.target) == _country(p.target)
    anchored = (source_agrees and g.source is not None) or (target_agrees and g.target is not None)
    if matching == "anchored":
        return anchored
    return anchored and source_agrees and target_agrees


def _pair_score(g: GoldEvent, p: PredictedEvent) -> int:
    return 4 * (g.root == p.root) + 2 * (g.cameo == p.cameo) + (g.source == p.source) + (g.target == p.target)


def _check_policy(matching: str) -> None:
    if matching not in MATCHING_POLICIES:
        raise UsageError(
            f"unknown matching policy {matching!r}; expected one of {MATCHING_POLICIES}", code="E431"
        )
