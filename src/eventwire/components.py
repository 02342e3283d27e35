"""What: the protocol of pipeline components that run after the rules, and the record they pass along.

A component receives one document's sentences (those with an actor that no discard rule dropped), each
with the events the rule extractor coded, and returns them with events added (or removed); it never
reaches into the extractor. ``Pipeline(settings, components=[...])`` runs them in order; the learned event
typer (``eventwire.learned.LearnedTyper``) is one, added by ``Settings.typer``. ``explain`` asks each
component for a ``ComponentNote`` per sentence (its scores and what it decided).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from .actors import ActorMatch
    from .events.arguments import ActorIndex
    from .events.extract import CodedEvent


@dataclass(frozen=True, slots=True)
class RuledSentence:
    """One sentence with its actors and the events coded for it so far."""

    index: int  # position of the sentence in the document
    span: SpacySpan
    actors: tuple[ActorMatch, ...]
    events: tuple[CodedEvent, ...]


@dataclass(frozen=True, slots=True)
class ComponentNote:
    """What a component saw and did in one sentence, for ``eventwire explain``."""

    component: str
    scores: tuple[tuple[str, float], ...]  # its top classes and their probabilities
    decision: str


class EventComponent(Protocol):
    """A stage after the rules: ``Doc``-level, batched over the document's sentences."""

    name: str

    def warm_up(self) -> None:
        """Load what the component needs (models), so that the first article is not slower."""

    def __call__(self, doc: Doc, sentences: list[RuledSentence], index: ActorIndex) -> list[RuledSentence]:
        """The sentences, with events added or removed."""

    def explain(self, doc: Doc, sentences: list[RuledSentence], index: ActorIndex) -> list[ComponentNote]:
        """One note per sentence, in order (for every sentence given, whether or not it acts on it)."""
