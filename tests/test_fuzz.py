"""Property tests, bounded and derandomised (the same examples on every run):

- any bytes, as a file of any format (plain or gzipped), read to Articles and Rejects only;
- any text (right-to-left scripts, zero-width and control characters, emoji, lone surrogates, nested quotes
  and brackets, hundreds of nested "X said that" clauses, a 10,000-word sentence) codes to mentions whose
  every span lies inside the text and equals the text at its offsets, or raises only EventwireError.

The example counts are in ``READ_EXAMPLES`` and ``CODE_EXAMPLES`` (docs/reliability.md quotes them).
"""

from __future__ import annotations

import gzip
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.errors import EventwireError
from eventwire.ingest import read_inputs
from eventwire.model import Article, Reject

READ_EXAMPLES = 60  # per format
CODE_EXAMPLES = 150
FORMATS = ("txt", "jsonl", "json", "csv", "tsv", "html", "txt.gz", "jsonl.gz", "json.gz", "csv.gz")

_BOUNDED = settings(
    derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)  # fmt: skip

# Pieces that make the formats' own syntax likely to appear, so that the fuzzer gets past the first byte.
_SYNTAX = st.sampled_from([
    b"{", b"}", b"[", b"]", b'"', b":", b",", b"\n", b"\r\n", b"\\", b'"text"', b'"id"', b'"date"', b"\\ud800",
    b"\\u0000", b"text,id,date\n", b"\t", b"<html>", b"<meta charset=\"rot-13\">", b"<p>", b"date 2020-01-08 ",
    b"date 0001-01-01 ", b"=cmd|' /C calc'!A0", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe2\x80\x8b",
    b"Iran fired missiles at US forces in Iraq.", "\u202eمرحبا\u202c".encode(), b"\xf0\x9f\x92\xa5",
])  # fmt: skip
_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.one_of(_SYNTAX, st.binary(max_size=12)), max_size=80).map(b"".join),
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_bytes_as_any_format_read_to_articles_and_rejects_only(fmt: str) -> None:
    seen: list[int] = []

    @settings(_BOUNDED, max_examples=READ_EXAMPLES)
    @given(data=_BYTES)
    def check(data: bytes) -> None:
        seen.append(len(data))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input.{fmt}"
            path.write_bytes(gzip.compress(data) if fmt.endswith(".gz") else data)
            items = list(read_inputs([path], default_date=date(2020, 1, 8)))
        for item in items:
            assert isinstance(item, Article | Reject), item
            if isinstance(item, Reject):
                assert item.code.startswith("E2") and item.reason
            else:
                assert item.text.strip() and item.id
                item.text.encode("utf-8")  # valid Unicode: no lone surrogate reaches the coder
        assert items  # every input gives something: an article or a reason

    check()
    print(f"\n{fmt}: {len(seen)} inputs read")
    assert len(seen) >= READ_EXAMPLES


def test_truncated_gzip_of_every_format_is_a_reject() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("txt", "jsonl", "json", "csv", "html"):
            whole = gzip.compress(b'{"text": "Iran fired missiles."}\n' * 200)
            path = Path(folder) / f"cut.{fmt}.gz"
            path.write_bytes(whole[: len(whole) // 2])
            items = list(read_inputs([path]))
            assert any(isinstance(i, Reject) and i.code == "E201" for i in items), (fmt, items)


# ---------------------------------------------------------------------------------------------- coding
_WORDS = [
    "Iran", "fired", "missiles", "at", "US", "forces", "in", "Iraq", "on", "Tuesday", "said", "that", "the",
    "police", "arrested", "protesters", "Paris", "Russia", "attacked", "Ukraine", "United Nations", "urged",
    "restraint", "not", "would", "reported", "inquiry", "into", "abuses", "committed", "by", "militias",
    "promised", "Hamas", "Israel", "talks", "last week", "next month", "yesterday", "Kabul", "Sana'a",
    ".", ",", ";", "(", ")", '"', "'", "“", "”", "«", "»", "\n", "\n\n", "-", "—",
    "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u0301", "\x00", "\x07", "\x1b", "\r",
    "إيران", "العراق", "ישראל", "Москва", "中国", "🚀", "💥", "👩‍👩‍👧", "🇮🇷",
]  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec=None, categories=("L", "M", "N", "P", "S", "Z", "C")), max_size=200),
    st.lists(st.sampled_from(_WORDS), max_size=120).map(" ".join),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=60).map("".join),
)
# One unpunctuated run of 10,000 words with an event in every clause. (Without place names: until the geo
# stage's cost is linear in places x actors, a run full of them takes minutes; benchmarks measure that.)
TEN_THOUSAND_WORDS = " ".join(
    ("the police arrested protesters and the army said that rebels attacked soldiers while the minister "
     "urged restraint " * 625).split()
)  # fmt: skip
SAID_THAT = " ".join(f"{name} said that" for name in ["Iran", "Iraq", "the minister", "Russia", "police"] * 100)
NESTED = "(" * 300 + "Iran fired missiles at Iraq" + ")" * 300 + " " + '"' * 200 + "Russia attacked Ukraine." + '"' * 200


def _spans(mention) -> list:
    """Evidence with its words: trigger, actors, date expression (a place carries the gazetteer's name, so
    only its offsets are checked)."""
    spans = [mention.trigger, mention.source, mention.target, mention.attributed_to, mention.date_evidence]
    return [s for s in spans if s is not None]


@pytest.mark.slow
def test_any_text_codes_to_mentions_with_true_offsets_or_an_eventwire_error() -> None:
    from eventwire.pipeline import code_text

    code_text("Iran fired missiles at US forces in Iraq.", date=date(2020, 1, 8))  # load once, outside the clock
    outcomes: Counter[str] = Counter()

    @settings(_BOUNDED, max_examples=CODE_EXAMPLES)
    @given(text=_TEXT, day=st.sampled_from([date(2020, 1, 8), date(1, 1, 1), date(9999, 12, 31), None]))
    @example(text=TEN_THOUSAND_WORDS, day=date(2020, 1, 8))
    @example(text=SAID_THAT + " Iran fired missiles at Iraq.", day=date(2020, 1, 8))
    @example(text=NESTED, day=date(2020, 1, 8))
    @example(text="Iran \ud800 fired missiles at Iraq.", day=date(2020, 1, 8))
    @example(text="Iran got the things promised by Russia.", day=date(2020, 1, 8))
    @example(text="Iran attacked Iraq last week.", day=date(1, 1, 1))
    @example(text="Iran will attack Iraq next week.", day=date(9999, 12, 31))
    def check(text: str, day: date | None) -> None:
        outcomes["texts"] += 1
        try:
            mentions = code_text(text, date=day)
        except EventwireError as exc:  # the only exception allowed; a stage's (E5xx) or invalid text's (E2xx)
            failed = exc
        else:
            failed = None
        if failed is not None:
            assert failed.code[:2] in ("E2", "E5"), failed
            outcomes[failed.code] += 1
            return
        outcomes["mentions"] += len(mentions)
        for m in mentions:
            start = m.sentence_start
            assert text[start : start + len(m.sentence)] == m.sentence
            assert start <= m.trigger.start and m.trigger.end <= start + len(m.sentence)
            for span in _spans(m):
                assert 0 <= span.start <= span.end <= len(text), (span, len(text))
                assert text[span.start : span.end] == span.text, span
            if m.location is not None:
                assert 0 <= m.location.start <= m.location.end <= len(text), m.location

    check()
    print(f"\ncode_text: {dict(outcomes)}")
    assert outcomes["texts"] >= CODE_EXAMPLES
