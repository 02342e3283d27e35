"""Mention filters as parameterised SQL. User values only ever travel as ``?`` parameters.

Actor patterns (``actor``, ``source``, ``target``, ``dyad``), case-insensitive:

- without ``*``/``?``: a code prefix at the 3-letter level. A pattern whose length is a multiple of 3
  matches codes starting with it ("USA" matches USA, USAGOV, USAMIL; "IGO" matches IGOUNO); any other
  length matches only the exact code.
- with ``*`` (any run of characters) or ``?`` (one character): a glob over the whole code ("IRN*",
  "IGO*", "*MIL"). ``%`` and ``_`` in a pattern are literal characters, never wildcards.
- ``|`` separates alternatives ("COD|COG" matches either), as names that stand for several codes resolve.

``cameo`` matches a code and the codes below it ("025" matches 025, 0251 ... 0256); ``root`` is the
two-digit root ("19"); ``quad_class`` 1..4. Each of these filters takes one value or a sequence (any of
them). Dates are inclusive at both ends and compare the event date, falling back to the publication
date when the event date is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import UsageError
from .columns import STORE_MENTION_COLUMNS

Values = str | Sequence[str] | None

_EFFECTIVE_DATE = "coalesce(event_date, publication_date)"


@dataclass(frozen=True, slots=True)
class MentionQuery:
    """Filters over the ``mentions`` table (all optional, combined with AND)."""

    actor: Values = None
    source: Values = None
    target: Values = None
    dyad: tuple[str, str] | None = None
    country: Values = None
    root: str | int | Sequence[str | int] | None = None
    cameo: Values = None
    quad_class: int | Sequence[int] | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    include_negated: bool = True
    limit: int | None = None
    offset: int = 0

    def to_sql(self) -> tuple[str, list[Any]]:
        """``SELECT`` over ``mentions`` with its parameters, in a stable order."""
        where: list[str] = []
        params: list[Any] = []

        def add(clause: tuple[str, list[Any]] | None) -> None:
            if clause is not None:
                where.append(clause[0])
                params.extend(clause[1])

        add(_any_of(_values(self.actor, "actor"), _either_side))
        add(_any_of(_values(self.source, "source"), lambda p: code_pattern("source_code", p)))
        add(_any_of(_values(self.target, "target"), lambda p: code_pattern("target_code", p)))
        if self.dyad is not None:
            if isinstance(self.dyad, str) or len(self.dyad) != 2:
                raise UsageError(f"dyad must be a pair (source, target), got {self.dyad!r}", code="E415")
            add(
                _all_of(
                    [code_pattern("source_code", self.dyad[0]), code_pattern("target_code", self.dyad[1])]
                )
            )
        countries = [c.strip().upper() for c in _values(self.country, "country")]
        if countries:
            marks = ", ".join("?" * len(countries))
            add((f"(source_country IN ({marks}) OR target_country IN ({marks}))", countries + countries))
        roots = [cameo_root(r) for r in _values(self.root, "root")]
        if roots:
            add((f"cameo_root IN ({', '.join('?' * len(roots))})", roots))
        add(_any_of(_values(self.cameo, "cameo"), _cameo_prefix))
        quads = [_quad(q) for q in _values(self.quad_class, "quad_class")]
        if quads:
            add((f"quad_class IN ({', '.join('?' * len(quads))})", quads))
        if self.date_from is not None:
            add((f"{_EFFECTIVE_DATE} >= ?", [_date(self.date_from, "date_from")]))
        if self.date_to is not None:
            add((f"{_EFFECTIVE_DATE} <= ?", [_date(self.date_to, "date_to")]))
        if not self.include_negated:
            where.append("NOT coalesce(negated, false)")

        sql = f"SELECT {', '.join(STORE_MENTION_COLUMNS)} FROM mentions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (
            f" ORDER BY {_EFFECTIVE_DATE} NULLS LAST, article_id, sentence_index, trigger_start, mention_id"
        )
        if self.limit is not None:
            if self.limit < 0:
                raise UsageError(f"limit must be >= 0, got {self.limit}", code="E412")
            sql += " LIMIT ?"
            params.append(int(self.limit))
        if self.offset:
            if self.offset < 0:
                raise UsageError(f"offset must be >= 0, got {self.offset}", code="E414")
            sql += " OFFSET ?"
            params.append(int(self.offset))
        return sql, params


def escape_like(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ``ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def code_pattern(column: str, pattern: str) -> tuple[str, list[Any]]:
    """SQL matching ``column`` (a trusted column name) against an actor-code pattern (see module doc)."""
    text = pattern.strip().upper()
    if not text:
        raise UsageError("an actor pattern must not be empty", code="E416")
    if "|" in text:
        return _any_of_clauses([code_pattern(column, part) for part in text.split("|")])
    if "*" in text or "?" in text:
        like = "".join("%" if ch == "*" else "_" if ch == "?" else escape_like(ch) for ch in text)
        return f"{column} LIKE ? ESCAPE '\\'", [like]
    if len(text) % 3 == 0:
        return f"{column} LIKE ? ESCAPE '\\'", [escape_like(text) + "%"]
    return f"{column} = ?", [text]


def _either_side(pattern: str) -> tuple[str, list[Any]]:
    return _any_of_clauses([code_pattern("source_code", pattern), code_pattern("target_code", pattern)])


def _cameo_prefix(code: str) -> tuple[str, list[Any]]:
    text = str(code).strip()
    if not text.isdigit():
        raise UsageError(f"a CAMEO code is digits, got {code!r}", code="E417")
    return "cameo LIKE ? ESCAPE '\\'", [escape_like(text) + "%"]


def _values(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | int):
        return [value]
    if isinstance(value, Sequence):
        return list(value)
    raise UsageError(f"{name} must be a value or a sequence of values, got {value!r}", code="E418")


def _any_of(values: list[Any], build: Any) -> tuple[str, list[Any]] | None:
    if not values:
        return None
    return _any_of_clauses([build(v) for v in values])


def _any_of_clauses(clauses: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    return "(" + " OR ".join(c[0] for c in clauses) + ")", [p for c in clauses for p in c[1]]


def _all_of(clauses: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    return "(" + " AND ".join(c[0] for c in clauses) + ")", [p for c in clauses for p in c[1]]


def cameo_root(value: str | int) -> str:
    """A CAMEO root as two digits ("1" -> "01"); raises UsageError E401 unless it is 01..20."""
    text = str(value).strip().zfill(2)
    if len(text) != 2 or not text.isdigit() or not 1 <= int(text) <= 20:
        raise UsageError(f"a CAMEO root is 01..20, got {value!r}", code="E419")
    return text


def _quad(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise UsageError(f"quad_class is 1..4, got {value!r}", code="E420")
    return value


def _date(value: date | str, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{name} must be a date or YYYY-MM-DD, got {value!r}", code="E421") from exc
