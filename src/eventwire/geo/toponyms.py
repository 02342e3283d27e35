"""Toponyms in a parsed document: detection (spaCy entities + gazetteer names), disambiguation, metonymy.

Detection: GPE/LOC/FAC entities whose name is in the gazetteer, plus gazetteer names the model labelled
otherwise or missed ("Al-Asad" as ORG, "Ein al-Assad" as PERSON). A name inside an organisation or person
entity ("Washington Post") is not a place unless the whole entity is a curated facility.

Disambiguation scores each candidate: size (log population; capitals up; countries up, admin1 down), the
type word after the name ("Anbar governorate", "Harir base"), "X, Y" / "X in Y" (Y contains X), and the
countries and provinces the rest of the document is about (other toponyms and demonyms such as "Iraqi").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Place
from .gazetteer import Candidate, Gazetteer
from .names import ADMIN_WORDS, CITY_WORDS, FACILITY_WORDS, name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words that are place names somewhere (an admin1 "South" in Cameroon, a "Ville" in France) but, on their
# own inside a longer name, name no place.
GENERIC_NAMES = frozenset(
    {
        "north", "south", "east", "west", "central", "new", "old", "upper", "lower", "greater", "little",
        "great", "grand", "royal", "saint", "st", "san", "santa", "ville", "city", "gardens", "garden",
        "park", "bay", "county", "island", "islands", "lake", "river", "mount", "port", "fort", "bridge",
        "square", "street", "valley", "beach", "hills", "heights", "center", "centre", "capital",
    }
)
MAX_NGRAM = 6
MIN_GAZ_ONLY_POPULATION = 100_000  # a name no entity covers must be a big city (or a country/admin1/facility)
# Verbs whose subject is a location, not an actor ("Iraq borders Iran", "Erbil lies north of...").
LOCATIVE_VERBS = frozenset(
    {
        "be",
        "lie",
        "border",
        "sit",
        "remain",
        "stand",
        "become",
        "host",
        "fall",
        "burn",
        "shake",
        "flood",
        "suffer",
        "see",
        "experience",
        "record",
        "face",
    }
)
ACCUSE_VERBS = frozenset(
    {"accuse", "blame", "urge", "ask", "warn", "condemn", "criticize", "criticise", "sue"}
)
# Head nouns that make a modifying toponym a place ("Anbar province", "Kabul airport").
PLACE_NOUNS = (
    ADMIN_WORDS
    | CITY_WORDS
    | FACILITY_WORDS
    | frozenset(
        {
            "area",
            "areas",
            "border",
            "outskirts",
            "region",
            "neighborhood",
            "neighbourhood",
            "suburb",
            "street",
            "square",
            "village",
            "villages",
            "towns",
            "cities",
            "coast",
            "valley",
            "mountains",
            "desert",
            "river",
        }
    )
)
_FEATURE_PRIOR = {"country": 1.0, "admin1": -1.0, "city": 0.0}
_FACILITY_SCORE = 6.0
_OTHER_SCORE = 5.5


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in the text, resolved. Offsets are characters into the article text (half-open).

    ``metonymic``: the name stands for a government or state acting ("Moscow warned", "strikes by Iran",
    "Iran's foreign minister"), so it is not where anything happened. ``score_margin``: how far the chosen
    candidate beat the next (0 when there was only one).
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str
    metonymic: bool
    place_id: int
    admin1_id: str | None = None
    candidates: int = 1
    score_margin: float = 0.0

    def to_place(self) -> Place:
        return Place(
            self.name, self.country, self.admin1, self.lat, self.lon, self.feature, self.start, self.end
        )

    def to_dict(self, article_id: str) -> dict[str, Any]:
        """One line of ``eventwire geocode`` (docs/contracts.md)."""
        return {
            "article_id": article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": _round(self.lat),
            "lon": _round(self.lon),
            "feature": self.feature,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)


@dataclass(slots=True)
class _Mention:
    start: int  # token indices, half-open
    end: int
    key: str
    hint: str | None
    candidates: list[Candidate]


def detect(doc: Doc, gazetteer: Gazetteer) -> list[_Mention]:
    """Candidate toponym spans, non-overlapping, in text order, each with its gazetteer candidates."""
    spans: dict[tuple[int, int], str] = {}
    sent_starts = {s.start for s in doc.sents}  # Token.is_sent_start scans the whole doc on every call
    text = doc.text  # Doc.text joins every token on every call
    for i, tok in enumerate(doc):
        if not _can_start(tok):
            continue
        for j in range(i + 1, min(i + MAX_NGRAM, len(doc)) + 1):
            last = doc[j - 1]
            if last.is_space or "\n" in last.text or (j - 1 > i and j - 1 in sent_starts):
                break
            spans[(i, j)] = name_key(text[tok.idx : last.idx + len(last.text)])
    ent_keys = {}
    for ent in doc.ents:
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        ent_keys[(start, ent.end)] = name_key(text[doc[start].idx : ent.end_char])
    found = gazetteer.lookup({k for k in spans.values() if k} | {k for k in ent_keys.values() if k})

    ent_label = {}
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            ent_label[t] = ent
    taken: set[int] = set()
    mentions: list[_Mention] = []

    def accept(i: int, j: int, key: str) -> None:
        taken.update(range(i, j))
        mentions.append(_Mention(i, j, key, _hint(doc, i, j), found[key]))

    # 1. Place entities (GPE/LOC/FAC) and other entities that are exactly a curated facility.
    for ent in doc.ents:
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        key = ent_keys[(start, ent.end)]
        if key in found and (
            ent.label_ in PLACE_LABELS
            or _has_curated(found[key])
            or _place_in_context(doc, start, ent, found[key])
        ):
            accept(start, ent.end, key)
        elif ent.label_ in PLACE_LABELS:
            best = _longest_inside(spans, found, start, ent.end)
            if best:
                accept(*best)
    # 2. Gazetteer names no entity claimed, longest first at each position.
    for (i, j), key in sorted(spans.items(), key=lambda kv: (kv[0][0], -(kv[0][1]))):
        if key not in found or any(t in taken for t in range(i, j)):
            continue
        cands = found[key]
        ents = {ent_label[t] for t in range(i, j) if t in ent_label}
        if ents and not all(e.label_ in PLACE_LABELS for e in ents):
            curated = _has_curated(cands) and all(e.start == i and e.end == j for e in ents)
            if not curated and not _mislabelled_place(doc, i, j, ents, cands):
                continue
        elif not ents and not _plausible_bare(doc, i, j, key, cands):
            continue
        accept(i, j, key)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _can_start(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and not tok.is_punct


def _place_in_context(doc: Doc, start: int, ent: Span, cands: list[Candidate]) -> bool:
    """An ORG/PERSON entity that is a known place used as one: "attacks in Erbil and Anbar governorates"
    (the small model calls this "Erbil" an ORG): after a locative preposition or before a type word."""
    if ent.label_ not in ("ORG", "PERSON", "NORP") or not any(
        c.feature in ("country", "admin1")
        or (c.feature == "city" and c.population >= MIN_GAZ_ONLY_POPULATION)
        for c in cands
    ):
        return False
    prev = doc[start - 1].lower_ if start > 0 else ""
    return prev in ("in", "at", "near", "outside", "from", "to") or _hint(doc, start, ent.end) is not None


def _mislabelled_place(doc: Doc, i: int, j: int, ents: set[Span], cands: list[Candidate]) -> bool:
    """The small model calls "Kyiv" a PERSON in "Russian missiles struck Kyiv". Take a major place name
    when it is the only proper noun of the entity ("Washington Post", "George Washington" stay out)."""
    if any(doc[t].pos_ == "PROPN" for e in ents for t in range(e.start, e.end) if not i <= t < j):
        return False
    return all(doc[t].pos_ == "PROPN" for t in range(i, j)) and any(
        c.feature in ("country", "admin1") or c.capital or (c.feature == "city" and c.population >= 500_000)
        for c in cands
    )


def _has_curated(cands: list[Candidate]) -> bool:
    return any(c.feature in ("facility", "other") for c in cands)


def _longest_inside(spans, found, start: int, end: int) -> tuple[int, int, str] | None:
    best = None
    for i in range(start, end):  # only the n-grams inside the entity: cost linear in the article
        for j in range(i + 1, min(end, i + MAX_NGRAM) + 1):
            key = spans.get((i, j))
            if key is None or key in GENERIC_NAMES:
                continue  # "South" in "South Ossetia", "Ville" in "Petion-Ville" name no place by themselves
            if key in found and (best is None or j - i > best[1] - best[0]):
                best = (i, j, key)
    return best


def _plausible_bare(doc: Doc, i: int, j: int, key: str, cands: list[Candidate]) -> bool:
    """A name outside any entity: proper nouns only, not a common word, and a well-known place."""
    toks = doc[i:j]
    if any(t.pos_ != "PROPN" for t in toks) or (j - i == 1 and (toks[0].is_stop or len(key) < 4)):
        return False
    if key in GENERIC_NAMES:
        return False
    if len(key) <= 3 and not toks.text.replace(".", "").isupper():
        return False
    return any(
        c.feature in ("country", "admin1", "facility", "other")
        or (c.feature == "city" and c.population >= MIN_GAZ_ONLY_POPULATION)
        for c in cands
    )


def _hint(doc: Doc, i: int, j: int) -> str | None:
    """The kind of place the words around the name say it is: "Anbar governorate", "Erbil and Anbar
    governorates" (via the parse), "Harir base"."""
    words = []
    if j < len(doc):
        words.append(doc[j].lower_)
    root = doc[i:j].root
    if root.dep_ in ("compound", "nmod", "conj", "amod") and root.head.i >= j:
        words.append(root.head.lower_)
    if root.dep_ == "conj" and root.head.head.i >= j:
        words.append(root.head.head.lower_)
    for w in words:
        if w in ADMIN_WORDS:
            return "admin1"
        if w in FACILITY_WORDS:
            return "facility"
        if w in CITY_WORDS:
            return "city"
    return None


# ----------------------------------------------------------------------------------------------- resolve
def _base_score(c: Candidate, hint: str | None) -> float:
    if c.feature == "facility":
        score = _FACILITY_SCORE
    elif c.feature == "other":
        score = _OTHER_SCORE
    else:
        score = (
            math.log10(c.population + 10) + _FEATURE_PRIOR.get(c.feature, 0.0) + (1.5 if c.capital else 0.0)
        )
    if c.exact:
        score += 0.5
    if hint and c.feature == hint:
        score += 4.0
    return score


def _km(a: Candidate, b: Candidate) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    dl = math.radians(b.lon - a.lon)  # type: ignore[operator]
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Does ``outer`` (the Y of "X, Y" / "X in Y") contain or sit next to ``inner``?"""
    if outer.id == inner.id:
        return False
    if outer.feature == "country":
        return inner.country == outer.country
    if outer.feature == "admin1":
        return inner.admin1_id is not None and inner.admin1_id == outer.admin1_id
    return _km(outer, inner) < 60.0


def _pairs(doc: Doc, mentions: list[_Mention]) -> list[tuple[int, int]]:
    """(x, y) mention indexes for "X, Y", "X in Y" and "X in the Y province"."""
    out = []
    for a in range(len(mentions) - 1):
        x, y = mentions[a], mentions[a + 1]
        between = [t.lower_ for t in doc[x.end : y.start]]
        if between in (
            [","],
            ["in"],
            ["in", "the"],
            ["of"],
            ["of", "the"],
            ["near"],
            ["outside"],
        ) or (len(between) == 3 and between[0] in ADMIN_WORDS | FACILITY_WORDS and between[1] == "in"):
            out.append((a, a + 1))
    return out


def resolve(doc: Doc, mentions: list[_Mention], gazetteer: Gazetteer) -> list[Toponym]:
    """Choose one candidate per mention, using the document as context (two passes)."""
    local = [dict.fromkeys(range(len(m.candidates)), 0.0) for m in mentions]
    for a, b in _pairs(doc, mentions):
        x, y = mentions[a], mentions[b]
        for ix, cx in enumerate(x.candidates):
            for iy, cy in enumerate(y.candidates):
                if _contains(cy, cx):
                    local[a][ix] = 6.0
                    local[b][iy] = max(local[b][iy], 3.0)
    demonyms: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            iso3 = gazetteer.demonym(name_key(ent.text))
            if iso3:
                demonyms[iso3] += 1

    def pick(k: int, countries: Counter[str], admin1s: Counter[str], total: int,
             minus: tuple[str | None, str | None] = (None, None)) -> tuple[int, float]:
        """Best candidate of mention k; ``minus``: its own first-pass country and admin1, not counted as
        context for itself (without copying the counters for every mention)."""
        m = mentions[k]
        total = max(1, total - (1 if minus[0] else 0))
        scored = []
        for ic, c in enumerate(m.candidates):
            s = _base_score(c, m.hint) + local[k][ic]
            if c.country:
                s += 3.0 * (countries[c.country] - (c.country == minus[0])) / total
            if c.admin1_id and c.feature != "admin1" and admin1s[c.admin1_id] - (c.admin1_id == minus[1]):
                s += 2.5
            scored.append((s, -ic))
        scored.sort(reverse=True)
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 0.0
        return -scored[0][1], margin

    empty: Counter[str] = Counter()
    first = [pick(k, empty, empty, 0)[0] for k in range(len(mentions))]
    countries = Counter(demonyms)
    admin1s: Counter[str] = Counter()
    counted: set[int] = set()
    for k, ic in enumerate(first):
        c = mentions[k].candidates[ic]
        span = doc[mentions[k].start : mentions[k].end]
        if is_metonymic(span, c.feature, capital=c.capital, population=c.population):
            continue  # "Washington and Moscow agreed": governments, no evidence of where the story is
        counted.add(k)
        if c.country:
            countries[c.country] += 1
        if c.admin1_id:
            admin1s[c.admin1_id] += 1
    out = []
    total = sum(countries.values())
    for k, m in enumerate(mentions):
        own = mentions[k].candidates[first[k]]
        minus = (own.country, own.admin1_id) if k in counted else (None, None)
        ic, margin = pick(k, countries, admin1s, total, minus)
        c = m.candidates[ic]
        span = doc[m.start : m.end]
        out.append(
            Toponym(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                token_start=m.start,
                token_end=m.end,
                name=c.name,
                country=c.country,
                admin1=c.admin1,
                lat=c.lat,
                lon=c.lon,
                feature=c.feature,
                metonymic=is_metonymic(span, c.feature, capital=c.capital, population=c.population),
                place_id=c.id,
                admin1_id=c.admin1_id,
                candidates=len(m.candidates),
                score_margin=round(margin, 3),
            )
        )
    return out


def is_metonymic(span: Span, feature: str, *, capital: bool = False, population: int = 0) -> bool:
    """Is this name a government rather than a place? A capital or big city as the subject of an action or
    speech verb ("Moscow warned", "Kyiv said"), the agent of a passive ("installed by Moscow") or the object
    of an accusation ("accused Minsk of"). Country names acting ("Iran fired missiles") stay places, as in
    the gold set's convention; the pipeline keeps them out of event locations through the actor spans."""
    if feature != "city" or not (capital or population >= 100_000):
        return False
    root = span.root
    head = root.head
    while root.dep_ == "conj" and head is not root and not span.start <= head.i < span.end:
        root, head = head, head.head  # "Tokyo and Washington condemned": the first conjunct carries the role
    dep = root.dep_
    if dep == "nsubj":
        return head.pos_ in ("VERB", "AUX") and head.lemma_ not in LOCATIVE_VERBS
    if dep == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        return True
    if dep == "dobj":
        return head.lemma_ in ACCUSE_VERBS
    return False
