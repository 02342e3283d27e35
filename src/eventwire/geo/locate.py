"""Where an event happened: the place attached to its predicate, else the nearest place in the sentence,
else the article's dominant place.

``PlaceIndex`` is built once per document (toponyms by token and by sentence, each toponym's overlapping
actor spans found by bisection over the sorted spans), so that placing every event of an article costs time
linear in the article: an event looks only at its own sentence and at the toponyms its parse reaches.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from ..model import ARTICLE, ATTACHED, SENTENCE
from .strays import strays
from .toponyms import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Prepositions that put an event somewhere ("in Anbar", "at Ain al-Asad", "near Kyiv", "on the border").
LOCATIVE_PREPS = lexicon("geo", "event_place_preps")
# Clauses with their own events: a place inside them is not this event's place.
_BLOCKED = frozenset(
    {"ccomp", "advcl", "parataxis", "nsubj", "csubj", "mark", "xcomp", "relcl", "punct", "cc"}
)
_INHERIT = frozenset({"compound", "nmod", "amod", "conj", "appos", "npadvmod", "det", "nummod", "poss"})
_MAX_DEPTH = 6


class PlaceIndex:
    """The toponyms of one document, indexed for placing its events.

    ``exclude_spans``: character spans (start, end) of actors; a toponym overlapping one of them is not a
    candidate place, unless the caller names that span in ``allow`` ("fired at US forces in Iraq": the
    actor "Iraq" after a locative preposition is the place). ``work`` counts the elementary steps taken
    (toponyms and spans compared, parse nodes visited), so tests can check that cost grows linearly.
    """

    def __init__(self, doc: Doc, toponyms: Sequence[Toponym], *, exclude_spans: Iterable[tuple[int, int]] = ()):
        self.doc = doc
        self.toponyms = sorted(toponyms, key=lambda t: t.start)
        self.work = 0
        spans = sorted(set(exclude_spans))
        starts = [s for s, _ in spans]
        # Spans never overlap much in practice, but nothing forbids it: the longest end seen so far bounds
        # how far back an overlapping span can start.
        self._blockers: dict[int, frozenset[tuple[int, int]]] = {}
        max_len = max((e - s for s, e in spans), default=0)
        for k, top in enumerate(self.toponyms):
            lo = bisect_left(starts, top.start - max_len)
            hi = bisect_left(starts, top.end)
            hits = frozenset(spans[i] for i in range(lo, hi) if spans[i][1] > top.start)
            self.work += hi - lo + 1
            if hits:
                self._blockers[k] = hits
        # Small towns read far from all the article's other places are reported, not used as event places.
        self._strays, work = strays(self.toponyms)
        self.work += work
        self._by_token: dict[int, int] = {}
        for k, top in enumerate(self.toponyms):
            if not top.metonymic:
                for t in range(top.token_start, top.token_end):
                    self._by_token[t] = k
        self._token_starts = [t.token_start for t in self.toponyms]
        self._char_starts = [t.start for t in self.toponyms]
        # Towns and counties by first-level unit, for placing an event named only by its state at its town.
        self._towns: dict[str, list[int]] = {}
        for k, top in enumerate(self.toponyms):
            if top.feature in ("city", "other") and top.admin1_id and not top.metonymic:
                self._towns.setdefault(top.admin1_id, []).append(k)
        self._dominant: Toponym | None = None
        self._dominant_done = False

    # ------------------------------------------------------------------------------------------ queries
    def usable(self, k: int, allow: Collection[tuple[int, int]] = ()) -> bool:
        top = self.toponyms[k]
        if top.metonymic or top.place_id in self._strays:
            return False
        blockers = self._blockers.get(k)
        return not blockers or all(b in allow for b in blockers)

    def in_sentence(self, start: int, end: int) -> range:
        """Positions (into ``toponyms``) of the toponyms starting in tokens [start, end)."""
        return range(bisect_left(self._token_starts, start), bisect_left(self._token_starts, end))

    def overlapping(self, start: int, end: int) -> list[Toponym]:
        """The toponyms whose character span overlaps [start, end)."""
        k = bisect_left(self._char_starts, end)
        out = []
        while k > 0 and len(out) < 8:
            k -= 1
            top = self.toponyms[k]
            self.work += 1
            if top.end > start:
                out.append(top)
            elif top.start < start - 200:
                break
        return out

    def dominant(self) -> Toponym | None:
        if not self._dominant_done:
            main = dominant([t for t in self.toponyms if t.place_id not in self._strays])
            self._dominant, self._dominant_done = (self.town_in(main) if main is not None else None), True
            self.work += len(self.toponyms)
        return self._dominant

    def attached(self, trigger: int, allow: Collection[tuple[int, int]] = ()) -> Toponym | None:
        """The toponym the event predicate governs through a locative preposition, or a place that is its
        object ("struck the Ain al-Asad base"). The shallowest in the parse wins, then the earliest."""
        if not self._by_token:
            return None
        doc = self.doc
        best: tuple[int, int, Toponym] | None = None
        stack = [(doc[trigger], 0, False)]
        seen = {trigger}
        while stack:
            tok, depth, located = stack.pop()
            self.work += 1
            k = self._by_token.get(tok.i)
            if k is not None and located and tok.i != trigger and self.usable(k, allow):
                top = self.toponyms[k]
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

    def locate(
        self, trigger: int, *, allow: Collection[tuple[int, int]] = ()
    ) -> tuple[Toponym | None, str | None]:
        """(toponym, basis) for the event whose predicate is token ``trigger``; see :func:`locate`."""
        sent = self.doc[trigger].sent
        hit = self.attached(trigger, allow)
        if hit is not None:
            return self.town_in(hit, allow, sentence=(sent.start, sent.end)), ATTACHED
        near = [self.toponyms[k] for k in self.in_sentence(sent.start, sent.end) if self.usable(k, allow)]
        self.work += len(near) + 1
        if near:
            return self.town_in(min(near, key=lambda t: (_distance(t, trigger), t.start)), allow), SENTENCE
        main = self.dominant()
        return (main, ARTICLE) if main is not None else (None, None)

    def town_in(self, top: Toponym, allow: Collection[tuple[int, int]] = (), *,
                sentence: tuple[int, int] | None = None) -> Toponym:
        """The town the article names inside ``top`` when ``top`` is a first-level unit, else ``top``.

        "ROSEBURG, Ore. -- A gunman opened fire at a rural Oregon college": the shooting is in Roseburg, not
        at Oregon's feature point. The dateline's town first, then the most named town (then county) of that
        unit, ties to the first. With ``sentence`` (token bounds; for a place the predicate governs, "in
        Oregon") only the dateline or a town of that sentence may stand in for the unit."""
        if top.feature != "admin1" or top.admin1_id is None:
            return top
        inside = []
        for k in self._towns.get(top.admin1_id, ()):
            town = self.toponyms[k]
            self.work += 1
            if not self.usable(k, allow):
                continue
            if sentence is not None and not (_is_dateline(town) or sentence[0] <= town.token_start < sentence[1]):
                continue
            inside.append(town)
        if not inside:
            return top
        counts = Counter(t.place_id for t in inside)
        return max(inside, key=lambda t: (_is_dateline(t), t.feature == "city", counts[t.place_id], -t.start))

    def locate_all(
        self, trigger: int, *, allow: Collection[tuple[int, int]] = ()
    ) -> tuple[list[Toponym], str | None]:
        """Like :meth:`locate`, but an attached place coordinated with others ("bases in Al-Asad and
        Arbil") gives all of them, in text order."""
        top, basis = self.locate(trigger, allow=allow)
        if top is None:
            return [], None
        if basis != ATTACHED:
            return [top], basis
        head = self.doc[top.token_end - 1]
        while head.head.i != head.i and top.token_start <= head.head.i < top.token_end:
            head = head.head
        found = [top]
        for conj in head.conjuncts:
            self.work += 1
            k = self._by_token.get(conj.i)
            if k is not None and self.usable(k, allow):
                other = self.toponyms[k]
                if all(other is not f for f in found):
                    found.append(other)
        return sorted(found, key=lambda t: t.start), basis


def attached(doc: Doc, trigger: int, usable: Sequence[Toponym]) -> Toponym | None:
    """The toponym the event predicate governs (see :meth:`PlaceIndex.attached`), among ``usable``."""
    return PlaceIndex(doc, [t for t in usable if not t.metonymic]).attached(trigger)


def dominant(toponyms: Sequence[Toponym]) -> Toponym | None:
    """The article's main place: the most named place of the most named country (metonymic mentions count
    for the country, not as the place), ties to the first mentioned. A capital that only speaks for its
    government ("Moscow said") is never the main place: when a country is named only that way, the next
    country is taken, and an article that names no place literally has none. The dateline counts as
    ``_DATELINE_VOTES`` mentions, for its country and as the place."""
    literal = [t for t in toponyms if not t.metonymic]
    if not literal:
        return None
    countries: Counter[str] = Counter()
    for t in toponyms:
        if t.country:
            countries[t.country] += _vote(t)
    if not countries or not any(t.country for t in literal):
        return literal[0]
    first: dict[str, int] = {}
    for t in toponyms:
        if t.country and t.country not in first:
            first[t.country] = t.start
    named = {t.country for t in literal if t.country}
    top_country = max(named, key=lambda c: (countries[c], -first[c]))
    inside = [t for t in literal if t.country == top_country]
    counts: Counter[int] = Counter()
    for t in inside:
        counts[t.place_id] += _vote(t)
    return max(inside, key=lambda t: (counts[t.place_id], -t.start))


# The dateline names the story's own place: it counts as this many mentions when the main place is chosen.
_DATELINE_VOTES = 3


def _is_dateline(top: Toponym) -> bool:
    return "dateline" in top.evidence


def _vote(top: Toponym) -> int:
    return _DATELINE_VOTES if _is_dateline(top) else 1


def locate_all(
    doc: Doc, trigger: int, toponyms: Sequence[Toponym], *, exclude_spans: Iterable[tuple[int, int]] = ()
) -> tuple[list[Toponym], str | None]:
    """One event's places (see :meth:`PlaceIndex.locate_all`). To place many events of one document,
    build a :class:`PlaceIndex` once instead."""
    return PlaceIndex(doc, toponyms, exclude_spans=exclude_spans).locate_all(trigger)


def locate(
    doc: Doc, trigger: int, toponyms: Sequence[Toponym], *, exclude_spans: Iterable[tuple[int, int]] = ()
) -> tuple[Toponym | None, str | None]:
    """(toponym, basis) for the event whose predicate is token ``trigger``; basis is ``attached``,
    ``sentence`` or ``article``; (None, None) when the article names no place. Toponyms that overlap
    ``exclude_spans`` (character offsets of the event's actors) or are metonymic are not candidates."""
    return PlaceIndex(doc, toponyms, exclude_spans=exclude_spans).locate(trigger)


def _distance(top: Toponym, trigger: int) -> int:
    if top.token_start <= trigger < top.token_end:
        return 0
    return top.token_start - trigger if top.token_start > trigger else trigger - top.token_end + 1
