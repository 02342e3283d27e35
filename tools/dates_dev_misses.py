"""Where event dates go wrong on real news: GVA tuning articles, misses by class (a development tool).

Reads ``../shared/devdata`` (development data; never copied into the repo) and skips cleanly, with a
message, when it is absent. It codes the GVA articles of the tuning split only (incident id ending in 0-6;
7-9 are kept untouched and this tool never reads them), takes each article's story date as
``tools/eval_real_geo.py`` does (the first shooting mention, else the first mention) and sorts the misses
into classes:

- ``no_mention``: the article gave no mention at all, and no incident day;
- ``article_only``: no shooting mention; the article's incident day (``ArticleResult.incident``) is wrong;
- ``fallback``: a shooting mention's date fell back to the publication date, which is not the incident date;
- ``fallback_other``: the same for an article without shooting mentions (a statement, an arrest...);
- ``article_incident``: the article's incident date was taken and is wrong;
- ``own``: a date expression of the event's own clause or sentence was taken and is wrong;

and says for each miss whether some day-granular expression of the text names the incident date at all
(``in_text``), which separates attachment errors from expressions the grammar does not read. The parses are
kept in a cache file (``--cache``) so that a second run only re-codes.

    python tools/dates_dev_misses.py --n 200                 # figures and misses by class
    python tools/dates_dev_misses.py --n 200 --show fallback # the misses of one class, with their evidence
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import devdata_dir
from realgeo import gva_places

CLASSES = ("no_mention", "article_only", "fallback", "fallback_other", "article_incident", "own")


def classify(day: Any, basis: str | None, mention: Any, incident: Any) -> str | None:
    """The class of a story date (``day``, ``basis``, ``mention`` from ``gva_places.story_date``; ``None``
    when it is right)."""
    if day is None:
        return "no_mention"
    if day == incident:
        return None
    if basis == "article_incident":
        return "article_only"
    if mention.date_basis == "publication":
        return "fallback" if mention.cameo_root in gva_places.SHOOTING_ROOTS else "fallback_other"
    return "article_incident" if "article_incident" in mention.date_flags else "own"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="tuning articles (first N by doc id)")
    parser.add_argument("--show", default="", help="comma-separated classes whose misses to print")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eventwire-gva-tuning-docs.spacy"),
                        help="where to keep the parses of the sample")
    parser.add_argument("--devdata", type=Path, help="the devdata folder (default: ../shared/devdata)")
    args = parser.parse_args(argv)
    folder = (args.devdata or devdata_dir()) / "gva"
    if not folder.is_dir():
        print(f"devdata not found, skipping ({folder})")
        return 0

    from spacy.tokens import DocBin

    import eventwire
    from eventwire.model import Article
    from eventwire.timex import TimexTagger

    articles, _ = gva_places.load_sample(folder, "tuning", args.n)
    pipeline = eventwire.Pipeline(eventwire.Settings())
    pipeline.warm_up()
    nlp = pipeline.nlp
    docs = []
    if args.cache.is_file():
        cached = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        if [d.text for d in cached] == [a.text for a in articles]:
            docs = cached
    if not docs:
        docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
        DocBin(store_user_data=False, docs=docs).to_disk(args.cache)

    tagger = TimexTagger()
    show = {s.strip() for s in args.show.split(",") if s.strip()}
    classes: Counter[str] = Counter()
    in_text: Counter[str] = Counter()
    bases: Counter[str] = Counter()
    scored = exact = 0
    for a, doc in zip(articles, docs, strict=True):
        if a.incident_date is None:
            continue
        scored += 1
        result = pipeline.code_parsed(doc, Article(id=a.doc_id, text=a.text, date=a.published))
        day, basis, m = gva_places.story_date(list(result.mentions), result.incident)
        bases[basis or "none"] += 1
        cls = classify(day, basis, m, a.incident_date)
        if cls is None:
            exact += 1
            continue
        classes[cls] += 1
        timexes = tagger.find(doc, a.published)
        named = any(t.first_day == a.incident_date and t.granularity in ("day", "time") for t in timexes)
        in_text[cls] += named
        if cls in show:
            _print_miss(a, m, result.incident, cls, named, timexes)
    print(f"GVA tuning: {scored} dated articles, story date exact {100 * exact / max(scored, 1):.1f}%")
    print("  story date basis: " + ", ".join(f"{b} {n}" for b, n in bases.most_common()))
    for cls in CLASSES:
        print(f"  {cls:17s} {classes[cls]:4d} misses  (incident day named in the text: {in_text[cls]})")
    return 0


def _print_miss(a: Any, m: Any, incident: Any, cls: str, named: bool, timexes: list[Any]) -> None:
    pub = a.published.strftime("%a %Y-%m-%d") if a.published else "?"
    print(f"\n[{cls}] {a.doc_id[:10]} published {pub}, incident {a.incident_date:%a %Y-%m-%d}, "
          f"named in text: {named}")
    if m is not None:
        print(f"  ours {m.event_date} ({m.date_basis}; {','.join(m.date_flags)}) trigger {m.trigger.text!r} "
              f"cameo {m.cameo}")
        print(f"  sentence: {m.sentence[:300]!r}")
    if incident is not None:
        print(f"  article incident {incident.day} from {incident.evidence.text!r} at {incident.evidence.start}")
    shown = [f"{t.text!r}={t.value}" for t in timexes if t.type in ("DATE", "TIME")][:12]
    print(f"  timexes: {'; '.join(shown)}")
    print(f"  text: {a.text[:500]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
