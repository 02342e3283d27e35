"""Sentence-level discards: sport and entertainment vocabulary that makes a sentence uncodable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DictionaryError


@dataclass(frozen=True, slots=True)
class Discards:
    pattern: re.Pattern[str] | None

    def hit(self, sentence: str) -> str | None:
        """The discard phrase found in ``sentence``, or None."""
        if self.pattern is None:
            return None
        m = self.pattern.search(sentence)
        return m.group(0) if m else None


@lru_cache(maxsize=1)
def load_discards() -> Discards:
    text = (resources.files("eventwire") / "data" / "discards.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    phrases = raw.get("sentence") if isinstance(raw, dict) else None
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise DictionaryError("`sentence` must be a list of non-empty phrases", path="discards.yaml", code="E130")
    alternatives = sorted({p.strip().lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in alternatives)
    return Discards(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE) if body else None)
