"""Case robustness: code texts as they are, in lower case and in upper case, and report the share of the
mixed-case run's (source code, root, target code) triples that each of the other runs keeps (a multiset
intersection per text, summed over texts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .common import Text, code_texts, ratio, triples


def case_robustness(pipeline: Any, items: list[Text], mixed: dict[str, list[Any]] | None = None,
                    failures: list[str] | None = None) -> dict[str, Any]:
    """``mixed``: the mentions of ``items`` as they are, when already coded (saves a run); texts the coder
    raises on are added to ``failures``."""
    if mixed is None:
        mixed = code_texts(pipeline, items, failures)
    reference = {t.id: Counter(triples(mixed.get(t.id, []))) for t in items}
    total = sum(sum(c.values()) for c in reference.values())
    out: dict[str, Any] = {"texts": len(items), "mixed_triples": total}
    for name, change in (("lower", str.lower), ("upper", str.upper)):
        changed = code_texts(pipeline, [Text(f"{t.id} ({name})", change(t.text), t.date) for t in items], failures)
        changed = {key.rsplit(' (', 1)[0]: value for key, value in changed.items()}
        kept = sum(
            sum((reference[t.id] & Counter(triples(changed.get(t.id, [])))).values()) for t in items
        )
        out[name] = ratio(kept, total)
        out[f"{name}_triples"] = sum(len(triples(changed.get(t.id, []))) for t in items)
    return out
