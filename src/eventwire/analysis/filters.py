"""One filter for events and mentions, written once and compiled to DuckDB SQL and to a polars expression.

``EventFilter`` is what ``eventwire events``/``mentions``, ``Database.events()``/``mentions()``, ``GET
/v1/events`` and the dashboard filter with. ``terms()`` says what each filter means, as a small tree of
predicates over logical columns; ``where()`` renders it as parameterised SQL over the ``events`` or the
``mentions`` table, ``expression()`` as a polars expression over the API's in-memory copy of the events
(``api/snapshot.py``). A test runs random filters through both and compares (tests/test_api_snapshot.py).

Meaning of each filter (all optional, combined with AND):

- ``actor`` (either side), ``source``, ``target``: actor code patterns (``store.query``: ``USA`` = the USA
  and its sectors, ``IRN*``, ``IGO*``, ``*MIL``), one or several (any of them; ``COD|COG`` is two). Names ("Iran", "the UN")
  are turned into codes by ``analysis.actor_names.ActorResolver`` before a filter is built from them.
- ``dyad`` (``A``, ``B``): ``A`` acts on ``B``; both directions when ``either_way``.
- ``country``: ISO3 of either actor's country or of the place.
- ``root``: two-digit CAMEO root; ``cameo``: a 2-4 digit code prefix ("19" matches 19x and 19xx);
  ``quad``: GDELT quad class 1..4.
- ``date_from``/``date_to``: inclusive, on the event date, else the first day it was reported (events:
  ``first_seen``; mentions: the publication date).
- ``q``: every word (at most 8) occurs in the evidence sentence (events) or the sentence (mentions),
  case-insensitive.
- ``include_negated``: mentions only; False leaves out negated and hypothetical mentions (events never
  have them).

Values are checked and normalised when the filter is made (``UsageError`` E401): a bad root, CAMEO code,
quad class, date or empty actor pattern never reaches a query.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import polars as pl

from ..errors import UsageError
from ..store.query import cameo_root, code_pattern, escape_like

__all__ = ["EVENTS", "MENTIONS", "EventFilter", "Table", "cameo_prefix"]

Patterns = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """How a filter's logical columns are read in one table: the date it counts on, the sentence searched."""

    name: str
    date_sql: str
    text_sql: str


EVENTS = Table("events", "coalesce(event_date, first_seen)", "evidence_sentence")
MENTIONS = Table("mentions", "coalesce(event_date, publication_date)", "sentence")


# ------------------------------------------------------------------------------------ predicate tree
@dataclass(frozen=True, slots=True)
class _Code:  # an actor code column matches any of the patterns
    column: str
    patterns: Patterns


@dataclass(frozen=True, slots=True)
class _In:  # a column equals one of the values
    column: str
    values: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class _Prefix:  # a text column starts with a prefix
    column: str
    prefix: str


@dataclass(frozen=True, slots=True)
class _Date:  # the logical date compares with a bound: ">=" or "<="
    op: str
    value: date


@dataclass(frozen=True, slots=True)
class _Word:  # the logical sentence contains a word, case-insensitive
    word: str


@dataclass(frozen=True, slots=True)
class _Flag:  # a boolean column is not true
    column: str


@dataclass(frozen=True, slots=True)
class _Any:
    terms: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class _All:
    terms: tuple[Any, ...]


# ------------------------------------------------------------------------------------ the filter
@dataclass(frozen=True, slots=True)
class EventFilter:
    """Events (or mentions) matching every given filter; see the module doc for what each one means."""

    actor: Patterns | None = None
    source: Patterns | None = None
    target: Patterns | None = None
    dyad: tuple[Patterns, Patterns] | None = None
    either_way: bool = False
    country: tuple[str, ...] | None = None
    root: str | None = None
    cameo: str | None = None
    quad: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    include_negated: bool = True

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        for name in ("actor", "source", "target"):
            set_(self, name, _patterns(getattr(self, name), name))
        if self.dyad is not None:
            if isinstance(self.dyad, str) or len(self.dyad) != 2:
                raise UsageError(f"dyad must be a pair (A, B), got {self.dyad!r}", code="E415")
            set_(self, "dyad", (_patterns(self.dyad[0], "dyad"), _patterns(self.dyad[1], "dyad")))
        if self.country is not None:
            values = (self.country,) if isinstance(self.country, str) else tuple(self.country)
            countries = tuple(c.strip().upper() for c in values if c and c.strip())
            set_(self, "country", countries or None)
        if self.root is not None:
            set_(self, "root", cameo_root(self.root))
        if self.cameo is not None:
            set_(self, "cameo", cameo_prefix(self.cameo))
        if self.quad is not None and (isinstance(self.quad, bool) or not isinstance(self.quad, int) or not 1 <= self.quad <= 4):
            raise UsageError(f"quad class is 1..4, got {self.quad!r}", code="E420")
        for name in ("date_from", "date_to"):
            set_(self, name, _date(getattr(self, name), name))
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise UsageError(f"date_from {self.date_from} is after date_to {self.date_to}", code="E461")
        if self.q is not None and not self.q.strip():
            set_(self, "q", None)

    # -- what it means -------------------------------------------------------------------------------
    def terms(self) -> list[Any]:
        """The predicates, all of which must hold (the one definition both compilers render)."""
        terms: list[Any] = []
        if self.actor is not None:
            terms.append(_Any((_Code("source_code", self.actor), _Code("target_code", self.actor))))
        if self.source is not None:
            terms.append(_Code("source_code", self.source))
        if self.target is not None:
            terms.append(_Code("target_code", self.target))
        if self.dyad is not None:
            a, b = self.dyad
            ab = _All((_Code("source_code", a), _Code("target_code", b)))
            ba = _All((_Code("source_code", b), _Code("target_code", a)))
            terms.append(_Any((ab, ba)) if self.either_way else ab)
        if self.country is not None:
            terms.append(_Any(tuple(_In(c, self.country) for c in ("source_country", "target_country", "location_country"))))
        if self.root is not None:
            terms.append(_In("cameo_root", (self.root,)))
        if self.cameo is not None:
            terms.append(_Prefix("cameo", self.cameo))
        if self.quad is not None:
            terms.append(_In("quad_class", (self.quad,)))
        if self.date_from is not None:
            terms.append(_Date(">=", self.date_from))
        if self.date_to is not None:
            terms.append(_Date("<=", self.date_to))
        if self.q is not None:
            terms.extend(_Word(w) for w in self.q.split()[:8])
        if not self.include_negated:
            terms.extend((_Flag("negated"), _Flag("hypothetical")))
        return terms

    def replace(self, **changes: Any) -> EventFilter:
        """A copy with some filters changed (validated again)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return EventFilter(**values)

    # -- SQL -----------------------------------------------------------------------------------------
    def where(self, table: Table = EVENTS) -> tuple[str, list[Any]]:
        """SQL for a ``WHERE`` clause over ``table`` (``TRUE`` when nothing is filtered) and its parameters."""
        params: list[Any] = []
        clauses = [f"coalesce({_sql(t, table, params)}, false)" for t in self.terms()]
        return (" AND ".join(clauses) or "TRUE"), params

    # -- polars --------------------------------------------------------------------------------------
    def expression(self, *, date_column: str = "date", text_lower: str | None = None,
                   code_ids: dict[str, tuple[str, tuple[str, ...]]] | None = None) -> pl.Expr | None:  # fmt: skip
        """A polars expression over a frame of events (None when nothing is filtered).

        The frame has the events columns, the logical date as ``date_column`` and, when ``text_lower`` is
        given, the evidence sentence in lower case under that name. ``code_ids`` may map an actor column to
        (a column of small integer ids, the distinct codes in id order): patterns are then matched once
        against the distinct codes and rows picked by id, much faster than matching strings row by row.
        """
        terms = [_polars(t, date_column, text_lower, code_ids or {}).fill_null(False) for t in self.terms()]
        return pl.all_horizontal(terms) if terms else None  # a null comparison keeps nothing, as in SQL


def cameo_prefix(value: str) -> str:
    """A CAMEO code prefix of 2 to 4 digits; raises UsageError E401 otherwise."""
    code = str(value).strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise UsageError(f"a CAMEO code is 2 to 4 digits, got {value!r}", code="E417")
    return code


# ------------------------------------------------------------------------------------ compilers
def _sql(term: Any, table: Table, params: list[Any]) -> str:
    if isinstance(term, _Any | _All):
        joiner = " OR " if isinstance(term, _Any) else " AND "
        return "(" + joiner.join(_sql(t, table, params) for t in term.terms) + ")"
    if isinstance(term, _Code):
        parts = []
        for pattern in term.patterns:
            sql, values = code_pattern(term.column, pattern)
            parts.append(sql)
            params.extend(values)
        return "(" + " OR ".join(parts) + ")"
    if isinstance(term, _In):
        params.extend(term.values)
        return f"{term.column} IN ({', '.join('?' * len(term.values))})"
    if isinstance(term, _Prefix):
        params.append(escape_like(term.prefix) + "%")
        return f"{term.column} LIKE ? ESCAPE '\\'"
    if isinstance(term, _Date):
        params.append(term.value)
        return f"{table.date_sql} {term.op} ?"
    if isinstance(term, _Word):
        params.append("%" + escape_like(term.word) + "%")
        return f"{table.text_sql} ILIKE ? ESCAPE '\\'"
    if isinstance(term, _Flag):
        return f"NOT coalesce({term.column}, false)"
    raise TypeError(term)


def _polars(term: Any, date_column: str, text_lower: str | None, code_ids: dict[str, tuple[str, tuple[str, ...]]]) -> pl.Expr:
    def render(t: Any) -> pl.Expr:
        return _polars(t, date_column, text_lower, code_ids)

    if isinstance(term, _Any):
        return pl.any_horizontal([render(t).fill_null(False) for t in term.terms])
    if isinstance(term, _All):
        return pl.all_horizontal([render(t).fill_null(False) for t in term.terms])
    if isinstance(term, _Code):
        if term.column in code_ids:
            id_column, distinct = code_ids[term.column]
            keep = [i for i, code in enumerate(distinct) if any(code_matches(p.upper(), code) for p in term.patterns)]
            return pl.col(id_column).is_in(keep)
        return pl.any_horizontal([_code_expr(pl.col(term.column), p.upper()).fill_null(False) for p in term.patterns])
    if isinstance(term, _In):
        return pl.col(term.column).is_in(list(term.values))
    if isinstance(term, _Prefix):
        return pl.col(term.column).str.starts_with(term.prefix)
    if isinstance(term, _Date):
        column = pl.col(date_column)
        return column >= term.value if term.op == ">=" else column <= term.value
    if isinstance(term, _Word):
        text = pl.col(text_lower) if text_lower else pl.col("evidence_sentence").str.to_lowercase()
        return text.str.contains(term.word.lower(), literal=True)
    if isinstance(term, _Flag):
        return ~pl.col(term.column).fill_null(False)
    raise TypeError(term)


# ------------------------------------------------------------------------------------ actor patterns
def code_matches(pattern: str, code: str | None) -> bool:
    """``pattern`` (upper case, as normalised by the filter) matches ``code``, as ``store.query.code_pattern``
    does in SQL."""
    if code is None:
        return False
    if "*" in pattern or "?" in pattern:
        regex = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
        return re.fullmatch(regex, code, re.DOTALL) is not None
    if len(pattern) % 3 == 0:
        return code.startswith(pattern)
    return code == pattern


def _code_expr(column: pl.Expr, pattern: str) -> pl.Expr:
    if "*" in pattern or "?" in pattern:
        regex = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
        return column.str.contains(f"^(?s:{regex})$")
    if len(pattern) % 3 == 0:
        return column.str.starts_with(pattern)
    return column == pattern


def _patterns(value: str | Sequence[str] | None, name: str) -> Patterns | None:
    if value is None:
        return None
    values = (value,) if isinstance(value, str) else tuple(value)
    patterns = tuple(p.strip() for v in values for p in v.split("|"))  # as typed: names resolve case-blind
    if not patterns or any(not p for p in patterns):
        raise UsageError(f"an actor pattern must not be empty ({name})", code="E416")
    return patterns


def _date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{name} must be a date or YYYY-MM-DD, got {value!r}", code="E421") from exc
