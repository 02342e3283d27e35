"""GVA (Gun Violence Archive incidents and local news articles about them), scored at article level.

Definitions (also in docs/real-text-eval.md):

- Split by incident id: last digit 0-6 is the tuning split, 7-9 the untouched one.
- An article is scored when its incident has a structured record and its text has at least ``MIN_CHARS``
  characters. The incident's *expected roots* come from ``gva_cameo.yaml``: violence (someone killed or
  injured, and the incident not only an accident) expects 18/19/20; an arrest expects 17. Articles whose
  incident expects nothing (accidents without an arrest) are left out and counted.
- The sample: the scored articles of the split sorted by doc id, the first ``n``.
- *Recall*: the share of articles that yield at least one mention of an expected root (also per expectation:
  violence, arrest). *Precision*: of the mentions coded from those articles whose root is not neutral, the
  share whose root is expected for the incident.
- The publication date given to the coder is the article's ``dct``.
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .common import Text, load_mapping, ratio

MIN_CHARS = 200
SPLITS = {"tuning": "0123456", "untouched": "789"}


@dataclass(frozen=True, slots=True)
class GvaArticle:
    doc_id: str
    incident_id: str
    text: str
    date: date | None
    expected: dict[str, frozenset[str]]  # expectation name -> roots


def load_sample(folder: Path, split: str, n: int) -> tuple[list[GvaArticle], dict[str, int]]:
    """The first ``n`` scored articles of ``split`` by doc id, and counts of what was left out."""
    mapping = load_mapping("gva_cameo.yaml")
    incidents = {}
    with (folder / "gva_incidents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            incidents[str(record["incident_uri"])] = record
    skipped: Counter[str] = Counter()
    chosen = []
    with (folder / "news_items.jsonl").open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    for item in sorted(items, key=lambda i: i["doc_id"]):
        incident_id = str(item["incident_id"])
        if incident_id[-1:] not in SPLITS[split]:
            continue
        record = incidents.get(incident_id)
        if record is None:
            skipped["no_record"] += 1
            continue
        if len(item.get("content") or "") < MIN_CHARS:
            skipped["short"] += 1
            continue
        expected = expectations(record, mapping)
        if not expected:
            skipped["accidental"] += 1
            continue
        chosen.append(GvaArticle(item["doc_id"], incident_id, item["content"], _date(item.get("dct")), expected))
    skipped["beyond_n"] = max(0, len(chosen) - n)
    return chosen[:n], dict(skipped)


def expectations(record: dict[str, Any], mapping: dict[str, Any]) -> dict[str, frozenset[str]]:
    participants = _literal(record.get("participants"), [])
    statuses = " ".join(str(p.get("Status", "")) for p in participants if isinstance(p, dict))
    categories = set(_literal(record.get("frames"), []))
    accidental = bool(categories) and categories <= set(mapping["accidental_categories"])
    hurt = _int(record.get("num_killed")) + _int(record.get("num_injured")) > 0 or any(
        word in statuses for word in ("Killed", "Injured"))
    found = {}
    if hurt and not accidental:
        found["violence"] = frozenset(mapping["expectations"]["violence"]["roots"])
    if "Arrested" in statuses:
        found["arrest"] = frozenset(mapping["expectations"]["arrest"]["roots"])
    return found


def texts(articles: list[GvaArticle]) -> list[Text]:
    return [Text(a.doc_id, a.text, a.date) for a in articles]


def score(articles: list[GvaArticle], mentions: dict[str, list[Any]], skipped: dict[str, int]) -> dict[str, Any]:
    neutral = set(load_mapping("gva_cameo.yaml")["neutral_roots"])
    c: Counter[str] = Counter()
    for article in articles:
        roots = [m.cameo_root for m in mentions.get(article.doc_id, [])]
        expected = frozenset().union(*article.expected.values())
        c["articles"] += 1
        c["found"] += any(r in expected for r in roots)
        for name, wanted in article.expected.items():
            c[f"{name}_articles"] += 1
            c[f"{name}_found"] += any(r in wanted for r in roots)
        c["mentions"] += len(roots)
        c["neutral"] += sum(r in neutral for r in roots)
        c["judged"] += sum(r not in neutral for r in roots)
        c["correct"] += sum(r in expected for r in roots if r not in neutral)
    return {
        "articles": c["articles"],
        "skipped": skipped,
        "mentions": c["mentions"],
        "neutral_mentions": c["neutral"],
        "recall": ratio(c["found"], c["articles"]),
        "recall_violence": ratio(c["violence_found"], c["violence_articles"]),
        "recall_arrest": ratio(c["arrest_found"], c["arrest_articles"]),
        "precision": ratio(c["correct"], c["judged"]),
    }


def _literal(value: Any, default: Any) -> Any:
    """GVA fields hold Python literals as strings (``"[{'Type': ' Victim', ...}]"``)."""
    if isinstance(value, str):
        if not value.strip():
            return default
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return default
    return value if value is not None else default


def _int(value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
