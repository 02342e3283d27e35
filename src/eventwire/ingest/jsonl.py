"""JSON Lines (one object a line, streamed) and JSON (one object or a list of objects, loaded whole)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article, Reject
from .records import ReadOptions, SeenIds, record_to_article
from .streams import ByteStream, check_text_bytes, decode_utf8, iter_lines, read_capped

#: Bytes of a .json file (after decompression), which is parsed whole; larger corpora belong in JSONL.
JSON_CAP = 256 * 1024 * 1024


def read_jsonl(stream: ByteStream, origin: str, options: ReadOptions) -> Iterator[Article | Reject]:
    """One Article or Reject per non-blank line; a bad line never stops the lines after it."""
    check_text_bytes(stream.head, what="JSONL file")
    seen = SeenIds()
    for number, offset, raw in iter_lines(stream, options.line_cap):
        if raw is None:
            yield Reject(origin, f"line longer than {options.line_cap} bytes", "E204", number)
            continue
        if not raw.strip():
            continue
        try:
            check_text_bytes(raw, what="line")
            record = json.loads(decode_utf8(raw, offset=offset))
        except InputError as exc:
            yield Reject(origin, exc.message, exc.code, number)
            continue
        except json.JSONDecodeError as exc:
            yield Reject(origin, f"malformed JSON: {exc}", "E205", number)
            continue
        except RecursionError:
            yield Reject(origin, "malformed JSON: nested too deeply to decode", "E205", number)
            continue
        if not isinstance(record, dict):
            yield Reject(origin, f"expected a JSON object, got {type(record).__name__}", "E205", number)
            continue
        article = record_to_article(record, origin=origin, line=number, options=options)
        yield seen.check(article, origin=origin, line=number)


def read_json(stream: ByteStream, origin: str, options: ReadOptions) -> Iterator[Article | Reject]:
    """A single object (origin ``path``) or a list of objects (origin ``path:LINE``, the line where the
    object starts; rejects also name the item's index in the list). The file is parsed whole first: a
    syntax error rejects the file, not a prefix of it. Files over ``JSON_CAP`` bytes are rejected (E204).
    """
    data = read_capped(stream, JSON_CAP, what="JSON file (use JSON Lines for large corpora)")
    check_text_bytes(data, what="JSON file")
    document = decode_utf8(data, offset=stream.offset - len(data))
    del data
    try:
        items = _parse_items(document)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc}", code="E205") from exc
    except RecursionError as exc:
        raise InputError("malformed JSON: nested too deeply to decode", code="E205") from exc
    if items is None:
        raise InputError("expected a JSON object or a list of objects", code="E205")
    seen = SeenIds()
    in_list = items[0][0] is not None if items else False
    for index, (line, item) in enumerate(items):
        position = index if in_list else None
        if not isinstance(item, dict):
            yield Reject(origin, f"expected a JSON object, got {type(item).__name__}", "E205", line, position)
        else:
            article = record_to_article(item, origin=origin, line=line, options=options, item=position)
            yield seen.check(article, origin=origin, line=line, index=position)


def _parse_items(document: str) -> list[tuple[int | None, object]] | None:
    """``[(None, object)]`` for a single object, ``[(line, item), ...]`` for a list, None otherwise.

    List items are decoded one by one with ``raw_decode`` so each keeps the line it starts on.
    """
    decoder = json.JSONDecoder()
    start = _skip_space(document, 0)
    if not document.startswith("[", start):
        value = json.loads(document)
        return [(None, value)] if isinstance(value, dict) else None
    items: list[tuple[int | None, object]] = []
    line, counted = 1, 0
    pos = _skip_space(document, start + 1)
    if document.startswith("]", pos):
        pos += 1
    else:
        while True:
            line += document.count("\n", counted, pos)
            counted = pos
            value, pos = decoder.raw_decode(document, pos)
            items.append((line, value))
            pos = _skip_space(document, pos)
            if document.startswith(",", pos):
                pos = _skip_space(document, pos + 1)
            elif document.startswith("]", pos):
                pos += 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter or ']'", document, pos)
    if _skip_space(document, pos) != len(document):
        raise json.JSONDecodeError("Extra data", document, pos)
    return items


def _skip_space(document: str, pos: int) -> int:
    while pos < len(document) and document[pos] in " \t\r\n":
        pos += 1
    return pos
