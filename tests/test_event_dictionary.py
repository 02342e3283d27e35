"""The verb/noun event dictionaries: validation errors name file and line; spot checks of the content."""

from __future__ import annotations

import pytest

from eventwire.errors import DictionaryError
from eventwire.events.dictionary import EventDictionary, load_event_dictionary, parse_event_files
from eventwire.ontology import load_ontology


@pytest.fixture(scope="module")
def ed() -> EventDictionary:
    return load_event_dictionary()


def _codes(entries) -> set[str | None]:
    return {e.code for e in entries}


def _all_codes(ed: EventDictionary) -> set[str]:
    codes: set[str] = set()
    for entry in (*ed.verbs, *ed.nouns):
        if entry.code is not None:
            codes.add(entry.code)
        codes |= {p.code for p in entry.patterns}
    return codes


def test_loads_and_is_cached(ed):
    assert load_event_dictionary() is ed
    assert len(ed.verb_lemmas()) >= 600
    assert len(ed.noun_lemmas()) >= 150


def test_every_code_is_in_the_ontology(ed):
    onto = load_ontology()
    maps = (*ed.intent_codes.values(), *ed.threat_codes.values(), *ed.speech_codes.values())
    assert all(code in onto for code in (*_all_codes(ed), *maps))


def test_all_20_roots_reachable(ed):
    roots = {code[:2] for code in _all_codes(ed)}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_entries_carry_file_and_line(ed):
    (attack,) = [e for e in ed.verbs_for("attack") if e.code == "190"]
    assert attack.file == "verbs.yaml"
    assert attack.line > 0
    assert all(p.line > 0 for e in ed.verbs for p in e.patterns)


def test_attack_is_190(ed):
    assert "190" in _codes(ed.verbs_for("attack"))
    assert "190" in _codes(ed.verbs_for("Attack"))


def test_strike_verb_is_attack_with_weapon_and_deal_refinements(ed):
    entries = ed.verbs_for("strike")
    assert "190" in _codes(entries)
    patterns = [p for e in entries for p in e.patterns]
    assert any(p.code == "195" and p.pobj and "missiles" in p.pobj for p in patterns)
    assert any(p.code == "057" and p.obj and "deal" in p.obj for p in patterns)


def test_urge_is_a_speech_appeal(ed):
    (urge,) = ed.verbs_for("urge")
    assert urge.kind == "speech"
    assert urge.code is not None
    assert urge.code.startswith("02")
    restraint = [p for p in urge.patterns if p.obj and "restraint" in p.obj]
    assert restraint
    assert restraint[0].code == "0256"


def test_call_for_and_call_on_are_appeals(ed):
    (call,) = ed.verbs_for("call")
    assert call.code is None  # a bare "call" is not an appeal
    assert any(p.prep == "for" and p.code == "020" for p in call.patterns)
    assert any(p.prep == "on" and p.code == "020" for p in call.patterns)


def test_speech_verbs(ed):
    expected = {
        "say": "010",
        "demand": "100",
        "accuse": "112",
        "condemn": "111",
        "deny": "016",
        "praise": "051",
        "apologize": "055",
        "threaten": "130",
        "reject": "120",
    }
    for lemma, code in expected.items():
        entries = ed.verbs_for(lemma)
        assert code in _codes(entries), lemma
        assert all(e.kind == "speech" for e in entries if e.code == code), lemma


def test_agree_is_intent_not_050(ed):
    (agree,) = ed.verbs_for("agree")
    assert agree.kind == "intent"
    assert agree.code == "030"
    assert ed.intent_codes["04"] == "036"
    assert ed.threat_codes["19"] == "138"
    assert ed.speech_codes["appeal"] == "020"


def test_blocks_without_defaults_are_fixed(ed):
    assert "120" in _codes(ed.verbs_for("refuse"))
    assert "190" in _codes(ed.verbs_for("injure"))
    assert _codes(ed.verbs_for("hold")) == {None}  # only patterns / light use
    assert {e.kind for e in ed.verbs_for("hold")} == {"action", "light"}


def test_hand_over_is_a_particle_pattern(ed):
    patterns = [p for e in ed.verbs_for("hand") for p in e.patterns]
    assert any(p.particle == "over" and p.code.startswith("08") for p in patterns)


def test_airstrike_noun_is_195(ed):
    assert _codes(ed.nouns_for("airstrike")) == {"195"}
    assert _codes(ed.nouns_for("airstrikes")) == {"195"}


def test_strike_noun_depends_on_modifier(ed):
    (strike,) = ed.nouns_for("strikes")
    assert strike.code is None
    by_code = {p.code for p in strike.patterns if p.modifiers and "missile" in p.modifiers}
    assert by_code == {"195"}
    assert any(p.code == "142" and p.modifiers == frozenset({"hunger"}) for p in strike.patterns)
    assert any(p.code == "143" and p.modifiers and "general" in p.modifiers for p in strike.patterns)


@pytest.mark.parametrize("word", ["sanction", "sanctions"])
def test_sanctions_noun_is_163(ed, word):
    assert "163" in _codes(ed.nouns_for(word))


def test_symmetric_nouns(ed):
    assert all(e.symmetric for e in ed.nouns_for("talks"))
    assert all(e.symmetric for e in ed.nouns_for("clashes"))


def test_arrest_has_implicit_police_source(ed):
    (arrest,) = ed.verbs_for("arrest")
    assert arrest.code == "173"
    assert arrest.implicit_source == "COP"
    assert {e.implicit_source for e in ed.verbs_for("sentence") if e.code} == {"JUD"}


@pytest.mark.parametrize(
    "lemma", ["have", "be", "win", "go", "make", "take", "see", "come", "rise", "fall", "score", "play"]
)
def test_common_non_event_verbs_have_no_default(ed, lemma):
    assert all(e.code is None for e in ed.verbs_for(lemma))


def test_synsets_expand_and_nest(ed):
    assert "missile" in ed.synset("WEAPON_AIR")
    assert ed.synset("$WEAPON") >= ed.synset("WEAPON_AIR") | ed.synset("WEAPON_SMALL")
    assert ed.synset("NO_SUCH_SET") == frozenset()


def test_on_and_off_are_words_not_booleans(ed):
    (call,) = ed.verbs_for("call")
    assert {p.particle for p in call.patterns if p.particle} >= {"off", "up"}
    assert "on" in {p.prep for p in call.patterns}


# ---------------------------------------------------------------- validation errors


def _write(tmp_path, text: str):
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = _write(tmp_path, 'verbs:\n  - lemmas: [bomb]\n    code: "195\n')
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.path == str(path)
    assert info.value.line is not None
    assert info.value.line >= 2
    assert str(path) in str(info.value)


def test_unknown_code_is_e110_with_line(tmp_path):
    path = _write(tmp_path, 'verbs:\n  - lemmas: [bomb]\n    code: "199"\n')
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.code == "E110"
    assert f"{path}:2" in str(info.value)


def test_unquoted_code_is_rejected(tmp_path):
    path = _write(tmp_path, "verbs:\n  - lemmas: [bomb]\n    code: 190\n")
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.code == "E110"


def test_unknown_key_is_e111(tmp_path):
    path = _write(tmp_path, 'verbs:\n  - lemmas: [bomb]\n    code: "195"\n    colour: red\n')
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.code == "E111"
    assert info.value.line == 2


def test_unknown_synset_is_e112(tmp_path):
    text = 'verbs:\n  - lemmas: [bomb]\n    code: null\n    patterns:\n      - {code: "195", obj: $NOPE}\n'
    path = _write(tmp_path, text)
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.code == "E112"
    assert info.value.line == 5


def test_conflicting_defaults_are_e113(tmp_path):
    text = 'verbs:\n  - lemmas: [bomb]\n    code: "195"\n  - lemmas: [bomb, shell]\n    code: "194"\n'
    path = _write(tmp_path, text)
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.code == "E113"
    assert info.value.line == 4


def test_bad_kind_is_e114(tmp_path):
    path = _write(tmp_path, 'verbs:\n  - lemmas: [bomb]\n    code: "195"\n    kind: loud\n')
    with pytest.raises(DictionaryError) as info:
        load_event_dictionary([path])
    assert info.value.code == "E114"


def test_user_file_extends_and_takes_precedence(tmp_path):
    text = (
        "synsets:\n  MY_WEAPONS: [$WEAPON_AIR, loitering-munition]\n"
        'verbs:\n  - lemmas: [zap]\n    code: "195"\n    patterns:\n      - {code: "190", obj: $MY_WEAPONS}\n'
        'nouns:\n  - lemmas: [attack]\n    code: "180"\n'
        'speech_codes:\n  appeal: "021"\n'
    )
    ed = load_event_dictionary([_write(tmp_path, text)])
    (zap,) = ed.verbs_for("zap")
    assert zap.code == "195"
    assert zap.file == "user.yaml"
    assert "loitering-munition" in zap.patterns[0].obj
    assert "missile" in zap.patterns[0].obj
    assert ed.nouns_for("attack")[0].code == "180"  # user entry first
    assert ed.speech_codes["appeal"] == "021"
    assert "190" in _codes(ed.verbs_for("attack"))  # bundled entries still there


def test_parse_event_files_directly():
    ed = parse_event_files([("x.yaml", 'nouns:\n  - lemmas: [Blast]\n    code: "183"\n')])
    assert _codes(ed.nouns_for("blast")) == {"183"}
    assert ed.verbs_for("attack") == ()
