"""A bomb named as a thing is a device, not an attack: "police found a bomb in the car", "the bombs were
made in a garage", "a bomb squad". It is an attack only when the sentence says it was used: it exploded,
went off, killed or hit someone, or someone detonated, threw or dropped it.

Likewise a weapon-like thing used for a civil purpose is no attack: "criminals use drones to carry drugs",
"companies use drones to make deliveries" (``civil_purpose``)."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import lexicon

#: Nouns that name a device; the event nouns of bombing ("bombing", "blast", "explosion") are not here.
DEVICE_NOUNS = lexicon("events", "device_nouns")
#: Verbs whose subject, when a bomb, was used: it exploded or harmed.
DEVICE_ACTS = lexicon("events", "device_acts")
#: Verbs whose object, when a bomb, was used by the subject.
DEVICE_USES = lexicon("events", "device_uses")
#: What drones, aircraft or vehicles are used for when they are not used as weapons.
CIVIL_USES = lexicon("events", "civil_uses")
#: Verbs of using a thing, whose purpose clause says what it was used for.
USE_VERBS = frozenset({"use", "employ", "deploy"})


def is_device(noun: Token) -> bool:
    """Whether ``noun`` names a bomb as a thing, with no attack predicate over it."""
    if noun.lower_ not in DEVICE_NOUNS and noun.lemma_.lower() not in DEVICE_NOUNS:
        return False
    head = noun.head
    lemma = head.lemma_.lower()
    if noun.dep_ in ("nsubj", "nsubjpass") and lemma in DEVICE_ACTS:
        return False
    if noun.dep_ == "dobj" and lemma in DEVICE_USES:
        return False
    if noun.dep_ == "nsubjpass" and lemma in DEVICE_USES:  # "a bomb was detonated / thrown"
        return False
    if noun.dep_ == "pobj" and head.head.lemma_.lower() in DEVICE_USES | DEVICE_ACTS:  # "attacked with bombs"
        return False
    # "a bomb that exploded", "a bomb which killed": the attack is in a clause on the noun
    return not any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in DEVICE_ACTS for c in noun.children)


def civil_purpose(verb: Token) -> bool:
    """Whether a "use X" verb names a purpose and every verb of it is a civil one ("to carry drugs", "to
    monitor the border"); "used drones to carry out reconnaissance and drop bombs" is not."""
    if verb.lemma_.lower() not in USE_VERBS:
        return False
    purpose = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl")
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if purpose is None:
        return False
    return all(v.lemma_.lower() in CIVIL_USES for v in purpose.subtree if v.pos_ == "VERB")
