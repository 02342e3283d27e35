"""Filters over the deduplicated ``events`` table, as parameterised SQL: one definition for the timeline,
the HTTP API's event lists (``api/queries.py``) and its in-memory copy (``api/snapshot.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import UsageError
from ..store.query import cameo_root, code_pattern, escape_like
from .series import date_filter_sql, dyad_direction_sql


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Events matching every given filter.

    ``actor`` is an actor pattern (``store.query``) on either side, ``source``/``target`` on one side;
    ``dyad`` (``A``, ``B``) keeps ``A->B``, or both directions when ``either_way``. ``country`` is the ISO3
    of either actor or of the place; ``root`` the two-digit CAMEO root; ``cameo`` a 2-4 digit code prefix;
    ``quad`` the GDELT quad class; dates are inclusive and compare the event date, else the day it was first
    seen; ``q`` keeps events whose evidence sentence contains every word (case-insensitive, at most 8).
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    either_way: bool = False
    country: str | None = None
    root: str | None = None
    cameo: str | None = None
    quad: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL for a ``WHERE`` clause (``TRUE`` when nothing is filtered) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, values: list[Any]) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor is not None:
            s_sql, s_params = code_pattern("source_code", self.actor)
            t_sql, t_params = code_pattern("target_code", self.actor)
            add(f"coalesce({s_sql} OR {t_sql}, false)", [*s_params, *t_params])
        for column, pattern in (("source_code", self.source), ("target_code", self.target)):
            if pattern is not None:
                sql, values = code_pattern(column, pattern)
                add(f"coalesce({sql}, false)", values)
        if self.dyad is not None:
            (ab_sql, ab_params), (ba_sql, ba_params) = dyad_direction_sql(*self.dyad)
            if self.either_way:
                add(f"({ab_sql} OR {ba_sql})", [*ab_params, *ba_params])
            else:
                add(ab_sql, ab_params)
        if self.country is not None:
            iso = self.country.strip().upper()
            add("(source_country = ? OR target_country = ? OR location_country = ?)", [iso, iso, iso])
        if self.root is not None:
            add("cameo_root = ?", [cameo_root(self.root)])
        if self.cameo is not None:
            add("cameo LIKE ? ESCAPE '\\'", [escape_like(cameo_prefix(self.cameo)) + "%"])
        if self.quad is not None:
            add("quad_class = ?", [self.quad])
        if self.date_from is not None or self.date_to is not None:
            add(*date_filter_sql(self.date_from, self.date_to))
        if self.q is not None:
            for word in self.q.split()[:8]:
                add("evidence_sentence ILIKE ? ESCAPE '\\'", ["%" + escape_like(word) + "%"])
        return (" AND ".join(clauses) or "TRUE"), params


def cameo_prefix(value: str) -> str:
    """A CAMEO code prefix of 2 to 4 digits; raises UsageError E401 otherwise."""
    code = value.strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise UsageError(f"a CAMEO code is 2 to 4 digits, got {value!r}", code="E401")
    return code
