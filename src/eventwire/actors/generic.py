"""Actor mentions the dictionaries cannot list: a role noun followed by a name nobody listed.

- ``named_roles``: a role noun (or a composite ending in one) directly followed by a person's name that is
  in no dictionary takes the name into its span: "lawmaker Juan Perez", "Venezuelan opposition leader Ana
  Gomez". The code stays the role's (VENLEG, VENOPP); the span, and so the head token the event rules
  attach to, is the whole name ("... Ana Gomez was arrested": the subject is "Gomez").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .compose import Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
