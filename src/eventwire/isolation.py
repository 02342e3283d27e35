"""Fault isolation: a failure in any stage rejects the one article it happened on, never its batch.

Each stage of coding one article runs inside ``stage(name)``. Any ``Exception`` raised there
(RecursionError and MemoryError included) becomes a ``CodingError`` with the stage's stable code and a
message naming the stage, the exception's type and its message. KeyboardInterrupt and SystemExit are not
``Exception`` s: they still stop the run. ``Deadline`` bounds the time one article may take; the pipeline
checks it between stages and between sentences (a single stage call is never interrupted).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType

from .errors import CodingError

#: The stable reject code of a failure in each stage (see ``errors.CodingError``).
STAGE_CODES = MappingProxyType(
    {
        "parse": "E501",
        "actors": "E502",
        "events": "E503",
        "dates": "E504",
        "places": "E505",
        "store": "E506",
        "worker": "E507",
        "budget": "E508",
        "coding": "E509",
    }
)
#: Characters of an exception's message kept in a reject reason.
MAX_MESSAGE = 300


def describe(exc: BaseException) -> str:
    """``Type: message``, the message cut to ``MAX_MESSAGE`` characters."""
    message = str(exc)
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


@contextmanager
def stage(name: str, where: str = "") -> Iterator[None]:
    """Run a stage's code; any exception becomes ``CodingError`` (code ``STAGE_CODES[name]``).

    ``where`` adds a place to the message (" in sentence 3"). A CodingError passes through unchanged.
    """
    try:
        yield
    except CodingError:
        raise
    except Exception as exc:
        raise CodingError(f"{name} failed{where}: {describe(exc)}", code=STAGE_CODES[name], stage=name) from exc


@dataclass(frozen=True, slots=True)
class Deadline:
    """A point in ``time.monotonic()`` after which an article's coding gives up (None: never)."""

    expires_at: float | None = None
    seconds: float | None = None

    @classmethod
    def after(cls, seconds: float | None) -> Deadline:
        if seconds is None:
            return NO_DEADLINE
        return cls(time.monotonic() + seconds, seconds)

    def left(self) -> float | None:
        """Seconds left (negative once passed), None without a deadline."""
        return None if self.expires_at is None else self.expires_at - time.monotonic()

    def check(self, where: str) -> None:
        """Raise CodingError E508 when the time is up; ``where`` names the stage reached."""
        if self.expires_at is not None and time.monotonic() > self.expires_at:
            raise CodingError(
                f"time budget of {self.seconds:g} s spent (reached {where})", code=STAGE_CODES["budget"], stage="budget"
            )


NO_DEADLINE = Deadline()
