"""Truecasing: give text written all in lower case or all in capitals the capitals a parser expects.

The tagger, the parser and the actor and place matchers read capitals as evidence ("Iran", "the US"), so
"iran fired missiles at us forces" or "IRAN FIRES MISSILES AT US BASES" code far worse than mixed case.
``Truecaser.truecase`` returns a copy of the text **of exactly the same length** in which only letters
change case, so every character offset into the copy is an offset into the original: the pipeline parses
the copy and its mentions keep pointing at the original text.

What is truecased (decided per article and per line):
- a line mostly in capitals (a headline, a wire title, a shouted post): lowered, then truecased;
- a line, or a whole article, mostly in lower case (a scraped page, a transcript, a tweet): truecased.
Lines in ordinary mixed case are left as they are.

Where the capitals come from:
- names from the actor dictionary (countries, demonyms, capitals, organisations, people, groups), with
  acronyms in capitals ("nato" -> "NATO", "u.s." -> "U.S.");
- place names from the gazetteer (through a lookup function), when they are not ordinary words or the
  place is large;
- months and weekdays, the pronoun "I", and sentence starts (after . ? ! unless the word before is an
  abbreviation such as "u.s." or "gen.").
A name that is also an ordinary English word ("turkey", "chad", "may", "us", "who") is capitalised only
where it is safe: countries always, acronyms when the context marks them ("the us", "us-led", "us
forces"), other names never.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .lexicons import lexicon, ordered_lexicon

if TYPE_CHECKING:
    from .model import EventMention

__all__ = ["CaseNames", "Truecaser", "build_case_names", "case_mode", "known_word"]

# A run of letters and digits: the unit names are matched on ("u.s." is the runs "u" and "s").
_RUN = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[^\W\d_]+")
# What may separate the runs of one name: spaces, hyphens, apostrophes, dots ("al-qaeda", "u.s.", "côte d'ivoire").
_NAME_GAP = re.compile(r"[\s\-‐‑'’.]{1,3}")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+[\"'“‘(\[]*")
_LINE_START = re.compile(r"[\s\"'“‘(\[\-–—*•]*")
_MAX_NAME_RUNS = 6
# The most runs of a name a role noun carries as a title ("prosecutor nicolas heitz").
_TITLED_NAME_RUNS = 3
# A wire dateline opening a mixed-case line: a place in capitals, an optional state or country (in
# capitals, an abbreviation or mixed case) and agency, then a dash: "DAYTON, OHIO —", "AUSTIN, Texas (AP) —",
# "SAN DIEGO, Calif. -". Its words in capitals are place names, title-cased so that they are not read as
# acronyms or shouted names.
_DATELINE = re.compile(r"[\s\"'“‘(\[*•]*([A-Z][A-Z.'’\- ]{1,30}(?:,\s*[A-Za-z][A-Za-z.'’\- ]{1,25}){0,2})"
                       r"\s*(?:\([A-Za-z .]{1,20}\)\s*)?[—–-]{1,2}\s")
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’]+")
# The same dateline in a line that lost its case ("gainesville, fla. - one person...", "augusta, ga (wjbf) –"):
# a place of up to four words, a comma, a state or country the truecaser knows, an optional agency, a dash.
_LOWER_DATELINE = re.compile(r"[\s\"'“‘(\[*•]*(?P<place>[a-z][a-z.'’\-]*(?: [a-z][a-z.'’\-]*){0,3}),[ \t]*"
                             r"(?P<region>[a-z][a-z. ]{0,20}?)[ \t]*(?:\((?P<agency>[a-z0-9 ./-]{1,12})\)[ \t]*)?"
                             r"[—–-]{1,2}(?:[ \t]+[\"'“‘(\[]*|[ \t]*$)")

_MONTHS = ordered_lexicon("text", "unambiguous_months")
_AMBIGUOUS_MONTHS = ordered_lexicon("text", "ambiguous_months")  # capitalised only next to a number: "may 5"
_DAYS = ordered_lexicon("text", "weekdays")
_ABBREVIATIONS = lexicon("text", "abbreviations")
# A line is "in capitals" when at most this share of its cased letters is lower case.
_UPPER_LINE = 0.1
# An article or a line is "in lower case" when at most this share of its words starts with a capital.
_LOWER_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class CaseNames:
    """What the truecaser knows.

    ``names``: lower-case name (runs joined by one space) -> the cased form; ``always``: names capitalised
    even when they are ordinary words (countries and their demonyms, multi-word names); ``acronyms``:
    lower-case acronyms ("us", "nato"); ``common``: ordinary lower-case English words; ``role_words``:
    lower-case role nouns whose presence after an acronym marks it as a name ("us forces").
    """

    names: Mapping[str, str]
    always: frozenset[str]
    acronyms: frozenset[str]
    common: frozenset[str]
    role_words: frozenset[str]
    #: Words with ordinary lower-case uses that are not nouns (verbs, adjectives, adverbs, function words):
    #: a name spelled like one ("trump", "said") needs a title before it ("president trump").
    ordinary: frozenset[str] = frozenset()
    #: Function words ("us", "who", "is"): an acronym spelled like one is a name after "the" too.
    function_words: frozenset[str] = frozenset()
    #: Names of people: role nouns right before one are a title and take capitals ("general qassem
    #: soleimani" -> "General Qassem Soleimani").
    people: frozenset[str] = frozenset()


def case_mode(text: str) -> str | None:
    """``"upper"`` when the cased letters are nearly all capitals, ``"lower"`` when nearly no word starts
    with a capital, else None (mixed case: leave it)."""
    upper = lower = 0
    for c in text:
        if c.isupper():
            upper += 1
        elif c.islower():
            lower += 1
    if upper + lower < 6:
        return None
    if lower <= _UPPER_LINE * (upper + lower):
        return "upper" if len(_WORD.findall(text)) >= 2 else None
    words = _WORD.findall(text)
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if len(cased) >= 4 and sum(w[0].isupper() for w in cased) <= _LOWER_SHARE * len(cased):
        return "lower"
    return None


class Truecaser:
    """Build once (from ``CaseNames`` and an optional place lookup), then ``truecase`` many texts."""

    def __init__(self, names: CaseNames, *,
                 places: Callable[[set[str]], Mapping[str, str]] | None = None,
                 regions: Mapping[str, str] | None = None) -> None:
        """``places``: maps lower-case candidate names (runs joined by one space) to their cased form, for
        those the gazetteer knows and allows (see ``Pipeline``); ``regions``: the same for the states and
        provinces a dateline names after its town, with their abbreviations ("fla" -> "Fla.", "n c" -> "N.C.")."""
        self.names = names
        self._places = places
        self._regions = regions or {}
        self._first_runs = frozenset(key.split(" ", 1)[0] for key in names.names)

    def truecase(self, text: str) -> str:
        """``text`` with capitals restored where it is mostly lower case or in capitals; same length, and the
        text itself when nothing is to change. Never raises on odd text (empty, emoji, RTL, zero-width)."""
        if not text:
            return text
        article = case_mode(text)
        out: list[str] | None = None
        position = 0
        lines = text.split("\n")
        modes = [case_mode(line) or ("lower" if article == "lower" else None) for line in lines]
        surnames = self._titled_surnames([line for line, mode in zip(lines, modes, strict=True) if mode is not None])
        for line, mode in zip(lines, modes, strict=True):
            if mode is not None and any(c.isalpha() for c in line):
                if out is None:
                    out = list(text)
                out[position:position + len(line)] = self._segment(line, mode, surnames)
            elif (dateline := _dateline_words(line)):
                if out is None:
                    out = list(text)
                for start, end in dateline:
                    if line[start:end].lower() not in self.names.acronyms:  # "NATO —" stays
                        out[position + start:position + end] = line[start] + line[start + 1:end].lower()
            position += len(line) + 1
        if out is None:
            return text
        result = "".join(out)
        return result if len(result) == len(text) else text

    # ------------------------------------------------------------------------------------------ one line
    def _segment(self, line: str, mode: str, surnames: frozenset[str] = frozenset()) -> list[str]:
        chars = list(line)
        if mode == "upper":
            chars = [_lower(c) for c in chars]
        low = "".join(chars)
        runs = [(m.start(), m.end(), m.group()) for m in _RUN.finditer(low)]
        done = bytearray(len(runs))  # runs already given a name's capitals
        self._apply_names(chars, low, runs, done)
        if self._places is not None:
            self._apply_places(chars, low, runs, done)
        for i, n in self._titled_names(low, runs, done):  # the name, and an abbreviated title before it
            for k in range(i, i + n):
                _capitalise(chars, runs[k][0])
                done[k] = 1
        for i, run in enumerate(runs):
            if not done[i] and run[2] in surnames:
                _capitalise(chars, run[0])
                done[i] = 1
        self._apply_words(chars, low, runs, done)
        self._apply_sentence_starts(chars, low, runs)
        self._apply_dateline(chars, low)
        return chars

    def _titled_names(self, low: str, runs: list[tuple[int, int, str]], done: bytearray) -> list[tuple[int, int]]:
        """(first run, run count) of the names a role noun carries as a title ("lyon prosecutor nicolas heitz",
        "mayor jane doakes", "the prosecutor, remy heitz, said") or has in apposition before it ("remy heitz,
        the prosecutor,"): up to three runs next to the role noun that are no verb, adjective, adverb, function
        word or role noun, the last of them no English word at all ("police station", "mayor john bell" are
        left as they are: "bell" is a word)."""
        names = self.names
        found = []
        for i, run in enumerate(runs):
            if done[i] or run[2] not in names.role_words:
                continue
            before = self._name_before_role(low, runs, done, i)
            if before is not None:
                found.append(before)
            # "prosecutor nicolas heitz", "capt. marc mcmanus", "the prosecutor, remy heitz, said"
            gap = low[run[1]:runs[i + 1][0]] if i + 1 < len(runs) else ""
            apposition = gap == ", "
            if gap != " " and not apposition and not (gap == ". " and run[2] in _ABBREVIATIONS):
                continue
            j = i + 1
            while (j < len(runs) and j - i <= _TITLED_NAME_RUNS and not done[j] and len(runs[j][2]) > 2 and runs[j][2].isalpha()
                   and (j == i + 1 or low[runs[j - 1][1]:runs[j][0]] == " ")
                   and not known_word(runs[j][2], names.ordinary) and runs[j][2] not in names.role_words):
                j += 1
            while j > i + 1 and known_word(runs[j - 1][2], names.common):
                j -= 1
            if apposition and (j - i - 1 < 2 or not low[runs[j - 1][1]:].startswith(",")):
                continue  # in apposition, a name of two words or more closed by a comma
            if j > i + 1:
                title = gap == ". "  # an abbreviated title takes capitals too ("capt. marc mcmanus")
                found.append((i + 1 - title, j - i - 1 + title))
        return found

    def _name_before_role(self, low: str, runs: list[tuple[int, int, str]], done: bytearray,
                          i: int) -> tuple[int, int] | None:
        """A name of two or three runs in apposition before the role noun ``runs[i]``: "remy oduya, the chief
        prosecutor,", "tamsin okoro, a mother of seven," (up to three words between the comma and the noun)."""
        names = self.names
        c = i
        while c > 0 and i - c < 3 and low[runs[c - 1][1]:runs[c][0]] == " ":
            c -= 1
        if c == 0 or low[runs[c - 1][1]:runs[c][0]] != ", ":
            return None
        end = c  # the name is runs[k:end]
        k = end
        while (k > 0 and end - k < _TITLED_NAME_RUNS and not done[k - 1] and len(runs[k - 1][2]) > 2 and runs[k - 1][2].isalpha()
               and (k == end or low[runs[k - 1][1]:runs[k][0]] == " ")
               and not known_word(runs[k - 1][2], names.ordinary) and runs[k - 1][2] not in names.role_words):
            k -= 1
        if end - k < 2 or known_word(runs[end - 1][2], names.common):
            return None
        return k, end - k

    def _titled_surnames(self, lines: list[str]) -> frozenset[str]:
        """Surnames of the names role nouns carry anywhere in ``lines``: "heitz said" takes capitals too."""
        out = set()
        for low in (line.lower() for line in lines):
            runs = [(m.start(), m.end(), m.group()) for m in _RUN.finditer(low)]
            out.update(runs[i + n - 1][2] for i, n in self._titled_names(low, runs, bytearray(len(runs))))
        return frozenset(out)

    def _apply_dateline(self, chars: list[str], low: str) -> None:
        """A dateline opening the line ("gainesville, fla. (wjbf) - one person..."): its town title-cased, its
        state or country in its own capitals, the agency in capitals and the word after the dash capitalised
        as a sentence start, as a mixed-case dateline reads. Only when the state or country is one the
        truecaser knows, so "he said, so - ..." stays as it is."""
        m = _LOWER_DATELINE.match(low)
        if m is None:
            return
        place = _RUN.findall(m["place"])
        region = " ".join(_RUN.findall(m["region"]))
        form = self._regions.get(region) or (self.names.names.get(region) if region in self.names.always else None)
        if form is None or any(word in self.names.function_words for word in place):
            return
        for run in _RUN.finditer(low, m.start("place"), m.end("place")):
            _capitalise(chars, run.start())
        region_runs = [(r.start(), r.end(), r.group()) for r in _RUN.finditer(low, m.start("region"), m.end("region"))]
        _copy_case(chars, region_runs, form)
        if m["agency"]:
            for k in range(m.start("agency"), m.end("agency")):
                _capitalise(chars, k)
        if m.end() < len(chars):
            _capitalise(chars, m.end())

    def _apply_names(self, chars: list[str], low: str, runs: list[tuple[int, int, str]], done: bytearray) -> None:
        names = self.names
        i = 0
        while i < len(runs):
            if runs[i][2] not in self._first_runs or done[i]:
                i += 1
                continue
            matched = 0
            for n in range(min(_MAX_NAME_RUNS, len(runs) - i), 0, -1):
                if not _joined(low, runs, i, n):
                    continue
                key = " ".join(r[2] for r in runs[i:i + n])
                form = names.names.get(key)
                if form is not None and self._name_is_safe(key, low, runs, i, n):
                    _copy_case(chars, runs[i:i + n], form)
                    done[i:i + n] = b"\x01" * n
                    matched = n
                    if key in names.people:
                        self._title_before(chars, low, runs, done, i)
                    break
            i += matched or 1

    def _title_before(self, chars: list[str], low: str, runs: list[tuple[int, int, str]], done: bytearray,
                      i: int) -> None:
        """Role nouns right before a person's name are a title: "prime minister adil abdul mahdi"."""
        j = i - 1
        while j >= 0 and i - j <= 3 and not done[j] and runs[j][2] in self.names.role_words \
                and runs[j][2] not in self.names.function_words and low[runs[j][1]:runs[j + 1][0]] == " ":
            _capitalise(chars, runs[j][0])
            done[j] = 1
            j -= 1

    def _name_is_safe(self, key: str, low: str, runs: list[tuple[int, int, str]], i: int, n: int) -> bool:
        names = self.names
        if key in names.acronyms and n == 1 and (key in names.common or len(key) <= 2
                                                  or (len(key) == 3 and low[runs[i][1]:runs[i][1] + 1] == ".")):
            return _acronym_context(low, runs, i, names, after_the=key in names.function_words
                                    or key not in names.common)
        if key in names.always or n > 1:
            return True
        if known_word(key, names.ordinary):  # "president trump", not "to trump the rules"
            return i > 0 and runs[i - 1][2] in names.role_words and runs[i - 1][2] not in names.function_words
        return True

    def _apply_places(self, chars: list[str], low: str, runs: list[tuple[int, int, str]], done: bytearray) -> None:
        assert self._places is not None
        wanted: dict[str, list[tuple[int, int]]] = {}
        for i in range(len(runs)):
            for n in range(1, 6):
                if i + n > len(runs) or any(done[i:i + n]) or not _joined(low, runs, i, n):
                    break
                key = " ".join(r[2] for r in runs[i:i + n])
                if not key.isdigit():
                    wanted.setdefault(key, []).append((i, n))
        if not wanted:
            return
        found = self._places(set(wanted))
        for key in sorted(found, key=lambda k: -len(k)):  # longer names first
            for i, n in wanted[key]:
                if not any(done[i:i + n]):
                    _copy_case(chars, runs[i:i + n], found[key])
                    done[i:i + n] = b"\x01" * n

    @staticmethod
    def _apply_words(chars: list[str], low: str, runs: list[tuple[int, int, str]], done: bytearray) -> None:
        for i, (start, end, word) in enumerate(runs):
            if done[i]:
                continue
            if word == "i" and _standalone_i(low, start, end):
                chars[start] = "I"
            elif word in _MONTHS or word in _DAYS or (word in _AMBIGUOUS_MONTHS and _near_number(runs, i)):
                _capitalise(chars, start)

    @staticmethod
    def _apply_sentence_starts(chars: list[str], low: str, runs: list[tuple[int, int, str]]) -> None:
        line_start = _LINE_START.match(low)
        starts = {line_start.end() if line_start else 0}
        ends = [run[1] for run in runs]
        for m in _SENTENCE_END.finditer(low):
            before = _run_before(ends, runs, m.start())
            if before is not None and (before[2] in _ABBREVIATIONS or len(before[2]) == 1):
                continue
            starts.add(m.end())
        for position in starts:
            if position < len(chars) and chars[position].islower():
                _capitalise(chars, position)


def known_word(word: str, words: frozenset[str]) -> bool:
    """``word`` or its stem by a regular English ending (-s, -es, -ed, -d, -ing) is in ``words``."""
    if word in words:
        return True
    for ending, stems in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("d", ("",)),
                          ("ing", ("", "e"))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)]
            if any(base + stem in words for stem in stems):
                return True
    return False


def build_case_names(*, dictionary_forms: Iterable[tuple[str, str]], common: Iterable[str],
                     role_words: Iterable[str], ordinary: Iterable[str] = (),
                     function_words: Iterable[str] = ()) -> CaseNames:
    """``CaseNames`` from (form, kind) pairs: ``kind`` is the actor kind (country, demonym, people, capital,
    org, organization, group, person). Forms without a capital letter are not names and are skipped."""
    names: dict[str, str] = {}
    always: set[str] = set()
    acronyms: set[str] = set()
    people: set[str] = set()
    for form, kind in dictionary_forms:
        if not any(c.isupper() for c in form):
            continue
        runs = _RUN.findall(form)
        if not runs:
            continue
        key = " ".join(r.lower() for r in runs)
        if key in names and names[key] != form and kind not in ("country", "demonym", "people", "capital", "territory"):
            continue
        names[key] = form
        if kind == "person":
            people.add(key)
        letters = [c for c in form if c.isalpha()]
        if all(c.isupper() for c in letters) and len(letters) <= 5:
            acronyms.add(key)
        elif kind in ("country", "demonym", "people", "capital", "territory"):
            always.add(key)
    function = frozenset(function_words)
    return CaseNames(names, frozenset(always), frozenset(acronyms), frozenset(common),
                     frozenset(role_words) - function, frozenset(ordinary), function, frozenset(people))


# ---------------------------------------------------------------------------------------------- helpers
def _dateline_words(line: str) -> list[tuple[int, int]]:
    """(start, end) of the words in capitals of a dateline opening ``line`` (see ``_DATELINE``); abbreviations
    with dots ("D.C.", "N.Y.") and short acronyms are left as they are."""
    m = _DATELINE.match(line)
    if m is None or not m.group(1)[:2].isupper():
        return []
    return [(w.start() + m.start(1), w.end() + m.start(1)) for w in _CAPS_WORD.finditer(m.group(1))
            if w.end() - w.start() >= 3 and not m.group(1)[w.end():w.end() + 1] == "."]


def _lower(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


def _capitalise(chars: list[str], position: int) -> None:
    up = chars[position].upper()
    if len(up) == 1:
        chars[position] = up


def _copy_case(chars: list[str], runs: list[tuple[int, int, str]], form: str) -> None:
    """Give the text's runs the capitals of ``form``'s runs (same letters, only case changes)."""
    form_runs = _RUN.findall(form)
    if len(form_runs) != len(runs):
        return
    for (start, end, word), cased in zip(runs, form_runs, strict=True):
        if len(cased) != end - start or cased.lower() != word:
            continue
        for offset, c in enumerate(cased):
            if c.isupper():
                _capitalise(chars, start + offset)


def _joined(low: str, runs: list[tuple[int, int, str]], i: int, n: int) -> bool:
    """The runs ``i .. i+n-1`` are separated only by what may separate the parts of one name."""
    return all(_NAME_GAP.fullmatch(low[runs[j][1]:runs[j + 1][0]]) for j in range(i, i + n - 1))


# Acronyms spelled like a verb: a name before a role noun only when the noun is plural ("is fighters").
_VERB_ACRONYMS = lexicon("text", "verb_acronyms")
# Relative pronouns spelled like an acronym ("who"): after a comma or a noun of people they open a clause.
_RELATIVE = lexicon("events", "relative_pronouns")


def _acronym_context(low: str, runs: list[tuple[int, int, str]], i: int, names: CaseNames, *,
                     after_the: bool) -> bool:
    """An acronym that is also a word ("us", "who", "car"), of two letters, or of three written like an
    abbreviation ("fla." is Florida, not the FLA) is a name before a hyphen ("us-led"), a role
    noun ("us forces", "un security council") or "and"/"or" and a country ("us or iraqi personnel"), and,
    when it is a function word ("us", "who") or no word at all ("un"), after "the" ("the us said"; "the
    car" stays a car)."""
    end = runs[i][1]
    if low[end:end + 1] == "-":
        return True
    if after_the and i > 0 and runs[i - 1][2] == "the" and low[runs[i - 1][1]:runs[i][0]].strip() == "":
        return True
    following = [run[2] for run in runs[i + 1:i + 3]]
    if runs[i][2] in _RELATIVE and i > 0 and (low[runs[i - 1][1]:runs[i][0]].strip() == ","
                                              or runs[i - 1][2] in names.role_words):
        return False  # "the man who police said fired", "Smith, who officials say ...": the relative pronoun
    if following[:1] and low[end:runs[i + 1][0]].strip() == "" and following[0] in names.role_words:
        # "is" before a singular role noun is the verb ("he is associate director"); "is fighters" the group
        return runs[i][2] not in _VERB_ACRONYMS or following[0].endswith("s")
    return len(following) == 2 and following[0] in ("and", "or") and following[1] in names.always


def _standalone_i(low: str, start: int, end: int) -> bool:
    """The pronoun: "i" alone or before an apostrophe ("i'm"), not part of "i.e." or a list marker."""
    after = low[end:end + 1]
    return after in ("", " ", "'", "’", ",", "\t") and not low[max(0, start - 1):start].isalnum()


def _near_number(runs: list[tuple[int, int, str]], i: int) -> bool:
    return any(0 <= j < len(runs) and runs[j][2].isdigit() for j in (i - 1, i + 1))


def _run_before(ends: list[int], runs: list[tuple[int, int, str]], position: int) -> tuple[int, int, str] | None:
    """The last run that ends at or before ``position`` (``ends``: the runs' ends, ascending)."""
    index = bisect_right(ends, position) - 1
    return runs[index] if index >= 0 else None


def in_original_words(mentions: list[EventMention], parsed: str, original: str) -> list[EventMention]:
    """Mentions coded from a truecased copy, with their words taken back from the original text (the
    copy has the same length, so the offsets are the same)."""
    if parsed == original or len(parsed) != len(original):
        return mentions

    def words(span: Any) -> Any:
        return None if span is None else replace(span, text=original[span.start:span.end])

    return [
        replace(m, sentence=original[m.sentence_start:m.sentence_start + len(m.sentence)],
                trigger=words(m.trigger), source=words(m.source), target=words(m.target),
                attributed_to=words(m.attributed_to), date_evidence=words(m.date_evidence))
        for m in mentions
    ]
