"""Learned components: a sentence encoder (all-MiniLM-L6-v2 in numpy) and the event-type classifier that
proposes a CAMEO root where the rules code nothing. Everything loads lazily, once per process."""

from .component import LearnedTyper

__all__ = ["LearnedTyper"]
