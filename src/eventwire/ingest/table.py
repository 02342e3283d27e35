"""CSV (and TSV) with a header row, streamed row by row; rows may span lines inside quotes."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article, Reject
from .records import ReadOptions, SeenIds, record_to_article
from .streams import ByteStream, check_text_bytes, decode_utf8, iter_lines


def read_csv(stream: ByteStream, origin: str, options: ReadOptions) -> Iterator[Article | Reject]:
    """Comma-separated values; see ``read_delimited``."""
    return read_delimited(stream, origin, options, delimiter=",")


def read_tsv(stream: ByteStream, origin: str, options: ReadOptions) -> Iterator[Article | Reject]:
    """Tab-separated values; see ``read_delimited``."""
    return read_delimited(stream, origin, options, delimiter="\t")


def read_delimited(
    stream: ByteStream, origin: str, options: ReadOptions, *, delimiter: str
) -> Iterator[Article | Reject]:
    """One Article or Reject per row; the row's line is the line it starts on (the header is line 1).

    A line that is not UTF-8 is rejected (E202) and left out of the parse; a row whose field count differs
    from the header's is rejected (E205), since it usually means broken quoting.
    """
    check_text_bytes(stream.head, what="CSV file")
    _allow_long_fields(options)
    pending: list[Reject] = []
    reader = csv.reader(_decoded_lines(stream, origin, options, pending), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    seen = SeenIds()
    last_line = 0
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            code = "E204" if "field larger than field limit" in str(exc) else "E205"
            pending.append(Reject(origin, f"malformed CSV row: {exc}", code, last_line + 1))
            row = []
        start, last_line = last_line + 1, reader.line_num
        yield from pending
        pending.clear()
        if row is None:
            break
        if not row:
            continue
        if header is None:
            header = row
            if options.text_column not in header:
                raise InputError(f"no {options.text_column!r} column in the header {header}", code="E205")
            continue
        if len(row) != len(header):
            yield Reject(origin, f"row has {len(row)} fields, the header has {len(header)}", "E205", start)
            continue
        record = {name: value.replace("\r\n", "\n") for name, value in zip(header, row, strict=True)}
        yield seen.check(record_to_article(record, origin=origin, line=start, options=options), origin=origin, line=start)


def _decoded_lines(
    stream: ByteStream, origin: str, options: ReadOptions, rejects: list[Reject]
) -> Iterator[str]:
    """Decoded lines for ``csv.reader``; lines that cannot be decoded become Rejects in ``rejects``.

    An empty string stands in for a skipped line so that ``reader.line_num`` keeps counting physical lines.
    """
    for number, offset, raw in iter_lines(stream, options.line_cap):
        if raw is None:
            rejects.append(Reject(origin, f"line longer than {options.line_cap} bytes", "E204", number))
            yield "\n"
            continue
        try:
            check_text_bytes(raw, what="line")
            yield decode_utf8(raw, offset=offset)
        except InputError as exc:
            rejects.append(Reject(origin, exc.message, exc.code, number))
            yield "\n"


def _allow_long_fields(options: ReadOptions) -> None:
    """Let ``csv`` read fields as long as an article may be, so that long texts are rejected as E204 by
    length, not as parse errors. ``csv.field_size_limit`` is process-wide; it is only ever raised here.
    """
    if csv.field_size_limit() < options.line_cap:
        csv.field_size_limit(options.line_cap)
