"""Actor mentions the dictionaries cannot list: a role noun followed by a name nobody listed.

- ``named_roles``: a role noun (or a composite ending in one) directly followed by a person's name that is
  in no dictionary takes the name into its span: "lawmaker Juan Perez", "Venezuelan opposition leader Ana
  Gomez". The code stays the role's (VENLEG, VENOPP); the span, and so the head token the event rules
  attach to, is the whole name ("... Ana Gomez was arrested": the subject is "Gomez").
- ``reuse_role_names``: a name given to a role that way, or in apposition to it ("the prosecutor, Remy
  Vance, said"), is that role when the article names the person again by surname ("Vance said"), as a
  dictionary person's surname is (``ActorMatcher._reuse_surnames``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .compose import Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ROLE_KINDS = frozenset({"agent", "composite"})
# Role codes whose nouns also name things with proper names ("the tanker Stena Impero", "carrier Lufthansa").
_THINGS = ("BUS",)


def named_roles(doc: Doc, units: list[Unit]) -> list[Unit]:
    """Role-noun units extended over an unlisted person's name that follows them."""
    taken = _taken(doc, units)
    out = []
    for unit in units:
        end = unit.end
        if unit.target.kind in _ROLE_KINDS and not unit.code.endswith(_THINGS):
            while end < len(doc) and not taken[end] and doc[end].pos_ == "PROPN" and doc[end].ent_type_ == "PERSON":
                end += 1
        out.append(unit if end == unit.end else replace(unit, end=end, entry=f"{unit.entry} + a name"))
    return out


def _taken(doc: Doc, units: list[Unit]) -> bytearray:
    taken = bytearray(len(doc))
    for unit in units:
        taken[unit.start:unit.end] = b"\x01" * (unit.end - unit.start)
    return taken


def reuse_role_names(doc: Doc, units: list[Unit]) -> list[Unit]:
    """Later mentions of the surname of a name that a role unit carries or has in apposition, as that role."""
    taken = _taken(doc, units)
    names: dict[str, tuple[int, Unit, frozenset[str]]] = {}
    for unit in units:
        if unit.target.kind not in _ROLE_KINDS or unit.code.endswith(_THINGS):
            continue
        name = _carried_name(doc, unit) or _appositive_name(doc, unit, taken)
        # Keyed by lower-cased text: a surname that opens a sentence in a truecased text ("Heitz said") is the
        # name a title carried in lower case ("prosecutor nicolas heitz").
        if name is not None and len(name) > 0 and name[-1].lower_ not in names:
            names[name[-1].lower_] = (max(unit.end, name[-1].i + 1), unit, frozenset(t.lower_ for t in name[:-1]))
    if not names:
        return units
    extra = []
    for token in doc:
        found = names.get(token.lower_)
        if found is None or taken[token.i] or token.i < found[0] or token.pos_ != "PROPN":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and not taken[token.i + 1]:
            continue  # "Vance Street", "Vance Holdings": another name that starts with it
        start = token.i
        while start > 0 and not taken[start - 1] and doc[start - 1].lower_ in found[2]:
            start -= 1
        unit = found[1]
        extra.append(replace(unit, start=start, end=token.i + 1, agent=None, owner=None,
                             entry=f"{unit.entry} (named again)"))
        taken[start:token.i + 1] = b"\x01" * (token.i + 1 - start)
    return sorted(units + extra, key=lambda u: u.start)


def _carried_name(doc: Doc, unit: Unit) -> list[Token] | None:
    """The person's name a role unit was extended over ("lawmaker Juan Perez" -> Juan Perez)."""
    if not unit.entry.endswith("+ a name"):
        return None
    start = unit.end
    while start > unit.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    return list(doc[start:unit.end]) if start < unit.end else None


def _appositive_name(doc: Doc, unit: Unit, taken: bytearray) -> list[Token] | None:
    """A person's name in apposition to a role unit, of two words or more: "the prosecutor, Remy Vance,",
    "Remy Vance, the prosecutor,"."""
    head = doc[unit.start:unit.end].root
    linked = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        linked.append(head.head)
    for tok in linked:
        if tok.pos_ != "PROPN" or tok.ent_type_ != "PERSON" or taken[tok.i]:
            continue
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
        if ent is not None and len(ent) >= 2 and not any(taken[t.i] for t in ent):
            return list(ent)
    return None
