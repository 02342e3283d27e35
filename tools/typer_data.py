"""Training examples for the learned event typer (``tools/train_typer.py``): sentences with CAMEO roots.

Four sources, each an iterator of ``Example(text, roots, source, group, weight)``; ``roots`` maps each
CAMEO root the sentence holds ("01".."20", or "none") to its share of the label (shares sum to 1):

- ``gold``: tests/gold/events.jsonl (the team's development gold set; NEVER heldout.jsonl).
- ``wikievents``: ../shared/devdata/wikievents/dev.jsonl only (never test.jsonl), KAIROS types mapped to
  CAMEO roots by ``KAIROS_ROOT`` below; types with no single root are left out, and so are sentences whose
  every event is such a type. Sentences without an annotated event are not used as "none": KAIROS leaves
  most statements and meetings unannotated.
- ``gva``: ../shared/devdata/gva/news_items.jsonl, incidents whose id ends in 0-6 only (7-9 stay untouched):
  weak sentence labels from the incident's own wording (shooting words -> 18, arrests -> 17, neither and no
  police/crime word -> none). Every article is a criminal shooting, which the conventions code 18x.
- ``generated``: sentences written from templates here, over our own verbs.yaml / nouns.yaml lemmas and
  default codes, with actors from a list written here, plus templates for sentences with no event.

Devdata text is read here at training time only; no text goes into the trained file (coefficients only).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.events.dictionary import load_event_dictionary

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "events.jsonl"
DEVDATA = ROOT.parent / "shared" / "devdata"

# KAIROS event types (WikiEvents) -> the CAMEO root a sentence reporting them holds. Left out: types that
# are no CAMEO event or could be several roots (Life.Die / Life.Injure without the cause, movements,
# transactions, damage, generic crime, trials, disease).
KAIROS_ROOT = {
    "Conflict.Attack.DetonateExplode": "18",  # bombings, IEDs: unconventional violence (183)
    "Conflict.Attack.Unspecified": "19",  # fighting, armed attacks (190)
    "Conflict.Attack.FirearmAttack": "19",
    "Conflict.Attack.AirStrikeMissileStrike": "19",
    "Conflict.Attack.Stabbing": "18",
    "Conflict.Attack.Hanging": "18",
    "Conflict.Attack.Strangling": "18",
    "Conflict.Attack.SelfDirectedBattle": "19",
    "Conflict.Demonstrate.Unspecified": "14",  # protests (140)
    "Conflict.Demonstrate.DemonstrateWithViolence": "14",  # riots (145)
    "Contact.Contact.Meet": "04",  # meetings (040-043)
    "Contact.RequestCommand.Meet": "04",
    "Contact.Contact.Broadcast": "01",  # public statements (010)
    "Contact.RequestCommand.Unspecified": "02",  # requests and appeals (020)
    "Contact.RequestCommand.Broadcast": "02",
    "Contact.ThreatenCoerce.Unspecified": "13",  # threats (130)
    "Contact.ThreatenCoerce.Broadcast": "13",
    "Justice.ArrestJailDetain.Unspecified": "17",  # arrests, detention (173)
    "Justice.InvestigateCrime.Unspecified": "09",  # investigations (090)
    "Justice.ChargeIndict.Unspecified": "11",  # formal accusations of crimes (112)
    "Justice.ReleaseParole.Unspecified": "08",  # release of persons (0841)
}


@dataclass(frozen=True)
class Example:
    text: str
    roots: dict[str, float]
    source: str
    group: str  # examples of one group (a document, a template family) stay in one fold
    weight: float = 1.0


def _shares(roots: list[str]) -> dict[str, float]:
    distinct = sorted(set(roots))
    return {r: 1.0 / len(distinct) for r in distinct}


def gold_examples(path: Path = GOLD) -> Iterator[Example]:
    if path.name == "heldout.jsonl":
        raise ValueError("the held-out gold set is never trained on")
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        roots = [ev["cameo"][:2] for ev in row["events"]]
        yield Example(row["text"], _shares(roots) if roots else {"none": 1.0}, "gold", f"gold:{row['id']}")


def wikievents_examples(devdata: Path = DEVDATA) -> Iterator[Example]:
    path = devdata / "wikievents" / "dev.jsonl"  # the tuning split; test.jsonl is never read here
    if not path.is_file():
        return
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        by_sentence: dict[int, list[str]] = {}
        for ev in doc["event_mentions"]:
            root = KAIROS_ROOT.get(ev["event_type"])
            if root is not None:
                by_sentence.setdefault(ev["trigger"]["sent_idx"], []).append(root)
        for idx, roots in sorted(by_sentence.items()):
            yield Example(doc["sentences"][idx][1], _shares(roots), "wikievents", f"wiki:{doc['doc_id']}")


_SHOOT = re.compile(r"\b(shot|shooting|shootings|opened fire|gunman|gunmen|gunfire|fired (?:shots|at))\b", re.I)
_ARREST = re.compile(r"\b(arrested|taken into custody|booked into|apprehended|detained)\b", re.I)
_CRIME = re.compile(r"\b(police|officers?|deputies|sheriff|suspects?|kill|killed|dead|death|died|murder|"
                    r"homicide|wound|wounded|injur\w*|charged?|investigat\w*|gun|weapon|victims?|fire)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


GVA_CAPS = {"17": 150, "18": 300, "none": 300}  # so that one corpus's two classes do not swamp the rest


def gva_examples(devdata: Path = DEVDATA, *, max_articles: int = 400, seed: int = 7) -> Iterator[Example]:
    path = devdata / "gva" / "news_items.jsonl"
    if not path.is_file():
        return
    articles = []
    for line in path.open(encoding="utf-8"):
        item = json.loads(line)
        if str(item["incident_id"])[-1] in "0123456" and len(item.get("content") or "") > 200:
            articles.append(item)
    rng = random.Random(seed)
    rng.shuffle(articles)
    taken = dict.fromkeys(GVA_CAPS, 0)
    for item in articles[:max_articles]:
        group = f"gva:{item['incident_id']}"
        for sent in _SENTENCE.split(item["content"])[:12]:
            sent = " ".join(sent.split())
            if not 6 <= len(sent.split()) <= 60:
                continue
            label = "17" if _ARREST.search(sent) else "18" if _SHOOT.search(sent) else None
            if label is None and not _CRIME.search(sent):
                label = "none"
            if label is not None and taken[label] < GVA_CAPS[label]:
                taken[label] += 1
                yield Example(sent, {label: 1.0}, "gva", group, 0.4)


# ---------------------------------------------------------------------------------------- generated
COUNTRIES = [
    ("Iran", "Iranian"), ("Iraq", "Iraqi"), ("the United States", "American"), ("Russia", "Russian"),
    ("Ukraine", "Ukrainian"), ("Israel", "Israeli"), ("Syria", "Syrian"), ("Turkey", "Turkish"),
    ("China", "Chinese"), ("Japan", "Japanese"), ("India", "Indian"), ("Pakistan", "Pakistani"),
    ("Sudan", "Sudanese"), ("Ethiopia", "Ethiopian"), ("Nigeria", "Nigerian"), ("France", "French"),
    ("Germany", "German"), ("Britain", "British"), ("Egypt", "Egyptian"), ("Kenya", "Kenyan"),
    ("Mexico", "Mexican"), ("Brazil", "Brazilian"), ("Colombia", "Colombian"), ("Venezuela", "Venezuelan"),
    ("Somalia", "Somali"), ("Mali", "Malian"), ("Lebanon", "Lebanese"), ("Yemen", "Yemeni"),
]
ROLES = ["government", "army", "police", "president", "foreign minister", "rebels", "protesters",
         "opposition leader", "security forces", "prime minister", "lawmakers", "militants"]
IGOS = ["the United Nations", "NATO", "the European Union", "the African Union", "the World Bank"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend",
        "late on Sunday", "earlier this week", "", "", ""]
TAILS = ["", "", ", officials said", ", according to state media", ", a spokesman said", ", witnesses said"]
IRREGULAR = {
    "arise": "arose", "bear": "bore", "beat": "beat", "become": "became", "begin": "began", "bid": "bid",
    "bind": "bound", "blow": "blew", "break": "broke", "bring": "brought", "build": "built", "burn": "burned",
    "buy": "bought", "cast": "cast", "catch": "caught", "choose": "chose", "come": "came", "cut": "cut",
    "deal": "dealt", "do": "did", "draw": "drew", "drive": "drove", "eat": "ate", "fall": "fell",
    "feed": "fed", "feel": "felt", "fight": "fought", "find": "found", "flee": "fled", "fly": "flew",
    "forbid": "forbade", "forgive": "forgave", "freeze": "froze", "get": "got", "give": "gave", "go": "went",
    "grind": "ground", "hang": "hanged", "have": "had", "hear": "heard", "hide": "hid", "hit": "hit",
    "hold": "held", "hurt": "hurt", "keep": "kept", "know": "knew", "lay": "laid", "lead": "led",
    "leave": "left", "lend": "lent", "let": "let", "lose": "lost", "make": "made", "meet": "met",
    "overrun": "overran", "overthrow": "overthrew", "pay": "paid", "put": "put", "quit": "quit",
    "rebuild": "rebuilt", "rid": "rid", "ride": "rode", "rise": "rose", "run": "ran", "say": "said",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shook", "shed": "shed",
    "shoot": "shot", "shut": "shut", "sit": "sat", "slay": "slew", "speak": "spoke", "spend": "spent",
    "split": "split", "spread": "spread", "stand": "stood", "steal": "stole", "stick": "stuck",
    "strike": "struck", "swear": "swore", "sweep": "swept", "take": "took", "teach": "taught",
    "tear": "tore", "tell": "told", "think": "thought", "throw": "threw", "undertake": "undertook",
    "uphold": "upheld", "upset": "upset", "wage": "waged", "weep": "wept", "win": "won", "withdraw": "withdrew",
    "withhold": "withheld", "write": "wrote",
}
_VOWELS = "aeiou"


def past(verb: str) -> str:
    """The simple past of a verb lemma: the irregular table, else the regular spelling rules."""
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if (len(verb) == 3 or verb in ("admit", "commit", "compel", "control", "patrol", "rebel", "repel",
                                   "expel", "propel", "regret", "abet", "ban", "bar", "jam", "plan", "rob",
                                   "stab", "trap", "slam", "grab", "drop", "stop", "ship", "chop", "kidnap")) \
            and verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS and verb[-3:-2] not in tuple(_VOWELS):
        return verb + verb[-1] + "ed"
    return verb + "ed"


NO_EVENT_TEMPLATES = [
    "{a_adj} stocks rose {n} percent in early trading {when}.",
    "The {a_adj} economy grew by {n} percent in the third quarter, the statistics office said.",
    "Heavy rain and flooding hit parts of {a} {when}, disrupting traffic.",
    "{a} beat {b} 2-1 in a World Cup qualifier {when}.",
    "The {a_adj} national team will face {b} in the final next month.",
    "Oil prices fell after {a_adj} output data was published {when}.",
    "A {a_adj} film about a family of farmers won the top prize at the festival.",
    "Temperatures in {a} are expected to reach {n} degrees this week.",
    "The {a_adj} central bank kept interest rates unchanged {when}.",
    "The {a_adj} singer, who rose to fame in the 1990s, died at the age of {n2}.",
    "Tourism to {a} recovered strongly last year, with {n} million visitors.",
    "{a_adj} farmers expect a record wheat harvest this season.",
    "The {a_adj} currency weakened against the dollar {when}.",
    "Millions of people in {a} celebrated the new year with fireworks.",
    "The {a_adj} museum reopened after a two-year renovation.",
    # Background figures: an abstract doer ("the war", "the crisis"), actors only as sources of the figure.
    "The war has killed more than {n},000 people and driven millions from their homes, according to {a}.",
    "The fighting has displaced about {n},000 people since it began, according to {a}.",
    "The crisis has left {n} million people in {b} in need of food aid, according to {a}.",
    "The drought has destroyed crops across {a}, according to the {a_adj} agriculture ministry.",
    "The violence has forced {n},000 people to flee to neighbouring {b}, according to {a}.",
    "The unrest has cost the {a_adj} economy an estimated {n} billion dollars, according to {b}.",
]


def _actor(rng: random.Random) -> tuple[str, str]:
    """(noun phrase, adjective) for an actor: a country, a country's role, or an organisation."""
    name, adj = rng.choice(COUNTRIES)
    pick = rng.random()
    if pick < 0.4:
        return name, adj
    if pick < 0.85:
        return f"the {adj} {rng.choice(ROLES)}", adj
    org = rng.choice(IGOS)
    return org, org.removeprefix("the ")


def _fill(template: str, rng: random.Random) -> str:
    (a, a_adj), (b, _) = _actor(rng), _actor(rng)
    text = template.format(a=a, a_adj=a_adj, b=b, n=rng.randint(2, 40), n2=rng.randint(60, 95),
                           when=rng.choice(WHEN), tail=rng.choice(TAILS))
    text = " ".join(text.replace(" ,", ",").replace(" .", ".").split())
    return text[0].upper() + text[1:]


def generated_examples(*, per_lemma: int = 2, seed: int = 13) -> Iterator[Example]:
    """Sentences over every verb and noun lemma with a default code, and sentences with no event."""
    rng = random.Random(seed)
    dictionary = load_event_dictionary()
    for entry in dictionary.verbs:
        if not entry.code or entry.kind in ("light", "intent"):
            continue
        root = entry.code[:2]
        for lemma in sorted(entry.lemmas):
            for _ in range(per_lemma):
                verb = past(lemma)
                template = rng.choice([
                    "{a} " + verb + " {b} {when}{tail}.",
                    "{a} " + verb + " {b} over the dispute {when}.",
                    "Officials said {a} had " + verb + " {b} {when}.",
                ])
                yield Example(_fill(template, rng), {root: 1.0}, "generated", f"verb:{entry.line}", 0.5)
    for entry in dictionary.nouns:
        if not entry.code:
            continue
        root = entry.code[:2]
        for noun in sorted(entry.lemmas):
            for _ in range(per_lemma):
                template = rng.choice([
                    "The " + noun + " by {a} against {b} drew wide attention {when}.",
                    "{a_adj} officials confirmed the " + noun + " involving {b} {when}.",
                    "Reports of the " + noun + " between {a} and {b} emerged {when}{tail}.",
                ])
                yield Example(_fill(template, rng), {root: 1.0}, "generated", f"noun:{entry.line}", 0.5)
    for i, template in enumerate(NO_EVENT_TEMPLATES):
        for _ in range(12):
            yield Example(_fill(template, rng), {"none": 1.0}, "generated", f"none:{i}", 0.5)
