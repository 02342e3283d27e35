"""Generate a deterministic corpus of news-like articles for the benchmark.

Each article has 300+ words in wire style: a dated lead with actors and events (attacks, talks, appeals,
sanctions, protests, arrests...), quotes, background and filler of the kind real reports carry (markets,
weather, context), so that the coder does the work it does on real news. Same seed, same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("Iran", "Iranian"), ("Iraq", "Iraqi"), ("the United States", "US"), ("Russia", "Russian"),
    ("Ukraine", "Ukrainian"), ("Israel", "Israeli"), ("Syria", "Syrian"), ("Turkey", "Turkish"),
    ("China", "Chinese"), ("Japan", "Japanese"), ("India", "Indian"), ("Pakistan", "Pakistani"),
    ("Sudan", "Sudanese"), ("Ethiopia", "Ethiopian"), ("Nigeria", "Nigerian"), ("France", "French"),
    ("Germany", "German"), ("Britain", "British"), ("Egypt", "Egyptian"), ("Saudi Arabia", "Saudi"),
    ("Lebanon", "Lebanese"), ("Yemen", "Yemeni"), ("Afghanistan", "Afghan"), ("Somalia", "Somali"),
    ("Mali", "Malian"), ("Colombia", "Colombian"), ("Venezuela", "Venezuelan"), ("Myanmar", "Myanmar"),
]
ROLES = ["troops", "police", "government", "forces", "military", "foreign minister", "president", "protesters",
         "rebels", "lawmakers", "officials", "prime minister", "army", "security forces"]
IGOS = ["the United Nations", "NATO", "the European Union", "the African Union", "the Arab League", "the Red Cross"]
PLACES = ["the capital", "the border region", "the north", "the south-east", "a town near the frontier",
          "the disputed province", "the port city", "a village outside the capital"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "late on Tuesday", "early on Friday", "overnight", "last week", "earlier this month"]

EVENT_SENTENCES = [
    "{A_adj} {role} attacked {B_adj} positions in {place} {day}, killing at least {n} people, officials said.",
    "{A} launched air strikes on {B_adj} {role2} {day}, according to a statement from the defence ministry.",
    "{A_adj} {role} clashed with {B_adj} {role2} in {place} {day}, witnesses said.",
    "The {A_adj} foreign minister held talks with his {B_adj} counterpart in {place} {day}.",
    "{igo} urged {A} and {B} to show restraint and return to negotiations.",
    "{A} imposed new sanctions on {B} {day}, citing human rights abuses.",
    "{A_adj} police arrested dozens of protesters in {place} {day}.",
    "{B} accused {A} of violating the ceasefire agreement signed last year.",
    "{A} pledged ${n} million in humanitarian aid to {B} {day}.",
    "{A_adj} president warned that {A} would respond forcefully to any attack.",
    "{igo} condemned the violence and called for an immediate ceasefire.",
    "{A} and {B} agreed to resume peace talks next month, the mediators said.",
    "Thousands of protesters rallied in {place} {day} to demand the release of political prisoners.",
    "{A} denied that its {role} had fired on civilians in {place}.",
    "{A_adj} troops did not enter {place}, the army said.",
    "{A} could impose further sanctions on {B} if talks fail, a senior official said.",
    "{A_adj} officials met {igo} envoys {day} to discuss the humanitarian situation.",
    "{B} expelled two {A_adj} diplomats {day}, accusing them of espionage.",
    "Gunmen kidnapped {n} aid workers in {place} {day}, the {igo_short} said.",
    "{A} rejected {B}'s proposal for a new round of negotiations.",
]
FILLER_SENTENCES = [
    "The country's currency fell two percent against the dollar as investors worried about the outlook.",
    "Heavy rain is forecast for the region over the weekend, the meteorological service said.",
    "The conflict has displaced more than {n},000 people since it began, according to aid agencies.",
    "Prices of bread and fuel have risen sharply in recent months, residents said.",
    "The statement did not give further details.",
    "It was not immediately possible to verify the reports independently.",
    "Analysts said the move was likely to deepen divisions ahead of elections scheduled for next year.",
    "The region has been the scene of repeated violence over the past decade.",
    "Local media showed footage of damaged buildings and burned vehicles.",
    "Schools and markets in the area remained closed for a third day.",
    "Oil prices rose more than one percent in early trading in Asia.",
    "Officials said an investigation had been opened into the incident.",
    "Hospitals in the area were struggling to cope with the number of wounded, a doctor said.",
    "The talks are expected to continue next week in a neutral venue.",
]


def make_article(rng: random.Random, index: int, start: date, *, min_words: int = 320) -> dict[str, object]:
    words = 0
    sentences: list[str] = []
    a, b = rng.sample(COUNTRIES, 2)
    while words < min_words:
        if rng.random() < 0.55:
            template = rng.choice(EVENT_SENTENCES)
        else:
            template = rng.choice(FILLER_SENTENCES)
        igo = rng.choice(IGOS)
        sentence = template.format(
            A=a[0], B=b[0], A_adj=a[1], B_adj=b[1], role=rng.choice(ROLES), role2=rng.choice(ROLES),
            place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.randint(2, 90), igo=igo,
            igo_short=igo.replace("the ", ""),
        )  # fmt: skip
        sentence = sentence[0].upper() + sentence[1:]
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    day = start + timedelta(days=index % 1500)
    return {"id": f"bench-{index:06d}", "date": day.isoformat(), "text": "\n\n".join(paragraphs)}


def generate(path: Path, n: int, *, seed: int = 20200108, min_words: int = 320) -> int:
    """Write ``n`` articles of at least ``min_words`` words as JSONL to ``path``; return the words written."""
    rng = random.Random(seed)
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            article = make_article(rng, i, date(2019, 1, 1), min_words=min_words)
            total += len(str(article["text"]).split())
            fh.write(json.dumps(article) + "\n")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20200108)
    parser.add_argument("--words", type=int, default=320, help="at least this many words per article")
    args = parser.parse_args()
    words = generate(args.out, args.articles, seed=args.seed, min_words=args.words)
    print(f"wrote {args.articles} articles, {words} words to {args.out}")


if __name__ == "__main__":
    main()
