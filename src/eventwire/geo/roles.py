"""Place the event, not the actor: the rule table of ``data/geo/event_places.yaml``.

When the text attaches no place to an event, its actors' *names* are still not places ("Iran fired ..."),
but an actor's *territory* may be: force against a state happens on the target's territory ("Russia
attacked Ukraine" is in Ukraine); a launch, test or exercise with no target on the source's ("North Korea
launched a missile"). The rules and their reasons are data; this module reads and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DictionaryError

_PLACES = ("target_territory", "source_territory")
_TARGET = ("present", "absent")


@dataclass(frozen=True, slots=True)
class RoleActor:
    """What the rules need of an event's actor: its country, sector and character span."""

    country: str | None
    sector: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventRoles:
    """An event as the placing rules see it: its CAMEO code and its actors."""

    code: str
    source: RoleActor | None = None
    target: RoleActor | None = None


@dataclass(frozen=True, slots=True)
class PlaceRule:
    name: str
    roots: frozenset[str]
    codes: frozenset[str]
    target: str
    sectors: frozenset[str]
    place: str
    why: str

    def actor(self, roles: EventRoles) -> RoleActor | None:
        """The actor whose territory is the event's place under this rule, or None if it does not apply."""
        if roles.code[:2] not in self.roots and roles.code not in self.codes:
            return None
        if (roles.target is not None) != (self.target == "present"):
            return None
        actor = roles.target if self.place == "target_territory" else roles.source
        if actor is None or not actor.country or (actor.sector or "") not in self.sectors:
            return None
        return actor


@lru_cache(maxsize=1)
def place_rules() -> tuple[PlaceRule, ...]:
    """The rules of ``data/geo/event_places.yaml``, checked (DictionaryError names the rule at fault)."""
    path = "data/geo/event_places.yaml"
    text = resources.files("eventwire.data").joinpath("geo").joinpath("event_places.yaml").read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    rules = []
    for i, item in enumerate(raw.get("rules") or []):
        name = str(item.get("name") or f"rule {i + 1}")
        if item.get("place") not in _PLACES or item.get("target") not in _TARGET:
            raise DictionaryError(f"{name}: place must be one of {_PLACES}, target one of {_TARGET}", path=path)
        if not item.get("roots") and not item.get("codes"):
            raise DictionaryError(f"{name}: give roots or codes", path=path)
        if not str(item.get("why") or "").strip():
            raise DictionaryError(f"{name}: say why", path=path)
        rules.append(PlaceRule(
            name, frozenset(str(r) for r in item.get("roots") or ()), frozenset(str(c) for c in item.get("codes") or ()),
            item["target"], frozenset("" if s is None else str(s) for s in item.get("sectors") or [""]),
            item["place"], " ".join(str(item["why"]).split()),
        ))
    return tuple(rules)


def territory(roles: EventRoles) -> tuple[PlaceRule, RoleActor] | None:
    """The first rule that applies to ``roles`` and the actor whose territory it names, or None."""
    for rule in place_rules():
        actor = rule.actor(roles)
        if actor is not None:
            return rule, actor
    return None


def event_roles(code: str, source: object | None, target: object | None) -> EventRoles:
    """``EventRoles`` from a CAMEO code and two actor records with ``country``, ``sector``, ``start`` and
    ``end`` (``eventwire.model.ActorRef``), or None for a missing actor."""

    def actor(ref: object | None) -> RoleActor | None:
        if ref is None:
            return None
        return RoleActor(getattr(ref, "country", None), getattr(ref, "sector", None),
                         int(getattr(ref, "start", 0)), int(getattr(ref, "end", 0)))

    return EventRoles(code, actor(source), actor(target))
