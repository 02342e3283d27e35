"""Toponym detection: which spans of a parsed document name places, each with its gazetteer candidates.

Sources, in order: a dateline at the head of the text ("SALVADOR, Feb 26 -", "KINSHASA (Reuters) -"); spaCy's
GPE/LOC/FAC entities whose name is in the gazetteer; other entities that are a curated facility or a known
place used as one ("captured Goma", the model's PERSON); and gazetteer names no entity claimed: big places
anywhere, smaller ones where the words around them say they are places ("in Irpin", "shelled Irpin", "the
X district", "Moore, Okla."); a word that a town has only as another name ("Sam" for Damascus) only where
the context says "place". A first-level unit's abbreviation counts after "City, ", and alone where the words
around it say "place" ("cases in NY"); hashtags and lower-case short text are read in ``shorthand.py``. Text
in capitals (headlines, datelines) is read without the tagger's word classes, which capitals mislead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .gazetteer import Candidate, Gazetteer
from .modifiers import institution_of
from .names import ADMIN_WORDS, CITY_WORDS, EVENT_NOUNS, FACILITY_WORDS, LOCAL_NOUNS, name_key
from .shorthand import (
    COMMON_WORDS,
    HASHTAG_WORDS,
    LOCATIVE_PREPS,
    LOWER_CASE_COUNTRIES,
    hashtags,
    headline_labels,
    lone_abbreviations,
    lower_case_places,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words that are place names somewhere (an admin1 "South" in Cameroon, a "Ville" in France) but, on their
# own inside a longer name, name no place.
GENERIC_NAMES = lexicon("geo", "generic_names")
# Words after a name that make it part of a street's name ("Edwards Street", "Homeward Way"); not building
# words: "a Kabul hospital" is in Kabul.
STREET_WORDS = lexicon("geo", "street_words")
# The street words that end an address whatever precedes them ("South Wabash Avenue"), in ordinary case
# only: "Court", "Place" and "Way" end the names of courts and squares too ("a Detroit U.S. District Court"),
# and in a headline in capitals every word is capitalised.
STREET_SUFFIXES = lexicon("geo", "street_suffixes")
MAX_NGRAM = 6
# Type words of second-level units that close their names ("Terrebonne Parish", "Harris County").
_UNIT_WORDS = frozenset({"county", "parish", "borough"})
# Words that, with generic ones only, name a part of a town, not a town ("South Side", "Far North").
_GENERIC_PARTS = lexicon("geo", "generic_parts")
MIN_GAZ_ONLY_POPULATION = 100_000  # a name no entity covers must be a big city (or a country/admin1/facility)
# A smaller populated place is taken where the words around it say it is a place ("in Irpin", "shelled
# Irpin", "the Irpin district"); below this it must also be the only reading of the name.
MIN_CONTEXT_POPULATION = 5_000
# A town named by part of a place entity's name ("Mosul" in "the Mosul Dam") must be this big.
MIN_PART_POPULATION = 10_000
# A town's other name that is this close to its own name is a spelling of it ("Seville", "Sevilla"), not
# another word ("Sam" for Damascus); 2 x matching letters / letters of both.
MIN_SPELLING_SIMILARITY = 0.8
# Verbs whose object is a place when it is a place name at all: taking, attacking, entering, leaving.
PLACE_OBJECT_VERBS = lexicon("geo", "place_object_verbs")
_DATELINE = re.compile(
    r"(?:\A|\n\s*\n)[ \t]*(?P<place>[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3})"
    r"(?:,[ \t]+(?P<region>[A-Z][A-Za-z.]{1,12}(?: [A-Z][a-z.]{1,6})?))?"
    r"(?:,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?[ \t]*"
    r"(?:\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|IANS|PTI|ANI|Bloomberg|CNN|[A-Z][A-Z0-9]{1,5}(?:[/-][A-Z0-9]{2,6})?)\)[ \t]*)?"
    r"[-–—]{1,2}[ \t]"
)


@dataclass(slots=True)
class Mention:
    """A span (token indices, half-open) that names a place, its gazetteer candidates and what was seen."""

    start: int
    end: int
    key: str
    hint: str | None
    candidates: list[Candidate]
    dateline: bool = False
    evidence: list[str] = field(default_factory=list)


def detect(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
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
    datelines = _datelines(doc, text)
    lower = {i: tok.lower_ for i, tok in enumerate(doc)
             if tok.is_lower and tok.is_alpha and tok.lower_ not in COMMON_WORDS and (
                 (len(tok) >= 4 and tok.pos_ in ("NOUN", "PROPN")) or tok.lower_ in LOWER_CASE_COUNTRIES)}
    found = gazetteer.lookup(
        {k for k in spans.values() if k} | {k for k in ent_keys.values() if k} | {d[2] for d in datelines}
        | set(lower.values())
    )

    ent_label = {}
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            ent_label[t] = ent
    taken: set[int] = set()
    mentions: list[Mention] = []
    address = _address_tokens(doc)
    surnames = _surnames(doc)

    def accept(i: int, j: int, key: str, *, why: str, dateline: bool = False) -> None:
        if not dateline and not _has_curated(found[key]) and (
            (j < len(doc) and doc[j].lower_.rstrip(".") in STREET_WORDS) or any(t in address for t in range(i, j))
        ):
            return  # "Edwards Street", "South Wabash Avenue", "the 1300 block of North Erie": an address
        if i > 0 and doc[i - 1].text == "#" and key in HASHTAG_WORDS:
            return  # "#Police", "#Hope": words, whatever the tagger made of the capital
        words = key.split()
        if not dateline and any(w in _GENERIC_PARTS for w in words) and all(
            w in GENERIC_NAMES or w in _GENERIC_PARTS for w in words
        ):
            return  # "South Side", "Far North", "East End": parts of a town, named by generic words only
        if not dateline and j - i == 1 and key in surnames and not any(
            c.feature in ("country", "admin1") for c in found[key]
        ):
            return  # "Henderson said" where the article has named "Brandon Henderson": the person
        taken.update(range(i, j))
        mentions.append(Mention(i, j, key, _hint(doc, i, j), found[key], dateline, [why]))

    # 0. The dateline's place: the story's own place, whatever the tagger made of the capitals.
    for i, j, key in datelines:
        if key in found and not any(t in taken for t in range(i, j)):
            accept(i, j, key, why="dateline", dateline=True)
    # 1. Place entities (GPE/LOC/FAC) and other entities that are exactly a curated facility or a known
    #    place used as one.
    for ent in doc.ents:
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        key = ent_keys[(start, ent.end)]
        if any(t in taken for t in range(start, ent.end)):
            continue
        if key in GENERIC_NAMES and not _has_curated(found.get(key, [])):
            continue  # "North", "Street", "Central" alone name no place, whatever the tagger says
        if ent.label_ in PLACE_LABELS and ent.end < len(doc) and doc[ent.end].lower_ in _UNIT_WORDS and (
                spans.get((start, ent.end + 1)) in found):
            accept(start, ent.end + 1, spans[(start, ent.end + 1)], why="entity")
            continue  # "Terrebonne" + "Parish", which the model split: the parish the gazetteer knows
        if key in found and (
            ent.label_ in PLACE_LABELS
            or _has_curated(found[key])
            or _place_in_context(doc, start, ent, found[key])
        ):
            accept(start, ent.end, key, why="entity")
        elif ent.label_ in PLACE_LABELS:
            best = _longest_inside(spans, found, start, ent.end)
            if best and (_hint(doc, best[0], best[1]) is not None or _part_places(*best, found)):
                accept(*best, why="entity_part")
    # 2. Gazetteer names no entity claimed, longest first at each position.
    for (i, j), key in sorted(spans.items(), key=lambda kv: (kv[0][0], -(kv[0][1]))):
        if key not in found or any(t in taken for t in range(i, j)):
            continue
        cands = found[key]
        if key in GENERIC_NAMES and not _has_curated(cands):
            continue  # "South" inside the FAC entity "South Main Street" names no place either
        ents = {ent_label[t] for t in range(i, j) if t in ent_label}
        if not (ents and all(e.label_ in PLACE_LABELS for e in ents)):
            # A word outside a place entity that names a town only under another name ("Sam" for Damascus,
            # "Google" for Topeka, "Molotov" for Perm) is a word, unless the words around it say "place".
            own = own_names(key, cands)
            if len(own) < len(cands) and not _in_place_context(doc, i, j):
                if not own:
                    continue
                found[key] = cands = own
        if ents and not all(e.label_ in PLACE_LABELS for e in ents):
            curated = _has_curated(cands) and all(e.start == i and e.end == j for e in ents)
            if not curated and not _mislabelled_place(doc, i, j, ents, cands) and not institution_of(
                doc, i, j, ents, cands, min_population=MIN_CONTEXT_POPULATION
            ):
                continue
        elif not ents and not _plausible_bare(doc, i, j, key, cands):
            continue
        elif ents and not all(i <= e.start + (e[0].lower_ == "the") and e.end <= j for e in ents) and (
                _hint(doc, i, j) is None and not _part_places(i, j, key, found)):
            continue  # a part of a place entity's name: "Deep" in "the Deep South"
        if key in HASHTAG_WORDS and not (i > 0 and doc[i - 1].lower_ in LOCATIVE_PREPS) and not any(
                c.feature in ("country", "admin1") for c in cands):
            continue  # "Police fire tear gas", "the Reading Time": words, unless "in Reading"
        accept(i, j, key, why="gazetteer")
    # 3. Lower-case country names ("protests in syria"), never a common word.
    for i, key in lower.items():
        if i in taken or key not in found:
            continue
        countries = [c for c in found[key] if c.feature == "country" and (c.exact or key in LOWER_CASE_COUNTRIES)]
        if countries:
            taken.add(i)
            mentions.append(Mention(i, i + 1, key, None, countries, False, ["lower_case_country"]))
    # 4. "City, ST": a town no step took, read inside the unit its abbreviation names ("Moore, OK"); then the
    #    abbreviation of a first-level unit after a place and a comma.
    _towns_before_abbreviations(doc, mentions, taken, gazetteer)
    _abbreviations(doc, mentions, taken, gazetteer)
    # 5. Hashtags: "#Ferguson", "#FreeGaza", "#usa"; then a unit's abbreviation alone ("cases in NY").
    hashtags(doc, mentions, taken, gazetteer, Mention, GENERIC_NAMES)
    lone_abbreviations(doc, mentions, taken, gazetteer, Mention)
    lower_case_places(doc, mentions, taken, found, Mention, GENERIC_NAMES)
    headline_labels(doc, mentions, taken, spans, found, Mention, GENERIC_NAMES)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _surnames(doc: Doc) -> set[str]:
    """Keys of the last words of the document's multi-word PERSON entities ("Brandon Henderson"): the same
    word alone elsewhere in the document is that person (one sense per document), not a town."""
    return {name_key(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2
            and ent[-1].text[:1].isupper()}


def _address_tokens(doc: Doc) -> set[int]:
    """Tokens of street addresses, which name no town: a run of capitalised words (or ordinals, "2nd")
    ending in a street word ("South Wabash Avenue", "Martin Luther King Jr. Blvd"), and the capitalised
    words after "block of" ("the 1300 block of North Erie")."""
    out: set[int] = set()
    for tok in doc:
        low = tok.lower_.rstrip(".")
        if low in STREET_SUFFIXES and tok.text[:1].isupper() and not tok.text.isupper() and tok.i > 0:
            k = tok.i - 1
            while k >= 0 and k > tok.i - MAX_NGRAM and _address_word(doc[k]):
                out.add(k)
                k -= 1
        elif low == "of" and tok.i > 0 and doc[tok.i - 1].lower_ == "block":
            k = tok.i + 1
            while k < len(doc) and k < tok.i + MAX_NGRAM and _address_word(doc[k]):
                out.add(k)
                k += 1
    return out


def _address_word(tok: Token) -> bool:
    text = tok.text
    if "\n" in text or tok.is_space:
        return False
    return text[:1].isupper() or (text[:1].isdigit() and text[-2:].lower() in ("st", "nd", "rd", "th"))


def _datelines(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """(token start, token end, key) of dateline place names: at the head of the text or of a paragraph
    after a blank line (below a title), followed by a date, a news agency or a dash."""
    out = []
    for m in _DATELINE.finditer(text[:2000]):
        start, end = m.span("place")
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span):
            out.append((span.start, span.end, name_key(m["place"])))
    return out


def _towns_before_abbreviations(doc: Doc, mentions: list[Mention], taken: set[int], gazetteer: Gazetteer) -> None:
    """A name no other step took before ", ST" ("Moore, OK", "CAPE CHARLES, Va.") is a town when that unit has
    a town or county of that name (its candidates: those inside the unit); the longest (up to three words)."""
    wanted: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for tok in doc:
        k = tok.i
        if tok.text != "," or k == 0 or k + 1 >= len(doc) or (k - 1) in taken:
            continue
        abbr = doc[k + 1]
        if not abbr.text[:1].isupper() or len(abbr.text.rstrip(".")) > 5:
            continue
        names = []
        for i in range(k - 1, max(-1, k - 4), -1):
            if i in taken or not doc[i].text[:1].isupper() or "\n" in doc[i].text or doc[i].is_punct:
                break
            names.append((i, name_key(doc[i:k].text)))
        if names:
            wanted[k] = (name_key(abbr.text), names)
    if not wanted:
        return
    units = gazetteer.abbreviations({a for a, _ in wanted.values()})
    places = gazetteer.lookup({key for _, names in wanted.values() for _, key in names})
    for k, (abbr_key, names) in wanted.items():
        inside = {c.admin1_id for c in units.get(abbr_key, ()) if c.admin1_id}
        if not inside:
            continue
        for i, key in reversed(names):  # longest first
            cands = [c for c in places.get(key, ()) if c.feature in ("city", "other") and c.admin1_id in inside]
            if cands and key not in GENERIC_NAMES:
                taken.update(range(i, k))
                mentions.append(Mention(i, k, key, None, cands, False, ["town_before_abbreviation"]))
                break


def _abbreviations(doc: Doc, mentions: list[Mention], taken: set[int], gazetteer: Gazetteer) -> None:
    """Add (or reread) the abbreviation after "City, " as the first-level unit it stands for: "Portland,
    Ore." is Oregon, whatever else "Ore" names."""
    wanted: dict[int, str] = {}
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        k = m.end
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].text[:1].isupper():
            other = by_start.get(k + 1)
            if (k + 1) in taken and (other is None or other.end != k + 2):
                continue
            end = k + 2
            if end < len(doc) and doc[end].text == "." and not doc[k + 1].text.endswith("."):
                end += 1  # "Ore" "." split by the tokenizer at the end of a sentence
            wanted[k + 1] = name_key(doc[k + 1 : min(end, k + 2)].text)
    if not wanted:
        return
    found = gazetteer.abbreviations(set(wanted.values()))
    for i, key in wanted.items():
        if key not in found:
            continue
        if i in by_start:
            by_start[i].candidates, by_start[i].hint = found[key], "admin1"
            by_start[i].evidence.append("abbreviation")
        else:
            taken.add(i)
            mentions.append(Mention(i, i + 1, key, "admin1", found[key], False, ["abbreviation"]))


def _can_start(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and not tok.is_punct


def _shouting(tok: Token) -> bool:
    """Is the token in capitals, in a run of capitals (a headline, a dateline), where tags mislead?"""
    if not tok.text.isupper() or len(tok.text) < 3:
        return False
    sent = tok.sent
    letters = [t for t in sent if t.is_alpha]
    return len(letters) >= 2 and sum(t.text.isupper() for t in letters) >= 0.8 * len(letters)


def _in_place_context(doc: Doc, i: int, j: int) -> bool:
    """Do the words around tokens [i, j) say they name a place? After a locative preposition ("in Irpin",
    "the mayor of Irpin"), as the object of a verb of taking or attacking ("shelled Irpin"), coordinated with
    such a name ("in Irpin and Bucha"), before a place noun ("Irpin district"), modifying a local noun
    ("Austin police", "an Allentown man") or before ", Country"."""
    root = doc[i:j].root
    node = root
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
        return True
    if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_ in PLACE_OBJECT_VERBS:
        return True
    if _hint(doc, i, j) is not None:
        return True
    if root.dep_ == "compound" and root.head.i >= j and j < len(doc) and doc[j].lower_ in LOCAL_NOUNS | EVENT_NOUNS:
        return True  # "Austin police", "an Allentown man", "the Saskatchewan tornado", "the Ferguson police chief"
    return j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].text[:1].isupper() and doc[j + 1].pos_ == "PROPN"


def _place_in_context(doc: Doc, start: int, ent: Span, cands: list[Candidate]) -> bool:
    """An ORG/PERSON/NORP entity that is a known place used as one: "attacks in Erbil and Anbar governorates"
    (the small model calls this "Erbil" an ORG), "rebels captured Goma" (a PERSON)."""
    if ent.label_ not in ("ORG", "PERSON", "NORP"):
        return False
    if not any(c.feature in ("country", "admin1") or (c.feature == "city" and c.population >= MIN_CONTEXT_POPULATION)
               for c in cands):
        return False
    return _in_place_context(doc, start, ent.end)


def _mislabelled_place(doc: Doc, i: int, j: int, ents: set[Span], cands: list[Candidate]) -> bool:
    """The small model calls "Kyiv" a PERSON in "Russian missiles struck Kyiv". Take a major place name
    when it is the only proper noun of the entity ("Washington Post", "George Washington" stay out)."""
    if any(doc[t].pos_ == "PROPN" for e in ents for t in range(e.start, e.end) if not i <= t < j):
        return False
    return all(doc[t].pos_ == "PROPN" for t in range(i, j)) and any(
        c.feature in ("country", "admin1") or c.capital or (c.feature == "city" and c.population >= 500_000)
        for c in cands
    )


def _part_places(i: int, j: int, key: str, found: dict[str, list[Candidate]]) -> bool:
    """Is the part [i, j) of a place entity's name a place of its own? When it is a spelling of one ("Mosul"
    in "the Mosul Dam") that is more than a village: "Deep" (South), "Battle" (of), "Shore" are words. Keeps
    those candidates in ``found``."""
    own = [c for c in own_names(key, found[key]) if c.feature != "city" or c.population >= MIN_PART_POPULATION]
    if own:
        found[key] = own
    return bool(own)


def own_names(key: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates ``key`` is the own name or a spelling of ("Seville" for Sevilla), and countries,
    first-level units and curated places under any of their names: a town's other names ("Sam" for Damascus,
    "Turn" for Angren, "Google" for Topeka) are often words."""
    return [c for c in cands if c.exact or c.feature in ("country", "admin1", "facility", "other")
            or SequenceMatcher(None, key, name_key(c.name)).ratio() >= MIN_SPELLING_SIMILARITY]


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
    """A name outside any entity: proper nouns only (or capitals), not a common word, and a well-known place
    or one the context points at."""
    toks = doc[i:j]
    shouting = all(_shouting(t) for t in toks)
    if not shouting and any(t.pos_ != "PROPN" for t in toks):
        return False
    if j - i == 1 and (toks[0].is_stop or len(key) < 4):
        return False
    if key in GENERIC_NAMES:
        return False
    if len(key) <= 3 and not toks.text.replace(".", "").isupper():
        return False
    if any(
        c.feature in ("country", "admin1", "facility", "other")
        or (c.feature == "city" and c.population >= MIN_GAZ_ONLY_POPULATION)
        for c in cands
    ):
        return True
    return not shouting and _in_place_context(doc, i, j) and any(
        c.feature == "city" and c.population >= MIN_CONTEXT_POPULATION for c in cands
    )


def _hint(doc: Doc, i: int, j: int) -> str | None:
    """The kind of place the words around the name say it is: "Anbar governorate", "Erbil and Anbar
    governorates" (via the parse), "Harir base", "the town of Irpin"."""
    words = []
    if j < len(doc):
        words.append(doc[j].lower_)
    root = doc[i:j].root
    if root.dep_ in ("compound", "nmod", "conj", "amod") and root.head.i >= j:
        words.append(root.head.lower_)
    if root.dep_ == "conj" and root.head.head.i >= j:
        words.append(root.head.head.lower_)
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in CITY_WORDS | {"region", "province"}:
        words.append(doc[i - 2].lower_)  # "the town of Irpin", "the province of Idlib"
    for w in words:
        if w in ADMIN_WORDS:
            return "admin1"
        if w in FACILITY_WORDS:
            return "facility"
        if w in CITY_WORDS:
            return "city"
    return None
