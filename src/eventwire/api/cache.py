"""A bounded cache of read answers, emptied whenever the server writes the store.

The server is the store's only writer, so "the store has not changed since this answer was computed" is
known exactly: every write bumps ``generation`` and answers of older generations are never served.
Bounded by entry count and bytes (least recently used first out).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    body: bytes
    media_type: str


class AnswerCache:
    """Thread-safe LRU of answers keyed by request, valid for one store generation."""

    def __init__(self, *, max_entries: int = 4096, max_bytes: int = 64_000_000) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._generation = 0
        self.hits = 0
        self.misses = 0

    @property
    def generation(self) -> int:
        return self._generation

    def get(self, key: str, generation: int) -> CachedAnswer | None:
        with self._lock:
            answer = self._entries.get(key) if generation == self._generation else None
            if answer is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: str, generation: int, answer: CachedAnswer) -> None:
        """Keep ``answer`` unless the store changed while it was computed or it is too big to keep."""
        size = len(answer.body)
        if self.max_entries <= 0 or size > self.max_bytes // 8:
            return
        with self._lock:
            if generation != self._generation:
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = answer
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def invalidate(self) -> None:
        """The store changed: forget every answer."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
            self._bytes = 0

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes, "hits": self.hits, "misses": self.misses}
