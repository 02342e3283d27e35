"""Who did it and to whom: the subjects, objects and prepositional targets of a predicate."""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax
from .records import DEFAULT_TARGET_SLOTS, Actor

# Verbs whose object is the subject of the clause they govern: "urged Iran to release" -> Iran releases.
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "tell",
        "order",
        "force",
        "press",
        "persuade",
        "invite",
        "encourage",
        "allow",
        "warn",
        "request",
        "instruct",
        "push",
        "pressure",
        "compel",
        "authorize",
        "help",
    }
)
OBJECT_TARGET_PREPS = ("to", "for", "on", "against", "with", "into")
# The same for the searches for who did something (subjects of verbs, doers of event nouns), which go up
# and down the tree through relative clauses and event nouns.
MAX_ARGUMENT_NESTING = 8


class PredicateRoles:
    """Mixin of the sentence run: the actors in a predicate's argument slots."""

    def _object(self, tok: Token, passive: bool) -> Token | None:
        key = (tok.i, passive)
        if key not in self._object_cache:
            self._object_cache[key] = self._find_object(tok, passive)
        return self._object_cache[key]

    def _find_object(self, tok: Token, passive: bool) -> Token | None:
        if passive:
            patient = syntax.first_child(tok, "nsubjpass")
            if patient is None and tok.dep_ == "acl" and tok.head is not tok:
                return tok.head  # "people killed by the army": the noun the participle modifies
            return patient
        return syntax.first_child(tok, "dobj", "obj")

    def argument_search(self, kind: str, tok: Token) -> bool:
        """Start the search ``kind`` ("subjects", "sources") for ``tok`` unless it is already under way
        (a cycle through relative clauses and event nouns) or too many are nested; end it with
        ``argument_done``."""
        key = (kind, tok.i)
        if key in self._arguments or len(self._arguments) >= MAX_ARGUMENT_NESTING:
            return False
        self._arguments.add(key)
        return True

    def argument_done(self, kind: str, tok: Token) -> None:
        self._arguments.discard((kind, tok.i))

    def subjects(self, verb: Token, depth: int = 0) -> list[Actor]:
        """The actors doing ``verb``: its subject, the passive agent, or one inherited from the clause."""
        if depth > 4 or not self.argument_search("subjects", verb):
            return []
        try:
            return self._subjects(verb, depth)
        finally:
            self.argument_done("subjects", verb)

    def _subjects(self, verb: Token, depth: int) -> list[Actor]:
        if syntax.is_passive(verb):
            for agent in syntax.prep_children(verb, "by"):
                return self._actors_or_event_source(agent)
            return []
        subj = syntax.first_child(verb, "nsubj", "csubj")
        if subj is not None:
            return self._actors_or_event_source(subj)
        head = verb.head
        if head is verb:
            return []
        if verb.dep_ == "xcomp" or (syntax.is_infinitival(verb) and head.lemma_ in OBJECT_CONTROL):
            if syntax.is_passive(head) and not any(True for _ in syntax.prep_children(head, "by")):
                # "Kuleba is expected to visit Beijing": the raised subject does the visiting.
                return self.resolver.actors(syntax.first_child(head, "nsubjpass"))
            if head.lemma_ in OBJECT_CONTROL:
                controller = syntax.first_child(head, "dobj") or next(syntax.prep_children(head, "on"), None)
                if controller is not None:
                    return self.resolver.actors(controller)
            return self.subjects(head, depth + 1)
        if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head, depth + 1)
        if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            found = self.resolver.actors(head)
            return found or self.noun_sources(head)
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            governor = head.head
            # "accused X of killing" -> X did the killing.
            if governor.lemma_ in syntax.ACCUSING_VERBS:
                obj = syntax.first_child(governor, "dobj")
                if obj is not None:
                    return self.resolver.actors(obj)
            if governor.pos_ in ("VERB", "AUX"):
                return self.subjects(governor, depth + 1)
        return []

    def _actors_or_event_source(self, tok: Token) -> list[Actor]:
        found = self.resolver.actors(tok)
        if found:
            return found
        head = syntax.resolve_relative(tok)
        if self.ex.noun_entries(head) and self.predicate(head) is not None:
            return self.noun_sources(head)
        return []

    def targets(self, tok: Token, slots: tuple[str, ...], passive: bool) -> list[Actor]:
        for slot in slots:
            found: list[Actor] = []
            if slot == "obj":
                obj = self._object(tok, passive)
                found = self.resolver.actors(obj)
                if not found and obj is not None:
                    # "pledged $50 million in aid to Ukraine", "an aid package for Kyiv"
                    for prep in OBJECT_TARGET_PREPS:
                        for pobj in syntax.prep_children(obj, prep):
                            found = found or self.resolver.actors(pobj)
            elif slot == "dative":
                found = self.resolver.actors(syntax.first_child(tok, "dative"))
            elif slot.startswith("prep:"):
                found = self._prep_target(tok, slot[5:], passive, explicit=slots is not DEFAULT_TARGET_SLOTS)
            elif slot == "subj":
                found = self.resolver.actors(syntax.first_child(tok, "nsubj", "nsubjpass"))
            elif slot == "xcomp_obj":
                x = syntax.first_child(tok, "xcomp")
                found = self.resolver.actors(syntax.first_child(x, "dobj")) if x is not None else []
            if found:
                return found
        return []

    def _prep_target(self, tok: Token, prep: str, passive: bool, *, explicit: bool) -> list[Actor]:
        """Actors in the object of ``prep`` on the verb. Where a pattern names the slot ("arrived in",
        "recalled its ambassador from"), the preposition may hang on the verb's object, and a country after
        "in" is the target (the host of a visit), not only a place."""
        holders = [tok]
        obj = self._object(tok, passive) if explicit else None
        if obj is not None:
            holders.append(obj)
        for holder in holders:
            for pobj in syntax.prep_children(holder, prep):
                found = self.resolver.actors(pobj, places=explicit)
                if found:
                    return found
        return []

