"""Long wire sentences keep their event: attributions before or after, appositions, relative and
subordinate clauses between the doer and the act. The sentences are ours."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

pytestmark = pytest.mark.slow


def find(text: str, root: str):
    return [m for m in code_text(text, date=date(2023, 11, 7)) if m.cameo_root == root]


@pytest.mark.parametrize(
    ("text", "root", "source", "target", "speaker"),
    [
        # relative clause between subject and verb, attribution after
        ("Syrian troops, who had been reinforced by allied militias over the previous weeks, shelled the rebels "
         "in Idlib province on Tuesday, a monitoring group said.", "19", "SYRMIL", "SYRREB", None),  # rebels take the country the sentence is about
        # "according to" inside the clause
        ("The Ethiopian army, according to a statement released by the regional government late on Sunday, "
         "attacked Eritrean troops near the border town of Zalambessa.", "19", "ETHMIL", "ERIMIL", None),
        # subordinate clause and attribution after the event
        ("Indonesian police arrested 14 suspected militants in raids across Java on Friday, two days after a "
         "bomb attack on a church in Surabaya, a police spokesman said.", "17", "IDNCOP", "UAF", "COP"),
        # apposition on the target, participle clause after
        ("Israel struck Hezbollah, the Iran-backed Lebanese group, in southern Lebanon overnight, saying it "
         "was responding to rocket fire that had wounded three civilians.", "19", "ISR", "LBNREB", None),
        # attribution first, a long prepositional tail
        ("The Philippine coast guard said Chinese vessels fired water cannon at a Philippine supply boat near "
         "the Second Thomas Shoal on Saturday, the third such incident in the South China Sea this year.",
         "17", "CHN", "PHL", "PHL"),
    ],
)
def test_long_sentences_keep_the_event(text, root, source, target, speaker):
    hits = find(text, root)
    assert hits, [m.cameo for m in code_text(text, date=date(2023, 11, 7))]
    m = hits[0]
    assert m.source is not None and m.source.code.startswith(source[:3]) and m.source.code.endswith(source[3:])
    assert m.target is not None and m.target.code.startswith(target[:3])
    if speaker is not None:
        assert m.attributed_to is not None and speaker in m.attributed_to.code
