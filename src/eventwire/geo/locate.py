"""Where an event happened: the place attached to its predicate, else the nearest place in the sentence,
else the article's dominant place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .toponyms import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Prepositions that put an event somewhere ("in Anbar", "at Ain al-Asad", "near Kyiv", "on the border").
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "outside",
        "inside",
        "across",
        "around",
        "within",
        "into",
        "off",
        "along",
        "throughout",
        "over",
        "nearby",
        "onto",
        "towards",
        "toward",
        "from",
    }
)
# Clauses with their own events: a place inside them is not this event's place.
_BLOCKED = frozenset(
    {"ccomp", "advcl", "parataxis", "nsubj", "csubj", "mark", "xcomp", "relcl", "punct", "cc"}
)
_INHERIT = frozenset({"compound", "nmod", "amod", "conj", "appos", "npadvmod", "det", "nummod", "poss"})
_MAX_DEPTH = 6

ATTACHED, SENTENCE, ARTICLE = "attached", "sentence", "article"


def attached(doc: Doc, trigger: int, usable: Sequence[Toponym]) -> Toponym | None:
    """The toponym the event predicate governs through a locative preposition, or a place that is its object
    ("struck the Ain al-Asad base"). The shallowest in the parse wins, then the earliest."""
    by_token = {t: top for top in usable for t in range(top.token_start, top.token_end)}
    if not by_token:
        return None
    best: tuple[int, int, Toponym] | None = None
    stack = [(doc[trigger], 0, False)]
    seen = {trigger}
    while stack:
        tok, depth, located = stack.pop()
        top = by_token.get(tok.i)
        if top is not None and located and tok.i != trigger:
            cand = (depth, top.start, top)
            if best is None or cand[:2] < best[:2]:
                best = cand
        if depth >= _MAX_DEPTH:
            continue
        for child in tok.children:
            if child.i in seen or child.dep_ in _BLOCKED:
                continue
            seen.add(child.i)
            if child.dep_ == "pobj":
                flag = tok.dep_ in ("prep", "agent") and tok.lower_ in LOCATIVE_PREPS
            elif child.dep_ in ("dobj", "nsubjpass", "attr") and tok.i == trigger:
                flag = True  # a place as the object: "struck the Ain al-Asad base", "Kyiv was shelled"
            elif child.dep_ in _INHERIT:
                flag = located
            else:
                flag = False
            stack.append((child, depth + 1, flag))
    return best[2] if best else None


def dominant(toponyms: Sequence[Toponym]) -> Toponym | None:
    """The article's main place: the most named place of the most named country (metonymic mentions count
    for the country, not as the place), ties to the first mentioned."""
    countries = Counter(t.country for t in toponyms if t.country)
    if not countries:
        places = [t for t in toponyms if not t.metonymic]
        return places[0] if places else None
    top_country = max(countries, key=lambda c: (countries[c], -_first(toponyms, c)))
    inside = [t for t in toponyms if t.country == top_country]
    literal = [t for t in inside if not t.metonymic] or inside
    counts = Counter(t.place_id for t in literal)
    return max(literal, key=lambda t: (counts[t.place_id], -t.start))


def _first(toponyms: Sequence[Toponym], country: str) -> int:
    return next(t.start for t in toponyms if t.country == country)


def locate_all(
    doc: Doc, trigger: int, toponyms: Sequence[Toponym], *, exclude_spans: Iterable[tuple[int, int]] = ()
) -> tuple[list[Toponym], str | None]:
    """Like ``locate``, but an attached place coordinated with others ("bases in Al-Asad and Arbil") gives
    all of them, in text order."""
    top, basis = locate(doc, trigger, toponyms, exclude_spans=exclude_spans)
    if top is None:
        return [], None
    if basis != ATTACHED:
        return [top], basis
    excluded = list(exclude_spans)
    by_token = {
        t: other
        for other in toponyms
        if not other.metonymic and not any(s < other.end and other.start < e for s, e in excluded)
        for t in range(other.token_start, other.token_end)
    }
    head = doc[top.token_end - 1]
    while head.head.i != head.i and top.token_start <= head.head.i < top.token_end:
        head = head.head
    found = [top]
    for conj in head.conjuncts:
        other = by_token.get(conj.i)
        if other is not None and all(other is not f for f in found):
            found.append(other)
    return sorted(found, key=lambda t: t.start), basis


def locate(
    doc: Doc, trigger: int, toponyms: Sequence[Toponym], *, exclude_spans: Iterable[tuple[int, int]] = ()
) -> tuple[Toponym | None, str | None]:
    """(toponym, basis) for the event whose predicate is token ``trigger``; basis is ``attached``,
    ``sentence`` or ``article``; (None, None) when the article names no place. Toponyms that overlap
    ``exclude_spans`` (character offsets of the event's actors) or are metonymic are not candidates."""
    excluded = list(exclude_spans)
    usable = [
        t for t in toponyms if not t.metonymic and not any(s < t.end and t.start < e for s, e in excluded)
    ]
    hit = attached(doc, trigger, usable)
    if hit is not None:
        return hit, ATTACHED
    sent = doc[trigger].sent
    near = [t for t in usable if sent.start <= t.token_start < sent.end]
    if near:
        return min(near, key=lambda t: (_distance(t, trigger), t.start)), SENTENCE
    main = dominant(toponyms)
    return (main, ARTICLE) if main is not None else (None, None)


def _distance(top: Toponym, trigger: int) -> int:
    if top.token_start <= trigger < top.token_end:
        return 0
    return top.token_start - trigger if top.token_start > trigger else trigger - top.token_end + 1
