"""The gold set: hand-coded sentences with the events a correct coder produces (format in docs/gold-format.md).

``load_gold`` reads a JSONL file, one sentence per line, checks the shape of every field and returns typed
records; a malformed line raises ``GoldFormatError`` naming the file and the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from eventwire.errors import DictionaryError
from eventwire.ontology import Ontology

__all__ = ["GoldEvent", "GoldFormatError", "GoldSentence", "load_gold", "parse_gold_line"]

_CAMEO_CODE = re.compile(r"\d{2,4}")
# A CAMEO-style actor code: one or more 3-letter blocks (IRN, IRNMIL, IGOUNO, COP).
_ACTOR_CODE = re.compile(r"(?:[A-Z]{3})+")
_EVENT_KEYS = frozenset({"source", "target", "cameo", "negated", "hypothetical", "attributed_to", "sentence"})
_SENTENCE_KEYS = frozenset({"id", "text", "date", "tags", "events"})


T = TypeVar("T")


class GoldFormatError(DictionaryError):
    """A gold file line is malformed. ``path`` and ``line`` (1-based) point at it.

    Codes: E130 unreadable file, E131 invalid JSON, E132 missing or mistyped field, E133 bad CAMEO code,
    E134 bad actor code, E135 bad date, E136 duplicate id, E137 event with no actor.
    """

    code = "E130"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event a correct coder must produce for a gold sentence.

    ``source``/``target``/``attributed_to`` are actor codes (``IRNMIL``) or None; ``cameo`` keeps its
    leading zeros (``"0256"``). ``sentence`` is the 0-based sentence index inside a multi-sentence text,
    None when the text is one sentence (or the index does not matter).
    """

    source: str | None
    target: str | None
    cameo: str
    negated: bool = False
    hypothetical: bool = False
    attributed_to: str | None = None
    sentence: int | None = None

    @property
    def root(self) -> str:
        """The two-digit CAMEO root (``"0256"`` -> ``"02"``)."""
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One gold text (usually one sentence) with its publication date, tags and expected events.

    ``line`` is the 1-based line of the gold file it was read from (0 when built in code).
    """

    id: str
    text: str
    date: date | None
    tags: tuple[str, ...]
    events: tuple[GoldEvent, ...]
    line: int = 0


def load_gold(path: str | Path, *, ontology: Ontology | None = None) -> list[GoldSentence]:
    """Read a gold JSONL file. Blank lines are skipped.

    With ``ontology``, every ``cameo`` must also be a code of that ontology (E133).
    Raises ``GoldFormatError`` naming the file and line of the first malformed entry.
    """
    return read_gold_lines(
        path, lambda raw, where, line: parse_gold_line(raw, path=where, line=line, ontology=ontology), GoldFormatError
    )


def read_gold_lines(path: str | Path, parse: Callable[[str, str, int], T], error: type[DictionaryError]) -> list[T]:
    """The records of a gold JSONL file, one per non-blank line, each parsed by ``parse(raw, path, line)``;
    ids must be unique. Shared by the event, place and date gold sets; errors are ``error`` (E130 unreadable
    file, E136 duplicate id) naming the file and line."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read gold file: {exc}", path=where, code="E130") from None
    records: list[T] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        record = parse(raw, where, number)
        record_id = record.id  # type: ignore[attr-defined]
        if record_id in seen:
            raise error(
                f"duplicate id {record_id!r} (first on line {seen[record_id]})", path=where, line=number, code="E136"
            )
        seen[record_id] = number
        records.append(record)
    return records


def parse_gold_line(raw: str, *, path: str, line: int, ontology: Ontology | None = None) -> GoldSentence:
    """Parse one JSONL line of a gold file into a ``GoldSentence``."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=line, code="E131"
        ) from None
    fail = _Failer(path, line)
    if not isinstance(obj, dict):
        raise fail("a gold line must be a JSON object", "E132")
    unknown = set(obj) - _SENTENCE_KEYS
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}", "E132")
    sentence_id = _required(obj, "id", str, fail)
    text = _required(obj, "text", str, fail)
    if not sentence_id or not text.strip():
        raise fail("'id' and 'text' must not be empty", "E132")
    tags = obj.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise fail("'tags' must be a list of non-empty strings", "E132")
    events_raw = _required(obj, "events", list, fail)
    events = tuple(_parse_event(event, index, fail, ontology) for index, event in enumerate(events_raw))
    return GoldSentence(
        id=sentence_id,
        text=text,
        date=parse_gold_date(obj.get("date"), fail),
        tags=tuple(tags),
        events=events,
        line=line,
    )


class _Failer:
    """Builds errors that all name the same file and line."""

    def __init__(self, path: str, line: int) -> None:
        self.path = path
        self.line = line

    def __call__(self, message: str, code: str) -> GoldFormatError:
        return GoldFormatError(message, path=self.path, line=self.line, code=code)


def _required(obj: dict[str, Any], key: str, kind: type, fail: _Failer) -> Any:
    if key not in obj:
        raise fail(f"missing field {key!r}", "E132")
    value = obj[key]
    if not isinstance(value, kind):
        raise fail(f"field {key!r} must be {kind.__name__}, got {type(value).__name__}", "E132")
    return value


def parse_gold_date(value: object, fail: Callable[[str, str], Exception]) -> date | None:
    """The ``date`` of a gold record (YYYY-MM-DD or null); ``fail(message, code)`` builds the error."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail("'date' must be a YYYY-MM-DD string or null", "E135")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"bad date {value!r}, expected YYYY-MM-DD", "E135") from None


def _parse_event(event: object, index: int, fail: _Failer, ontology: Ontology | None) -> GoldEvent:
    label = f"events[{index}]"
    if not isinstance(event, dict):
        raise fail(f"{label} must be a JSON object", "E132")
    unknown = set(event) - _EVENT_KEYS
    if unknown:
        raise fail(f"{label}: unknown field(s) {sorted(unknown)}", "E132")
    cameo = event.get("cameo")
    if not isinstance(cameo, str) or not _CAMEO_CODE.fullmatch(cameo):
        raise fail(f"{label}: 'cameo' must be a 2-4 digit string, got {cameo!r}", "E133")
    if ontology is not None and cameo not in ontology:
        raise fail(f"{label}: {cameo!r} is not a CAMEO code", "E133")
    actors = {
        key: _actor(event.get(key), f"{label}.{key}", fail) for key in ("source", "target", "attributed_to")
    }
    if actors["source"] is None and actors["target"] is None:
        raise fail(f"{label}: an event needs a source or a target", "E137")
    flags = {}
    for key in ("negated", "hypothetical"):
        value = event.get(key, False)
        if not isinstance(value, bool):
            raise fail(f"{label}: {key!r} must be true or false", "E132")
        flags[key] = value
    sentence = event.get("sentence")
    if sentence is not None and (isinstance(sentence, bool) or not isinstance(sentence, int) or sentence < 0):
        raise fail(f"{label}: 'sentence' must be a non-negative integer or absent", "E132")
    return GoldEvent(
        source=actors["source"],
        target=actors["target"],
        cameo=cameo,
        negated=flags["negated"],
        hypothetical=flags["hypothetical"],
        attributed_to=actors["attributed_to"],
        sentence=sentence,
    )


def _actor(value: object, label: str, fail: _Failer) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ACTOR_CODE.fullmatch(value):
        raise fail(
            f"{label}: actor code must be 3-letter blocks like 'IRNMIL' or null, got {value!r}", "E134"
        )
    return value
