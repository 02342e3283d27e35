"""Ingest: every input form becomes Article records with stable ids (bad inputs: test_bad_input.py)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tracemalloc
from collections.abc import Iterable
from datetime import date
from itertools import islice
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.ingest import article_id, format_for, read_inputs, sniff_format, split_date_prefix
from eventwire.model import Article, Reject

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def articles_of(items: Iterable[Article | Reject]) -> list[Article]:
    """All items, asserting that every one of them is an Article."""
    items = list(items)
    rejects = [item for item in items if isinstance(item, Reject)]
    assert rejects == []
    return items  # type: ignore[return-value]


def only_article(paths: list[str | Path], **options: object) -> Article:
    (article,) = articles_of(read_inputs(paths, **options))
    return article


# --- .txt -------------------------------------------------------------------------------------------


def test_txt_date_prefix_with_leading_space_is_stripped() -> None:
    article = only_article([FIXTURES / "prefixed.txt"])
    assert article.date == date(2020, 1, 8)
    assert article.text.startswith("Iran fired ballistic missiles")
    assert article.text.endswith("warned of all-out war.\n")
    assert article.origin == str(FIXTURES / "prefixed.txt")
    assert article.id == "prefixed"  # a .txt article is named by its file


def test_txt_prefix_wins_over_default_date() -> None:
    article = only_article([FIXTURES / "prefixed.txt"], default_date=date(1999, 1, 1))
    assert article.date == date(2020, 1, 8)


def test_txt_without_prefix_takes_default_date_and_normalises_crlf() -> None:
    article = only_article([FIXTURES / "undated.txt"], default_date=date(2020, 1, 9))
    assert article.date == date(2020, 1, 9)
    assert article.text == (
        "UN envoys urged Iran and the United States to show restraint.\nBaghdad summoned the US ambassador.\n"
    )


def test_txt_without_any_date_has_date_none() -> None:
    article = only_article([FIXTURES / "undated.txt"])
    assert article.date is None
    assert article.id == "undated"


def test_txt_ids_come_from_file_names_below_the_directory_given(tmp_path: Path) -> None:
    (tmp_path / "2020" / "01").mkdir(parents=True)
    (tmp_path / "2020" / "01" / "story.txt").write_text("date 2020-01-08 Iran fired missiles.", encoding="utf-8")
    (tmp_path / "2021").mkdir()
    (tmp_path / "2021" / "story.txt").write_text("Iraq protested.", encoding="utf-8")
    (tmp_path / "wire.txt.gz").write_bytes(gzip.compress(b"Troops withdrew."))
    ids = [a.id for a in read_inputs([tmp_path]) if isinstance(a, Article)]
    assert ids == ["2020/01/story", "2021/story", "wire"]  # same names in two folders stay apart
    assert [a.id for a in read_inputs([tmp_path / "2021" / "story.txt"])] == ["story"]
    again = [a.id for a in read_inputs([tmp_path])]
    assert again == ids  # stable: re-reading replaces, never duplicates
    from_stdin = next(iter(read_inputs(["-"], stdin=io.BytesIO(b"Iraq protested."))))
    assert from_stdin.id == article_id("Iraq protested.", None)  # no file name: the hash


def test_csv_dates_in_a_given_format(tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text("id,date,text\na,08/01/2020,Iran fired missiles.\nb,2020-01-09,Iraq protested.\n", encoding="utf-8")
    rejected = list(read_inputs([path]))
    assert isinstance(rejected[0], Reject) and rejected[0].code == "E206"
    a, b = list(read_inputs([path], date_format="%d/%m/%Y"))
    assert (a.date, b.date) == (date(2020, 1, 8), date(2020, 1, 9))  # ISO still read


def test_seed_like_prefix(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(
        " date 2020-01-08 The United Nations mission in Iraq on December 8 said ...", encoding="utf-8"
    )
    article = only_article([path])
    assert (article.date, article.text) == (
        date(2020, 1, 8),
        "The United Nations mission in Iraq on December 8 said ...",
    )


@pytest.mark.parametrize(
    ("raw", "expected_date", "expected_text"),
    [
        ("date 2020-01-08\nText.", date(2020, 1, 8), "Text."),
        ("\n\t date 2020-01-08   Text.", date(2020, 1, 8), "Text."),
        ("date 2020-01-08T10:00:00Z Text.", date(2020, 1, 8), "Text."),
        ("dated 2020-01-08 Text.", None, "dated 2020-01-08 Text."),
        ("The date 2020-01-08 is mentioned.", None, "The date 2020-01-08 is mentioned."),
        ("date of the talks is unknown.", None, "date of the talks is unknown."),
    ],
)
def test_split_date_prefix(raw: str, expected_date: date | None, expected_text: str) -> None:
    assert split_date_prefix(raw) == (expected_date, expected_text)


# --- records: jsonl, json, csv ------------------------------------------------------------------------


def test_jsonl_fields_ids_and_line_origins() -> None:
    path = FIXTURES / "articles.jsonl"
    first, second, third = articles_of(read_inputs([path]))
    assert first == Article(
        id="wire-1",
        text="Iran fired missiles at Ain al-Asad air base.",
        date=date(2020, 1, 8),
        title="Missiles hit bases",
        url="https://example.org/1",
        source="Example Wire",
        origin=f"{path}:1",
    )
    assert second.date == date(2020, 1, 9)  # the date part of an ISO datetime
    assert second.id == article_id("Iraq's parliament voted to expel US troops.", date(2020, 1, 9))
    assert (third.id, third.origin) == ("42", f"{path}:4")  # a blank line 3 is skipped, numbers kept


def test_jsonl_default_date_fills_missing_dates_only() -> None:
    first, _, third = articles_of(read_inputs([FIXTURES / "articles.jsonl"], default_date=date(2020, 2, 2)))
    assert first.date == date(2020, 1, 8)
    assert third.date == date(2020, 2, 2)


def test_json_list_items_keep_the_line_they_start_on() -> None:
    path = FIXTURES / "articles.json"
    first, second = articles_of(read_inputs([path]))
    assert (first.id, first.date, first.origin) == ("a1", date(2020, 1, 8), f"{path}:2")
    assert second.text == "The European Union called for de-escalation."
    assert second.origin == f"{path}:7"


def test_json_single_object() -> None:
    path = FIXTURES / "article.json"
    article = only_article([path])
    assert article.title == "Strike at Baghdad airport"
    assert article.date == date(2020, 1, 3)
    assert article.origin == str(path)


def test_csv_rows_quoted_multiline_text_and_empty_fields() -> None:
    path = FIXTURES / "articles.csv"
    first, second, third = articles_of(read_inputs([path]))
    assert (first.id, first.title, first.url, first.source) == (
        "c1",
        "Bases hit",
        "https://example.org/c1",
        "Example Wire",
    )
    assert first.origin == f"{path}:2"
    assert (
        second.text == "Protesters gathered outside the US embassy.\nPolice dispersed them, officials said."
    )
    assert second.title is None
    assert second.id == article_id(second.text, date(2020, 1, 9))
    assert third.origin == f"{path}:5"  # the row after a two-line row
    assert third.text == 'Turkey urged both sides to "act with restraint".'
    assert third.date is None


def test_csv_with_renamed_columns() -> None:
    path = FIXTURES / "renamed.csv"
    first, second = articles_of(
        read_inputs(
            [path], text_column="body", id_column="key", date_column="published", title_column="headline"
        )
    )
    assert (first.id, first.date, first.title) == ("r1", date(2020, 1, 8), "Calls for calm")
    assert first.text.startswith("Qatar's emir called for calm")
    assert (second.id, second.title, second.origin) == ("r2", None, f"{path}:3")


def test_csv_crlf_line_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b'\xef\xbb\xbfid,text\r\nx1,"Two\r\nlines"\r\nx2,One line\r\n')
    first, second = articles_of(read_inputs([path]))
    assert (first.id, first.text) == ("x1", "Two\nlines")
    assert (second.id, second.origin) == ("x2", f"{path}:4")


# --- html ----------------------------------------------------------------------------------------------


def test_html_main_text_title_and_meta_date() -> None:
    article = only_article([FIXTURES / "article.html"])
    assert article.date == date(2020, 1, 8)
    assert article.title == "Iraq warns of all-out war"
    assert "Iran fired missiles at two bases housing US forces" in article.text
    assert "restraint and return to dialogue" in article.text
    assert "Home" not in article.text  # navigation is not main text
    assert "Copyright" not in article.text


def test_html_meta_date_beats_default_and_plain_page_takes_default(tmp_path: Path) -> None:
    body = "<body><article><p>Iran's president spoke to the emir of Qatar by phone.</p></article></body>"
    dated = tmp_path / "dated.htm"
    dated.write_text(f'<html><head><meta name="date" content="2020-01-11"></head>{body}</html>')
    plain = tmp_path / "plain.html"
    plain.write_text(f"<html><head><title>Call</title></head>{body}</html>")
    first, second = articles_of(read_inputs([dated, plain], default_date=date(2020, 5, 5)))
    assert first.date == date(2020, 1, 11)
    assert (second.date, second.title) == (date(2020, 5, 5), "Call")


def test_html_declared_latin1_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Le ministre a parlé à Téhéran.</p></body></html>'
    path.write_bytes(page.encode("latin-1"))
    assert "parlé à Téhéran" in only_article([path]).text


# --- gzip, directories, stdin ----------------------------------------------------------------------------


def test_gzip_of_each_format_by_inner_suffix(tmp_path: Path) -> None:
    plain = [FIXTURES / name for name in ("prefixed.txt", "articles.jsonl", "articles.csv", "article.json")]
    zipped = []
    for path in plain:
        target = tmp_path / f"{path.name}.gz"
        target.write_bytes(gzip.compress(path.read_bytes()))
        zipped.append(target)
    expected = [(a.id, a.text, a.date) for a in articles_of(read_inputs(plain))]
    got = articles_of(read_inputs(zipped))
    assert [(a.id, a.text, a.date) for a in got] == expected
    assert got[1].origin == f"{tmp_path / 'articles.jsonl.gz'}:1"


def test_directory_recursion_is_sorted_depth_first_and_skips_dot_files(tmp_path: Path) -> None:
    for relative, text in [
        ("b.txt", "B"),
        ("a/z.txt", "AZ"),
        ("a/b/c.txt", "ABC"),
        ("a/a.txt", "AA"),
        ("c.jsonl", '{"text": "C1"}\n{"text": "C2"}\n'),
        (".hidden/x.txt", "hidden"),
        (".notes.txt", "hidden too"),
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    texts = [a.text for a in articles_of(read_inputs([tmp_path]))]
    assert texts == ["AA", "ABC", "AZ", "B", "C1", "C2"]
    assert texts == [a.text for a in articles_of(read_inputs([str(tmp_path)]))]  # deterministic


def test_stdin_text_with_prefix() -> None:
    article = only_article(["-"], stdin=io.StringIO(" date 2020-01-08 Iran warned the US.\n"))
    assert (article.text, article.date, article.origin) == ("Iran warned the US.\n", date(2020, 1, 8), "-")


def test_stdin_jsonl_binary_stream() -> None:
    lines = b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two.", "date": "2020-01-08"}\n'
    first, second = articles_of(read_inputs(["-"], stdin=io.BytesIO(lines)))
    assert (first.id, first.origin) == ("s1", "-:1")
    assert (second.id, second.date, second.origin) == ("s2", date(2020, 1, 8), "-:2")


def test_dash_reads_the_process_stdin_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"date 2020-01-08 caf\xc3\xa9 talks.")))
    article = only_article(["-"])
    assert (article.text, article.date) == ("café talks.", date(2020, 1, 8))


def test_stdin_format_can_be_forced() -> None:
    article = only_article(["-"], stdin=io.StringIO('{"text": "not JSON to me"}'), stdin_format="txt")
    assert article.text == '{"text": "not JSON to me"}'


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'{\n  "text": "a"\n}\n', "json"),
        (b'  [{"text": "a"}]', "json"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"date 2020-01-08 Text", "txt"),
        (b"<b>bold</b> start of plain text", "txt"),
    ],
)
def test_sniff_format(head: bytes, expected: str) -> None:
    assert sniff_format(head) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl.gz", ("jsonl", True)),
        ("A.TXT", ("txt", False)),
        ("x.htm", ("html", False)),
        ("y.ndjson", ("jsonl", False)),
    ],
)
def test_format_for(name: str, expected: tuple[str, bool]) -> None:
    assert format_for(name) == expected


# --- identity --------------------------------------------------------------------------------------------


def test_ids_are_stable_across_calls_and_equal_for_identical_text_and_date(tmp_path: Path) -> None:
    first = [item.id for item in read_inputs([FIXTURES]) if isinstance(item, Article)]
    second = [item.id for item in read_inputs([FIXTURES]) if isinstance(item, Article)]
    assert len(first) >= 10
    assert first == second
    assert len(set(first)) == len(first)
    copy = tmp_path / "copy.jsonl"  # records without an id: identical text and date, identical id
    record = json.dumps({"date": "2020-01-08", "text": "Iran fired missiles."})
    copy.write_text(record + "\n", encoding="utf-8")
    assert only_article([copy]).id == article_id("Iran fired missiles.", date(2020, 1, 8))


def test_article_id_depends_on_date_and_text_but_not_on_whitespace_layout() -> None:
    base = article_id("Iran fired missiles.", date(2020, 1, 8))
    assert base == article_id("Iran fired missiles.", date(2020, 1, 8))
    assert base == article_id("  Iran  fired\nmissiles. ", date(2020, 1, 8))
    assert len(base) == 16
    assert re.fullmatch(r"[0-9a-f]{16}", base), base  # 16 lower-case hex digits
    assert base != article_id("Iran fired missiles.", date(2020, 1, 9))
    assert base != article_id("Iran fired missiles.", None)
    assert base != article_id("Iraq fired missiles.", date(2020, 1, 8))


def test_article_id_is_a_fixed_sha256_prefix() -> None:
    # Pinned: ids are persistent keys in stores; changing the recipe orphans every stored article.
    expected = hashlib.sha256(b"2020-01-08\nIran fired missiles.").hexdigest()[:16]
    assert article_id("Iran fired missiles.", date(2020, 1, 8)) == expected == "ffb0ebb1224ae9da"


# --- laziness and options --------------------------------------------------------------------------------


class CountingReader(io.RawIOBase):
    """A binary stream over ``data`` that counts the bytes handed out."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.bytes_read += len(chunk)
        return len(chunk)


def generated_jsonl(lines: int) -> bytes:
    return b"".join(
        json.dumps({"id": f"n{i}", "date": "2020-01-08", "text": f"Article {i}: " + "words " * 40}).encode()
        + b"\n"
        for i in range(lines)
    )


def test_reading_is_lazy_first_item_reads_only_the_start() -> None:
    data = generated_jsonl(20_000)
    counter = CountingReader(data)
    items = read_inputs(["-"], stdin=counter)
    assert counter.bytes_read == 0  # nothing is read before the iterator is pulled
    first = next(items)
    assert isinstance(first, Article)
    assert first.id == "n0"
    assert counter.bytes_read < 64 * 1024 < len(data) // 50
    assert [a.id for a in islice(items, 2)] == ["n1", "n2"]
    assert counter.bytes_read < 64 * 1024


def test_reading_a_big_jsonl_file_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    data = generated_jsonl(20_000)
    path.write_bytes(data)
    del data
    tracemalloc.start()
    try:
        count = sum(1 for item in read_inputs([path]) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    # ~6 MB file; a streaming reader peaks far below it. What grows is the index of ids read (a repeated
    # id is a reject): about 100 bytes per record, never the records' text.
    assert peak < path.stat().st_size // 10 + 120 * count


def test_bad_options_raise_usage_error_at_call_time() -> None:
    with pytest.raises(UsageError):
        read_inputs(["x.txt"], max_chars=0)
    with pytest.raises(UsageError):
        read_inputs(["-"], stdin_format="pdf")


def test_single_path_is_accepted() -> None:
    assert only_article(FIXTURES / "article.json").date == date(2020, 1, 3)
