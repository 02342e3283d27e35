"""The geo stage's one entry point for the pipeline and the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import TERRITORY, Place
from ..settings import Settings
from .detect import detect
from .gazetteer import Gazetteer
from .locate import PlaceIndex
from .resolve import resolve
from .roles import EventRoles, territory
from .sites import unresolved_entities, unresolved_sites
from .toponyms import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc


class GeoParser:
    """Finds and resolves toponyms and locates events. Build once per process; the gazetteer index opens
    (and, the first time, builds) on first use, never at construction."""

    def __init__(self, settings: Settings | None = None, *, index_path: Path | None = None) -> None:
        self.settings = settings or Settings()
        self._index_path = index_path

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.open(self._index_path)

    def toponyms(self, doc: Doc, *, unresolved: bool = False) -> list[Toponym]:
        """Every toponym in ``doc``, resolved, in text order (metonymic ones flagged, not dropped).
        ``unresolved``: also the named sites the gazetteer lacks ("Kinsale Road", "Rikers Island") and place
        entities it lacks after a preposition of place ("in Matiala"; evidence ``unresolved``), at the point of the place the text puts them in or with no point (``sites.py``);
        never used as event places."""
        found = resolve(doc, detect(doc, self.gazetteer), self.gazetteer)
        if not unresolved:
            return found
        sites = unresolved_sites(doc, found)
        named = unresolved_entities(doc, [*found, *sites])
        return sorted([*found, *sites, *named], key=lambda t: t.start)

    def locate(
        self,
        doc: Doc,
        trigger: int,
        toponyms: Sequence[Toponym],
        *,
        exclude_spans: Iterable[tuple[int, int]] = (),
    ) -> tuple[Place | None, str | None]:
        """(place, basis) of the event whose predicate is token index ``trigger``; basis is ``"attached"``,
        ``"sentence"`` or ``"article"``, or (None, None) when the article names no place.
        ``exclude_spans``: (start, end) character offsets of the event's actors."""
        top, basis = PlaceIndex(doc, toponyms, exclude_spans=exclude_spans).locate(trigger)
        return (top.to_place() if top else None), basis

    def locate_all(
        self,
        doc: Doc,
        trigger: int,
        toponyms: Sequence[Toponym],
        *,
        exclude_spans: Iterable[tuple[int, int]] = (),
    ) -> tuple[list[Place], str | None]:
        """Every place of the event: several when the attached place is a coordination ("in Anbar and
        Arbil"), else the one ``locate`` gives; ([], None) when the article names no place."""
        tops, basis = PlaceIndex(doc, toponyms, exclude_spans=exclude_spans).locate_all(trigger)
        return [t.to_place() for t in tops], basis

    def territory(self, index: PlaceIndex, roles: EventRoles) -> Place | None:
        """The place the rule table (``data/geo/event_places.yaml``) gives an event with no attached place:
        the territory of its target or source ("Russia attacked Ukraine" -> Ukraine), basis ``territory``, at
        the country's name in the text; None when no rule applies or the actor is not the country's name."""
        ruled = territory(roles)
        if ruled is None:
            return None
        _, actor = ruled
        for top in index.overlapping(actor.start, actor.end):
            if top.feature == "country" and top.country == actor.country:
                return replace(top.to_place(), basis=TERRITORY)
        # The state must be named as a country ("Ukraine"), not through its people ("killing Americans":
        # Americans abroad) or its capital: then the rule says nothing.
        return None

    def index(
        self, doc: Doc, toponyms: Sequence[Toponym], *, exclude_spans: Iterable[tuple[int, int]] = ()
    ) -> PlaceIndex:
        """The toponyms of ``doc`` indexed once for placing many events (``index.locate_all(trigger)``):
        ``locate``/``locate_all`` above rebuild it on every call."""
        return PlaceIndex(doc, toponyms, exclude_spans=exclude_spans)
