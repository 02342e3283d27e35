"""Offline geoparsing: a local gazetteer index, toponyms in parsed text, and the place of each event.

::

    geo = GeoParser(settings)                      # nothing loads until first use
    toponyms = geo.toponyms(doc)                    # list[Toponym], resolved, character spans
    place, basis = geo.locate(doc, trigger_i, toponyms, exclude_spans=actor_spans)

The gazetteer index (SQLite, ~55 MB) is built once into the user cache (``$EVENTWIRE_CACHE`` or
``~/.cache/eventwire``) from installed packages and our curated files, and rebuilt when they change.
"""

from __future__ import annotations

from ..model import ARTICLE, ATTACHED, SENTENCE, TERRITORY
from .build import BuildReport, build_index
from .gazetteer import Candidate, Gazetteer, cache_dir
from .locate import PlaceIndex
from .parser import GeoParser
from .roles import EventRoles, event_roles
from .toponyms import Toponym

__all__ = [
    "ARTICLE",
    "ATTACHED",
    "SENTENCE",
    "TERRITORY",
    "BuildReport",
    "Candidate",
    "EventRoles",
    "Gazetteer",
    "GeoParser",
    "PlaceIndex",
    "Toponym",
    "build_index",
    "cache_dir",
    "event_roles",
]
