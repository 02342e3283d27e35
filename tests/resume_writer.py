"""A writer for the kill-and-resume tests: stores a synthetic corpus batch by batch with
``Store.store_batch``, as a coding run would, so that it can be killed (``EVENTWIRE_KILL_AT``) anywhere.

    python tests/resume_writer.py STORE [--from-batch K]

The corpus is fixed (seeded): 32 articles in 4 batches of 8, mentions that merge into events across
batches (a few dyads, dates within days of each other), articles that failed coding (E503) and reading
rejects. ``--from-batch K`` stores only batches K.. (a resume with "only the rest" of the input).
Standard library and eventwire only.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from eventwire.model import ActorRef, Article, ArticleResult, EventMention, Reject, Span
from eventwire.store import Store

ARTICLES = 32
BATCH = 8
BATCHES = ARTICLES // BATCH
DYADS = (("IRN", "USAMIL"), ("USA", "IRN"), ("IRQGOV", "IRN"), ("RUS", "UKR"))
CODES = ("190", "195", "0256", "010", "173")


def _actor(code: str) -> ActorRef:
    return ActorRef(code, code, code[:3], code[3:] or None, code, 0, 3)


def corpus() -> list[tuple[list[ArticleResult], list[Reject]]]:
    """The batches: (results, reading rejects) each."""
    rng = random.Random(20200108)
    batches = []
    for b in range(BATCHES):
        results: list[ArticleResult] = []
        for i in range(b * BATCH, (b + 1) * BATCH):
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(6))
            article = Article(f"art{i:03d}", f"Text of article {i}.", day, source=f"outlet{i % 4}", origin=f"corpus/{b}.jsonl:{i}")
            if i % 9 == 5:  # a stage failed on it
                reject = Reject(article.origin or "", "events failed in sentence 0: RecursionError: ...", "E503", article_id=article.id)
                results.append(ArticleResult(article, rejects=(reject,), coded=False))
                continue
            mentions = []
            for s in range(rng.randrange(1, 4)):
                source, target = rng.choice(DYADS)
                cameo = rng.choice(CODES)
                when = day - timedelta(days=rng.randrange(2))
                mentions.append(
                    EventMention(
                        article_id=article.id, sentence_index=s, sentence=f"{source} {cameo} {target} ({i}/{s}).",
                        publication_date=day, event_date=when, date_basis="relative", source=_actor(source),
                        target=_actor(target), cameo=cameo, cameo_root=cameo[:2], cameo_name=f"code {cameo}",
                        goldstein=-10.0 if cameo.startswith("19") else 1.0, quad_class=4 if cameo.startswith("19") else 1,
                        plover_type=None, plover_mode=None, trigger=Span("x", 10 * s, 10 * s + 1),
                        negated=rng.random() < 0.1, confidence=round(rng.uniform(0.4, 0.9), 2),
                        date_granularity="day",
                    )
                )
            results.append(ArticleResult(article, tuple(mentions)))
        rejects = [Reject(f"corpus/{b}.jsonl", "malformed JSON: Expecting value", "E205", line=b + 100)]
        batches.append((results, rejects))
    return batches


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--from-batch", type=int, default=1)
    args = parser.parse_args()
    with Store.open(args.store) as store:
        for number, (results, rejects) in enumerate(corpus(), start=1):
            if number >= args.from_batch:
                store.store_batch(results, rejects)


if __name__ == "__main__":
    main()
