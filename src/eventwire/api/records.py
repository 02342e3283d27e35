"""The records the API's service hands to its answers: a coded request and a background job's state.

They sit apart from ``service`` (which makes them) and ``results`` (which turns them into JSON) so that
neither of those imports the other's module for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..model import Article, EventMention, Reject


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """The outcome of coding one request's articles."""

    articles: tuple[Article, ...]
    mentions: tuple[EventMention, ...]
    rejects: tuple[tuple[int, str | None, Reject], ...]  # (index in the request, given id, reject)
    stored: bool


@dataclass(slots=True)
class JobState:
    job_id: str
    articles: int
    created_at: datetime
    status: str = "queued"
    done: int = 0
    finished_at: datetime | None = None
    error: str | None = None
    result: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id, "status": self.status, "articles": self.articles, "done": self.done,
            "created_at": self.created_at, "finished_at": self.finished_at, "error": self.error,
            "result": self.result,
        }  # fmt: skip
