"""Truecasing (eventwire.textcase): lower-case and all-caps text gets its capitals back, same length, and
the pipeline codes it like mixed case. Sentences written here."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventwire.textcase import Truecaser, build_case_names, case_mode, known_word

FORMS = [("Iran", "country"), ("Iranian", "demonym"), ("Iraq", "country"), ("Iraqi", "demonym"),
         ("Turkey", "country"), ("US", "country"), ("U.S.", "country"), ("United States", "country"),
         ("NATO", "organization"), ("WHO", "organization"), ("CAR", "country"), ("UN", "organization"),
         ("Hezbollah", "group"), ("Qassem Soleimani", "person"), ("Trump", "person"),
         ("Donald Trump", "person"), ("al-Qaeda", "group"), ("IS", "group")]
COMMON = {"the", "us", "who", "car", "turkey", "trump", "said", "forces", "general", "and", "or", "it", "is",
          "blamed", "met", "were", "reported", "fled", "named", "was", "freed", "say", "members", "college"}
ORDINARY = {"the", "us", "who", "trump", "said", "and", "or", "it", "is", "blamed", "met", "were", "reported", "fled",
            "named", "was", "freed", "say", "members", "college"}
FUNCTION = {"the", "us", "who", "and", "or", "it", "is"}
ROLES = {"forces", "troops", "general", "president", "military", "security", "council", "officials", "and",
         "fighters", "lecturer"}


@pytest.fixture(scope="module")
def truecaser() -> Truecaser:
    names = build_case_names(dictionary_forms=FORMS, common=COMMON, role_words=ROLES, ordinary=ORDINARY,
                             function_words=FUNCTION)
    places = {"erbil": "Erbil", "anbar": "Anbar"}
    return Truecaser(names, places=lambda keys: {k: places[k] for k in keys if k in places})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("iran fired missiles at us forces in erbil. the us said nothing.",
         "Iran fired missiles at US forces in Erbil. The US said nothing."),
        ("IRAN FIRED MISSILES AT US FORCES IN ERBIL", "Iran fired missiles at US forces in Erbil"),
        ("they told us that the car exploded near the who office.",
         "They told us that the car exploded near the WHO office."),
        ("the u.s. military blamed hezbollah and al-qaeda on monday.",
         "The U.S. military blamed Hezbollah and al-Qaeda on Monday."),
        ("a strike killed general qassem soleimani, president trump said.",
         "A strike killed General Qassem Soleimani, President Trump said."),
        ("plans to trump the deal in turkey failed. i think so.",
         "Plans to trump the deal in Turkey failed. I think so."),
        ("nato and un security council members met on may 5.",
         "NATO and UN security council members met on May 5."),
        ("no casualties among us or iraqi troops were reported.",
         "No casualties among US or Iraqi troops were reported."),
        # "is" before a singular role noun is the verb; before a plural one, the group
        ("the man is lecturer at a college. is fighters fled.", "The man is lecturer at a college. IS fighters fled."),
    ],
)
def test_truecasing_restores_capitals(truecaser, text, expected):
    assert truecaser.truecase(text) == expected


def test_mixed_case_text_is_left_alone(truecaser):
    text = "Iran said the us embassy was closed. The army of iraq answered."
    assert truecaser.truecase(text) is text


def test_an_all_caps_headline_is_truecased_inside_a_mixed_case_article(truecaser):
    text = "IRAN STRIKES US FORCES IN IRAQ\nIran fired missiles on Wednesday at bases in Iraq."
    assert truecaser.truecase(text) == "Iran strikes US forces in Iraq\nIran fired missiles on Wednesday at bases in Iraq."


def test_a_lower_case_article_is_truecased_line_by_line(truecaser):
    text = "iran fired\n\nthe us answered on monday and iraq protested to the un"
    assert truecaser.truecase(text) == "Iran fired\n\nThe US answered on Monday and Iraq protested to the UN"


def test_case_mode():
    assert case_mode("THE ARMY SEIZED POWER IN THE CAPITAL") == "upper"
    assert case_mode("the army seized power in the capital on monday") == "lower"
    assert case_mode("The army seized power in Niamey on Monday") is None
    assert case_mode("OK") is None
    assert case_mode("") is None


def test_known_word_strips_regular_endings():
    words = frozenset({"kill", "arrive", "city", "begin"})
    assert all(known_word(w, words) for w in ("kills", "killed", "killing", "arrived", "arriving", "cities"))
    assert not known_word("erbil", words)


ODD = ["", " ", "\n\n", "🙂🙂 iran 🙂", "إيران أطلقت صواريخ", "iran\u200bfired\u200d at us", "İSTANBUL ŞEHRİ",
       "STRASSE ß ǅ ǈ", "ﬁ ﬂ", "\x00\x01 the us", "a" * 5000, "U.S." * 300, "i", "I. I. I.", "?!.", "\t\r\n"]


@pytest.mark.parametrize("text", ODD)
def test_odd_text_never_raises_and_keeps_its_length(truecaser, text):
    for variant in (text, text.lower(), text.upper()):
        out = truecaser.truecase(variant)
        assert len(out) == len(variant)
        assert all(a == b or a.lower() == b.lower() or a.upper() == b.upper() for a, b in zip(out, variant, strict=True))


def test_random_text_keeps_length_and_letters(truecaser):
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:!?'-\n0123456789éüßİı\u200b🙂ش"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        for variant in (text, text.lower(), text.upper()):
            out = truecaser.truecase(variant)
            assert len(out) == len(variant)
            assert all(a == b or a.lower() == b.lower() or a.upper() == b.upper()
                       for a, b in zip(out, variant, strict=True))


# --- with the pipeline (the spaCy model) ----------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _triples(mentions) -> Counter:
    seen = {(m.sentence_index, m.trigger.start, m.source and m.source.code, m.cameo, m.target and m.target.code):
            (m.source and m.source.code, m.cameo_root, m.target and m.target.code) for m in mentions}
    return Counter(seen.values())


@pytest.mark.slow
def test_examples_in_lower_and_upper_case_keep_90_percent_of_the_triples():
    import eventwire
    from eventwire import Article
    from eventwire.ingest import read_inputs

    pipeline = eventwire.Pipeline(eventwire.Settings(dates=False, places=False))
    articles = [a for a in read_inputs([EXAMPLES]) if isinstance(a, Article)]
    assert len(articles) >= 5

    def code(change) -> dict[str, Counter]:
        changed = [Article(id=a.id, text=change(a.text), date=a.date) for a in articles]
        return {r.article.id: _triples(r.mentions) for r in pipeline.code(changed)}

    mixed = code(str)
    total = sum(sum(c.values()) for c in mixed.values())
    assert total >= 50
    for change in (str.lower, str.upper):
        other = code(change)
        kept = sum(sum((mixed[i] & other[i]).values()) for i in mixed)
        assert kept / total >= 0.9, (change.__name__, kept, total)
    untouched = eventwire.Pipeline(eventwire.Settings(dates=False, places=False, truecase=False))
    lower = [Article(id=a.id, text=a.text.lower(), date=a.date) for a in articles]
    without = {r.article.id: _triples(r.mentions) for r in untouched.code(lower)}
    assert sum(sum((mixed[i] & without[i]).values()) for i in mixed) / total < 0.5  # the switch does the work


@pytest.mark.slow
def test_mentions_of_truecased_text_quote_the_original_words():
    import eventwire

    text = "iranian forces fired missiles at us troops in iraq, the pentagon said on wednesday."
    mentions = eventwire.code_text(text, date=date(2020, 1, 8))
    assert mentions
    for m in mentions:
        assert m.sentence == text[m.sentence_start:m.sentence_start + len(m.sentence)]
        assert m.trigger.text == text[m.trigger.start:m.trigger.end]
        for actor in (m.source, m.target):
            if actor is not None:
                assert actor.text == text[actor.start:actor.end]
    assert any(m.source and m.source.code == "IRNMIL" and m.target and m.target.code == "USAMIL" for m in mentions)


@pytest.mark.slow
def test_a_batch_of_odd_texts_codes_without_raising():
    """Truecasing and the actor context on text that is empty, emoji, RTL, zero-width, shouted or a bare
    dateline: every article gets a result, no exception stops the batch."""
    import eventwire
    from eventwire import Article

    odd = ["", " ", "🙂🙂🙂", "إيران أطلقت صواريخ على القوات الأمريكية", "IRAN\u200b FIRED\u200d MISSILES",
           "BAGHDAD (Reuters) -", "LIMA -", "police police police", "CONGO CONGO CONGO", "gaza\u200f's ministry",
           "\u202eTHE ARMY SEIZED POWER\u202c", "i i i. u.s. u.n. — the us", "ǅ ǈ ß İ ı ﬁ", "x" * 3000,
           "THE ARMY SEIZED POWER IN NIAMEY AND DETAINED THE PRESIDENT.\nsoldiers closed the borders."]
    pipeline = eventwire.Pipeline(eventwire.Settings(dates=False))
    articles = [Article(id=f"odd{i}", text=text, date=date(2023, 7, 27)) for i, text in enumerate(odd)]
    results = list(pipeline.code(articles))
    assert [r.article.id for r in results] == [a.id for a in articles]
    for result in results:
        for m in result.mentions:
            assert result.article.text[m.trigger.start:m.trigger.end] == m.trigger.text


def test_dateline_in_capitals_is_title_cased_in_a_mixed_case_line():
    # Written for this test: wire datelines with the state in capitals, in mixed case or abbreviated.
    from eventwire.textcase import _dateline_words

    line = "DAYTON, OHIO — Police said on Sunday."
    assert [line[a:b] for a, b in _dateline_words(line)] == ["DAYTON", "OHIO"]
    line = "SAN DIEGO, Calif. (AP) -- A man was held."
    assert [line[a:b] for a, b in _dateline_words(line)] == ["SAN", "DIEGO"]
    assert _dateline_words("WASHINGTON, D.C. - Police said.") == [(0, 10)]
    assert _dateline_words("NATO said on Monday - it seems.") == []
    assert _dateline_words("The US and UK - allies.") == []


def test_truecaser_title_cases_a_dateline_and_keeps_the_length(truecaser):
    text = "Iran said so.\nDAYTON, OHIO — Police arrested two men on Sunday.\nNATO — The alliance met."
    out = truecaser.truecase(text)
    assert len(out) == len(text)
    assert out.split("\n")[1].startswith("Dayton, Ohio — Police")


def test_a_lower_case_dateline_gets_its_capitals_back():
    # Written for this test: local-news datelines that lost their case, in lower case and in capitals.
    names = build_case_names(dictionary_forms=FORMS, common=COMMON, role_words=ROLES, ordinary=ORDINARY,
                             function_words=FUNCTION)
    regions = {"fla": "Fla.", "n c": "N.C.", "ga": "GA", "ohio": "Ohio", "wis": "Wis."}
    caser = Truecaser(names, regions=regions)
    cases = [
        ("ocala, fla. - a man was wounded at a gas station on sunday, police said.",
         "Ocala, Fla. - A man was wounded at a gas station on Sunday, police said."),
        ("MACON, GA (WXYZ) – A WOMAN WAS SHOT OUTSIDE A STORE.", "Macon, GA (WXYZ) – A woman was shot outside a store."),
        ("east lake, n.c. — two teens were arrested after the robbery.",
         "East Lake, N.C. — Two teens were arrested after the robbery."),
        ("GREEN BAY, WIS. -\n\nA DEPUTY FIRED AT THE DRIVER.", "Green Bay, Wis. -\n\nA deputy fired at the driver."),
    ]
    for text, expected in cases:
        assert caser.truecase(text) == expected
    # a comma and a dash without a known state or country after the comma is no dateline
    for text in ("the man, he said - was not hurt by anyone here.", "police said, and so - nobody was hurt there."):
        assert caser.truecase(text) == text[0].upper() + text[1:]


def test_lower_case_dateline_gives_role_nouns_the_country_as_in_mixed_case():
    # Written for this test: the state after the town says which country "police" belong to.
    from eventwire import Article, Pipeline, Settings

    pipeline = Pipeline(Settings(dates=False))
    text = "PORTLAND, Ore. - Police arrested a man after a woman was shot outside a bar on Friday."
    codes = {}
    for variant in (text, text.lower(), text.upper()):
        (result,) = pipeline.code([Article(id="t", text=variant, date=date(2021, 3, 5))])
        codes[variant] = {(m.source.code if m.source else "-", m.cameo_root) for m in result.mentions}
    assert ("USACOP", "17") in codes[text]
    assert codes[text.lower()] == codes[text] == codes[text.upper()]


def test_who_after_a_comma_or_a_noun_of_people_is_the_relative_pronoun(truecaser):
    # Written for this test: "who" opening a relative clause whose subject is a role noun, and the WHO.
    assert truecaser.truecase("the lecturer who officials named was freed.") == "The lecturer who officials named was freed."
    assert truecaser.truecase("hassan, who officials say fled, is missing.") == "Hassan, who officials say fled, is missing."
    assert truecaser.truecase("who officials said the outbreak was over.") == "WHO officials said the outbreak was over."
