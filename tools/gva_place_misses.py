"""GVA tuning-split articles whose event place is more than 161 km from the incident: the incident's city and
state, the chosen place, its tier and evidence, and the article's places. Development time only; refuses
the untouched split.

    python tools/gva_place_misses.py [--n 300] [--chars 300]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import devdata_dir
from realgeo import gva_places
from realgeo.common import km


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="tuning articles (first N by doc id)")
    parser.add_argument("--chars", type=int, default=300, help="characters of each article shown")
    args = parser.parse_args(argv)
    folder = devdata_dir() / "gva"
    if not folder.is_dir():
        print("devdata not found, skipping")
        return 0

    import eventwire
    from eventwire.geo.locate import dominant
    from eventwire.model import Article

    pipeline = eventwire.Pipeline(eventwire.Settings())
    pipeline.warm_up()
    articles, _ = gva_places.load_sample(folder, "tuning", args.n)
    far = 0
    for doc, a in pipeline.nlp.pipe([(a.text, a) for a in articles], as_tuples=True, batch_size=32):
        mentions = pipeline.code_doc(doc, Article(id=a.doc_id, text=a.text, date=a.published))
        tops = pipeline.geo.toponyms(doc)
        place, tier = gva_places.story_place(mentions, dominant(tops))
        d = None if place is None or place.lat is None else km(a.lat, a.lon, place.lat, place.lon)
        if d is not None and d <= 161:
            continue
        far += 1
        chosen = "none" if place is None else f"{place.name} ({place.admin1}, {place.country}) {d and round(d)} km"
        print(f"\n== {a.doc_id}: gold {a.city}, {a.state} | chose {chosen} from {tier}")
        print("   places: " + "; ".join(
            f"{t.text}->{t.name}/{t.admin1}{' M' if t.metonymic else ''} [{','.join(t.evidence[:3])}]"
            for t in tops[:14]))
        print("   " + a.text[: args.chars].replace("\n", " "))
    print(f"\n{far} of {len(articles)} articles far or unplaced")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
