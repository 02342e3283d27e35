"""The learned event typer: the shipped classifier file, its predictions on sentences written here (one
or more per class, none from any corpus), and the component in the pipeline (plugs in, can be switched
off, proposes only where the rules are silent, shows its scores in explain, survives bad input)."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from eventwire.components import ComponentNote, RuledSentence
from eventwire.learned import LearnedTyper
from eventwire.learned.classifier import CLASSES, EventTypeClassifier, load_classifier
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

# One or two sentences per class, written for this test in wire style.
OWN_SENTENCES = {
    "01": ["The Kenyan government issued a statement on the situation in the region on Tuesday."],
    "02": ["The African Union appealed to both sides to return to the negotiating table."],
    "03": ["Egypt pledged to send food and medicine to the refugees next month."],
    "04": ["The Turkish president met his Azerbaijani counterpart in Ankara for talks on trade."],
    "05": ["Japan and South Korea signed a defence cooperation agreement in Seoul."],
    "06": ["Brazil and Argentina agreed to share intelligence on drug trafficking networks."],
    "07": ["Germany sent humanitarian aid, including tents and blankets, to earthquake victims in Turkey."],
    "08": ["The junta released dozens of political prisoners and lifted the curfew."],
    "09": ["The United Nations opened an investigation into alleged war crimes in Sudan."],
    "10": ["Protest leaders demanded the immediate resignation of the Prime Minister."],
    "11": ["Washington accused Beijing of stealing trade secrets and condemned its cyber campaign."],
    "12": ["Iran rejected the proposal and refused to resume nuclear talks."],
    "13": ["North Korea threatened to strike American bases if the drills go ahead."],
    "14": ["Thousands of students marched through the capital to protest against the new law."],
    "15": ["Russia massed tanks and troops along its border with Ukraine, putting its army on alert."],
    "16": ["Lithuania expelled the Russian ambassador and cut diplomatic ties with Moscow."],
    "17": ["Police arrested the opposition leader and detained forty of his supporters."],
    "18": ["A suicide bomber blew himself up in a crowded market, killing twelve civilians."],
    "19": ["Government troops shelled rebel positions and fought the insurgents in the hills."],
    "20": ["The militia carried out a massacre, killing hundreds of villagers in an act of ethnic cleansing."],
    "none": ["The central bank kept interest rates unchanged and the currency rose slightly.",
             "The national football team won the championship final on penalties."],
}


def _classifier(label: str, p: float) -> EventTypeClassifier:
    """A test double whose every answer is ``label`` with probability about ``p``."""
    intercept = np.zeros(len(CLASSES), dtype=np.float32)
    rest = (1 - p) / (len(CLASSES) - 1)
    intercept[:] = np.log(rest)
    intercept[CLASSES.index(label)] = np.log(p)
    return EventTypeClassifier(coef=np.zeros((len(CLASSES), 384), dtype=np.float32), intercept=intercept,
                               classes=CLASSES, temperature=1.0, threshold=0.5, meta={})


class _ZeroEncoder:
    def encode(self, texts):
        return np.zeros((len(texts), 384), dtype=np.float32)


def test_classifier_file_is_small_numeric_and_documented():
    with resources.as_file(resources.files("eventwire") / "data" / "typer.npz") as real, \
            np.load(real, allow_pickle=False) as data:
        assert real.stat().st_size < 200_000
        assert set(data.files) == {"coef", "intercept", "classes", "temperature", "threshold", "meta"}
        assert data["coef"].shape == (len(CLASSES), 384) and data["coef"].dtype == np.float32
        meta = json.loads(str(data["meta"]))
    assert meta["script"] == "tools/train_typer.py"
    assert {"gold", "generated"} <= set(meta["examples"])
    clf = load_classifier()
    assert 0.3 <= clf.threshold <= 1.01 and clf.temperature > 0
    sources = (resources.files("eventwire") / "data" / "SOURCES-typer.md").read_text(encoding="utf-8")
    assert "tools/train_typer.py" in sources and "heldout.jsonl" in sources


@pytest.mark.slow
def test_classifier_ranks_the_root_of_sentences_written_here():
    typer = LearnedTyper()
    texts = [t for sentences in OWN_SENTENCES.values() for t in sentences]
    labels = [label for label, sentences in OWN_SENTENCES.items() for _ in sentences]
    scores = typer.classify(texts)
    top1 = [s.label == label for s, label in zip(scores, labels, strict=True)]
    top3 = [label in dict(s.top(3)) for s, label in zip(scores, labels, strict=True)]
    misses = [(label, s.top(3)) for s, label, ok in zip(scores, labels, top3, strict=True) if not ok]
    assert sum(top1) / len(top1) >= 0.6, misses
    assert sum(top3) / len(top3) >= 0.8, misses
    for s in scores:
        assert abs(sum(p for _, p in s.ranked) - 1) < 1e-4
        assert [p for _, p in s.ranked] == sorted((p for _, p in s.ranked), reverse=True)


# A sentence with two actors and no predicate in the rule dictionaries: the rules are silent.
SILENT = "Iran's foreign minister and the Iraqi prime minister were in a jovial mood in Baghdad."


@pytest.mark.slow
def test_the_typer_can_be_switched_off():
    assert Pipeline(Settings(typer=False)).components == ()
    assert [c.name for c in Pipeline(Settings()).components] == ["typer"]
    pipeline = Pipeline(Settings(typer=False, places=False))
    doc = pipeline.nlp(SILENT)
    assert pipeline.code_doc(doc, Article(id="a", text=SILENT)) == []


@pytest.mark.slow
def test_typer_proposes_a_root_where_the_rules_are_silent():
    typer = LearnedTyper(classifier=_classifier("19", 0.9), encoder=_ZeroEncoder())
    pipeline = Pipeline(Settings(places=False), components=(typer,))
    [mention] = pipeline.code_doc(pipeline.nlp(SILENT), Article(id="a", text=SILENT))
    assert mention.cameo == "190" and mention.rule == "typer:19 p=0.90"
    assert mention.confidence == pytest.approx(0.9, abs=1e-3)
    assert (mention.source.code, mention.target.code) == ("IRNGOV", "IRQGOV")
    # Below its threshold, or class "none": nothing.
    for clf in (_classifier("19", 0.4), _classifier("none", 0.95)):
        quiet = Pipeline(Settings(places=False), components=(LearnedTyper(classifier=clf, encoder=_ZeroEncoder()),))
        assert quiet.code_doc(quiet.nlp(SILENT), Article(id="a", text=SILENT)) == []


@pytest.mark.slow
def test_a_thing_as_the_doer_gets_no_typer_event_and_no_encoder_pass():
    """The conventions: a named doer that is not an actor makes no event ("the war has displaced ...")."""

    class Counting(_ZeroEncoder):
        calls = 0

        def encode(self, texts):
            Counting.calls += len(texts)
            return super().encode(texts)

    typer = LearnedTyper(classifier=_classifier("07", 0.95), encoder=Counting())
    pipeline = Pipeline(Settings(places=False), components=(typer,))
    for text in ("The fighting has forced thousands of Sudanese villagers to flee, according to the United Nations.",
                 "An earthquake has destroyed thousands of homes in Turkey and Syria."):
        doc = pipeline.nlp(text)
        assert [m for m in pipeline.code_doc(doc, Article(id="a", text=text))
                if (m.rule or "").startswith("typer:")] == []
    assert Counting.calls == 0


@pytest.mark.slow
def test_typer_leaves_sentences_the_rules_coded_alone():
    text = "Iranian forces fired missiles at US troops in Iraq."
    typer = LearnedTyper(classifier=_classifier("04", 0.99), encoder=_ZeroEncoder())
    with_typer = Pipeline(Settings(places=False), components=(typer,))
    without = Pipeline(Settings(places=False, typer=False))
    got = with_typer.code_doc(with_typer.nlp(text), Article(id="a", text=text))
    assert [m.cameo for m in got] == [m.cameo for m in without.code_doc(without.nlp(text), Article(id="a", text=text))]
    assert all(not (m.rule or "").startswith("typer:") for m in got)


class _Recorder:
    """A component written here: marks the sentences it was given, to show any component plugs in."""

    name = "recorder"

    def __init__(self) -> None:
        self.seen: list[list[int]] = []

    def warm_up(self) -> None:
        pass

    def __call__(self, doc, sentences: list[RuledSentence], index):
        self.seen.append([s.index for s in sentences])
        return [s for s in sentences if not s.events]  # drops every rule event

    def explain(self, doc, sentences, index):
        return [ComponentNote(self.name, (("x", 1.0),), "seen") for _ in sentences]


@pytest.mark.slow
def test_any_component_plugs_in_and_explain_shows_its_notes():
    text = "The weather was fine. Iranian forces fired missiles at US troops in Iraq."
    recorder = _Recorder()
    pipeline = Pipeline(Settings(places=False), components=(recorder,))
    assert pipeline.code_doc(pipeline.nlp(text), Article(id="a", text=text)) == []
    assert recorder.seen == [[1]]  # only the sentence with actors
    [first, second] = pipeline.explain(text)
    assert first.notes == () and second.notes == (ComponentNote("recorder", (("x", 1.0),), "seen"),)


@pytest.mark.slow
def test_explain_shows_the_typers_top_classes():
    [ex] = Pipeline(Settings(places=False)).explain("Government troops shelled rebel positions near the Syrian border.")
    [note] = ex.notes
    assert note.component == "typer" and len(note.scores) == 3
    assert note.scores[0][1] >= note.scores[1][1] >= note.scores[2][1]
    assert note.decision.startswith(("not used", "no event", "proposed"))


@pytest.mark.slow
def test_bad_input_through_the_typer_never_raises():
    pipeline = Pipeline(Settings(places=False))
    long = "Iran and Iraq " + "discussed matters " * 5000 + "."
    for text in ("", "🚀🔥 Iran 🇮🇷 and Iraq 🇮🇶 😀", long, "\x00Iran\x07 Iraq\ufffd"):
        mentions = pipeline.code_doc(pipeline.nlp(text), Article(id="a", text=text))
        assert all(0 <= m.confidence <= 1 for m in mentions)


@pytest.mark.slow
def test_a_sentence_no_verb_heads_gets_no_typer_event():
    """A caption, heading or list item ("* Office of the Special Prosecutor of Kenya") is no report of an event,
    whatever the classifier says; with a verb, the same classifier proposes."""
    typer = LearnedTyper(classifier=_classifier("09", 0.95), encoder=_ZeroEncoder())
    pipeline = Pipeline(Settings(places=False), components=(typer,))
    for text, expected in (("* Office of the Special Prosecutor of Kenya", 0),
                           ("Photo: Kenyan police officers outside the court in Nairobi", 0),
                           (SILENT, 1)):
        doc = pipeline.nlp(text)
        found = [m for m in pipeline.code_doc(doc, Article(id="a", text=text)) if (m.rule or "").startswith("typer:")]
        assert len(found) == expected, (text, found)
