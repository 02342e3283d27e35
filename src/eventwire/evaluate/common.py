"""Scaffolding shared by the place and date scorers (``evaluate/geo.py``, ``evaluate/timex.py``): reading one
gold line, checking its fields and spans, and lining predictions up with the gold passages.

``fail(message, code)`` is the caller's: it builds the format error of its gold file (with path and line).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from eventwire.errors import UsageError

__all__ = ["align", "check_keys", "check_span", "is_number", "passage_id_and_text", "read_gold_object", "run_on"]

Fail = Callable[[str, str], Exception]
T = TypeVar("T")


class Passage(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def date(self) -> date | None: ...


def read_gold_object(raw: str, fail: Fail) -> dict[str, Any]:
    """One JSONL line as a JSON object (E131 invalid JSON, E132 not an object)."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg} (column {exc.colno})", "E131") from None
    if not isinstance(obj, dict):
        raise fail("a gold line must be a JSON object", "E132")
    return obj


def passage_id_and_text(obj: Mapping[str, Any], fail: Fail) -> tuple[str, str]:
    passage_id, text = obj["id"], obj["text"]
    if not isinstance(passage_id, str) or not passage_id or not isinstance(text, str) or not text.strip():
        raise fail("'id' and 'text' must be non-empty strings", "E132")
    return passage_id, text


def check_keys(obj: Mapping[str, Any], allowed: frozenset[str], required: set[str], what: str, fail: Fail) -> None:
    """No field outside ``allowed``, every field of ``required`` (E132)."""
    unknown = set(obj) - allowed
    if unknown:
        raise fail(f"{what}: unknown field(s) {sorted(unknown)}", "E132")
    missing = required - set(obj)
    if missing:
        raise fail(f"{what}: missing field(s) {sorted(missing)}", "E132")


def check_span(obj: Mapping[str, Any], text: str, fail: Fail, *, mismatch: str) -> tuple[int, int, str]:
    """``start``, ``end`` (integers, half-open, within the text) and ``text``, which must be exactly
    ``text[start:end]``: E132 for the types, ``mismatch`` (the gold file's code) for offsets that do not fit."""
    start, end, surface = obj["start"], obj["end"], obj["text"]
    offsets_ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not offsets_ok or not isinstance(surface, str):
        raise fail(f"span {obj!r}: 'start'/'end' must be integers and 'text' a string", "E132")
    if not 0 <= start < end <= len(text) or text[start:end] != surface:
        found = text[start:end] if 0 <= start < end <= len(text) else None
        raise fail(f"span {start}:{end} is {found!r} in the text, not {surface!r}", mismatch)
    return start, end, surface


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def align(
    gold: Sequence[Passage], predicted: Any, read: Callable[[Any], T], *, code: str
) -> list[list[T]]:
    """The predictions of each gold passage, read by ``read``: ``predicted`` maps passage ids to predictions
    (a missing id predicted nothing) or is a sequence aligned with ``gold``. ``code``: the scorer's
    UsageError for predictions that do not line up."""
    if isinstance(predicted, Mapping):
        ids = {p.id for p in gold}
        unknown = [key for key in predicted if key not in ids]
        if unknown:
            raise UsageError(f"predictions for passages not in the gold set: {unknown[:5]}", code=code)
        rows = [predicted.get(p.id, ()) for p in gold]
    else:
        rows = list(predicted)
        if len(rows) != len(gold):
            raise UsageError(
                f"{len(rows)} prediction lists for {len(gold)} gold passages (pass a dict by id instead)",
                code=code,
            )
    return [[read(item) for item in row or ()] for row in rows]


def run_on(gold: Sequence[Passage], system: Callable[[str, Any], Iterable[Any]]) -> list[list[Any]]:
    """``system(text, publication_date)`` on every gold passage: the predictions to score."""
    return [list(system(p.text, p.date)) for p in gold]
