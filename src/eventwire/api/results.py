"""Turning library records into the API's JSON answers (plain dicts; the schemas document their shape)."""

from __future__ import annotations

from typing import Any

from ..model import EventMention
from ..store import mention_from_row
from .records import CodedBatch


def code_result(batch: CodedBatch, ontology: Any, *, explain: bool) -> dict[str, Any]:
    """The answer of ``POST /v1/code``: mentions exactly as in the JSONL contract, rejects, explanations."""
    result: dict[str, Any] = {
        "mentions": [m.to_dict() for m in batch.mentions],
        "rejects": [
            {"index": index, "id": given_id, "code": reject.code, "reason": reject.reason}
            for index, given_id, reject in batch.rejects
        ],
        "articles": len(batch.articles),
        "stored": batch.stored,
    }
    if explain:
        result["explanations"] = [explanation(m, ontology) for m in batch.mentions]
    return result


def explanation(m: EventMention, ontology: Any) -> dict[str, Any]:
    """Why the mention was coded as it was: the rule, the dictionary entries, how date and place were chosen."""
    code = ontology.get(m.cameo) if m.cameo in ontology else None
    return {
        "rule": m.rule,
        "cameo_description": code.name if code else m.cameo_name,
        "source_entry": m.source.entry if m.source else None,
        "target_entry": m.target.entry if m.target else None,
        "attributed_to_entry": m.attributed_to.entry if m.attributed_to else None,
        "date_basis": m.date_basis,
        "date_granularity": m.date_granularity,
        "date_flags": list(m.date_flags),
        "location_basis": m.location.basis if m.location else None,
        "date_evidence": m.date_evidence.to_dict() if m.date_evidence else None,
    }


def stored_mention(row: dict[str, Any]) -> dict[str, Any]:
    """A stored mention row as the contract object plus its id, sentence offset and rule."""
    mention = mention_from_row(row)
    return dict(
        mention.to_dict(), mention_id=row["mention_id"], sentence_start=mention.sentence_start, rule=mention.rule
    )


def with_cameo_names(rows: list[dict[str, Any]], ontology: Any) -> list[dict[str, Any]]:
    for row in rows:
        code = row.get("cameo")
        row["cameo_name"] = ontology.get(code).name if code in ontology else None
    return rows
