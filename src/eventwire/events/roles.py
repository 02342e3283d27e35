"""Who did it and to whom: the subjects, objects and prepositional targets of a predicate."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import lexicon, ordered_lexicon
from . import syntax
from .arguments import ArgumentResolver
from .patterns import PatternMatcher
from .predicates import PredicateCodes
from .records import DEFAULT_TARGET_SLOTS, Actor
from .senses import Senses

# Verbs whose object is the subject of the clause they govern: "urged Iran to release" -> Iran releases.
OBJECT_CONTROL = lexicon("events", "object_control_verbs")
OBJECT_TARGET_PREPS = ordered_lexicon("events", "object_target_preps")
# How many searches for who did something (subjects of verbs, doers of event nouns) may be nested: they go
# up and down the tree through relative clauses and event nouns.
MAX_ARGUMENT_NESTING = 8
# Where an event noun's target is looked for: "sanctions on X", "talks with Y", "aid to Z".
NOUN_TARGET_PREPS = ordered_lexicon("events", "noun_target_preps")
# "retaliation for X", "a response to X": for conflict nouns, for/to name a cause, not a target.
CONFLICT_NOUN_PREPS = ordered_lexicon("events", "conflict_noun_preps")
COOPERATIVE_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "07", "08"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Finite verb tags: a conjunct with one of them is active even after a passive first verb.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# "six soldiers died / were killed in the Taliban attack": the subject is the attack's victim.
VICTIM_VERBS = lexicon("events", "victim_verbs")
# "nine people were dead after the bombing": the victim states that take an attack's victims too.
VICTIM_STATES = lexicon("events", "victim_states")
# Where the attack that hurt someone is named: "killed in", "died during", "dead after", "wounded following".
VICTIM_PREPS = ("in", "during", "after", "following")


class PredicateRoles:
    """Per sentence: the actors in a predicate's argument slots, for verbs and event nouns."""

    def __init__(
        self, senses: Senses, resolver: ArgumentResolver, patterns: PatternMatcher, codes: PredicateCodes
    ) -> None:
        self.senses = senses
        self.resolver = resolver
        self.patterns = patterns
        self.codes = codes
        # The argument searches under way (see MAX_ARGUMENT_NESTING): what keeps them bounded and cycle-free.
        self._arguments: set[tuple[str, int]] = set()

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
            return self._attack_doers(verb)
        subj = syntax.subject(verb, "nsubj", "csubj")
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
        if verb.dep_ == "conj" and verb.tag_ in FINITE_TAGS and syntax.is_passive(head):
            # "the minister was questioned for hours and issued a statement": a finite verb joined to a
            # passive shares its subject, not its agent ("was arrested and released" stays passive: VBN).
            patient = syntax.passive_subject(head)
            if patient is not None:
                return self._actors_or_event_source(patient)
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

    def _attack_doers(self, verb: Token) -> list[Actor]:
        """ "soldiers were killed in Taliban attacks", "wounded in an Israeli airstrike": with no agent, who
        did the attack named after "in" killed or wounded them."""
        if verb.lemma_.lower() not in VICTIM_VERBS:
            return []
        for prep in VICTIM_PREPS:
            for pobj in syntax.prep_children(verb, prep):
                pred = self.codes.predicate(pobj) if self.senses.noun_entries(pobj) else None
                if pred is not None and pred.code[:2] in VIOLENT_ROOTS:
                    found = self.noun_sources(pobj)
                    if found:
                        return found
        return []

    def _actors_or_event_source(self, tok: Token) -> list[Actor]:
        found = self.resolver.actors(tok)
        if found:
            return found
        head = syntax.resolve_relative(tok)
        if self.senses.noun_entries(head) and self.codes.predicate(head) is not None:
            return self.noun_sources(head)
        return []

    def targets(self, tok: Token, slots: tuple[str, ...], passive: bool) -> list[Actor]:
        for slot in slots:
            found: list[Actor] = []
            if slot == "obj":
                obj = self.patterns.object(tok, passive)
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
        obj = self.patterns.object(tok, passive) if explicit else None
        if obj is not None:
            holders.append(obj)
        for holder in holders:
            for pobj in syntax.prep_children(holder, prep):
                found = self.resolver.actors(pobj, places=explicit)
                if found:
                    return found
        return []

    # ------------------------------------------------------------------ event nouns
    def between(self, noun: Token, symmetric: bool) -> list[Actor]:
        """The parties of "clashes between X and Y"; for a mutual event noun also "fighting broke out /
        erupted between X and Y", where the parser hangs "between" on the verb the noun is subject of, or on
        a verb that modifies it."""
        holders = [noun]
        if symmetric and noun.dep_ == "nsubj" and noun.head is not noun and noun.head.pos_ in ("VERB", "AUX"):
            holders.append(noun.head)
        if symmetric:  # "fighting that broke out between X and Y" (and the parse "clashes [flared between]")
            holders.extend(c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")
        for holder in holders:
            for pobj in syntax.prep_children(holder, "between"):
                found = self.resolver.actors(pobj)
                if len(found) >= 2:
                    return found
        return []

    def side_in_clause(self, noun: Token) -> list[Actor]:
        """For a mutual event noun with one side named ("fighting with the army"), the other side when the
        noun sets the time of a clause: the subject of "the rebels withdrew after (days of) fighting with
        the army". A speech act's subject is not a side ("X condemned the fighting with Y" stays one-sided)."""
        if not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
            return []
        node = noun
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in syntax.SPAN_NOUNS:
            node = node.head.head  # "days of fighting"
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in syntax.TEMPORAL_PREPS:
            return []
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX") or (self.senses.verb_entries(verb) and self.codes.is_speech_act(verb)):
            return []
        return self.subjects(verb)

    def noun_sources(self, noun: Token) -> list[Actor]:
        """Who did what an event noun names: "Iran's strikes", "the US airstrike", "strikes by Iran",
        "Iran launched strikes"."""
        if not self.argument_search("sources", noun):
            return []
        try:
            return self._noun_sources(noun)
        finally:
            self.argument_done("sources", noun)

    def _noun_sources(self, noun: Token) -> list[Actor]:
        found = self.resolver.modifier_actors(noun)
        if found:
            return found
        for agent in syntax.prep_children(noun, "by"):
            found = self.resolver.actors(agent)
            if found:
                return found
        head = noun.head
        claimed = head.head if noun.dep_ == "pobj" and head.lower_ == "for" else None
        if claimed is not None and claimed.lower_ in ("responsibility", "credit") and claimed.dep_ == "dobj":
            # "the group claimed / accepted responsibility for the bombing": the bombing is the group's
            found = self.subjects(claimed.head)
            if found:
                return found
        if noun.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.lemma_ in syntax.ACCUSING_VERBS:
            # "Iran blamed Israel for a strike on its consulate": the one blamed did it.
            found = self.resolver.actors(syntax.first_child(head.head, "dobj"))
            if found:
                return found
        if (
            noun.dep_ in ("dobj", "nsubjpass")
            and head.pos_ in ("VERB", "AUX")
            and head is not noun
            and self._perpetrates(head)
        ):
            return self.subjects(head)
        if noun.dep_ == "conj" and head is not noun and head.pos_ in ("NOUN", "PROPN"):
            return self.noun_sources(head)
        if noun.dep_ == "conj" and head is not noun and head.pos_ == "VERB":
            return self.subjects(head)  # "... withdrew from the deal and reimposed sanctions" (mis-parsed)
        return []

    def _perpetrates(self, verb: Token) -> bool:
        """Whether the subject of ``verb`` is the doer of the event its object names: "Iran launched/carried
        out/orchestrated strikes" yes; "Trump survived an assassination attempt", "X condemned the attack"
        no."""
        lemma = verb.lemma_.lower()
        if lemma in syntax.PERPETRATION_VERBS:
            return True
        return any(e.kind == "light" for e in self.senses.verb_entries(verb))

    def noun_targets(self, noun: Token, code: str | None = None) -> list[Actor]:
        preps = NOUN_TARGET_PREPS if code is None or code[:2] in COOPERATIVE_ROOTS else CONFLICT_NOUN_PREPS
        own = code or (pred.code if (pred := self.codes.predicate(noun)) is not None else "")
        if own[:2] == "08":
            preps = (*preps, "from")  # "its withdrawal from ECOWAS": what is left is the target
        # "an aid package for Ukraine": the event noun modifies the noun that carries the preposition.
        holders = [noun, noun.head] if noun.dep_ == "compound" and noun.head is not noun else [noun]
        for holder in holders:
            for prep in preps:
                for pobj in syntax.prep_children(holder, prep):
                    found = self.resolver.actors(pobj)
                    if found:
                        return found
        if own[:2] in VIOLENT_ROOTS:
            found = self.victims(noun)
            if found:
                return found
        # "the airstrike that killed X", "a raid targeting Y"
        for clause in syntax.children(noun, "relcl", "acl"):
            if not self.senses.verb_entries(clause):
                continue  # "video of the explosion circulated on social media": no act on anyone
            found = self.resolver.actors(syntax.first_child(clause, "dobj"))
            if found:
                return found
            for prep in ("on", "against", "at"):
                for pobj in syntax.prep_children(clause, prep):
                    found = self.resolver.actors(pobj)
                    if found:
                        return found
        return []

    def victims(self, noun: Token) -> list[Actor]:
        """ "six soldiers died in the Taliban attack", "civilians were wounded in airstrikes", "the people
        killed in the bombing", "three people are dead after a shooting": the ones who died or were hurt in
        an attack are its target."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in VICTIM_PREPS or prep.dep_ != "prep":
            return []
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        lemma = verb.lemma_.lower()
        if lemma in ("die", "perish") or (
            lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in VICTIM_STATES for c in verb.children)
        ):
            return self.resolver.actors(syntax.first_child(verb, "nsubj"))
        if lemma not in VICTIM_VERBS or not syntax.is_passive(verb):
            return []
        if verb.dep_ == "acl" and verb.head is not verb:
            return self.resolver.actors(verb.head)  # "the civilians killed in the strike"
        return self.resolver.actors(syntax.passive_subject(verb))
