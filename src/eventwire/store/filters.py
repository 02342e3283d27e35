"""One filter for events and mentions, written once and compiled to DuckDB SQL and to a polars expression.

``EventFilter`` is what ``eventwire events``/``mentions``, ``Database.events()``/``mentions()``,
``Store.query_mentions()``, ``GET /v1/events`` and the dashboard filter with. ``terms()`` says what each filter
means, as a small tree of predicates over logical columns; ``where()`` renders it as parameterised SQL over the
``events`` or the ``mentions`` table (``store.query.MentionQuery`` adds the order and the page), ``expression()``
as a polars expression over the API's in-memory copy of the events (``api/snapshot.py``). A test runs random
filters through both and compares (tests/test_api_snapshot.py). User values only ever travel as ``?``
parameters.

Meaning of each filter (all optional, combined with AND; a filter given several values matches any of them):

- ``actor`` (either side), ``source``, ``target``: actor code patterns, case-insensitive:

  - without ``*``/``?``: a code prefix at the 3-letter level. A pattern whose length is a multiple of 3
    matches codes starting with it ("USA" matches USA, USAGOV, USAMIL; "IGO" matches IGOUNO); any other
    length matches only the exact code.
  - with ``*`` (any run of characters) or ``?`` (one character): a glob over the whole code ("IRN*",
    "IGO*", "*MIL"). ``%`` and ``_`` in a pattern are literal characters, never wildcards.
  - ``|`` separates alternatives ("COD|COG" matches either), as names that stand for several codes resolve.

  Names ("Iran", "the UN") are turned into codes by ``lookup.ActorResolver`` before a filter is built.
- ``dyad`` (``A``, ``B``): ``A`` acts on ``B``; both directions when ``either_way``.
- ``country``: ISO3 of the source's country, the target's country or the country of the place where it
  happened (any of the three), for events and mentions alike.
- ``root``: two-digit CAMEO root ("19", 2); ``cameo``: a 2-4 digit code prefix ("19" matches 19x and 19xx);
  ``quad``: GDELT quad class 1..4.
- ``date_from``/``date_to``: inclusive, on the event date, else the first day it was reported (events:
  ``first_seen``; mentions: the publication date).
- ``q``: every word (at most 8) occurs in the evidence sentence (events) or the sentence (mentions),
  case-insensitive.
- ``include_negated``: mentions only; False leaves out negated and hypothetical mentions (events never
  have them).

Values are checked and normalised when the filter is made (``UsageError``, each with its code in
docs/errors.md): a bad root, CAMEO code, quad class, date or empty actor pattern never reaches a query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    import polars as pl  # imported where a polars expression is built: the store's readers never need it

__all__ = [
    "EVENTS", "MENTIONS", "EventFilter", "Table", "as_date", "cameo_prefix", "cameo_root", "code_matches",
    "code_pattern", "escape_like",
]  # fmt: skip

Patterns = tuple[str, ...]
#: One value or several (any of them).
Values = str | Sequence[str] | None


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

    # Each filter takes one value or several; __post_init__ leaves a tuple (or None) in every one of them.
    actor: Values = None
    source: Values = None
    target: Values = None
    dyad: tuple[Values, Values] | None = None
    either_way: bool = False
    country: Values = None
    root: str | int | Sequence[str | int] | None = None
    cameo: Values = None
    quad: int | Sequence[int] | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
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
        set_(self, "root", _each(self.root, "root", cameo_root))
        set_(self, "cameo", _each(self.cameo, "cameo", cameo_prefix))
        set_(self, "quad", _each(self.quad, "quad", _quad))
        lo, hi = as_date(self.date_from, "date_from"), as_date(self.date_to, "date_to")
        if lo is not None and hi is not None and lo > hi:
            raise UsageError(f"date_from {lo} is after date_to {hi}", code="E461")
        set_(self, "date_from", lo)
        set_(self, "date_to", hi)
        if self.q is not None and not self.q.strip():
            set_(self, "q", None)

    # -- what it means -------------------------------------------------------------------------------
    def terms(self) -> list[Any]:
        """The predicates, all of which must hold (the one definition both compilers render)."""
        terms: list[Any] = []
        actor, source, target = _given(self.actor), _given(self.source), _given(self.target)
        if actor is not None:
            terms.append(_Any((_Code("source_code", actor), _Code("target_code", actor))))
        if source is not None:
            terms.append(_Code("source_code", source))
        if target is not None:
            terms.append(_Code("target_code", target))
        if self.dyad is not None:
            a, b = _given(self.dyad[0]) or (), _given(self.dyad[1]) or ()
            ab = _All((_Code("source_code", a), _Code("target_code", b)))
            ba = _All((_Code("source_code", b), _Code("target_code", a)))
            terms.append(_Any((ab, ba)) if self.either_way else ab)
        if (country := _given(self.country)) is not None:
            terms.append(_Any(tuple(_In(c, country) for c in ("source_country", "target_country", "location_country"))))
        if (roots := _given(self.root)) is not None:
            terms.append(_In("cameo_root", roots))
        if (cameos := _given(self.cameo)) is not None:
            terms.append(_Any(tuple(_Prefix("cameo", c) for c in cameos)))
        if (quads := _given(self.quad)) is not None:
            terms.append(_In("quad_class", quads))
        if isinstance(self.date_from, date):
            terms.append(_Date(">=", self.date_from))
        if isinstance(self.date_to, date):
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
        import polars as pl

        terms = [_polars(t, date_column, text_lower, code_ids or {}).fill_null(False) for t in self.terms()]
        return pl.all_horizontal(terms) if terms else None  # a null comparison keeps nothing, as in SQL


def cameo_prefix(value: str) -> str:
    """A CAMEO code prefix of 2 to 4 digits; raises UsageError E417 otherwise."""
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
    import polars as pl

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
    """``pattern`` (upper case, as normalised by the filter) matches ``code``, as ``code_pattern`` does in SQL."""
    if code is None:
        return False
    if "*" in pattern or "?" in pattern:
        regex = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
        return re.fullmatch(regex, code, re.DOTALL) is not None
    if len(pattern) % 3 == 0:
        return code.startswith(pattern)
    return code == pattern


def _code_expr(column: pl.Expr, pattern: str) -> pl.Expr:  # no polars import: it only calls methods of column
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


def as_date(value: date | str | None, name: str, *, code: str = "E421") -> date | None:
    """A date argument (a ``date`` or ``YYYY-MM-DD``) as a ``date`` (None stays None): the one parser of
    the filters, series and alerts; raises UsageError ``code`` (E421 for a filter) otherwise."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{name} must be a date or YYYY-MM-DD, got {value!r}", code=code) from exc


def escape_like(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ``ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def code_pattern(column: str, pattern: str) -> tuple[str, list[Any]]:
    """SQL matching ``column`` (a trusted column name) against an actor-code pattern (see the module doc)
    and its parameters."""
    text = pattern.strip().upper()
    if not text:
        raise UsageError("an actor pattern must not be empty", code="E416")
    if "|" in text:
        parts = [code_pattern(column, part) for part in text.split("|")]
        return "(" + " OR ".join(p[0] for p in parts) + ")", [v for p in parts for v in p[1]]
    if "*" in text or "?" in text:
        like = "".join("%" if ch == "*" else "_" if ch == "?" else escape_like(ch) for ch in text)
        return f"{column} LIKE ? ESCAPE '\\'", [like]
    if len(text) % 3 == 0:
        return f"{column} LIKE ? ESCAPE '\\'", [escape_like(text) + "%"]
    return f"{column} = ?", [text]


def cameo_root(value: str | int) -> str:
    """A CAMEO root as two digits ("1" -> "01"); raises UsageError E419 unless it is 01..20."""
    text = str(value).strip().zfill(2)
    if len(text) != 2 or not text.isdigit() or not 1 <= int(text) <= 20:
        raise UsageError(f"a CAMEO root is 01..20, got {value!r}", code="E419")
    return text


def _quad(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise UsageError(f"quad class is 1..4, got {value!r}", code="E420")
    return value


def _each(value: Any, name: str, check: Callable[[Any], Any]) -> tuple[Any, ...] | None:
    """One value or a sequence of them, each checked, as a tuple (None when not given)."""
    if value is None:
        return None
    if isinstance(value, str | int):
        return (check(value),)
    if isinstance(value, Sequence):
        return tuple(check(v) for v in value) or None
    raise UsageError(f"{name} must be a value or a sequence of values, got {value!r}", code="E418")


def _given(value: Any) -> tuple[Any, ...] | None:
    """A filter field as normalised by ``__post_init__``: a tuple of values, or None."""
    return value if isinstance(value, tuple) else None
