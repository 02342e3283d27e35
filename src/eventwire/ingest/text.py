"""Plain-text articles (.txt): one file, one article, with an optional ``date YYYY-MM-DD`` prefix.

The article's id is the file's name without ``.txt`` (``options.file_id``; see ``read_inputs``), so that a
re-coded file replaces its earlier coding and ids say which file they are; text from stdin is hashed."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Article, Reject
from .dates import split_date_prefix
from .records import ReadOptions, make_article
from .streams import ByteStream, check_text_bytes, decode_utf8, read_capped


def read_text(stream: ByteStream, origin: str, options: ReadOptions) -> Iterator[Article | Reject]:
    """Yield the one article of a .txt input; problems raise InputError for the caller to reject.

    The prefix and the whitespace after it are removed, so offsets count from the first word of the text.
    """
    data = read_capped(stream, options.text_cap, what="text file")
    check_text_bytes(data, what="text file")
    date, text = split_date_prefix(decode_utf8(data, offset=stream.offset - len(data)))
    yield make_article(text, origin=origin, date=date, options=options, given_id=options.file_id)
