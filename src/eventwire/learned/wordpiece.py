"""What: BERT's uncased WordPiece tokenizer, read from the model's own ``tokenizer.json``.

The same steps as the Hugging Face ``BertNormalizer`` + ``BertPreTokenizer`` + ``WordPiece`` model that
``tokenizer.json`` declares (clean text, space around CJK ideographs, strip accents, lower case, split on
white space and isolate punctuation, greedy longest-match word pieces), written here so that inference needs
only numpy: the ``tokenizers`` package would bring the Hugging Face hub client and its HTTP stack with it.
``tools/check_encoder.py`` compares the ids with the reference tokenizer's where that is installed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# CJK ideograph blocks that BERT surrounds with spaces (each ideograph is a word).
_CJK = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)
_OTHER = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _is_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _CJK)


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    """Clean, separate ideographs, strip accents and lower-case, as BertNormalizer(lowercase=True)."""
    if text.isascii():  # the common case, without a Unicode look-up per character
        return "".join(" " if ch in "\t\n\r" else ch for ch in text
                       if (ch >= " " and ch != "\x7f") or ch in "\t\n\r").lower()
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch not in "\t\n\r" and unicodedata.category(ch) in _OTHER:
            continue
        if ch.isspace():
            out.append(" ")
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    stripped = "".join(c for c in unicodedata.normalize("NFD", "".join(out)) if unicodedata.category(c) != "Mn")
    return stripped.lower()


def pre_tokenize(text: str) -> list[str]:
    """Words: split on white space, each punctuation character a word of its own."""
    words: list[str] = []
    for chunk in text.split():
        current: list[str] = []
        for ch in chunk:
            if _is_punct(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
    return words


@dataclass(frozen=True, slots=True)
class WordPiece:
    """The vocabulary and the special ids of one BERT model."""

    vocab: dict[str, int]
    unk_id: int
    cls_id: int
    sep_id: int
    max_chars_per_word: int = 100

    @classmethod
    def from_tokenizer_json(cls, config: dict) -> WordPiece:
        model = config["model"]
        vocab = dict(model["vocab"])
        return cls(vocab, vocab[model["unk_token"]], vocab["[CLS]"], vocab["[SEP]"],
                   int(model.get("max_input_chars_per_word", 100)))

    def word_ids(self, word: str) -> list[int]:
        """Greedy longest-match-first pieces of one word; the whole word is [UNK] if any part has none."""
        if len(word) > self.max_chars_per_word:
            return [self.unk_id]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, *, max_length: int) -> list[int]:
        """[CLS] pieces [SEP], the pieces cut so the whole is at most ``max_length`` ids."""
        ids: list[int] = []
        budget = max_length - 2
        for word in pre_tokenize(normalize(text)):
            ids.extend(self.word_ids(word))
            if len(ids) >= budget:
                break
        return [self.cls_id, *ids[:budget], self.sep_id]
