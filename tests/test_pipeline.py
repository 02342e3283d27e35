"""The pipeline as a whole: batching, worker processes, user actor files, streaming."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import Article, Pipeline, Settings

pytestmark = pytest.mark.slow

TEXTS = [
    "Russia attacked Ukraine on Tuesday. The United Nations urged both sides to show restraint.",
    "Kenyan police arrested dozens of protesters in Nairobi.",
    "France and Germany imposed sanctions on Iran over its nuclear programme.",
    "Brazil beat Argentina 2-1 in a World Cup qualifier.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t, date=date(2021, 6, 15)) for i, t in enumerate(TEXTS)]


def _summary(results) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        (r.article.id, m.cameo, m.source.code if m.source else None, m.target.code if m.target else None)
        for r in results
        for m in r.mentions
    )


def test_two_worker_processes_code_the_same_as_one():
    one = _summary(Pipeline(Settings(workers=1, batch_size=2)).code(_articles()))
    two = _summary(Pipeline(Settings(workers=2, batch_size=2)).code(_articles()))
    assert one == two
    assert one  # something was coded


def test_results_stream_in_input_order():
    ids = [r.article.id for r in Pipeline(Settings(batch_size=1)).code(iter(_articles()))]
    assert ids == ["a0", "a1", "a2", "a3"]


def test_user_actor_file_extends_the_dictionary(tmp_path):
    actors = tmp_path / "mine.yaml"
    actors.write_text(
        "- kind: group\n  code: XYZREB\n  name: Free Frobnia Front\n  names: [Free Frobnia Front, FFF]\n",
        encoding="utf-8",
    )
    text = "The Free Frobnia Front attacked a police station in Goma."
    plain = Pipeline().code([Article(id="x", text=text, date=date(2021, 6, 15))])
    extended = Pipeline(Settings(actor_files=(actors,))).code([Article(id="x", text=text, date=date(2021, 6, 15))])
    assert not any(m.source and m.source.code == "XYZREB" for r in plain for m in r.mentions)
    assert any(m.source and m.source.code == "XYZREB" for r in extended for m in r.mentions)


def test_bad_user_actor_file_names_file_and_line(tmp_path):
    from eventwire.errors import DictionaryError

    bad = tmp_path / "bad.yaml"
    bad.write_text("- kind: group\n  name: No Code Group\n  names: [No Code Group]\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        Pipeline(Settings(actor_files=(bad,))).warm_up()
    assert "bad.yaml" in str(err.value)
