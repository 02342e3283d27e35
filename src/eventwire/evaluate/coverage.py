"""What a gold set covers: sentences per tag and per CAMEO root (of each sentence's first event)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.evaluate.gold import GoldSentence

__all__ = ["GoldCoverage", "gold_coverage"]


@dataclass(frozen=True, slots=True)
class GoldCoverage:
    """Counts over a gold set. ``roots`` counts each sentence once, by the root of its first event."""

    sentences: int
    events: int
    tags: tuple[tuple[str, int], ...]
    roots: tuple[tuple[str, int], ...]

    def format_text(self) -> str:
        lines = [f"sentences: {self.sentences}   events: {self.events}", "", "root  sentences"]
        lines += [f"{root:<4}  {count:>9}" for root, count in self.roots]
        lines += ["", "tag              sentences"]
        lines += [f"{tag:<15}  {count:>9}" for tag, count in self.tags]
        return "\n".join(lines) + "\n"


def gold_coverage(gold: Sequence[GoldSentence]) -> GoldCoverage:
    tags = Counter(tag for sentence in gold for tag in sentence.tags)
    roots = Counter(sentence.events[0].root for sentence in gold if sentence.events)
    return GoldCoverage(
        sentences=len(gold),
        events=sum(len(sentence.events) for sentence in gold),
        tags=tuple(sorted(tags.items())),
        roots=tuple(sorted(roots.items())),
    )
