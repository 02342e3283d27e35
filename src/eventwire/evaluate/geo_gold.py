"""The place gold set: its records, reading and validating a gold file (format in docs/geo-gold-format.md),
and reading predicted toponyms. Scoring is in ``evaluate/geo.py``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError

from .common import Fail, check_keys, check_span, is_number, passage_id_and_text, read_gold_object
from .gold import GoldFormatError, parse_gold_date, read_gold_lines

FEATURES = ("country", "admin1", "city", "facility", "other")
NOT_PLACE_KINDS = ("metonym", "demonym", "organization")

_PASSAGE_KEYS = frozenset({"id", "date", "text", "toponyms", "not_places"})
_TOPONYM_KEYS = frozenset(
    {"start", "end", "text", "country", "admin1", "lat", "lon", "feature", "alt_countries", "ambiguous"}
)
_NOT_PLACE_KEYS = frozenset({"start", "end", "text", "kind"})
_ISO3 = re.compile(r"[A-Z]{3}")


class GeoGoldFormatError(GoldFormatError):
    """A line of a geoparsing gold file is malformed. ``path`` and ``line`` (1-based) point at it.

    Codes (shared with the event gold where they mean the same): E130 unreadable file, E131 invalid JSON,
    E132 missing/mistyped/unknown field, E135 bad date, E136 duplicate id, E145 span offsets that do not
    match the text or overlap, E146 coordinates missing or out of range, E147 bad country code, feature or
    not-place kind.
    """

    code = "E130"


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: ``text == passage.text[start:end]`` resolved to a place.

    ``country`` is ISO3 (None for places in no single country: seas, disputed regions); ``lat``/``lon`` a
    point (a representative interior point for countries and regions). ``alt_countries`` are other ISO3
    codes also accepted as its country (border crossings, territories); ``ambiguous`` names the places
    the same name could wrongly be resolved to ("Paris, Texas").
    """

    start: int
    end: int
    text: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    feature: str
    alt_countries: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()

    @property
    def countries(self) -> frozenset[str]:
        """Every country code accepted for this toponym (empty when ``country`` is None)."""
        return frozenset((self.country, *self.alt_countries)) if self.country else frozenset()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
        }
        if self.alt_countries:
            out["alt_countries"] = list(self.alt_countries)
        if self.ambiguous:
            out["ambiguous"] = list(self.ambiguous)
        return out


@dataclass(frozen=True, slots=True)
class NotPlace:
    """A span that looks like a place but is not one: ``metonym`` ("Moscow said"), ``demonym``
    ("Iraqi"), ``organization`` ("Bank of England"). A prediction on it is a false positive."""

    start: int
    end: int
    text: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class GeoPassage:
    """One gold passage. ``line`` is the 1-based line of the gold file (0 when built in code)."""

    id: str
    text: str
    date: date | None
    toponyms: tuple[GoldToponym, ...]
    not_places: tuple[NotPlace, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class PredictedToponym:
    """The parts of a geoparser's output that scoring compares."""

    start: int
    end: int
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None = None
    admin1: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
        }


#: ``geocoder(text, publication_date)`` -> the toponyms it finds (dicts or objects, see ``predicted_toponym``).
Geocoder = Callable[[str, date | None], Iterable[Any]]



# ----------------------------------------------------------------------------------------------- loading


def load_geo_gold(path: str | Path) -> list[GeoPassage]:
    """Read a geoparsing gold JSONL file (blank lines skipped), validating every line.

    Raises ``GeoGoldFormatError`` naming the file and line of the first malformed entry.
    """
    return read_gold_lines(path, lambda raw, where, line: parse_geo_gold_line(raw, path=where, line=line), GeoGoldFormatError)


def parse_geo_gold_line(raw: str, *, path: str = "<string>", line: int = 0) -> GeoPassage:
    """Parse one JSONL line of a geoparsing gold file into a ``GeoPassage``."""

    def fail(message: str, code: str) -> GeoGoldFormatError:
        return GeoGoldFormatError(message, path=path, line=line, code=code)

    obj = read_gold_object(raw, fail)
    check_keys(obj, _PASSAGE_KEYS, {"id", "text", "toponyms"}, "passage", fail)
    passage_id, text = passage_id_and_text(obj, fail)
    if not isinstance(obj["toponyms"], list) or not isinstance(obj.get("not_places", []), list):
        raise fail("'toponyms' and 'not_places' must be lists", "E132")
    toponyms = tuple(_parse_toponym(t, text, fail) for t in obj["toponyms"])
    not_places = tuple(_parse_not_place(n, text, fail) for n in obj.get("not_places", []))
    spans = sorted((t.start, t.end) for t in toponyms)
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            raise fail(f"toponym spans overlap at offset {start}", "E145")
    return GeoPassage(passage_id, text, parse_gold_date(obj.get("date"), fail), toponyms, not_places, line)


def _parse_toponym(obj: Any, text: str, fail: Fail) -> GoldToponym:
    if not isinstance(obj, dict):
        raise fail("each toponym must be a JSON object", "E132")
    check_keys(
        obj, _TOPONYM_KEYS, {"start", "end", "text", "country", "lat", "lon", "feature"}, "toponym", fail
    )
    start, end, surface = check_span(obj, text, fail, mismatch="E145")
    country, feature, admin1 = obj["country"], obj["feature"], obj.get("admin1")
    alt = obj.get("alt_countries", [])
    ambiguous = obj.get("ambiguous", [])
    if country is not None and not (isinstance(country, str) and _ISO3.fullmatch(country)):
        raise fail(f"toponym {surface!r}: 'country' must be an ISO3 code or null, got {country!r}", "E147")
    if not isinstance(alt, list) or not all(isinstance(c, str) and _ISO3.fullmatch(c) for c in alt):
        raise fail(f"toponym {surface!r}: 'alt_countries' must be a list of ISO3 codes", "E147")
    if feature not in FEATURES:
        raise fail(f"toponym {surface!r}: 'feature' must be one of {FEATURES}, got {feature!r}", "E147")
    if admin1 is not None and not isinstance(admin1, str):
        raise fail(f"toponym {surface!r}: 'admin1' must be a string or null", "E132")
    if not isinstance(ambiguous, list) or not all(isinstance(a, str) and a for a in ambiguous):
        raise fail(f"toponym {surface!r}: 'ambiguous' must be a list of non-empty strings", "E132")
    lat, lon = obj["lat"], obj["lon"]
    if not is_number(lat) or not is_number(lon) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise fail(f"toponym {surface!r}: 'lat'/'lon' must be numbers in range, got {lat!r}, {lon!r}", "E146")
    return GoldToponym(
        start, end, surface, country, admin1, float(lat), float(lon), feature, tuple(alt), tuple(ambiguous)
    )


def _parse_not_place(obj: Any, text: str, fail: Fail) -> NotPlace:
    if not isinstance(obj, dict):
        raise fail("each not_places entry must be a JSON object", "E132")
    check_keys(obj, _NOT_PLACE_KEYS, set(_NOT_PLACE_KEYS), "not_places entry", fail)
    start, end, surface = check_span(obj, text, fail, mismatch="E145")
    if obj["kind"] not in NOT_PLACE_KINDS:
        raise fail(f"not_places {surface!r}: 'kind' must be one of {NOT_PLACE_KINDS}", "E147")
    return NotPlace(start, end, surface, obj["kind"])


# ------------------------------------------------------------------------------------------- predictions


def predicted_toponym(obj: Any) -> PredictedToponym:
    """Read a prediction from a dict or any object with ``start``, ``end``, ``country``, ``lat``, ``lon``,
    ``feature`` (and optionally ``admin1``, ``name``). Raises ``UsageError`` E440 on a malformed one."""
    if isinstance(obj, PredictedToponym):
        return obj

    def get(name: str) -> Any:
        return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)

    start, end, country, lat, lon = get("start"), get("end"), get("country"), get("lat"), get("lon")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or start >= end:
        raise UsageError(f"a predicted toponym needs integer start < end, got {obj!r}", code="E440")
    if country is not None and not isinstance(country, str):
        raise UsageError(f"a predicted country must be an ISO3 string or None, got {obj!r}", code="E440")
    if (lat is None) != (lon is None) or (lat is not None and not (is_number(lat) and is_number(lon))):
        raise UsageError(f"predicted lat/lon must both be numbers or both None, got {obj!r}", code="E440")
    strings = {key: get(key) for key in ("feature", "admin1", "name")}
    return PredictedToponym(
        start,
        end,
        country.upper() if country else None,
        None if lat is None else float(lat),
        None if lon is None else float(lon),
        **{key: value if isinstance(value, str) else None for key, value in strings.items()},
    )
