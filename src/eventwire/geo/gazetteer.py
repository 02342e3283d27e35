"""Read side of the gazetteer index: where it lives, (re)building it when missing or outdated, lookups."""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .build import build_index, fingerprint

log = logging.getLogger(__name__)

INDEX_NAME = "gazetteer.sqlite"


def cache_dir() -> Path:
    """``$EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``."""
    if os.environ.get("EVENTWIRE_CACHE"):
        return Path(os.environ["EVENTWIRE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to. ``exact``: the name is its main name, not an alias."""

    id: int
    name: str
    feature: str  # country | admin1 | city | facility | other
    country: str | None
    admin1: str | None
    admin1_id: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    exact: bool
    geonames_id: int | None = None  # the GeoNames id of cities and countries (GDELT's FeatureID)


class Gazetteer:
    """Name lookups over the SQLite index. Open with :meth:`open`; it builds the index when needed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._countries: dict[str, Candidate] | None = None
        self._demonyms: dict[str, str] | None = None

    @classmethod
    def open(cls, path: Path | None = None, *, rebuild: bool = False) -> Gazetteer:
        """Open the index at ``path`` (default: ``cache_dir()/gazetteer.sqlite``), building it first when it is
        missing, was built from other inputs (fingerprint differs), or ``rebuild`` is set (~20 s, once)."""
        path = path or cache_dir() / INDEX_NAME
        if rebuild or not index_is_current(path):
            log.info("building gazetteer index at %s", path)
            build_index(path)
        return cls(path)

    def close(self) -> None:
        self._con.close()

    def lookup(self, keys: set[str]) -> dict[str, list[Candidate]]:
        """Candidates for each name key found (keys from :func:`eventwire.geo.names.name_key`)."""
        return self._by_key("aliases", "a.exact", keys)

    def abbreviations(self, keys: set[str]) -> dict[str, list[Candidate]]:
        """First-level units for abbreviation keys ("ore" -> Oregon, "ny" -> New York): for the words after
        "City, " only (on their own most abbreviations are common words)."""
        return self._by_key("abbreviations", "1", keys)

    def _by_key(self, table: str, exact: str, keys: set[str]) -> dict[str, list[Candidate]]:
        """The places ``table`` (``aliases`` or ``abbreviations``) lists under each key; ``exact`` is the SQL
        of the candidates' ``exact`` flag. Both come from this class, never from input."""
        out: dict[str, list[Candidate]] = {}
        items = sorted(keys)
        for i in range(0, len(items), 900):  # stay under SQLite's bound-parameter limit
            chunk = items[i : i + 900]
            marks = ",".join("?" * len(chunk))
            rows = self._con.execute(
                "SELECT a.key, p.id, p.name, p.feature, p.country, p.admin1, p.admin1_id, p.lat, p.lon,"
                f" p.population, p.capital, {exact}, g.geonames_id FROM {table} a"
                " JOIN places p ON p.id = a.place_id LEFT JOIN geonames g ON g.place_id = p.id"
                f" WHERE a.key IN ({marks})",
                chunk,
            ).fetchall()
            for key, *rest in rows:
                out.setdefault(key, []).append(_candidate(rest))
        return out

    def country(self, iso3: str) -> Candidate | None:
        """The country record for an ISO3 code."""
        if self._countries is None:
            rows = self._con.execute(
                "SELECT id, name, feature, country, admin1, admin1_id, lat, lon, population, capital, 1, g.geonames_id"
                " FROM places LEFT JOIN geonames g ON g.place_id = places.id WHERE feature = 'country'"
            ).fetchall()
            self._countries = {r[3]: _candidate(list(r)) for r in rows}
        return self._countries.get(iso3)

    def demonym(self, key: str) -> str | None:
        """ISO3 of the country a demonym/adjective key names (``"iraqi"`` -> ``"IRQ"``)."""
        if self._demonyms is None:
            self._demonyms = dict(self._con.execute("SELECT key, country FROM demonyms").fetchall())
        return self._demonyms.get(key)


def _candidate(r: list) -> Candidate:
    geonames_id = r[11] if len(r) > 11 and r[11] is not None else None
    return Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), bool(r[9]), bool(r[10]), geonames_id)


def index_is_current(path: Path) -> bool:
    """The index at ``path`` exists, opens and was built from the current inputs (its fingerprint)."""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == fingerprint()
