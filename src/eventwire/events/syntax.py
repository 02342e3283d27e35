"""Small, pure helpers over the spaCy dependency parse (ClearNLP labels, as in en_core_web_sm)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative", "npadvmod"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
MODALS = frozenset({"could", "may", "might", "would", "will", "shall", "should", "can", "must", "'ll", "'d", "wo", "ca"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# Quantities whose "of" complement is the real argument: "killed dozens of soldiers".
QUANTITY_NOUNS = frozenset(
    {
        "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number",
        "group", "members", "member", "some", "many", "several", "most", "all", "part", "rest", "team",
        "delegation", "contingent", "unit", "units", "convoy", "leader", "leaders", "head", "chief",
        "representatives", "representative", "supporters", "supporter", "fighters", "fighter", "one", "two",
        "three", "four", "five", "six", "seven", "eight", "nine", "ten", "handful", "batch", "wing",
        "positions", "position", "bases", "base", "headquarters", "office", "offices", "camp", "camps",
        "embassy", "consulate", "compound", "facilities", "facility", "territory", "soil", "sovereignty",
    }
)
# Facilities that "house" actors: "bases housing US forces" -> the forces are the target.
HOUSING_VERBS = frozenset(
    {
        f"{stem}{ending}"
        for stem in ("house", "host", "station", "shelter", "accommodate", "occupy", "use")
        for ending in ("", "s", "d", "ed", "ing")
    }
    | {"housing", "hosting", "stationing", "sheltering", "holding", "held", "hold", "occupying", "occupied",
       "using", "used", "staffed", "manned"}
)
FACILITY_NOUNS = frozenset(
    {
        "base", "bases", "basis", "camp", "camps", "compound", "compounds", "embassy", "embassies", "barracks",
        "garrison", "airbase", "airbases", "facility", "facilities", "building", "buildings", "headquarters",
        "installation", "installations", "consulate", "consulates", "site", "sites", "plant", "plants",
        "airport", "airports", "port", "ports", "station", "stations", "office", "offices", "mission",
    }
)
# Facilities are places, not actors ("Iraqi bases", "the Saudi embassy" are where something happened);
# military positions stand for the forces holding them ("Indian positions" -> INDMIL).
PLACE_FACILITIES = FACILITY_NOUNS - {"mission", "office", "offices"}
MILITARY_POSITIONS = frozenset(
    {"position", "positions", "post", "posts", "outpost", "outposts", "convoy", "convoys", "checkpoint",
     "checkpoints", "lines", "trenches", "stronghold", "strongholds", "vessel", "vessels", "warship", "warships"}
)


def is_passive(verb: Token) -> bool:
    """Passive voice, including a past participle modifying a noun ("people killed by ...", "protesters
    detained in Tripoli"): there the noun is the patient."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def children(tok: Token, *deps: str) -> Iterator[Token]:
    return (c for c in tok.children if c.dep_ in deps)


def first_child(tok: Token, *deps: str) -> Token | None:
    return next(children(tok, *deps), None)


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
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)) for c in tok.children)


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
PERPETRATION_VERBS = frozenset(
    {
        "launch", "carry", "conduct", "stage", "mount", "orchestrate", "order", "commit", "perpetrate",
        "unleash", "intensify", "escalate", "continue", "resume", "step", "begin", "start", "execute", "wage",
        "plan", "mastermind", "direct", "lead", "organize", "organise", "hold", "impose", "announce", "declare",
        "issue", "make", "deliver", "send", "provide", "offer", "extend", "sign", "conclude", "broker",
        "initiate", "expand", "renew", "tighten", "reimpose", "slap", "deploy", "fire", "claim", "complete",
        "finish", "finalize", "finalise",
    }
)
# "accused / blamed X of / for (doing) Y": X did Y.
ACCUSING_VERBS = frozenset(
    {"accuse", "blame", "charge", "condemn", "criticize", "criticise", "suspect", "convict", "fault", "hold"}
)
# Prepositions that name an event as background ("after the attack", "an inquiry into the killing").
BACKGROUND_PREPS = frozenset(
    {"after", "before", "following", "since", "despite", "amid", "over", "into", "about", "during", "of",
     "in", "for", "from", "like", "than"}
)
# Nouns of a stretch of time: "days of fighting", "weeks of clashes".
SPAN_NOUNS = frozenset({"hours", "days", "weeks", "months", "years", "nights", "decades", "day", "week", "month",
                        "year", "night", "decade"})
TEMPORAL_PREPS = frozenset({"after", "before", "following", "since", "amid", "during", "despite", "until", "ahead"})


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def is_temporal(tok: Token) -> bool:
    """A date or time ("Monday", "March 3", "the weekend"), by the parser's entity type or a weekday."""
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS


def is_infinitival(tok: Token) -> bool:
    """An infinitive clause hung as an adverbial ("called on both sides to protect civilians")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
