"""What: the learned event typer as a pipeline component (``Settings.typer``).

Where the rules plateau, the classifier decides: a sentence with an actor in which the rules coded no event
is embedded (all sentences of an article that need it in one batch) and classified into a CAMEO root or
"none". When the top class is a root whose calibrated probability reaches the threshold chosen on the
tuning data for precision >= 0.8, the sentence gets one mention with the root's generic code ("19" ->
190), ``rule`` "typer:19 p=0.87" and ``confidence`` the probability. Its actors: the main verb's subject
(the agent of a passive) is the source and its object (the passive subject, else the object of a
preposition, else a second coordinated subject) the target; when the parse gives neither, the first two
actors of the sentence in order. A sentence whose doer is named but is no actor ("the conflict has
displaced thousands", "floods killed ...") gets nothing, as the conventions say, and is not embedded:
only sentences whose actors could be a source or a target cost an encoder pass.

Sentences where the rules coded events are left as they are: the rules' candidates rarely disagree with
each other in a way a sentence-level class could settle (on the development gold set, 3 of 518 sentences
with actors carry roots of two quad classes for one dyad, and each of them reports two events), so the
typer only speaks where the rules are silent. ``explain`` shows its scores for every sentence with an actor.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..components import ComponentNote, RuledSentence
from ..events import syntax
from ..events.arguments import ArgumentResolver
from ..events.devices import is_device
from ..events.doers import needs_counterpart, needs_doer
from ..events.records import CodedEvent
from ..lexicons import lexicon, ordered_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..events.arguments import ActorIndex
    from ..events.records import Actor
    from .classifier import EventTypeClassifier, TypeScores
    from .encoder import SentenceEncoder

# Prepositions whose object is the one acted on when the verb has no direct object ("fired at", "cracked
# down on", "sided with"), in the order they are looked for.
TARGET_PREPS = ordered_lexicon("events", "typer_target_preps")
VICTIM_STATES = lexicon("events", "victim_states")


class LearnedTyper:
    """Proposes a root for sentences with actors and no rule event. The encoder and the classifier load on
    first use (``warm_up`` loads them now); both may be given (tests, other models)."""

    name = "typer"

    def __init__(self, *, classifier: EventTypeClassifier | None = None, encoder: SentenceEncoder | None = None,
                 threshold: float | None = None) -> None:
        self._classifier = classifier
        self._encoder = encoder
        self._threshold = threshold

    @property
    def classifier(self) -> EventTypeClassifier:
        if self._classifier is None:
            from .classifier import load_classifier

            self._classifier = load_classifier()
        return self._classifier

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            from .encoder import load_encoder

            self._encoder = load_encoder()
        return self._encoder

    @property
    def threshold(self) -> float:
        return self.classifier.threshold if self._threshold is None else self._threshold

    def warm_up(self) -> None:
        _ = (self.classifier, self.encoder)

    @staticmethod
    def needs(sentence: RuledSentence) -> bool:
        return bool(sentence.actors) and not sentence.events

    def classify(self, texts: list[str]) -> list[TypeScores]:
        """Scores per text, one encoder batch for all of them."""
        if not texts:
            return []
        return self.classifier.scores(self.encoder.encode(texts))

    def __call__(self, doc: Doc, sentences: list[RuledSentence], index: ActorIndex) -> list[RuledSentence]:
        # Only sentences whose actors could be the source or target of a mention are worth embedding.
        todo = [(i, found) for i, s in enumerate(sentences) if self.needs(s) and (found := roles(s, index)) != _NOBODY]
        out = list(sentences)
        for (i, actors), scores in zip(todo, self.classify([sentences[i].span.text for i, _ in todo]), strict=True):
            event = self.propose(sentences[i], scores, actors)
            if event is not None:
                out[i] = replace(sentences[i], events=(event,))
        return out

    def propose(self, sentence: RuledSentence, scores: TypeScores,
                actors: tuple[Actor | None, Actor | None]) -> CodedEvent | None:
        """The typer's mention for a sentence with (source, target) ``actors``, or None (class "none", below
        the threshold, no actor)."""
        source, target = actors
        if scores.label == "none" or scores.probability < self.threshold or (source is None and target is None):
            return None
        if source is None and needs_doer(scores.label):
            return None  # a statement, appeal or cooperation with nobody doing it (events/doers.py)
        if target is None and needs_counterpart(scores.label):
            return None  # a meeting or visit with nobody met (events/doers.py)
        if scores.label in ("18", "19", "20") and any(is_device(t) for t in sentence.span):
            return None  # a bomb named as a device, not used (events/devices.py): the rules coded no attack
        trigger = sentence.span.root
        if trigger.pos_ not in ("VERB", "AUX"):
            return None  # no verb heads it: a caption, a heading, a list item ("* Office of Special Investigations")
        return CodedEvent(
            trigger.i,
            f"{scores.label}0",
            source,
            target,
            syntax.is_negated(trigger),
            syntax.has_modal(trigger) or syntax.in_if_clause(trigger),
            None,
            f"typer:{scores.label} p={scores.probability:.2f}",
            round(scores.probability, 3),
            "typer",
        )

    def explain(self, doc: Doc, sentences: list[RuledSentence], index: ActorIndex) -> list[ComponentNote]:
        notes = []
        for sentence, scores in zip(sentences, self.classify([s.span.text for s in sentences]), strict=True):
            top = scores.top(3)
            if sentence.events:
                rules = sorted({e.code[:2] for e in sentence.events})
                agree = "agrees" if scores.label in rules else "differs"
                decision = f"not used: the rules coded roots {', '.join(rules)} (the typer's top class {agree})"
            elif scores.label == "none":
                decision = f"no event: top class none (p={scores.probability:.2f})"
            elif scores.probability < self.threshold:
                decision = f"no event: p={scores.probability:.2f} < threshold {self.threshold:.2f}"
            elif roles(sentence, index) == _NOBODY:
                decision = "no event: no actor in a source or target position (or a thing is the doer)"
            else:
                decision = f"proposed {scores.label}0 (p={scores.probability:.2f} >= {self.threshold:.2f})"
            notes.append(ComponentNote(self.name, top, decision))
        return notes


_NOBODY: tuple[None, None] = (None, None)


def _first(found: list[Actor]) -> Actor | None:
    return found[0] if found else None


def _a_thing(tok: Token | None, found: list[Actor]) -> bool:
    """A doer named but neither an actor nor a pronoun: "the conflict has displaced ...", "floods killed
    ..." (the conventions: a named doer that is not an actor makes no event)."""
    return tok is not None and not found and tok.pos_ != "PRON" and tok.lower_ not in syntax.RELATIVE_PRONOUNS


def undergoes(verb: Token) -> bool:
    """Whether the subject of ``verb`` suffers it: "died", "perished", "were dead", "were injured"."""
    if verb.lemma_.lower() in ("die", "perish"):
        return True
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and c.lower_ in VICTIM_STATES for c in verb.children)


def roles(sentence: RuledSentence, index: ActorIndex) -> tuple[Actor | None, Actor | None]:
    """(source, target) for a typer mention: subject and object of the sentence's main verb, else the
    first two actors of the sentence in text order; ``(None, None)`` when a thing is the doer."""
    resolver = ArgumentResolver(index)
    root: Token = sentence.span.root
    if syntax.is_passive(root):
        doer = next(syntax.prep_children(root, "by"), None)
        doers = resolver.actors(doer)
        target = _first(resolver.actors(syntax.passive_subject(root)))
    elif undergoes(root):
        # "eleven people died in the bombing", "nine people were dead": the subject is the victim.
        doer, doers = None, []
        target = _first(resolver.actors(syntax.first_child(root, "nsubj")))
        if target is None:
            return _NOBODY
    else:
        doer = syntax.first_child(root, "nsubj", "csubj")
        doers = resolver.actors(doer)
        target = _first(resolver.actors(syntax.first_child(root, "dobj", "obj", "dative")))
    if _a_thing(doer, doers):
        return _NOBODY
    source = _first(doers)
    if target is None:
        target = next((a for prep in TARGET_PREPS for pobj in syntax.prep_children(root, prep)
                       for a in resolver.actors(pobj)), None)
    if target is None and len(doers) > 1:
        target = doers[1]  # "X and Y clashed": done together
    if source is None and target is None:
        doc = sentence.span.doc
        # Not "in Tehran", "fighting in Syria": a place is no actor.
        ordered = sorted((m for m in sentence.actors if resolver.usable(m, doc[m.head])), key=lambda m: m.start)
        source = ordered[0] if ordered else None
        target = next((m for m in ordered[1:] if source is None or m.code != source.code), None)
    if source is not None and target is not None and source.code == target.code:
        target = None
    return source, target
