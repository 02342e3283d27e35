"""Article identity: a stable hash of (publication date, normalized text).

The hash is a persistent key (the store de-duplicates on it), so it is built from sha256 and never from
Python's per-process ``hash()``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date


def normalize_for_identity(text: str) -> str:
    """The text as hashed for identity: NFC, whitespace runs collapsed to one space, stripped.

    Only identity uses this; ``Article.text`` is never normalized this way (offsets refer to it).
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(text: str, date: date | None) -> str:
    """A stable id for an article without a given id: 16 hex digits of sha256(date ISO or "", text).

    The same text (up to whitespace and Unicode composition) with the same date always gets the same id,
    in any process, so re-reading an article is a no-op for the store.
    """
    day = date.isoformat() if date is not None else ""
    payload = f"{day}\n{normalize_for_identity(text)}".encode()
    return hashlib.sha256(payload).hexdigest()[:16]
