"""The flat form of an event mention: one column per JSONL contract field.

The store's ``mentions`` table, the CSV export and query results all use these names. Nested contract
objects are flattened with a prefix: ``source`` -> ``source_code``, ``source_name``...; ``plover`` ->
``plover_type``/``plover_mode``; ``location`` -> ``location_*``; ``trigger`` -> ``trigger_*``.
``flatten_mention`` and ``nest_mention_row`` are inverses over the contract fields.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from ..model import ActorRef, Article, EventMention, Place, Reject, Span

ACTOR_FIELDS = ("code", "name", "country", "sector", "text", "start", "end")
LOCATION_FIELDS = ("name", "country", "admin1", "lat", "lon", "feature", "start", "end", "basis")
TRIGGER_FIELDS = ("text", "start", "end")
ACTOR_ROLES = ("source", "target", "attributed_to")


def _actor_columns(role: str) -> tuple[str, ...]:
    return tuple(f"{role}_{name}" for name in ACTOR_FIELDS)


#: Flattened JSONL contract, in contract order. CSV header; the mention columns every query returns.
MENTION_COLUMNS: tuple[str, ...] = (
    "article_id",
    "sentence_index",
    "sentence",
    "publication_date",
    "event_date",
    "date_basis",
    *_actor_columns("source"),
    *_actor_columns("target"),
    "cameo",
    "cameo_root",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    *(f"location_{name}" for name in LOCATION_FIELDS),
    *(f"trigger_{name}" for name in TRIGGER_FIELDS),
    "negated",
    "hypothetical",
    *_actor_columns("attributed_to"),
    "confidence",
    "date_granularity",
    "date_confidence",
    "date_flags",
    "location_geonames_id",  # added after the contract's first version: last, so CSV positions hold
)

#: Columns kept by the store for ``explain`` but not part of the JSONL contract.
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "sentence_start",
    "rule",
    "source_entry",
    "target_entry",
    "attributed_to_entry",
)

#: Every column of the ``mentions`` table, in table order.
STORE_MENTION_COLUMNS: tuple[str, ...] = ("mention_id", *MENTION_COLUMNS, *EVIDENCE_COLUMNS)


def _actor_arrow_fields(role: str) -> list[pa.Field]:
    types = (pa.string(),) * 5 + (pa.int32(), pa.int32())
    return [pa.field(f"{role}_{name}", kind) for name, kind in zip(ACTOR_FIELDS, types, strict=True)]


MENTION_SCHEMA = pa.schema(
    [
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("sentence_index", pa.int32()),
        pa.field("sentence", pa.string()),
        pa.field("publication_date", pa.date32()),
        pa.field("event_date", pa.date32()),
        pa.field("date_basis", pa.string()),
        *_actor_arrow_fields("source"),
        *_actor_arrow_fields("target"),
        pa.field("cameo", pa.string(), nullable=False),
        pa.field("cameo_root", pa.string()),
        pa.field("cameo_name", pa.string()),
        pa.field("goldstein", pa.float64()),
        pa.field("quad_class", pa.int8()),
        pa.field("plover_type", pa.string()),
        pa.field("plover_mode", pa.string()),
        pa.field("location_name", pa.string()),
        pa.field("location_country", pa.string()),
        pa.field("location_admin1", pa.string()),
        pa.field("location_lat", pa.float64()),
        pa.field("location_lon", pa.float64()),
        pa.field("location_feature", pa.string()),
        pa.field("location_start", pa.int32()),
        pa.field("location_end", pa.int32()),
        pa.field("location_basis", pa.string()),
        pa.field("trigger_text", pa.string()),
        pa.field("trigger_start", pa.int32()),
        pa.field("trigger_end", pa.int32()),
        pa.field("negated", pa.bool_()),
        pa.field("hypothetical", pa.bool_()),
        *_actor_arrow_fields("attributed_to"),
        pa.field("confidence", pa.float64()),
        pa.field("date_granularity", pa.string()),
        pa.field("date_confidence", pa.float64()),
        pa.field("date_flags", pa.string()),
        pa.field("location_geonames_id", pa.int64()),
        pa.field("sentence_start", pa.int32()),
        pa.field("rule", pa.string()),
        pa.field("source_entry", pa.string()),
        pa.field("target_entry", pa.string()),
        pa.field("attributed_to_entry", pa.string()),
    ]
)

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("date", pa.date32()),
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("source", pa.string()),
        pa.field("origin", pa.string()),
        pa.field("text", pa.string()),
        pa.field("n_chars", pa.int64()),
        pa.field("coded_at", pa.timestamp("us")),
    ]
)

REJECT_SCHEMA = pa.schema(
    [
        pa.field("origin", pa.string(), nullable=False),
        pa.field("line", pa.int64()),
        pa.field("code", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("seen_at", pa.timestamp("us")),
        pa.field("item", pa.int64()),
        pa.field("article_id", pa.string()),
    ]
)


def mention_id(mention: EventMention) -> str:
    """Stable identity of a mention: a hash of (article, sentence, trigger start, CAMEO, source, target codes).

    The same inputs give the same id in every process (sha1, not Python's ``hash``). Two mentions with
    the same identity in one article are the same event mention and are stored once.
    """
    parts = (
        mention.article_id,
        str(mention.sentence_index),
        str(mention.trigger.start),
        mention.cameo,
        mention.source.code if mention.source else "",
        mention.target.code if mention.target else "",
    )
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def utc_now() -> datetime:
    """Now, in UTC, without tzinfo (the store's TIMESTAMP columns are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _flatten_actor(role: str, actor: ActorRef | None, row: dict[str, Any]) -> None:
    for name in ACTOR_FIELDS:
        row[f"{role}_{name}"] = getattr(actor, name) if actor is not None else None


def flatten_mention(mention: EventMention, *, evidence: bool = False) -> dict[str, Any]:
    """One flat row (keys = ``MENTION_COLUMNS``; plus ``mention_id`` and the evidence columns if asked).

    Dates stay ``datetime.date``; writers format them.
    """
    row: dict[str, Any] = {
        "article_id": mention.article_id,
        "sentence_index": mention.sentence_index,
        "sentence": mention.sentence,
        "publication_date": mention.publication_date,
        "event_date": mention.event_date,
        "date_basis": mention.date_basis,
    }
    _flatten_actor("source", mention.source, row)
    _flatten_actor("target", mention.target, row)
    row.update(
        cameo=mention.cameo,
        cameo_root=mention.cameo_root,
        cameo_name=mention.cameo_name,
        goldstein=mention.goldstein,
        quad_class=mention.quad_class,
        plover_type=mention.plover_type,
        plover_mode=mention.plover_mode,
    )
    place = mention.location
    for name in LOCATION_FIELDS:
        row[f"location_{name}"] = getattr(place, name) if place is not None else None
    for name in TRIGGER_FIELDS:
        row[f"trigger_{name}"] = getattr(mention.trigger, name)
    row["negated"] = mention.negated
    row["hypothetical"] = mention.hypothetical
    _flatten_actor("attributed_to", mention.attributed_to, row)
    row["confidence"] = mention.confidence
    row["date_granularity"] = mention.date_granularity
    row["date_confidence"] = mention.date_confidence
    row["date_flags"] = ",".join(mention.date_flags) or None
    row["location_geonames_id"] = place.geonames_id if place is not None else None
    if evidence:
        row = {"mention_id": mention_id(mention), **row}
        row["sentence_start"] = mention.sentence_start
        row["rule"] = mention.rule
        for role in ACTOR_ROLES:
            actor = getattr(mention, role)
            row[f"{role}_entry"] = actor.entry if actor is not None else None
    return row


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _nest_actor(role: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
    if row.get(f"{role}_code") is None:
        return None
    return {name: row.get(f"{role}_{name}") for name in ACTOR_FIELDS}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def nest_mention_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The JSONL contract dict of one flat row (inverse of ``flatten_mention``; same keys and order as
    ``EventMention.to_dict``)."""
    location = None
    if row.get("location_name") is not None:
        location = {name: row.get(f"location_{name}") for name in LOCATION_FIELDS}
        location["lat"] = _float(location["lat"])
        location["lon"] = _float(location["lon"])
        location["geonames_id"] = row.get("location_geonames_id")
    confidence = row.get("confidence")
    return {
        "article_id": row["article_id"],
        "sentence_index": row.get("sentence_index"),
        "sentence": row.get("sentence"),
        "publication_date": _iso(row.get("publication_date")),
        "event_date": _iso(row.get("event_date")),
        "date_basis": row.get("date_basis"),
        "source": _nest_actor("source", row),
        "target": _nest_actor("target", row),
        "cameo": row["cameo"],
        "cameo_root": row.get("cameo_root"),
        "cameo_name": row.get("cameo_name"),
        "goldstein": _float(row.get("goldstein")),
        "quad_class": row.get("quad_class"),
        "plover": {"type": row.get("plover_type"), "mode": row.get("plover_mode")},
        "location": location,
        "trigger": {name: row.get(f"trigger_{name}") for name in TRIGGER_FIELDS},
        "negated": bool(row.get("negated")),
        "hypothetical": bool(row.get("hypothetical")),
        "attributed_to": _nest_actor("attributed_to", row),
        "confidence": None if confidence is None else round(float(confidence), 3),
        "date_granularity": row.get("date_granularity"),
        "date_confidence": None if row.get("date_confidence") is None else round(float(row["date_confidence"]), 3),
        "date_flags": [f for f in (row.get("date_flags") or "").split(",") if f],
    }


def _actor_from_row(role: str, row: Mapping[str, Any]) -> ActorRef | None:
    if row.get(f"{role}_code") is None:
        return None
    return ActorRef(
        code=row[f"{role}_code"],
        name=row[f"{role}_name"],
        country=row[f"{role}_country"],
        sector=row[f"{role}_sector"],
        text=row[f"{role}_text"],
        start=row[f"{role}_start"],
        end=row[f"{role}_end"],
        entry=row.get(f"{role}_entry"),
    )


def mention_from_row(row: Mapping[str, Any]) -> EventMention:
    """Rebuild an ``EventMention`` from a store row (``Store.query_mentions(...).to_pylist()``)."""
    location = None
    if row.get("location_name") is not None:
        fields: dict[str, Any] = {name: row.get(f"location_{name}") for name in LOCATION_FIELDS}
        location = Place(**fields, geonames_id=row.get("location_geonames_id"))
    return EventMention(
        article_id=row["article_id"],
        sentence_index=row["sentence_index"],
        sentence=row["sentence"],
        publication_date=row["publication_date"],
        event_date=row["event_date"],
        date_basis=row["date_basis"],
        source=_actor_from_row("source", row),
        target=_actor_from_row("target", row),
        cameo=row["cameo"],
        cameo_root=row["cameo_root"],
        cameo_name=row["cameo_name"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        plover_type=row["plover_type"],
        plover_mode=row["plover_mode"],
        trigger=Span(**{name: row[f"trigger_{name}"] for name in TRIGGER_FIELDS}),
        negated=bool(row["negated"]),
        hypothetical=bool(row["hypothetical"]),
        attributed_to=_actor_from_row("attributed_to", row),
        location=location,
        confidence=row["confidence"],
        sentence_start=row.get("sentence_start") or 0,
        rule=row.get("rule"),
        date_granularity=row.get("date_granularity"),
        date_confidence=row.get("date_confidence"),
        date_flags=tuple(f for f in (row.get("date_flags") or "").split(",") if f),
    )


def article_row(article: Article, coded_at: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.date,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "text": article.text,
        "n_chars": len(article.text),
        "coded_at": coded_at,
    }


def reject_row(reject: Reject, seen_at: datetime) -> dict[str, Any]:
    return {
        "origin": reject.origin,
        "line": reject.line,
        "code": reject.code,
        "reason": reject.reason,
        "seen_at": seen_at,
        "item": reject.item,
        "article_id": reject.article_id,
    }
