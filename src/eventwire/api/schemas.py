"""Request and response models of the HTTP API: they validate requests and document the answers in OpenAPI.

The mention model mirrors the JSONL contract of ``eventwire code`` (docs/contracts.md) field for field; answers
are built from ``EventMention.to_dict()`` so the two cannot drift (tests/test_api.py compares them).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_ARTICLES_PER_REQUEST = 1000
#: Set on an article whose strings held lone surrogates (the reason); the service rejects it with E202.
INVALID_UNICODE = "invalid_unicode"
_SURROGATE = re.compile("[\ud800-\udfff]")


class ArticleIn(BaseModel):
    """One article to code. Fields other than these are allowed and ignored."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1, description="The article text.")
    id: str | None = Field(default=None, max_length=512, description="Your id; else a stable hash of date and text.")
    date: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.", examples=["2020-01-08"])
    title: str | None = None
    url: str | None = None
    source: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lone_surrogates(cls, data: Any) -> Any:
        """A JSON ``"\\ud800"`` decodes to a lone surrogate, which no pydantic string can hold: it would fail
        the whole request. The article is kept with U+FFFD in its place and a note, so that it alone is
        rejected (E202) and the other articles of the request are coded."""
        if not isinstance(data, dict):
            return data
        problem = None
        clean: dict[Any, Any] = {}
        for key, value in data.items():
            if isinstance(key, str) and _SURROGATE.search(key):
                problem = problem or "a field name is not valid Unicode (a lone surrogate)"
                continue
            if isinstance(value, str):
                bad = _SURROGATE.search(value)
                if bad is not None:
                    problem = problem or (f"field {key!r} is not valid Unicode: lone surrogate "
                                          f"U+{ord(bad.group()):04X} at character {bad.start()}")  # fmt: skip
                    value = _SURROGATE.sub("\ufffd", value)
            clean[key] = value
        if problem is not None:
            clean[INVALID_UNICODE] = problem
        return clean

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
        if len(value) != 10:
            raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)")
        return value


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)
    store: bool = Field(default=False, description="Also write the results to the server's store.")
    explain: bool = Field(default=False, description="Add one explanation per mention.")
    run_async: bool = Field(default=False, alias="async", description="Always answer with a job.")


class Actor(BaseModel):
    code: str
    name: str
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int


class Plover(BaseModel):
    type: str | None
    mode: str | None


class Location(BaseModel):
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    start: int
    end: int
    basis: str | None = Field(description='How the place was chosen: "attached", "sentence", "territory" or "article"')
    geonames_id: int | None = Field(None, description="The place's GeoNames id (cities, countries), else null")


class Trigger(BaseModel):
    text: str
    start: int
    end: int


class Mention(BaseModel):
    """One event mention, exactly the JSONL object of ``eventwire code``."""

    article_id: str
    sentence_index: int
    sentence: str
    publication_date: dt.date | None
    event_date: dt.date | None
    date_basis: str | None
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: Plover
    location: Location | None
    trigger: Trigger
    negated: bool
    hypothetical: bool
    attributed_to: Actor | None
    confidence: float
    date_granularity: str | None
    date_confidence: float | None
    date_flags: list[str]
    date_end: str | None = Field(default=None, description="Last day of a range the text gives (first: event_date)")


class StoredMention(Mention):
    mention_id: str
    sentence_start: int
    rule: str | None


class Explanation(BaseModel):
    rule: str | None = Field(description="The dictionary pattern or syntactic rule that produced the code.")
    cameo_description: str
    source_entry: str | None
    target_entry: str | None
    attributed_to_entry: str | None
    date_basis: str | None
    date_granularity: str | None
    date_flags: list[str]
    location_basis: str | None
    date_evidence: Trigger | None = Field(description="The words the event date came from, offsets into the article")


class ArticleReject(BaseModel):
    index: int = Field(description="Position of the article in the request.")
    id: str | None
    code: str
    reason: str


class CodeResult(BaseModel):
    mentions: list[Mention]
    rejects: list[ArticleReject]
    articles: int = Field(description="Articles coded (rejects not counted).")
    stored: bool
    explanations: list[Explanation] | None = None


class JobAccepted(BaseModel):
    job_id: str
    status: Literal["queued"]
    status_url: str


class Job(BaseModel):
    job_id: str
    status: Literal["queued", "running", "done", "failed"]
    articles: int
    done: int
    created_at: dt.datetime
    finished_at: dt.datetime | None
    error: str | None
    result: CodeResult | None


class StoreCounts(BaseModel):
    path: str
    articles: int
    mentions: int
    events: int
    rejects: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: StoreCounts
    model_loaded: bool
    auth_required: bool
    jobs: dict[str, int]
    cache: dict[str, int]


class Event(BaseModel):
    """One deduplicated event (a row of the ``events`` table)."""

    event_id: str
    date: dt.date | None = Field(description="The event date, else the day it was first seen.")
    date_granularity: str | None = Field(description="day | week | month | year: the precision of the date.")
    event_date: dt.date | None
    date_basis: str | None
    source_code: str | None
    source_name: str | None = Field(description="The source actor's name in the evidence mention.")
    source_country: str | None
    source_sector: str | None
    target_code: str | None
    target_name: str | None
    target_country: str | None
    target_sector: str | None
    cameo: str
    cameo_root: str | None
    cameo_name: str | None
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    location_name: str | None
    location_country: str | None
    location_admin1: str | None
    location_lat: float | None
    location_lon: float | None
    location_feature: str | None
    num_mentions: int | None
    num_sources: int | None
    num_articles: int | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    confidence: float | None
    evidence_article_id: str | None
    evidence_mention_id: str | None
    evidence_sentence: str | None


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    next: str | None
    events: list[Event]


class ArticleInfo(BaseModel):
    id: str
    date: dt.date | None
    title: str | None
    url: str | None
    source: str | None


class EventDetail(BaseModel):
    event: Event
    mentions: list[StoredMention]
    articles: list[ArticleInfo]


class SeriesRow(BaseModel):
    period: dt.date
    direction: Literal["a->b", "b->a", "both"]
    events: int
    mentions: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    goldstein_sum: float
    goldstein_mean: float | None


class Alert(BaseModel):
    source: str
    target: str
    period: dt.date
    observed: int
    expected: float
    score: float
    p_value: float
    method: str
    baseline_periods: int
    driving_event_ids: list[str]


class DyadSeries(BaseModel):
    a: str = Field(description="The first actor as code patterns (names resolved; A|B when several).")
    b: str
    by: str
    series: list[SeriesRow]
    alerts: list[Alert]
    history_needed: int = Field(description="Earlier periods a dyad needs before it can alert (docs/alerts.md).")


class AlertList(BaseModel):
    alerts: list[Alert]


class ActorHit(BaseModel):
    code: str
    name: str | None
    country: str | None
    sector: str | None
    events: int


class ActorList(BaseModel):
    actors: list[ActorHit]


class CountryCount(BaseModel):
    country: str
    events: int
    conflict: int = Field(description="Events of quad classes 3 and 4")
    cooperation: int = Field(description="Events of quad classes 1 and 2")
    goldstein_mean: float | None
    quad1: int
    quad2: int
    quad3: int
    quad4: int


class MapPoint(BaseModel):
    event_id: str
    lat: float
    lon: float
    location_name: str | None
    cameo: str
    quad_class: int | None
    date: dt.date | None


class MapData(BaseModel):
    countries: list[CountryCount]
    points: list[MapPoint]


class CameoEntry(BaseModel):
    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None


class CameoList(BaseModel):
    codes: list[CameoEntry]


class StoreSnapshot(BaseModel):
    path: str = Field(description="A read-only copy of the store, valid until the server next writes")
    generation: int


class ErrorDetail(BaseModel):
    field: str | None
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    error: ErrorBody
