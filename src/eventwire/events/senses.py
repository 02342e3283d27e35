"""Which dictionary entries a token can take: its verb senses and its event-noun senses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import syntax

if TYPE_CHECKING:
    from .dictionary import EventDictionary, NounEntry, VerbEntry


class Senses:
    """The event dictionary looked up by token: the part of speech and the parse decide whether a word is
    asked about as a verb or as an event noun. Stateless; shared by every sentence."""

    def __init__(self, dictionary: EventDictionary) -> None:
        self.dictionary = dictionary

    def verb_entries(self, tok: Token) -> tuple[VerbEntry, ...]:
        if tok.pos_ not in ("VERB", "AUX") and not (
            tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "ccomp", "conj") and tok.tag_.startswith("VB")
        ):
            return ()
        entries = self.dictionary.verbs_for(tok.lemma_.lower())
        if not entries and tok.lower_ != tok.lemma_.lower():
            entries = self.dictionary.verbs_for(tok.lower_)
        return entries

    def noun_entries(self, tok: Token) -> tuple[NounEntry, ...]:
        nominal = tok.pos_ in ("NOUN", "PROPN") or (
            tok.pos_ == "VERB"
            and tok.dep_ in syntax.NOMINAL_DEPS
            and tok.dep_ != "ROOT"
            and tok.tag_ in ("NNS", "NN", "VBZ")
            and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children if c.i > tok.i)
        )
        if not nominal:
            return ()
        entries = self.dictionary.nouns_for(tok.lower_)
        if not entries:
            entries = self.dictionary.nouns_for(tok.lemma_.lower())
        return entries
