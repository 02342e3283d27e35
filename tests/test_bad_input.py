"""Bad input never crashes a batch and is never dropped silently: each one is exactly one Reject."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import parse_date, read_inputs
from eventwire.model import Article, Reject

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD_TEXT = "Iran fired missiles at two Iraqi bases housing US forces."


def read_with_good_neighbours(
    tmp_path: Path, bad: Path, **options: object
) -> tuple[list[Article], list[Reject]]:
    """Read ``bad`` between two good articles; both good ones must come out, in order."""
    before, after = tmp_path / "good_before.txt", tmp_path / "good_after.txt"
    before.write_text(f"date 2020-01-08 {GOOD_TEXT}")
    after.write_text("date 2020-01-09 Iraq summoned the Iranian ambassador.")
    items = list(read_inputs([before, bad, after], **options))
    articles = [item for item in items if isinstance(item, Article)]
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [a.origin for a in articles[:1] + articles[-1:]] == [str(before), str(after)]
    return articles, rejects


def the_reject(rejects: list[Reject]) -> Reject:
    assert len(rejects) == 1, rejects
    return rejects[0]


# --- whole-file problems ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code", "in_reason"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E201", "NUL byte at byte 8"),
        ("utf16.txt", "date 2020-01-08 Text".encode("utf-16"), "E201", "NUL byte"),
        ("controls.txt", bytes(range(1, 8)) * 50, "E201", "control bytes"),
        ("binary.jsonl", b'{"text": "a"}\n\x00\x01\x02\x03' * 10, "E201", "NUL byte"),
        ("latin1.txt", "date 2020-01-08 Téhéran".encode("latin-1"), "E202", "invalid UTF-8 at byte 17"),
        ("empty.txt", b"", "E203", "empty"),
        ("blank.txt", b" \n\t\r\n  ", "E203", "whitespace"),
        ("only_prefix.txt", b" date 2020-01-08\n", "E203", "empty"),
        ("month13.txt", b"date 2020-13-01 Text.", "E206", "2020-13-01"),
        ("feb30.txt", b"date 2020-02-30 Text.", "E206", "day is out of range"),
        ("broken.json", b'[{"text": "a"},\n {"text": "b"', "E205", "malformed JSON"),
        ("scalar.json", b'"just a string"', "E205", "object or a list"),
        ("no_text.json", b'{"title": "No text here"}', "E205", "no 'text' field"),
        ("no_text_column.csv", b"id,body\n1,Some text\n", "E205", "no 'text' column"),
        ("report.pdf", b"%PDF-1.7\n", "E207", ".pdf"),
        ("report.docx", b"PK\x03\x04", "E207", ".docx"),
        ("archive.txt.bz2", b"BZh9", "E207", ".bz2"),
        ("README", b"Plain words.", "E207", "no suffix"),
        ("bad.txt.gz", b"this is not gzip data", "E201", "gzip"),
        (
            "no_main_text.html",
            b"<html><head><title>T</title></head><body></body></html>",
            "E203",
            "main text",
        ),
        (
            "impossible_meta.html",
            b'<html><head><meta name="date" content="2020-02-30"></head><body><p>Iran fired.</p></body></html>',
            "E206",
            "2020-02-30",
        ),
    ],
)
def test_bad_file_is_one_reject_and_the_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, code: str, in_reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    articles, rejects = read_with_good_neighbours(tmp_path, bad)
    reject = the_reject(rejects)
    assert (reject.code, reject.origin, reject.line) == (code, str(bad), None)
    assert in_reason in reject.reason
    assert len(articles) == 2


def test_truncated_gzip_rejects_the_rest_of_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"id": f"g{i}", "text": f"Article {i}."}) + "\n" for i in range(2000))
    bad.write_bytes(gzip.compress(lines.encode())[:-400])
    articles, rejects = read_with_good_neighbours(tmp_path, bad)
    reject = the_reject(rejects)
    assert (reject.code, reject.origin) == ("E201", str(bad))
    assert "gzip" in reject.reason
    assert len(articles) > 2  # the lines before the cut were read


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    articles, rejects = read_with_good_neighbours(tmp_path, missing)
    reject = the_reject(rejects)
    assert (reject.code, reject.origin) == ("E208", str(missing))
    assert len(articles) == 2


def test_unsupported_files_inside_a_directory_are_rejected_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iran fired missiles.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7")
    items = list(read_inputs([tmp_path]))
    assert [type(item).__name__ for item in items] == ["Article", "Reject"]
    assert (items[1].code, items[1].origin) == ("E207", str(tmp_path / "b.pdf"))


# --- too long -----------------------------------------------------------------------------------------


def test_five_megabyte_txt_article_is_too_long(tmp_path: Path) -> None:
    bad = tmp_path / "huge.txt"
    bad.write_text("date 2020-01-08 " + "Iran fired missiles. " * 250_000)  # ~5.2 MB
    _, rejects = read_with_good_neighbours(tmp_path, bad)
    reject = the_reject(rejects)
    assert (reject.code, reject.origin) == ("E204", str(bad))


def test_five_megabyte_jsonl_line_is_too_long_and_the_next_line_is_read(tmp_path: Path) -> None:
    bad = tmp_path / "huge.jsonl"
    bad.write_text(
        json.dumps({"id": "small-1", "text": GOOD_TEXT})
        + "\n"
        + json.dumps({"id": "huge", "text": "x " * 2_600_000})
        + "\n"
        + json.dumps({"id": "small-2", "text": GOOD_TEXT})
        + "\n"
    )
    articles, rejects = read_with_good_neighbours(tmp_path, bad)
    reject = the_reject(rejects)
    assert (reject.code, reject.origin, reject.line) == ("E204", str(bad), 2)
    assert "5200000 characters" in reject.reason
    assert [a.id for a in articles[1:3]] == ["small-1", "small-2"]


def test_line_longer_than_the_byte_cap_is_rejected_by_its_length_in_bytes(tmp_path: Path) -> None:
    bad = tmp_path / "wide.jsonl"
    bad.write_text('{"text": "' + "y" * 100_000 + '"}\n{"text": "Short and fine."}\n')
    items = list(read_inputs([bad], max_chars=100))
    assert isinstance(items[0], Reject)
    assert (items[0].code, items[0].line) == ("E204", 1)
    assert "bytes" in items[0].reason
    assert isinstance(items[1], Article)
    assert items[1].origin == f"{bad}:2"


def test_max_chars_applies_to_csv_rows(tmp_path: Path) -> None:
    bad = tmp_path / "rows.csv"
    bad.write_text("id,text\nshort,Iran fired.\nlong," + "z" * 200 + "\n")
    items = list(read_inputs([bad], max_chars=100))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Reject)
    assert (items[1].code, items[1].line) == ("E204", 3)


# --- bad records inside a good file -----------------------------------------------------------------------


def test_each_bad_jsonl_line_is_one_reject_with_its_line() -> None:
    path = FIXTURES / "mixed_bad.jsonl"
    items = list(read_inputs([path]))
    rejects = {item.line: item for item in items if isinstance(item, Reject)}
    assert {line: r.code for line, r in rejects.items()} == {
        2: "E205",
        3: "E205",
        4: "E203",
        5: "E206",
        6: "E205",
    }
    assert all(r.origin == str(path) for r in rejects.values())
    assert "Invalid control character" in rejects[2].reason  # the parser's message
    assert "no 'text' field" in rejects[3].reason
    assert "2020-02-30" in rejects[5].reason
    assert "list" in rejects[6].reason
    assert [(a.id, a.origin) for a in items if isinstance(a, Article)] == [
        ("good-1", f"{path}:1"),
        ("good-2", f"{path}:7"),
    ]


def test_invalid_utf8_in_a_jsonl_line_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    first = b'{"text": "fine"}\n'
    path.write_bytes(first + b'{"text": "caf\xe9"}\n{"text": "also fine"}\n')
    items = list(read_inputs([path]))
    assert [type(item).__name__ for item in items] == ["Article", "Reject", "Article"]
    reject = items[1]
    assert (reject.code, reject.line) == ("E202", 2)
    assert f"at byte {len(first) + 13}" in reject.reason


def test_json_list_with_a_non_object_and_a_textless_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[\n {"text": "Good."},\n 7,\n {"title": "no text"},\n {"text": "", "id": "e"}\n]')
    items = list(read_inputs([path]))
    assert [(type(i).__name__, getattr(i, "code", None), getattr(i, "line", None)) for i in items] == [
        ("Article", None, None),
        ("Reject", "E205", 3),
        ("Reject", "E205", 4),
        ("Reject", "E203", 5),
    ]
    assert items[0].origin == f"{path}:2"


def test_json_field_of_the_wrong_type(tmp_path: Path) -> None:
    path = tmp_path / "types.jsonl"
    path.write_text('{"text": 5}\n{"text": "Fine.", "title": ["a"]}\n{"text": "Fine.", "date": 20200108}\n')
    codes = [(item.code, item.line) for item in read_inputs([path]) if isinstance(item, Reject)]
    assert codes == [("E205", 1), ("E205", 2), ("E206", 3)]


def test_bad_csv_rows_are_rejected_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(
        b"id,date,text\n"
        b"ok1,2020-01-08,Iran fired missiles.\n"
        b"extra,2020-01-08,Too,many,fields\n"
        b"feb,2020-02-30,Impossible date.\n"
        b"enc,2020-01-08,caf\xe9\n"
        b"blank,2020-01-08,   \n"
        b"ok2,2020-01-09,Iraq protested.\n"
    )
    items = list(read_inputs([path]))
    assert [(r.code, r.line) for r in items if isinstance(r, Reject)] == [
        ("E205", 3),
        ("E206", 4),
        ("E202", 5),
        ("E203", 6),
    ]
    assert [(a.id, a.origin) for a in items if isinstance(a, Article)] == [
        ("ok1", f"{path}:2"),
        ("ok2", f"{path}:7"),
    ]


def test_broken_csv_quoting_is_rejected_and_later_rows_still_read(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('id,text\n1,"bad"quote\n2,fine\n3,"never closed\n4,swallowed\n')
    items = list(read_inputs([path]))
    assert [(type(i).__name__, getattr(i, "code", None), getattr(i, "line", None)) for i in items] == [
        ("Reject", "E205", 2),
        ("Article", None, None),
        ("Reject", "E205", 4),
    ]
    assert "expected after" in items[0].reason  # the csv module's message
    assert "unexpected end of data" in items[2].reason


def test_multiline_csv_field_longer_than_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "long_field.csv"
    long_field = "\n".join(["w" * 99] * 1000)  # 100k characters over 1000 lines
    path.write_text(f'id,text\nbig,"{long_field}"\nsmall,Fine.\n')
    items = list(read_inputs([path], max_chars=10))
    assert isinstance(items[0], Reject)
    assert (items[0].code, items[0].line) == ("E204", 2)
    assert [(a.id, a.origin) for a in items if isinstance(a, Article)] == [("small", f"{path}:1002")]


def test_bad_stdin_jsonl_line_has_stdin_origin() -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(b'{"text": "one"}\n{oops}\n')))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Reject)
    assert (items[1].origin, items[1].line, items[1].code) == ("-", 2, "E205")


# --- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-08", date(2020, 1, 8)),
        ("2020-01-08T06:30:00Z", date(2020, 1, 8)),
        ("2020-01-08T06:30:00.123+03:00", date(2020, 1, 8)),
        ("2020-01-08 06:30", date(2020, 1, 8)),
        (" 2020-02-29 ", date(2020, 2, 29)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_accepts(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "in_reason"),
    [
        ("2020-02-30", "impossible"),
        ("2020-13-01", "impossible"),
        ("2019-02-29", "impossible"),
        ("January 8, 2020", "unrecognised"),
        ("08/01/2020", "unrecognised"),
        ("2020-01-08Tnoon", "unrecognised"),
    ],
)
def test_parse_date_rejects(value: str, in_reason: str) -> None:
    from eventwire.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_date(value)
    assert caught.value.code == "E206"
    assert in_reason in caught.value.message
