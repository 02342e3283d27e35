"""Inputs built to stop a run (FIFOs, gzip bombs, deep nesting, lone surrogates, bogus charsets...) are
each one reject with a reason, and the inputs after them are still read."""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
from pathlib import Path

import pytest

from eventwire.ingest import read_inputs
from eventwire.model import Article, Reject

GOOD = "date 2020-01-08 Iran fired missiles at US forces in Iraq."


def _read(*paths: Path | str, **options: object) -> tuple[list[Article], list[Reject]]:
    items = list(read_inputs(list(paths), **options))
    assert all(isinstance(i, Article | Reject) for i in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def _good(folder: Path, name: str = "zz_good.txt") -> Path:
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_directory_is_rejected_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _good(tmp_path)
    result: list = []
    reader = threading.Thread(target=lambda: result.append(_read(tmp_path)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading a directory with a FIFO blocked"
    articles, rejects = result[0]
    assert [a.origin for a in articles] == [str(tmp_path / "zz_good.txt")]
    (reject,) = rejects
    assert reject.code == "E209" and "FIFO" in reject.reason and reject.origin.endswith("pipe.txt")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_devices_and_sockets_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # would never end if read
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(tmp_path / "sock.jsonl"))
    finally:
        sock.close()
    _good(tmp_path)
    articles, rejects = _read(tmp_path)
    assert len(articles) == 1
    reasons = {Path(r.origin).name: (r.code, r.reason) for r in rejects}
    assert reasons["zero.txt"][0] == "E209" and "character device" in reasons["zero.txt"][1]
    assert reasons["sock.jsonl"][0] == "E209" and "socket" in reasons["sock.jsonl"][1]


def test_a_given_fifo_path_is_rejected_too(tmp_path: Path) -> None:
    fifo = tmp_path / "given.jsonl"
    os.mkfifo(fifo)
    articles, rejects = _read(fifo, _good(tmp_path))
    assert len(articles) == 1 and [r.code for r in rejects] == ["E209"]


@pytest.mark.parametrize("name", ["bomb.json.gz", "bomb.jsonl.gz", "bomb.txt.gz", "bomb.csv.gz", "bomb.html.gz"])
def test_a_gzip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, name: str) -> None:
    import tracemalloc

    bomb = tmp_path / name
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        line = b" " * (1 << 20)
        for _ in range(64):  # 64 MiB of spaces: ~65 KB compressed, a 1000:1 ratio
            out.write(line)
    tracemalloc.start()
    try:
        articles, rejects = _read(bomb, _good(tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(articles) == 1
    (reject,) = rejects
    assert reject.code in {"E210", "E204"}, reject  # the line reader may find the line too long first
    if reject.code == "E210":
        assert "decompression bomb" in reject.reason
    assert peak < 40 * 1024 * 1024  # refused after ~16 MiB, never the whole 64


def test_an_ordinary_gzip_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    rows = [json.dumps({"id": f"r{i}", "date": "2020-01-08", "text": f"Police arrested {i} protesters."}) for i in range(3000)]
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    articles, rejects = _read(path)
    assert len(articles) == 3000 and rejects == []


def test_deeply_nested_json_is_a_reject(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep)
    (tmp_path / "deep.jsonl").write_text(deep + "\n" + json.dumps({"id": "after", "text": "Iran fired."}) + "\n")
    articles, rejects = _read(tmp_path / "deep.json", tmp_path / "deep.jsonl")
    assert [a.id for a in articles] == ["after"]
    assert [(r.code, r.line) for r in rejects] == [("E205", None), ("E205", 1)]
    assert all("nested too deeply" in r.reason for r in rejects)


def test_lone_surrogates_are_invalid_unicode(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a", "text": "Iran \\ud800 fired."}\n'
        '{"id": "b", "text": "Iran fired.", "title": "\\udfff"}\n'
        '{"id": "c", "text": "Iran fired \\ud83d\\ude00 missiles."}\n',  # a proper pair is an emoji
        encoding="utf-8",
    )
    articles, rejects = _read(path)
    assert [a.id for a in articles] == ["c"] and "\U0001f600" in articles[0].text
    assert [(r.code, r.line) for r in rejects] == [("E202", 1), ("E202", 2)]
    assert "lone surrogate U+D800 at character 5" in rejects[0].reason and "'title'" in rejects[1].reason


@pytest.mark.parametrize("charset", ["rot-13", "base64", "uu", "hex", "zlib", "idna", "x-no-such-charset"])
def test_a_bogus_html_charset_falls_back_to_utf8(tmp_path: Path, charset: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><meta charset="{charset}"><title>T</title></head><body><article><p>'
        + "Iran fired missiles at US forces in Iraq on Wednesday, officials said in a statement. " * 3
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    articles, rejects = _read(page)
    assert rejects == [] and "Iran fired missiles" in articles[0].text


@pytest.mark.parametrize(
    "text", ["\u200b\u200c\u200d\u2060\ufeff", " \u200b \n\t\u00ad", "\u202e\u202c\u2066\u2069", "\u0301\u0301"]
)
def test_text_of_invisible_characters_only_is_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "zw.jsonl"
    path.write_text(json.dumps({"id": "z", "text": text}) + "\n", encoding="utf-8")
    articles, rejects = _read(path)
    assert articles == [] and [r.code for r in rejects] == ["E203"]


def test_visible_text_with_zero_width_characters_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("date 2020-01-08 \u200bIran\u200d fired.", encoding="utf-8")
    (article,), rejects = _read(path)
    assert rejects == [] and article.text == "\u200bIran\u200d fired."


def test_a_repeated_id_in_one_input_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    rows = [{"id": "x", "text": "Iran fired."}, {"id": "y", "text": "Iraq protested."}, {"id": "x", "text": "Other text."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    csv = tmp_path / "dup.csv"
    csv.write_text('id,text\nx,"Iran fired."\nx,"Again."\n', encoding="utf-8")
    articles, rejects = _read(path, csv)
    assert [(a.id, a.text) for a in articles] == [("x", "Iran fired."), ("y", "Iraq protested."), ("x", "Iran fired.")]
    assert [(r.origin, r.line, r.code, r.article_id) for r in rejects] == [
        (str(path), 3, "E211", "x"),
        (str(csv), 3, "E211", "x"),
    ]
    assert "line 1" in rejects[0].reason and "line 2" in rejects[1].reason


def test_every_item_of_a_json_array_on_one_line_is_kept_apart(tmp_path: Path) -> None:
    """10,000 items on one line: each article and each reject is its own record (item index), so storing
    them keeps all of them (rejects used to collapse to one per line)."""
    items: list[object] = []
    for i in range(10_000):
        items.append({"id": f"i{i}", "text": f"Police arrested {i} protesters."} if i % 10 else i)
    path = tmp_path / "one_line.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    articles, rejects = _read(path)
    assert len(articles) == 9_000 and len(rejects) == 1_000
    assert {r.item for r in rejects} == set(range(0, 10_000, 10)) and {r.line for r in rejects} == {1}
    assert {r.code for r in rejects} == {"E205"}


def test_an_oversized_json_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.ingest import jsonl

    monkeypatch.setattr(jsonl, "JSON_CAP", 1000)
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": "Iran fired missiles."}] * 100), encoding="utf-8")
    articles, rejects = _read(path)
    assert articles == [] and rejects[0].code == "E204" and "JSON Lines" in rejects[0].reason


def test_symlink_loops_and_dangling_links_are_rejects(tmp_path: Path) -> None:
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "dangling.jsonl").symlink_to("nowhere.jsonl")
    (tmp_path / "again").symlink_to(tmp_path)  # a directory cycle: walked once
    _good(tmp_path)
    articles, rejects = _read(tmp_path)
    assert len(articles) == 1
    assert sorted((Path(r.origin).name, r.code) for r in rejects) == [
        ("dangling.jsonl", "E201"), ("loop1.txt", "E201"), ("loop2.txt", "E201"),
    ]  # fmt: skip


def test_unreadable_files_and_directories(tmp_path: Path) -> None:
    """chmod 000 blocks reading for users; root reads anyway. Either way: read, or one reject each."""
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    _good(closed, "inside.txt")
    _good(tmp_path)
    secret.chmod(0)
    closed.chmod(0)
    try:
        articles, rejects = _read(tmp_path)
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)
    as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
    if as_root:
        assert len(articles) == 3 and rejects == []
    else:
        assert len(articles) == 1
        assert sorted((Path(r.origin).name, r.code) for r in rejects) == [("closed", "E201"), ("secret.txt", "E201")]


def test_permission_errors_are_rejects_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What chmod 000 does for a user, made to happen for root too: the OS refuses to open or list."""
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    _good(closed, "inside.txt")
    _good(tmp_path)
    real_open, real_iterdir = os.open, Path.iterdir

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refusing_iterdir(self):
        if self.name == "closed":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(Path, "iterdir", refusing_iterdir)
    articles, rejects = _read(tmp_path)
    assert len(articles) == 1
    found = sorted((Path(r.origin).name, r.code, "Permission denied" in r.reason) for r in rejects)
    assert found == [("closed", "E201", True), ("secret.txt", "E201", True)]
