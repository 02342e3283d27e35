"""The answer cache of the HTTP API: bounded, and never serving an answer from before a write."""

from __future__ import annotations

from eventwire.api.cache import AnswerCache, CachedAnswer


def answer(text: str) -> CachedAnswer:
    return CachedAnswer(text.encode(), "application/json")


def test_hit_after_put_and_miss_after_invalidate():
    cache = AnswerCache()
    cache.put("/v1/events?", cache.generation, answer("a"))
    assert cache.get("/v1/events?", cache.generation) == answer("a")
    cache.invalidate()
    assert cache.get("/v1/events?", cache.generation) is None
    assert cache.stats()["hits"] == 1 and cache.stats()["misses"] == 1


def test_an_answer_computed_before_a_write_is_not_kept():
    cache = AnswerCache()
    started = cache.generation  # a request reads the store...
    cache.invalidate()  # ...a write commits meanwhile...
    cache.put("k", started, answer("stale"))  # ...and the stale answer arrives late
    assert cache.get("k", cache.generation) is None
    assert cache.stats()["entries"] == 0


def test_bounded_by_entries_and_bytes_least_recent_first_out():
    cache = AnswerCache(max_entries=2, max_bytes=800)
    g = cache.generation
    cache.put("a", g, answer("1"))
    cache.put("b", g, answer("2"))
    assert cache.get("a", g) is not None  # a is now the most recent
    cache.put("c", g, answer("3"))
    assert cache.get("b", g) is None and cache.get("a", g) is not None and cache.get("c", g) is not None
    cache.put("big", g, answer("x" * 101))  # more than max_bytes / 8: never kept
    assert cache.get("big", g) is None
    assert cache.stats()["bytes"] <= 800


def test_zero_entries_disables_it():
    cache = AnswerCache(max_entries=0)
    cache.put("k", cache.generation, answer("a"))
    assert cache.get("k", cache.generation) is None
