"""The article as context for its actors: which country an ambiguous name means, and which country a
role noun without one ("police", "the army", "protesters") belongs to.

Both read the countries the article names (``country_mentions``): actors with a country (countries,
demonyms, capitals, coded institutions and people) and, when places are on, the places it names.

- Ambiguous names (``data/actor_context.yaml``: "Congo" is COD or COG): the candidate the rest of the
  article names most often wins, else the listed default.
- Country-less role codes (``inherit_country`` there) take, in this order: the one country of the places
  the sentence locates things in ("protesters in Santiago", basis ``sentence``), the country of the
  article's dateline ("BAGHDAD (Reuters) -", basis ``dateline``), or the article's dominant country (at
  least two mentions and half of them, basis ``article``). ``ActorRef.country_basis`` records the basis;
  the code becomes country + role ("COP" -> "KENCOP"). Roles that travel (``travelling_roles``: "a rebel
  delegation in Havana", "negotiators in Doha") take only the article's dominant country: the place the
  sentence or the dateline names is their venue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import DictionaryError
from ..lexicons import lexicon
from ..model import ActorRef
from .entries import ActorDictionary

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .matcher import ActorMatch

__all__ = [
    "ActorContext", "ArticleCountries", "CountryMention", "country_mentions", "load_actor_context", "parse_actor_context",
]  # fmt: skip

_FILE = "actor_context.yaml"
# Prepositions after which a place is where something happens ("protesters in Santiago").
_LOCATIVE = lexicon("actors", "locative_preps")
# "BAGHDAD (Reuters) -", "KABUL, Afghanistan —", "Nairobi, Jan 8 -": the opening words of a wire story.
_DATELINE = re.compile(r"\s*[A-Z][A-Za-z .'’-]{1,40}?\s*(?:,\s*[A-Za-z0-9 .]{1,30})?\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s")
_DOMINANT_MIN = 2
_DOMINANT_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A country name that stands for several countries; ``longer``: other names of those countries that
    contain it ("Republic of Congo"), which are not ambiguous."""

    form: str
    countries: tuple[str, ...]
    default: str
    longer: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorContext:
    ambiguous: tuple[Ambiguous, ...]
    inherit: frozenset[str]
    #: Entry names of the MIL role nouns that inherit a country (others, such as "troops", do not).
    national_military: frozenset[str] = frozenset()
    #: Place names that are ordinary words ("South"): not evidence of a country.
    generic_regions: frozenset[str] = frozenset()
    #: Head words of roles that travel to where they act ("delegation", "negotiators", "envoy"): the place
    #: a sentence or dateline names is their venue, not their country.
    travelling: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country the article names: at character ``start``; ``locative`` when it is where something is
    ("in Baghdad"); ``actor``: the match index when it comes from an actor match."""

    start: int
    end: int
    country: str
    locative: bool
    actor: int | None = None


def load_actor_context(dictionary: ActorDictionary) -> ActorContext:
    """``data/actor_context.yaml``, checked against ``dictionary`` (DictionaryError E140 when malformed)."""
    text = (resources.files("eventwire") / "data" / _FILE).read_text(encoding="utf-8")
    return parse_actor_context(yaml.safe_load(text), dictionary)


def _names_by_country(dictionary: ActorDictionary) -> dict[str, tuple[str, ...]]:
    return {e.code: tuple(n.lower() for n in e.names) for e in dictionary.entries if e.kind == "country" and e.code}


def parse_actor_context(raw: Any, dictionary: ActorDictionary) -> ActorContext:
    """The actor context from the parsed YAML of ``data/actor_context.yaml`` (DictionaryError E140 when malformed)."""
    def fail(message: str) -> DictionaryError:
        return DictionaryError(message, path=_FILE, code="E140")

    if not isinstance(raw, dict):
        raise fail("expected a mapping with `ambiguous` and `inherit_country`")
    names = _names_by_country(dictionary)
    ambiguous = []
    for item in raw.get("ambiguous") or []:
        if not isinstance(item, dict) or not isinstance(item.get("form"), str):
            raise fail(f"an ambiguous entry needs a `form`: {item!r}")
        countries = tuple(item.get("countries") or ())
        if len(countries) < 2 or item.get("default") not in countries or any(c not in names for c in countries):
            raise fail(f"{item['form']}: `countries` must list two or more known countries, `default` one of them")
        form = item["form"].lower()
        longer = tuple(sorted({n for c in countries for n in names[c] if form in n and n != form}))
        ambiguous.append(Ambiguous(form, countries, item["default"], longer))
    inherit = raw.get("inherit_country") or []
    if not all(isinstance(code, str) and len(code) == 3 and code.isupper() for code in inherit):
        raise fail("`inherit_country` must list three-letter role codes")
    military = raw.get("national_military") or []
    if not all(isinstance(name, str) for name in military):
        raise fail("`national_military` must list role-noun entry names")
    generic = raw.get("generic_region_names") or []
    if not all(isinstance(name, str) for name in generic):
        raise fail("`generic_region_names` must list names")
    travelling = raw.get("travelling_roles") or []
    if not all(isinstance(name, str) for name in travelling):
        raise fail("`travelling_roles` must list head words")
    return ActorContext(tuple(ambiguous), frozenset(inherit), frozenset(military),
                        frozenset(name.lower() for name in generic), frozenset(n.lower() for n in travelling))


def country_mentions(doc: Doc, matches: Sequence[ActorMatch], toponyms: Iterable[Any] = (), *,
                     countries: frozenset[str], ignore: frozenset[str] = frozenset()) -> list[CountryMention]:
    """Every country the article names, in text order: actor matches whose country is one of
    ``countries`` (not IGOs, not role nouns alone) and toponyms (``eventwire.geo`` records with
    ``start``/``end``/``token_start``/``country``/``feature``/``metonymic``) of countries and provinces
    that are places, not governments (and not named by an ordinary word in ``ignore``)."""
    found = []
    for index, m in enumerate(matches):
        if m.country in countries:
            span = doc[m.start:m.end]
            # a place name after "in"; not a demonym ("at Iraqi bases housing US forces" says little)
            locative = m.kind in ("country", "capital") and _after_locative(doc, m.start)
            found.append(CountryMention(span.start_char, span.end_char, m.country, locative, index))
    for t in toponyms:
        # Towns are left out: in lower-case or all-caps text the words the parser takes for small places
        # vary with the case, and an actor's country must not (countries and provinces are stable).
        if not t.country or t.metonymic or t.feature not in ("country", "admin1") or t.text.lower() in ignore:
            continue
        same = next((i for i, c in enumerate(found) if c.start < t.end and t.start < c.end), None)
        locative = _after_locative(doc, t.token_start)
        if same is None:  # a place no actor match covers
            found.append(CountryMention(t.start, t.end, t.country, locative))
        elif locative and not found[same].locative:  # "in Baghdad": the capital is a place here
            found[same] = replace(found[same], locative=True)
    return sorted(found, key=lambda c: c.start)


def _after_locative(doc: Doc, token: int) -> bool:
    i = token - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in _LOCATIVE


def resolve_ambiguous(doc: Doc, matches: list[ActorMatch], mentions: list[CountryMention],
                      context: ActorContext) -> list[ActorMatch]:
    """Matches whose country comes from an ambiguous name, recoded to the country the article supports."""
    if not context.ambiguous:
        return matches
    out = list(matches)
    for index, m in enumerate(matches):
        text = doc[m.start:m.end].text.lower()
        for amb in context.ambiguous:
            if m.country not in amb.countries or not re.search(rf"\b{re.escape(amb.form)}\b", text) \
                    or any(name in text for name in amb.longer):
                continue
            span = (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
            votes = Counter(c.country for c in mentions
                            if c.country in amb.countries and c.actor != index and not _within(c, span)
                            and not _is_form(doc.text[c.start:c.end], amb))
            ranked = votes.most_common()
            best = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else amb.default
            if best != m.country:
                out[index] = replace(m, code=best + m.code[len(m.country or ""):], country=best,
                                     entry=f"{m.entry} + {_FILE}: {amb.form} is {best} in this article")
            break
    return out


def _within(c: CountryMention, span: tuple[int, int]) -> bool:
    return span[0] <= c.start < span[1]


def _is_form(text: str, amb: Ambiguous) -> bool:
    return text.lower() == amb.form


class ArticleCountries:
    """The countries one article names, and the country a country-less actor of a sentence takes."""

    def __init__(self, text: str, mentions: list[CountryMention], context: ActorContext) -> None:
        self._mentions = mentions
        self._inherit = context.inherit
        self._military = context.national_military
        self._travelling = context.travelling
        counts = Counter(c.country for c in mentions)
        ranked = counts.most_common(2)
        total = sum(counts.values())
        self.dominant = None
        if ranked and ranked[0][1] >= _DOMINANT_MIN and ranked[0][1] >= _DOMINANT_SHARE * total \
                and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            self.dominant = ranked[0][0]
        self.dateline = _dateline_country(text, mentions)

    def country_for(self, sentence: tuple[int, int], *, venue: bool = False) -> tuple[str, str] | None:
        """(country, basis) for a country-less actor of the sentence at characters ``sentence``; ``venue``:
        the actor travels to where it acts (a delegation), so the sentence's place and the dateline are
        where it is, not whose it is, and only the article's dominant country counts."""
        located = {c.country for c in self._mentions if c.locative and sentence[0] <= c.start < sentence[1]}
        if len(located) == 1 and not venue:
            return next(iter(located)), "sentence"
        if self.dateline and not venue:
            return self.dateline, "dateline"
        if self.dominant:
            return self.dominant, "article"
        return None

    def complete(self, ref: ActorRef | None, sentence: tuple[int, int]) -> ActorRef | None:
        """``ref`` with the country the context gives, when it has none and its code may take one."""
        if ref is None or ref.country is not None or ref.code not in self._inherit:
            return ref
        if ref.code == "MIL" and ref.name not in self._military:
            return ref
        words = ref.text.lower().split()
        found = self.country_for(sentence, venue=bool(words) and words[-1] in self._travelling)
        if found is None:
            return ref
        country, basis = found
        return replace(ref, code=country + ref.code, country=country, sector=ref.sector or ref.code,
                       country_basis=basis)


def _dateline_country(text: str, mentions: list[CountryMention]) -> str | None:
    match = _DATELINE.match(text[:120])
    if match is None:
        return None
    return next((c.country for c in mentions if c.start < match.end()), None)
