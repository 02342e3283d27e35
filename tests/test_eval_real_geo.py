"""tools/eval_real_geo.py: skips cleanly without the devdata, and its scoring pieces on made-up data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from realgeo import geocorpora, gva_places  # noqa: E402
from realgeo.common import Tally, match, prf  # noqa: E402


def test_skips_cleanly_when_the_devdata_is_absent(tmp_path):
    env = {"EVENTWIRE_DEVDATA": str(tmp_path / "nowhere"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "eval_real_geo.py")], env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0 and "devdata not found, skipping" in out.stdout


def test_spans_match_one_to_one_by_largest_overlap():
    assert match([(0, 5), (10, 20)], [(0, 4), (11, 14), (12, 20)]) == [(1, 2), (0, 0)]
    assert match([(0, 5)], [(5, 9)]) == []  # touching spans do not overlap


def test_scoring_counts_detection_distance_and_country():
    tweets = [geocorpora.Tweet("1", "Paris and Texas", None, (
        geocorpora.GoldPlace(0, 5, 48.85, 2.35, "FRA", "city", "1"),
        geocorpora.GoldPlace(10, 15, 31.25, -99.25, "USA", "admin", "2"),
    ))]
    far_paris = SimpleNamespace(start=0, end=5, lat=33.66, lon=-95.56, country="USA")
    spurious = SimpleNamespace(start=6, end=9, lat=0.0, lon=0.0, country=None)
    report = geocorpora.score(tweets, {"1": [far_paris, spurious]})
    assert report["detection"] == prf(1, 1, 1)
    assert report["by_class"]["city"]["within_161km"] == 0.0 and report["by_class"]["city"]["country"] == 0.0
    assert report["by_class"]["admin"]["recall"] == 0.0


def test_a_country_is_right_by_code_in_our_convention_and_by_distance_in_theirs():
    tally = Tally()
    tally.add(found=True, distance=900.0, country_ok=True, gold_is_country=True)
    assert tally.to_dict()["within_161km"] == 0.0 and tally.to_dict()["within_161km_ours"] == 100.0


def test_gva_story_place_prefers_the_shooting_then_any_mention_then_the_article():
    here = SimpleNamespace(lat=1.0, lon=1.0)
    there = SimpleNamespace(lat=2.0, lon=2.0)
    shooting = SimpleNamespace(cameo_root="19", location=here)
    statement = SimpleNamespace(cameo_root="01", location=there)
    assert gva_places.story_place([statement, shooting], None) == (here, "shooting")
    assert gva_places.story_place([statement], None) == (there, "any_mention")
    assert gva_places.story_place([], there) == (there, "article_main")
    assert gva_places.story_place([], None) == (None, "none")


def test_a_matched_toponym_without_a_point_counts_for_detection_but_not_for_distance():
    tally = Tally()
    tally.add(found=True, distance=10.0, country_ok=True)
    tally.add(found=True, distance=None, country_ok=None)  # an unresolved site: no point
    tally.add(found=False)
    d = tally.to_dict()
    assert d["recall"] == 66.7 and d["unplaced"] == 1
    assert d["within_161km"] == 100.0 and d["within_161km_unplaced_wrong"] == 50.0 and d["country"] == 100.0
