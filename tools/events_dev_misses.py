"""Where the event coder fails on real news: WikiEvents and GVA, by event class (a development tool).

Reads ``../shared/devdata`` (development data; never copied into the repo) and skips cleanly, with a
message, when it is absent. It codes each WikiEvents document (its sentences joined) and lists, per KAIROS
type, how many annotated events got a mention of a fitting CAMEO root in their sentence and at their
trigger, and which ones did not (on the dev split only: the test split is kept untouched and only its
totals are printed). For GVA it codes the articles of incidents whose id ends in 0-6 (7-9 are kept
untouched) and checks, per article, that a shooting with victims gives a violence mention (18/19/20) and an
arrest an arrest mention (17).

    python tools/events_dev_misses.py                   # WikiEvents dev: figures, misses by type
    python tools/events_dev_misses.py --gva 300         # and 300 GVA articles
    python tools/events_dev_misses.py --split test      # totals only, for the untouched figure
    python tools/events_dev_misses.py --devdata PATH    # devdata elsewhere (or EVENTWIRE_DEVDATA=PATH)

The KAIROS -> CAMEO root sets below are a rough development aid, not the project's scoring (that is
``make eval-real``): an event type is hit when a mention of any root in its set is found.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVDATA = Path(os.environ.get("EVENTWIRE_DEVDATA") or ROOT.parent / "shared" / "devdata")

VIOLENCE = frozenset({"18", "19", "20"})
SPEECH = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
# KAIROS type prefix -> CAMEO roots that code it (longest prefix wins); None: no CAMEO event.
KAIROS_ROOTS: dict[str, frozenset[str] | None] = {
    "Conflict.Attack": VIOLENCE,
    "Life.Die": VIOLENCE,
    "Life.Injure": VIOLENCE,
    "Conflict.Demonstrate": frozenset({"14"}),
    "Conflict.Demonstrate.DemonstrateWithViolence": frozenset({"14", "18", "19"}),
    "Justice.ArrestJailDetain": frozenset({"17"}),
    "Justice.ChargeIndict": frozenset({"11", "17"}),
    "Justice.TrialHearing": frozenset({"11", "17"}),
    "Justice.Convict": frozenset({"11", "17"}),
    "Justice.Sentence": frozenset({"11", "17"}),
    "Justice.InvestigateCrime": frozenset({"09"}),
    "Justice.ReleaseParole": frozenset({"08"}),
    "Contact.ThreatenCoerce": frozenset({"13", "17"}),
    "Contact.RequestCommand": frozenset({"02", "10"}),
    "Contact.Contact.Meet": frozenset({"04"}),
    "Contact.RequestCommand.Meet": frozenset({"04"}),
    "Contact.Contact": SPEECH,
    "GenericCrime": frozenset({"17", "18", "19", "20"}),
    "ArtifactExistence.DamageDestroyDisableDismantle": frozenset({"14", "17", "18", "19", "20"}),
    "Control.ImpedeInterfereWith": frozenset({"10", "12", "17", "19"}),
    "Transaction.ExchangeBuySell": frozenset({"03", "06", "07"}),
    "Movement": None,
    "Disaster": None,
    "Medical": None,
    "Cognitive": None,
    "Personnel": None,
    "ArtifactExistence.ManufactureAssemble": None,
}
SOURCE_ROLES = frozenset(
    {"Attacker", "Killer", "Jailer", "Communicator", "Demonstrator", "Investigator", "Perpetrator", "Injurer",
     "Giver", "Impeder", "Prosecutor", "Judge", "Defendant_", "Requester", "Participant_"}
)
TARGET_ROLES = frozenset({"Target", "Victim", "Detainee", "Recipient", "Defendant", "Artifact", "Participant"})


def roots_for(kairos: str) -> frozenset[str] | None:
    best = max((p for p in KAIROS_ROOTS if kairos == p or kairos.startswith(p + ".")), key=len, default=None)
    return KAIROS_ROOTS[best] if best is not None else None


@dataclass
class Gold:
    doc: str
    sent: int
    kind: str
    trigger: str
    start: int  # characters into the joined text
    end: int
    roots: frozenset[str]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def wikievents(devdata: Path, split: str) -> Iterator[tuple[str, str, list[tuple[int, int, int]], list[Gold]]]:
    """(doc id, joined text, sentence char ranges with token counts, gold events of mapped types)."""
    path = devdata / "wikievents" / f"{split}.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            tokens: list[tuple[int, int]] = []
            parts: list[str] = []
            ranges, offset = [], 0
            for sent_tokens, _text in doc["sentences"]:
                words = [t[0] for t in sent_tokens]
                sent_start = offset
                for w in words:
                    tokens.append((offset, offset + len(w)))
                    parts.append(w)
                    offset += len(w) + 1  # the space (or, after a sentence's last word, the newline)
                    parts.append(" ")
                parts[-1] = "\n"
                ranges.append((sent_start, offset - 1, len(words)))
            text = "".join(parts)
            golds = []
            for ev in doc["event_mentions"]:
                roots = roots_for(ev["event_type"])
                if roots is None:
                    continue
                trig = ev["trigger"]
                start, end = tokens[trig["start"]][0], tokens[trig["end"] - 1][1]
                args = ev["arguments"]
                golds.append(Gold(doc["doc_id"], trig["sent_idx"], ev["event_type"], trig["text"], start, end,
                                  roots, tuple(a["text"] for a in args if a["role"] in SOURCE_ROLES),
                                  tuple(a["text"] for a in args if a["role"] in TARGET_ROLES)))
            yield doc["doc_id"], text, ranges, golds


def _sentence_of(ranges: list[tuple[int, int, int]], char: int) -> int:
    for i, (start, end, _) in enumerate(ranges):
        if start <= char <= end:
            return i
    return -1


def _overlaps(a: str, b: str | None) -> bool:
    if not b:
        return False
    a, b = a.lower(), b.lower()
    return a in b or b in a or bool(set(re.findall(r"\w{4,}", a)) & set(re.findall(r"\w{4,}", b)))


def run_wikievents(devdata: Path, split: str, misses: int, pipeline, *, show_false: bool = False) -> None:
    from eventwire import Article

    docs = list(wikievents(devdata, split))
    arts = [Article(id=d, text=text) for d, text, _, _ in docs]
    mentions_by_doc = {r.article.id: r.mentions for r in pipeline.code(arts)}
    per_type: dict[str, Counter] = defaultdict(Counter)
    buckets: dict[str, Counter] = defaultdict(Counter)
    agree = Counter()
    predicted = correct = 0
    missed: dict[str, list[str]] = defaultdict(list)
    false: list[str] = []
    for doc_id, text, ranges, golds in docs:
        by_sent: dict[int, list] = defaultdict(list)
        for m in mentions_by_doc.get(doc_id, ()):
            by_sent[_sentence_of(ranges, m.trigger.start)].append(m)
        gold_roots: dict[int, set[str]] = defaultdict(set)
        for g in golds:
            gold_roots[g.sent] |= g.roots
        for sent, ms in by_sent.items():
            predicted += len(ms)
            correct += sum(1 for m in ms if m.cameo_root in gold_roots.get(sent, ()))
            if split == "dev" and show_false:
                start, end, _ = ranges[sent]
                for m in ms:
                    if m.cameo_root not in gold_roots.get(sent, ()):
                        src = m.source.code if m.source else "-"
                        tgt = m.target.code if m.target else "-"
                        false.append(f"  {m.cameo} {src}->{tgt} [{m.trigger.text}] {text[start:end].strip()[:200]}")
        for g in golds:
            kind = ".".join(g.kind.split(".")[:2])
            n_tokens = ranges[g.sent][2]
            bucket = "<25" if n_tokens < 25 else "25-39" if n_tokens < 40 else "40+"
            in_sent = [m for m in by_sent.get(g.sent, []) if m.cameo_root in g.roots]
            at_trigger = [m for m in in_sent if m.trigger.start < g.end and g.start < m.trigger.end]
            per_type[kind]["gold"] += 1
            per_type[kind]["sentence"] += bool(in_sent)
            per_type[kind]["trigger"] += bool(at_trigger)
            buckets[bucket]["gold"] += 1
            buckets[bucket]["sentence"] += bool(in_sent)
            if in_sent:
                best = at_trigger[0] if at_trigger else in_sent[0]
                if g.sources:
                    agree["source_n"] += 1
                    agree["source"] += any(_overlaps(s, best.source.text if best.source else None) for s in g.sources)
                if g.targets:
                    agree["target_n"] += 1
                    agree["target"] += any(_overlaps(t, best.target.text if best.target else None) for t in g.targets)
            elif split == "dev":
                start, end, _ = ranges[g.sent]
                got = ", ".join(f"{m.cameo}:{m.trigger.text}" for m in by_sent.get(g.sent, [])) or "-"
                missed[kind].append(f"  [{g.trigger}] {text[start:end].strip()}\n      predicted: {got}")
    total = Counter()
    print(f"WikiEvents {split}: {len(docs)} documents")
    print(f"{'type':32} {'gold':>5} {'sent%':>6} {'trig%':>6}")
    for kind, c in sorted(per_type.items(), key=lambda kv: -kv[1]["gold"]):
        total.update(c)
        print(f"{kind:32} {c['gold']:5d} {100 * c['sentence'] / c['gold']:6.1f} {100 * c['trigger'] / c['gold']:6.1f}")
    print(f"{'ALL':32} {total['gold']:5d} {100 * total['sentence'] / total['gold']:6.1f} "
          f"{100 * total['trigger'] / total['gold']:6.1f}")
    print(f"precision (mention's root fits an annotated event in its sentence): {correct}/{predicted} = "
          f"{100 * correct / max(predicted, 1):.1f}")
    for side in ("source", "target"):
        n = agree[f"{side}_n"]
        print(f"{side} agreement on hits: {agree[side]}/{n} = {100 * agree[side] / max(n, 1):.1f}")
    print("recall by sentence length (tokens): " + ", ".join(
        f"{b} {100 * c['sentence'] / c['gold']:.0f}% of {c['gold']}" for b, c in sorted(buckets.items())))
    if false:
        print(f"\nPREDICTED WITH NO FITTING ANNOTATION ({len(false)})")
        print("\n".join(false))
    if split == "dev" and misses:
        for kind, rows in sorted(missed.items(), key=lambda kv: -len(kv[1])):
            print(f"\nMISSED {kind} ({len(rows)})")
            for row in rows[:misses]:
                print(row)


def run_gva(devdata: Path, limit: int, misses: int, pipeline, *, split: str) -> None:
    from eventwire import Article

    ends = "0123456" if split == "dev" else "789"
    incidents = {}
    with (devdata / "gva" / "gva_incidents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            incidents[row["incident_uri"]] = row
    items = []
    with (devdata / "gva" / "news_items.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            inc = incidents.get(row["incident_id"])
            if inc and row["incident_id"][-1] in ends and len(row.get("content") or "") > 200:
                items.append((row, inc))
    items.sort(key=lambda p: p[0]["doc_id"])
    items = items[:limit]
    arts = [Article(id=row["doc_id"], text=row["content"][:20000]) for row, _ in items]
    results = {r.article.id: r.mentions for r in pipeline.code(arts)}
    c = Counter()
    shown = 0
    for row, inc in items:
        participants = ast.literal_eval(inc["participants"]) if inc["participants"] else []
        status = " ".join(str(p.get("Status", "")) for p in participants)
        violent = int(inc["num_killed"] or 0) + int(inc["num_injured"] or 0) > 0
        arrested = "Arrested" in status
        roots = {m.cameo_root for m in results.get(row["doc_id"], ())}
        c["articles"] += 1
        c["mentions"] += len(results.get(row["doc_id"], ()))
        if violent:
            c["violent"] += 1
            c["violent_hit"] += bool(roots & VIOLENCE)
        if arrested:
            c["arrest"] += 1
            c["arrest_hit"] += "17" in roots
        if split == "dev" and shown < misses and ((violent and not roots & VIOLENCE) or (arrested and "17" not in roots)):
            shown += 1
            sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+", row["content"])
                     if re.search(r"\b(shot|shooting|killed|arrested|charged|wounded|died)\b", s, re.I)]
            print(f"\nGVA miss {row['incident_id']} (violent={violent} arrested={arrested}) coded={sorted(roots)}")
            for s in sents[:4]:
                print("  -", s[:300])
    print(f"\nGVA {split}: {c['articles']} articles, {c['mentions']} mentions")
    print(f"  shootings with victims coded 18/19/20: {c['violent_hit']}/{c['violent']} = "
          f"{100 * c['violent_hit'] / max(c['violent'], 1):.1f}")
    print(f"  arrests coded 17: {c['arrest_hit']}/{c['arrest']} = {100 * c['arrest_hit'] / max(c['arrest'], 1):.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--misses", type=int, default=12, help="misses listed per type (dev only)")
    parser.add_argument("--gva", type=int, default=0, help="GVA articles to code (0: none)")
    parser.add_argument("--no-wikievents", action="store_true")
    parser.add_argument("--false", action="store_true", help="list predictions with no fitting annotation (dev only)")
    parser.add_argument("--devdata", type=Path, default=DEVDATA)
    args = parser.parse_args(argv)
    if not args.devdata.is_dir():
        print(f"skipped: {args.devdata} is absent (development data lives beside the repository)")
        return 0

    from eventwire import Pipeline, Settings

    pipeline = Pipeline(Settings(places=False, dates=False))
    if not args.no_wikievents:
        run_wikievents(args.devdata, args.split, args.misses, pipeline, show_false=args.false)
    if args.gva:
        run_gva(args.devdata, args.gva, args.misses, pipeline, split=args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
