"""A corpus of hostile inputs, generated: ``build(folder)`` writes them and says what each must give.

Every entry maps a file name to the outcomes allowed for it: ``CODED`` (at least one article of it is
stored), or a set of reject codes (at least one reject of it has one of them, and nothing of it is coded
unless ``CODED`` is allowed too). tests/test_hostile_corpus.py codes the folder as one run.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
from pathlib import Path

CODED = "coded"
GOOD = "Iran fired missiles at US forces in Iraq on Wednesday, officials said."
RECURSION = "The army has opened an inquiry into abuses committed by militias, the agency reported Monday."


def _good(tag: str) -> str:
    """The good sentence, made unique per file (the same date and text would be one article)."""
    return f"{GOOD} The {tag} desk reported it."


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>T</title></head><body><article><p>{body}</p></article></body></html>"


def build(folder: Path) -> dict[str, frozenset[str]]:
    """Write the corpus into ``folder`` (which must exist and be empty); the expectations per file name."""
    expect: dict[str, frozenset[str]] = {}

    def put(name: str, data: bytes | str, *allowed: str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = frozenset(allowed)

    def jsonl(*records: object) -> str:
        return "".join(json.dumps(r) + "\n" for r in records)

    # Binary and broken encodings.
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "E201")
    put("nul_bytes.txt", f"date 2020-01-08 {GOOD}\x00\x00 and more".encode(), "E201")
    put("control_bytes.jsonl", bytes(range(1, 9)) * 300, "E201")
    put("utf16.txt", f"date 2020-01-08 {GOOD}".encode("utf-16"), "E201")
    put("utf16.jsonl", jsonl({"text": GOOD}).encode("utf-16-le"), "E201")
    put("latin1.txt", "date 2020-01-08 Téhéran a tiré des missiles.".encode("latin-1"), "E202")
    put("bom.txt", b"\xef\xbb\xbf" + f"date 2020-01-08 {_good('bom')}".encode(), CODED)
    put("bom.jsonl", b"\xef\xbb\xbf" + jsonl({"id": "bom1", "date": "2020-01-08", "text": GOOD}).encode(), CODED)
    put("bom.csv", b"\xef\xbb\xbf" + f'id,date,text\nbomcsv,2020-01-08,"{GOOD}"\n'.encode(), CODED)
    put("surrogate.jsonl", '{"id": "s1", "date": "2020-01-08", "text": "Iran \\ud800 fired."}\n', "E202")
    put("surrogate_id.jsonl", '{"id": "\\udfff", "date": "2020-01-08", "text": "Iran fired."}\n', "E202")

    # Compression.
    whole = gzip.compress(jsonl(*({"id": f"t{i}", "text": GOOD} for i in range(40))).encode())
    put("truncated.jsonl.gz", whole[: len(whole) // 2], "E201", CODED)  # the readable start may be coded
    put("not_gzip.txt.gz", b"this was never compressed", "E201")
    put("ok.jsonl.gz", gzip.compress(jsonl({"id": "gz1", "date": "2020-01-08", "text": GOOD}).encode()), CODED)
    bomb = gzip.compress(b" " * (48 << 20), compresslevel=9)  # 48 MiB of spaces in ~50 KB
    put("bomb.json.gz", bomb, "E210")
    put("bomb.jsonl.gz", bomb, "E210", "E204")

    # Empty and invisible.
    put("empty.txt", b"", "E203")
    put("empty.jsonl", b"\n\n  \n", "E203")
    put("header_only.csv", b"id,date,text\n", "E203")
    put("zero_width.txt", "date 2020-01-08 \u200b\u200c\u200d\u2060\ufeff", "E203")
    put("only_prefix.txt", "date 2020-01-08\n", "E203")

    # CSV.
    put("embedded_newlines.csv", f'id,date,text\nnl1,2020-01-08,"{GOOD}\nSecond line.\n\nThird."\n', CODED)
    formula = (
        "id,date,title,text\n"
        f'f1,2020-01-08,"=HYPERLINK(""http://x"")","{GOOD}"\n'
        f'f2,2020-01-08,"+cmd|\' /C calc\'!A0","@SUM(1+1) {GOOD}"\n'
    )
    put("formula_injection.csv", formula, CODED)
    put("ragged.csv", f'id,date,text\nr1,2020-01-08,"{GOOD}"\nr2,2020-01-08\nr3,2020-01-08,"x","y","z"\n', CODED, "E205")
    put("broken_quotes.csv", 'id,date,text\nq1,2020-01-08,"never closed\n', "E205")
    put("no_text_column.csv", "id,date,body\nb1,2020-01-08,words\n", "E205")

    # JSON.
    items: list[object] = [{"id": f"arr{i}", "date": "2020-01-08", "text": GOOD} for i in range(5)]
    items += list(range(9_995))  # 9,995 items that are not objects: one reject each, with its index
    put("array_10k_one_line.json", json.dumps(items), CODED, "E205")
    put("deep.json", "[" * 100_000 + "]" * 100_000, "E205")
    put("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n", "E205")
    put("scalar.json", "42", "E205")
    put("broken.json", '[{"text": "a"}, {"text": ', "E205")
    put("repeated_ids.jsonl", jsonl({"id": "r", "date": "2020-01-08", "text": GOOD},
                                    {"id": "r", "date": "2020-01-08", "text": "Iraq protested."}), CODED, "E211")  # fmt: skip

    # HTML.
    put("rot13.html", _page(_good("rot13") * 3, '<meta charset="rot-13">'), CODED)
    put("base64.html", _page(_good("base64") * 3, '<meta charset="base64">'), CODED)
    put("no_main_text.html", "<html><head><title>x</title></head><body></body></html>", "E203")
    put("impossible_meta_date.html", _page(GOOD * 3, '<meta name="date" content="2020-02-30">'), "E206")

    # Dates.
    put("impossible_date.txt", f"date 2020-02-30 {GOOD}", "E206")
    put("far_future.txt", "date 9999-12-31 Iran will fire missiles at Iraq next week.", CODED, "E504")
    put("year_one.txt", "date 0001-01-01 Iran fired missiles at Iraq last week.", CODED, "E504")
    put("bad_date.jsonl", jsonl({"id": "d1", "date": "99999-01-01", "text": GOOD}), "E206")

    # Text that stresses the coder.
    put("recursion.txt", f"date 2020-01-06 {RECURSION}", CODED, "E503")
    put("said_that.txt", "date 2020-01-08 " + " ".join(["the minister said that"] * 500) + " rebels attacked the army.",
        CODED, "E503", "E213")  # fmt: skip
    put("rtl_emoji.txt", f"date 2020-01-08 \u202eمرحبا\u202c 🚀👩‍👩‍👧 {_good('rtl')} \u2066שלום\u2069 🇮🇷", CODED)
    put("long_run.txt", "date 2020-01-08 " + " ".join(["the police arrested protesters and"] * 400) + " left.", CODED)

    # Not files, or not reachable.
    put("report.pdf", b"%PDF-1.7\n", "E207")
    put("README", b"no suffix", "E207")
    (folder / "loop_a.txt").symlink_to("loop_b.txt")
    (folder / "loop_b.txt").symlink_to("loop_a.txt")
    expect["loop_a.txt"] = expect["loop_b.txt"] = frozenset({"E201"})
    (folder / "dangling.jsonl").symlink_to("does_not_exist.jsonl")
    expect["dangling.jsonl"] = frozenset({"E201"})
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        expect["fifo.txt"] = frozenset({"E209"})
    if os.path.exists("/dev/zero"):
        (folder / "device.txt").symlink_to("/dev/zero")
        expect["device.txt"] = frozenset({"E209"})
    if hasattr(socket, "AF_UNIX"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(str(folder / "socket.jsonl"))
        finally:
            sock.close()
        expect["socket.jsonl"] = frozenset({"E209"})
    put("unreadable.txt", f"date 2020-01-08 {_good('unreadable')}", "E201", CODED)  # root reads it anyway
    (folder / "unreadable.txt").chmod(0)
    (folder / "cycle").symlink_to(".")  # a directory reached again: walked once

    # One plainly good file, so that the run is seen to code.
    put("good.txt", f"date 2020-01-08 {_good('plain')}", CODED)
    return expect
