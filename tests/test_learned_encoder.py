"""The learned typer's sentence encoder: BERT WordPiece on a small vocabulary written here, and the numpy
all-MiniLM-L6-v2 forward pass's invariants (unit norm, determinism, batch == one at a time, related
sentences closer than unrelated ones, bad input never raises)."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.learned.wordpiece import WordPiece, normalize, pre_tokenize

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "iran", "fired", "missile", "##s", "at", "us", "forces", ".", ",",
         "cafe", "un", "##rest", "北", "京", "!"]


def _wordpiece() -> WordPiece:
    vocab = {w: i for i, w in enumerate(VOCAB)}
    return WordPiece(vocab, vocab["[UNK]"], vocab["[CLS]"], vocab["[SEP]"])


def _ids(words: list[str]) -> list[int]:
    return [VOCAB.index(w) for w in words]


def test_normalize_lowercases_strips_accents_and_cleans():
    assert normalize("Café  IRAN") == "cafe  iran"
    assert normalize("a\tb\nc\x00d\x07e") == "a b cde"
    assert normalize("Zürich\u2003São") == "zurich sao"  # an em space is white space
    assert normalize("北京") == " 北  京 "


def test_pre_tokenize_isolates_punctuation():
    assert pre_tokenize("iran, us. forces!") == ["iran", ",", "us", ".", "forces", "!"]
    assert pre_tokenize("u.s.-led") == ["u", ".", "s", ".", "-", "led"]


def test_wordpiece_longest_match_first_and_unknown_words():
    wp = _wordpiece()
    assert wp.word_ids("missiles") == _ids(["missile", "##s"])
    assert wp.word_ids("unrest") == _ids(["un", "##rest"])
    assert wp.word_ids("zebra") == _ids(["[UNK]"])  # no piece covers it: the whole word is unknown
    assert wp.word_ids("x" * 101) == _ids(["[UNK]"])


def test_encode_adds_specials_and_truncates():
    wp = _wordpiece()
    assert wp.encode("Iran fired missiles at US forces.", max_length=256) == _ids(
        ["[CLS]", "iran", "fired", "missile", "##s", "at", "us", "forces", ".", "[SEP]"])
    assert wp.encode("", max_length=256) == _ids(["[CLS]", "[SEP]"])
    long = wp.encode("iran " * 10_000, max_length=256)
    assert len(long) == 256 and long[0] == VOCAB.index("[CLS]") and long[-1] == VOCAB.index("[SEP]")
    assert wp.encode("🚀🔥 北京", max_length=256) == _ids(["[CLS]", "[UNK]", "北", "京", "[SEP]"])


@pytest.fixture(scope="module")
def encoder():
    from eventwire.learned.encoder import load_encoder

    return load_encoder()


@pytest.mark.slow
def test_embeddings_are_unit_deterministic_and_independent_of_batching(encoder):
    texts = ["Iran fired missiles at US forces in Iraq.", "The talks ended without agreement.",
             "Police arrested twelve protesters outside parliament on Monday evening after clashes.", "Hi"]
    batch = encoder.encode(texts)
    assert batch.shape == (4, 384) and batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(batch, encoder.encode(texts))
    single = np.stack([encoder.encode([t])[0] for t in texts])
    assert np.abs(batch - single).max() < 1e-5
    assert encoder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_related_sentences_are_closer_than_unrelated_ones(encoder):
    a, b, c, d = encoder.encode([
        "Iranian forces launched ballistic missiles at American troops.",
        "Tehran fired rockets at US soldiers stationed in Iraq.",
        "The central bank kept interest rates unchanged.",
        "Monetary policy makers left borrowing costs where they were.",
    ])
    assert a @ b > 0.5 and c @ d > 0.4
    assert a @ c < 0.2 and b @ d < 0.2
    assert a @ b > a @ c + 0.3 and c @ d > c @ a + 0.3


@pytest.mark.slow
def test_bad_input_never_raises(encoder):
    texts = ["", "   ", "🚀🔥💥", "word " * 10_000, "\x00\x07\ufffd", "北京 said the talks went well."]
    vectors = encoder.encode(texts)
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert len(encoder.token_ids("word " * 10_000)) == 256
