"""The real-text scorers behind `make eval-real` (tools/realeval), on small inputs written here in the
corpora's formats: no devdata is read, no spaCy model is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from realeval import gva, wikievents  # noqa: E402
from realeval.common import triples  # noqa: E402


def _tokens(sentence: str, start: int) -> list[list]:
    out, pos = [], 0
    for word in sentence.split(" "):
        at = sentence.index(word, pos)
        out.append([word, start + at, start + at + len(word)])
        pos = at + len(word)
    return out


def _doc(tmp_path: Path) -> Path:
    """Two sentences in WikiEvents' layout: token offsets count one space between sentences."""
    s0 = "Rebels attacked the army base near the town"
    s1 = "A storm hit the coast"
    t0, t1 = _tokens(s0, 0), _tokens(s1, len(s0) + 1)
    tokens = t0 + t1
    entities = [
        {"id": "d-T1", "sent_idx": 0, "start": 0, "end": 1, "entity_type": "ORG", "text": "Rebels"},
        {"id": "d-T2", "sent_idx": 0, "start": 3, "end": 5, "entity_type": "ORG", "text": "army base"},
    ]
    events = [
        {"id": "d-E1", "event_type": "Conflict.Attack.Unspecified",
         "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
         "arguments": [{"entity_id": "d-T1", "role": "Attacker", "text": "Rebels"},
                       {"entity_id": "d-T2", "role": "Target", "text": "army base"}]},
        {"id": "d-E2", "event_type": "Disaster.Unspecified.Unspecified",
         "trigger": {"start": len(t0) + 2, "end": len(t0) + 3, "text": "hit", "sent_idx": 1}, "arguments": []},
    ]
    raw = {"doc_id": "d", "tokens": [t[0] for t in tokens], "text": s0 + s1,
           "sentences": [[t0, s0], [t1, s1]], "entity_mentions": entities, "relation_mentions": [],
           "event_mentions": events}
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(raw) + "\n", encoding="utf-8")
    return path


def _actor(text: str, start: int, code: str = "XXX") -> SimpleNamespace:
    return SimpleNamespace(code=code, text=text, start=start, end=start + len(text))


def _mention(root: str, trigger: str, at: int, source=None, target=None, sentence: int = 0) -> SimpleNamespace:
    return SimpleNamespace(cameo=root + "0", cameo_root=root, trigger=SimpleNamespace(text=trigger, start=at, end=at + len(trigger)),
                           source=source, target=target, sentence_index=sentence)


@pytest.fixture
def document(tmp_path):
    mapping = wikievents.KairosMapping.load()
    return mapping, wikievents.load_split(_doc(tmp_path), mapping)


def test_sentences_are_joined_by_newlines_and_offsets_follow(document):
    _, (doc,) = document
    assert doc.text == "Rebels attacked the army base near the town\nA storm hit the coast"
    attack, storm = doc.events
    assert doc.text[slice(*attack.trigger)] == "attacked"
    assert doc.text[slice(*storm.trigger)] == "hit"
    assert [doc.text[s:e] for s, e, _ in attack.arguments["source"]] == ["Rebels"]
    assert [doc.text[s:e] for s, e, _ in attack.arguments["target"]] == ["army base"]


def test_out_of_scope_types_are_excluded_and_counted(document):
    mapping, docs = document
    assert docs[0].events[1].roots is None
    result = wikievents.score(docs, {}, mapping)
    assert (result["in_scope"], result["out_of_scope"], result["unmapped"]) == (1, 1, 0)
    assert result["recall"] == {"correct": 0, "total": 1, "value": 0.0}
    assert result["precision"]["total"] == 0


def test_a_mention_of_an_acceptable_root_finds_the_event_and_its_actors_agree(document):
    mapping, docs = document
    text = docs[0].text
    found = _mention("19", "attacked", text.index("attacked"), _actor("Rebels", 0),
                     _actor("the army", text.index("the army")))
    result = wikievents.score(docs, {"d": [found]}, mapping)
    assert result["recall"]["value"] == 1.0
    assert result["recall_trigger"]["value"] == 1.0
    assert result["precision"]["value"] == 1.0
    assert result["source_agreement"]["value"] == 1.0
    assert result["target_agreement"]["value"] == 1.0  # "the army" overlaps the gold "army base"
    assert result["both_agreement"]["value"] == 1.0


def test_wrong_root_misses_and_counts_against_precision(document):
    mapping, docs = document
    text = docs[0].text
    wrong = _mention("14", "attacked", text.index("attacked"), _actor("Rebels", 0))
    storm = _mention("18", "hit", text.index("hit"), None, None)  # violence coded in the storm sentence
    posture = _mention("15", "hit", text.index("hit"))  # no KAIROS type maps to 15: unjudged
    result = wikievents.score(docs, {"d": [wrong, storm, posture]}, mapping)
    assert result["recall"]["value"] == 0.0
    assert result["precision"] == {"correct": 0, "total": 2, "value": 0.0}
    assert result["unjudged_mentions"] == 1


def test_swapped_actors_disagree(document):
    mapping, docs = document
    text = docs[0].text
    swapped = _mention("18", "attacked", text.index("attacked"), _actor("army", text.index("army")),
                       _actor("Rebels", 0))
    result = wikievents.score(docs, {"d": [swapped]}, mapping)
    assert result["recall"]["value"] == 1.0
    assert result["source_agreement"]["value"] == 0.0
    assert result["target_agreement"]["value"] == 0.0


def test_every_kairos_entry_has_roots_or_a_reason():
    mapping = wikievents.KairosMapping.load()
    for key, entry in mapping.types.items():
        assert ("roots" in entry and entry.get("reason")) or entry.get("out_of_scope"), key
        assert all(len(r) == 2 and r.isdigit() for r in entry.get("roots", ())), key
    assert mapping.roots("Conflict.Attack.DetonateExplode", set())[0] == {"18", "19", "20"}
    assert mapping.roots("Life.Die.Unspecified", {"MedicalIssue"}) == (None, "out_of_scope")
    assert mapping.roots("Made.Up.Type", set()) == (None, "unmapped")


def _incident(**fields) -> dict:
    base = {"incident_uri": "1", "num_killed": "0", "num_injured": "0", "participants": "[]", "frames": []}
    return {**base, **fields}


def test_gva_expectations_follow_the_incident_record():
    mapping = gva.load_mapping("gva_cameo.yaml")
    shot = _incident(num_injured="2", frames=["mass_shootings"],
                     participants="[{'Type': ' Subject-Suspect', 'Status': ' Unharmed, Arrested'}]")
    assert gva.expectations(shot, mapping) == {"violence": {"18", "19", "20"}, "arrest": {"17"}}
    accident = _incident(num_killed="1", frames=["accidental_deaths", "accidental_deaths_children"])
    assert gva.expectations(accident, mapping) == {}
    accident_arrest = _incident(num_killed="1", frames=["accidental_deaths"],
                                participants="[{'Type': ' Subject-Suspect', 'Status': ' Arrested'}]")
    assert gva.expectations(accident_arrest, mapping) == {"arrest": {"17"}}
    assert gva.expectations(_incident(participants="not a literal ["), mapping) == {}


def test_gva_score_leaves_neutral_roots_out_of_precision():
    article = gva.GvaArticle("a", "1", "text", None, {"violence": frozenset({"18", "19", "20"})})
    coded = [_mention("01", "said", 0), _mention("19", "shot", 5), _mention("17", "arrested", 9)]
    result = gva.score([article], {"a": coded}, {})
    assert result["recall"]["value"] == 1.0
    assert result["precision"] == {"correct": 1, "total": 2, "value": 0.5}
    assert result["neutral_mentions"] == 1


def test_gva_breakdown_classes_the_false_positives_as_the_score_counts_them():
    from realeval.breakdown import format_breakdown, gva_breakdown

    article = gva.GvaArticle("a", "1", "text", None, {"violence": frozenset({"18", "19", "20"})})
    coded = [_mention("01", "said", 0), _mention("19", "shot", 5), _mention("17", "arrested", 9),
             _mention("08", "released", 20)]
    for m in coded:
        m.sentence, m.rule = "A man was shot and later arrested.", ""
    fps = gva_breakdown([article], {"a": coded}, examples=1)["false positives"]
    assert {label: c.count for label, c in fps.items()} == {"arrest, none in the record": 1, "root 08": 1}
    assert "arrested" in format_breakdown("GVA 0-6 (tuning)", {"false positives": fps})


def test_triples_count_an_event_once_whatever_its_places():
    a = _mention("19", "fired", 3, _actor("Iran", 0, "IRN"), _actor("US forces", 20, "USAMIL"))
    assert triples([a, a]) == [("IRN", "19", "USAMIL")]


def test_the_script_skips_cleanly_without_devdata(tmp_path):
    env = {"EVENTWIRE_DEVDATA": str(tmp_path / "absent"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "eval_real_events.py")], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "devdata not found, skipping" in done.stdout


def test_recall_with_a_participant_leaves_out_events_that_name_nobody(tmp_path):
    mapping = wikievents.KairosMapping.load()
    path = _doc(tmp_path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["event_mentions"].append(
        {"id": "d-E3", "event_type": "Conflict.Attack.Unspecified",
         "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0}, "arguments": []})
    path.write_text(json.dumps(raw) + "\n", encoding="utf-8")
    docs = wikievents.load_split(path, mapping)
    result = wikievents.score(docs, {}, mapping)
    assert result["recall"]["total"] == 2
    assert result["recall_participant"] == {"correct": 0, "total": 1, "value": 0.0}


def test_precision_without_statements_leaves_root_01_out(document):
    mapping, docs = document
    text = docs[0].text
    said = _mention("01", "attacked", text.index("attacked"), _actor("Rebels", 0))
    hit = _mention("19", "attacked", text.index("attacked"), _actor("Rebels", 0))
    result = wikievents.score(docs, {"d": [said, hit]}, mapping)
    assert result["precision"] == {"correct": 1, "total": 2, "value": 0.5}
    assert result["precision_no_statements"] == {"correct": 1, "total": 1, "value": 1.0}

