"""Small, pure helpers over the spaCy dependency parse (ClearNLP labels, as in en_core_web_sm)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..lexicons import lexicon

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative", "npadvmod"})
RELATIVE_PRONOUNS = lexicon("events", "relative_pronouns")
MODALS = lexicon("events", "modals")
# Quantities whose "of" complement is the real argument: "killed dozens of soldiers".
QUANTITY_NOUNS = lexicon("events", "quantity_nouns")
# Facilities that "house" actors: "bases housing US forces" -> the forces are the target.
HOUSING_VERBS = frozenset(
    {f"{stem}{ending}" for stem in lexicon("events", "housing_verb_stems") for ending in ("", "s", "d", "ed", "ing")}
    | lexicon("events", "housing_verb_forms")
)
FACILITY_NOUNS = lexicon("events", "facility_nouns")
# Facilities are places, not actors ("Iraqi bases", "the Saudi embassy" are where something happened);
# military positions stand for the forces holding them ("Indian positions" -> INDMIL).
PLACE_FACILITIES = FACILITY_NOUNS - {"mission", "office", "offices"}
MILITARY_POSITIONS = lexicon("events", "military_positions")
# Verbs whose small clause says what state someone was left in: "left two students injured", "found him shot".
RESULT_VERBS = frozenset({"leave", "find", "keep", "see"})


def is_passive(verb: Token) -> bool:
    """Passive voice, including a past participle modifying a noun ("people killed by ...", "protesters
    detained in Tripoli"): there the noun is the patient."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return (verb.dep_ == "acl" and verb.tag_ == "VBN") or reduced_passive(verb)


def reduced_passive(verb: Token) -> bool:
    """A past participle with a subject and no auxiliary or object: the passive of a headline or a small
    clause, "Students Injured in Clash", "the clash left one student injured" (the parser calls the
    patient its nsubj)."""
    if verb.tag_ != "VBN" or verb.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in verb.children}
    if "nsubj" not in deps or deps & {"aux", "dobj", "obj", "dative", "ccomp", "xcomp"}:
        return False
    # A small clause after "left", "found" ..., or a headline's capitalised participle; elsewhere a VBN with
    # a subject is more often a past tense the tagger got wrong ("Americans protested outside ...").
    small_clause = verb.dep_ in ("ccomp", "xcomp", "oprd") and verb.head.lemma_ in RESULT_VERBS
    headline = verb.text[:1].isupper() and verb.i > verb.sent.start
    return small_clause or headline


def passive_subject(verb: Token) -> Token | None:
    """The patient of a passive verb: its nsubjpass, or the nsubj of a reduced passive."""
    patient = first_child(verb, "nsubjpass")
    if patient is None and reduced_passive(verb):
        return first_child(verb, "nsubj")
    return patient


def is_descriptor(verb: Token) -> bool:
    """A past participle modifying a noun with no agent ("a man accused of murder", "men armed with
    rifles", "the accused robber"): it says what the noun is, not who did what."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and verb.head is not verb \
        and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and not any(c.dep_ == "agent" for c in verb.children)


def children(tok: Token, *deps: str) -> Iterator[Token]:
    """Children of ``tok`` in ``deps``; a wire dateline is never one (see ``in_dateline``)."""
    return (c for c in tok.children if c.dep_ in deps and not in_dateline(c))


# A wire dateline opening a line: "DAYTON, Ohio —", "KABUL, Afghanistan (AP) --", "Nairobi, Oct. 3 -".
DATELINE_DASHES = frozenset({"—", "–", "-", "--", "---"})
DATELINE_MAX_TOKENS = 12


def _line_start(tok: Token) -> bool:
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    return "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)


def _dateline_word(tok: Token) -> bool:
    return tok.is_punct or tok.like_num or tok.text[:1].isupper()


def in_dateline(tok: Token) -> bool:
    """Whether ``tok`` is in the dateline that opens its line: a short run of capitalised words, numbers
    and punctuation ("Dayton , Ohio", "Kabul , Afghanistan ( AP )") ended by a dash. The parser often takes
    the dateline's place for the subject of the first sentence ("Dayton" as the one who arrested), or a
    capital there for its government; a dateline says where the story was filed, it does nothing."""
    doc = tok.doc
    start = tok.i
    while not _line_start(doc[start]):
        if tok.i - start >= DATELINE_MAX_TOKENS or not _dateline_word(doc[start - 1]):
            return False
        start -= 1
    if not _dateline_word(tok) or tok.text in DATELINE_DASHES:
        return False
    for j in range(tok.i + 1, min(start + DATELINE_MAX_TOKENS + 1, len(doc) - 1)):
        t = doc[j]
        if t.text in DATELINE_DASHES:
            # the story starts after the dash ("— Police arrested"), not an aside ("— the two neighbours —",
            # closed by a second dash); in lower-case text the story's first word is lower case too
            after = doc[j + 1]
            if j == start or after.is_punct:
                return False
            return not after.text[:1].islower() or not any(
                t.text in DATELINE_DASHES for t in doc[j + 1 : j + 1 + 2 * DATELINE_MAX_TOKENS]
            )
        if not _dateline_word(t):
            return False
    return False


def first_child(tok: Token, *deps: str) -> Token | None:
    return next(children(tok, *deps), None)


QUOTES = frozenset({'"', "“", "”", "``", "''", "«", "»"})


def subject(verb: Token, *deps: str) -> Token | None:
    """The subject of ``verb`` among its ``deps`` children (default nsubj, csubj). When the parser gives a
    verb two subjects, one inside a quotation that ends before the verb ("“Cuba,” said Pedro Alvarez"),
    the quoted one is what was said, not who said it."""
    found = list(children(verb, *(deps or ("nsubj", "csubj"))))
    if len(found) > 1:
        outside = [c for c in found if not _quoted_before(c, verb)]
        if outside:
            return outside[0]
    return found[0] if found else None


def _quoted_before(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` sits inside quotation marks that close before ``verb``."""
    if tok.i > verb.i:
        return False
    sent = tok.sent
    opened = sum(1 for t in tok.doc[sent.start : tok.i] if t.text in QUOTES) % 2 == 1
    return opened and any(t.text in QUOTES for t in tok.doc[tok.i + 1 : verb.i])


def prep_children(tok: Token, prep: str) -> Iterator[Token]:
    """Objects of the preposition ``prep`` attached to ``tok`` ("at", "on", "according to" is "accord")."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    yield p


def particle(tok: Token) -> str | None:
    prt = first_child(tok, "prt")
    return prt.lower_ if prt is not None else None


def has_modal(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in MODALS:
            return True
        # "is going to attack"
        if c.dep_ == "aux" and c.lower_ == "going":
            return True
    return False


def is_negated(tok: Token) -> bool:
    """ "did not attack", "never attacked", and a subject or object that is nobody: "no one was arrested",
    "none of them has been charged", "no arrests were made", "police made no arrests"."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",))
               or (c.dep_ in ("nsubj", "nsubjpass", "dobj") and _nobody(c)) for c in tok.children)


def _nobody(noun: Token) -> bool:
    return noun.lower_ in ("nobody", "none", "noone") or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def resolve_relative(tok: Token) -> Token:
    """A relative pronoun subject ("the airstrike that killed X") stands for the noun the clause modifies."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl") and tok.head.head is not tok:
        return tok.head.head
    return tok


def in_if_clause(tok: Token) -> bool:
    """True when ``tok`` sits in a conditional clause ("if Iran attacks ...")."""
    node = tok
    for _ in range(6):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return True
        if node.head is node:
            return False
        node = node.head
    return False

# Verbs whose subject did what their object names: "Iran launched strikes", "the group claimed the attack".
PERPETRATION_VERBS = lexicon("events", "perpetration_verbs")
# "accused / blamed X of / for (doing) Y": X did Y.
ACCUSING_VERBS = lexicon("events", "accusing_verbs")
# Prepositions that name an event as background ("after the attack", "an inquiry into the killing").
BACKGROUND_PREPS = lexicon("events", "background_preps")
# Nouns of a stretch of time: "days of fighting", "weeks of clashes".
SPAN_NOUNS = lexicon("events", "span_nouns")
TEMPORAL_PREPS = lexicon("events", "temporal_preps")


WEEKDAYS = lexicon("text", "weekdays")


def is_temporal(tok: Token) -> bool:
    """A date or time ("Monday", "March 3", "the weekend"), by the parser's entity type or a weekday."""
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS


def is_infinitival(tok: Token) -> bool:
    """An infinitive clause hung as an adverbial ("called on both sides to protect civilians")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
