"""Publication dates as found in inputs: ``YYYY-MM-DD`` or an ISO datetime (its date part is used)."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import InputError

# A date, then optionally a time part ("T10:00", " 10:00:00+03:00", "T06:30:00Z"), whose value is ignored.
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}(?::?\d{2}){0,2}(?:[.,]\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)

# The optional prefix of a .txt article: "date 2020-01-08" (leading whitespace allowed), then whitespace
# or the end of the text. The article text starts after that whitespace.
_TXT_PREFIX = re.compile(r"\A\s*date[ \t]+(\S+)(?:\s+|\Z)")


def parse_date(value: object, *, date_format: str | None = None) -> date | None:
    """Parse a publication date; None and "" mean unknown.

    Accepts ``date``/``datetime`` objects, ``YYYY-MM-DD`` and ISO datetimes (``2020-01-08T06:30:00Z``), and,
    when ``date_format`` is given (``strptime`` codes: ``%d/%m/%Y``), text in that format too. Raises
    InputError E206 for anything else, including impossible dates such as ``2020-02-30``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"date must be a string, not {type(value).__name__}: {value!r}", code="E206")
    text = value.strip()
    if not text:
        return None
    match = _ISO_DATE.fullmatch(text)
    if match is None and date_format is not None:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError as exc:
            raise InputError(f"date {value!r} is not {date_format!r} nor YYYY-MM-DD: {exc}", code="E206") from exc
    if match is None:
        raise InputError(f"unrecognised date {value!r}: expected YYYY-MM-DD or an ISO datetime", code="E206")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InputError(f"impossible date {value!r}: {exc}", code="E206") from exc


def split_date_prefix(text: str) -> tuple[date | None, str]:
    """Split a leading ``date YYYY-MM-DD`` off a .txt article: (date or None, the rest of the text).

    Without the prefix the text is returned unchanged. Raises InputError E206 when the prefix holds an
    impossible or malformed date (``date 2020-13-01``).
    """
    match = _TXT_PREFIX.match(text)
    if match is None or not re.match(r"\d{4}-\d{2}-\d{2}", match.group(1)):
        return None, text
    return parse_date(match.group(1)), text[match.end() :]
