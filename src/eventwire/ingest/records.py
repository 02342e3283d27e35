"""Turning one record (a JSON object, a CSV row, a whole text) into an Article or a Reject."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..model import Article, Reject
from .dates import parse_date
from .identity import article_id


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs. Column names apply to JSON, JSONL and CSV records alike."""

    default_date: date | None = None
    text_column: str = "text"
    id_column: str = "id"
    date_column: str = "date"
    title_column: str = "title"
    url_column: str = "url"
    source_column: str = "source"
    max_chars: int = 1_000_000

    @property
    def line_cap(self) -> int:
        """Bytes allowed in one JSONL/CSV line: enough for ``max_chars`` characters written as \\uXXXX
        escapes of surrogate pairs (12 bytes each), plus room for the other fields."""
        return 12 * self.max_chars + 65_536

    @property
    def text_cap(self) -> int:
        """Bytes allowed in a whole .txt file: UTF-8 takes at most 4 bytes a character (+ the prefix)."""
        return 4 * self.max_chars + 4096


def make_article(
    text: str,
    *,
    origin: str,
    date: date | None,
    options: ReadOptions,
    given_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """Check and build an Article; the text is only changed by normalising CRLF to LF.

    Raises InputError E203 (empty, or only invisible characters), E202 (a lone surrogate in the text or a
    metadata field) or E204 (longer than ``options.max_chars``).
    """
    text = text.replace("\r\n", "\n")
    check_text(text)
    for name, value in (("id", given_id), ("title", title), ("url", url), ("source", source)):
        if value is not None:
            check_unicode(value, what=f"field {name!r}")
    if len(text) > options.max_chars:
        raise InputError(
            f"text has {len(text)} characters, more than max_chars={options.max_chars}", code="E204"
        )
    if date is None:
        date = options.default_date
    return Article(
        id=given_id or article_id(text, date),
        text=text,
        date=date,
        title=title,
        url=url,
        source=source,
        origin=origin,
    )


# Characters that show nothing: whitespace aside, format characters (zero-width space/joiners, BOM, soft
# hyphen, bidi marks), controls, unassigned and private-use code points, and combining marks on nothing.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str) -> None:
    """Raise InputError E203 when ``text`` shows nothing (empty, whitespace, zero-width characters only),
    E202 when it holds a lone surrogate (not Unicode text: it cannot be encoded, stored or parsed)."""
    if not text.strip():
        raise InputError("empty text (nothing but whitespace)" if text else "empty text", code="E203")
    check_unicode(text, what="text")
    if not any(unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text):
        raise InputError("empty text (nothing but whitespace and invisible characters)", code="E203")


def check_unicode(value: str, *, what: str) -> None:
    """Raise InputError E202 when ``value`` holds a lone surrogate (e.g. a JSON ``"\\ud800"`` escape)."""
    bad = _SURROGATE.search(value)
    if bad is not None:
        raise InputError(
            f"{what} is not valid Unicode: lone surrogate U+{ord(bad.group()):04X} at character {bad.start()}",
            code="E202",
        )


def record_to_article(
    record: Mapping[str, object], *, origin: str, line: int | None, options: ReadOptions, item: int | None = None
) -> Article | Reject:
    """A JSON object or CSV row (``{column: value}``) as an Article, or a Reject saying what is wrong.

    ``origin`` is the input's name; the Article's origin gets ``:line`` appended when ``line`` is given.
    ``item`` is the record's position when one line may hold several (a JSON array); it goes on rejects.
    """
    where = origin if line is None else f"{origin}:{line}"
    try:
        if options.text_column not in record:
            raise InputError(f"no {options.text_column!r} field", code="E205")
        text = record[options.text_column]
        if not isinstance(text, str):
            raise InputError(
                f"field {options.text_column!r} must be a string, not {_type_name(text)}", code="E205"
            )
        return make_article(
            text,
            origin=where,
            date=parse_date(record.get(options.date_column)),
            options=options,
            given_id=_optional_str(record, options.id_column),
            title=_optional_str(record, options.title_column),
            url=_optional_str(record, options.url_column),
            source=_optional_str(record, options.source_column),
        )
    except InputError as exc:
        return Reject(origin=origin, reason=exc.message, code=exc.code, line=line, item=item)


def _optional_str(record: Mapping[str, object], column: str) -> str | None:
    """A metadata field as a string; missing, null and "" are None; numbers are written as text."""
    value = record.get(column)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"field {column!r} must be a string, not {_type_name(value)}", code="E205")
    return str(value)


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


class SeenIds:
    """The ids of the articles read from one input so far. A record whose id was read before is a reject
    (E211), not a second article: two records under one id would leave one's mentions under the other's
    text. Keeps one small entry per article of the input (its id and where it was: about 80 bytes)."""

    def __init__(self) -> None:
        self._first: dict[str, int | None] = {}

    def check(self, item: Article | Reject, *, origin: str, line: int | None, index: int | None = None) -> Article | Reject:
        """``item`` itself, or a Reject when it is an Article whose id this input already had. ``index`` is
        the record's position in a JSON list (records of one list may share a line)."""
        if isinstance(item, Reject):
            return item
        position = index if index is not None else line
        if item.id not in self._first:
            self._first[item.id] = position
            return item
        first = self._first[item.id]
        where = "earlier" if first is None else (f"item {first}" if index is not None else f"line {first}")
        return Reject(origin, f"id {item.id!r} repeated: the record at {where} has it already", "E211", line, index, item.id)
