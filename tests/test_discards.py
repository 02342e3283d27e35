"""Sport and entertainment are discarded by context, counted, explained, and can be switched off.

A word list used to drop any sentence with "League", "coach", "goals", "marathon" or "striker": the Arab
League's appeals, the Awami League's protests, marathon talks and attacks on coaches vanished without a
trace. The sentences are ours.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import Article, Pipeline, Settings

pytestmark = pytest.mark.slow

D = date(2023, 2, 1)


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings(places=False, dates=False))


def explained(pipeline, text):
    [ex] = pipeline.explain(text, date=D)
    return ex


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The African Union and the Arab League called for a ceasefire in Sudan.", "02"),
        ("Awami League activists clashed with police in Dhaka.", "14"),
        ("The League of Arab States condemned the Israeli raid.", "11"),
        ("Militants attacked a coach carrying pilgrims in Kashmir.", "18"),
        ("Iran and the United States held marathon talks in Vienna.", "04"),
        ("Police fired tear gas at football fans outside the stadium in Cairo.", "17"),
        # The demand needs a doer that is an actor (events/doers.py): "a hunger striker" alone is none.
        ("Bahraini activists joined a hunger striker and demanded the release of political prisoners.", "10"),
        ("Ethiopia and Eritrea agreed on common goals for the border talks.", "03"),
        ("The United Nations urged Somalia to meet its security goals.", "02"),
    ],
)
def test_political_sentences_with_sports_words_are_coded(pipeline, text, root):
    ex = explained(pipeline, text)
    assert ex.discarded_by is None
    assert any(m.cameo_root == root for m in ex.mentions), [m.cameo for m in ex.mentions]


@pytest.mark.parametrize(
    "text",
    [
        "Brazil beat Argentina 2-0 in the World Cup semifinal.",
        "Kenya's Eliud Kipchoge won the Berlin marathon on Sunday.",
        "The striker scored twice as Spain beat Germany in the Champions League.",
        "The England coach criticised the referee after Wales beat England in the tournament.",
        "France won the gold medal after defeating Japan.",
    ],
)
def test_sport_is_discarded_with_a_reason(pipeline, text):
    ex = explained(pipeline, text)
    assert ex.discarded_by is not None and "sport or entertainment" in ex.discarded_by
    assert ex.mentions == ()


def test_a_single_ambiguous_word_is_no_sport(pipeline):
    ex = explained(pipeline, "Rebels seized a coach on the highway near Goma.")
    assert ex.discarded_by is None


def test_discards_are_counted_per_article(pipeline):
    text = (
        "Brazil beat Argentina 2-0 in the World Cup semifinal. "
        "Iran fired missiles at US forces in Iraq. "
        "Spain won the championship after defeating Italy."
    )
    [result] = list(pipeline.code([Article(id="a1", text=text, date=D)]))
    assert result.discarded == 2
    assert any(m.cameo_root == "19" for m in result.mentions)


def test_discards_can_be_switched_off():
    text = "Brazil beat Argentina 2-0 in the World Cup semifinal."
    off = Pipeline(Settings(places=False, dates=False, discards=False))
    [result] = list(off.code([Article(id="a1", text=text, date=D)]))
    assert result.discarded == 0
    [ex] = off.explain(text, date=D)
    assert ex.discarded_by is None


def test_the_cli_summary_counts_discards_and_no_discards_codes_them(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = tmp_path / "sport.txt"
    path.write_text(
        "date 2023-02-01 Brazil beat Argentina 2-0 in the World Cup semifinal. "
        "Iran fired missiles at US forces in Iraq.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["code", str(path), "--no-db"])
    assert result.exit_code == 0, result.output
    assert "1 sentence(s) discarded as sport" in " ".join(result.stderr.split())
    kept = runner.invoke(app, ["code", str(path), "--no-db", "--no-discards"])
    assert kept.exit_code == 0, kept.output
    assert "discarded" not in kept.stderr
    explained = runner.invoke(app, ["explain", "Brazil beat Argentina 2-0 in the World Cup semifinal."])
    assert "discarded: sport or entertainment" in explained.stdout
