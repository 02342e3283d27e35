"""Escalation alerts on synthetic weekly series with known change points, and on flat ones."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest

from eventwire.analysis.alerts import alerts
from eventwire.errors import UsageError
from test_series import event_row, events_connection, insert_events

START = date(2019, 1, 7)  # a Monday: week w starts on START + w weeks


def week(w: int) -> date:
    return START + timedelta(weeks=w)


def series_events(counts, *, source="USAMIL", target="IRN", prefix="", cooperation=1, cameo="190"):
    """Events for a weekly count series: ``counts[w]`` events of ``cameo`` in week ``w`` (spread over
    its days, with 1-3 mentions each) plus ``cooperation`` cooperative events every week."""
    rows = []
    for w, count in enumerate(counts):
        for i in range(int(count)):
            rows.append(
                event_row(f"{prefix}{source}-{target}-{w}-{i}", source, target, cameo,
                          week(w) + timedelta(days=i % 7), mentions=1 + i % 3)
            )  # fmt: skip
        for i in range(cooperation):
            rows.append(event_row(f"{prefix}{source}-{target}-{w}-c{i}", source, target, "057", week(w)))
    return rows


def alerted_weeks(table, source=None, target=None) -> list[int]:
    return sorted(
        (r["period"] - START).days // 7
        for r in table.to_pylist()
        if (source is None or r["source"] == source) and (target is None or r["target"] == target)
    )


@pytest.mark.parametrize("level", [0.5, 2, 8, 25])
@pytest.mark.parametrize("seed", range(5))
def test_no_alerts_on_flat_poisson_series(level, seed):
    con = events_connection()
    counts = np.random.default_rng(seed).poisson(level, 104)
    insert_events(con, series_events(counts))
    # min_count=1: only the surprise test stands between these series and an alert
    assert alerted_weeks(alerts(con, min_count=1)) == []


@pytest.mark.parametrize("level", [0.5, 2, 8, 25])
@pytest.mark.parametrize("seed", range(5))
def test_planted_spikes_are_found_and_nothing_else(level, seed):
    counts = np.random.default_rng(100 + seed).poisson(level, 104)
    planted = [40, 75]
    for w in planted:
        counts[w] = int(level + max(14, 10 * np.sqrt(level)))
    con = events_connection()
    insert_events(con, series_events(counts))
    assert alerted_weeks(alerts(con)) == planted


@pytest.mark.parametrize("seed", range(5))
def test_a_step_change_alerts_at_the_step_and_never_before(seed):
    rng = np.random.default_rng(200 + seed)
    counts = np.concatenate([rng.poisson(2, 60), rng.poisson(14, 30)])
    con = events_connection()
    insert_events(con, series_events(counts))
    found = alerted_weeks(alerts(con))
    assert found[0] == 60


def test_the_alert_names_the_dyad_and_the_events_that_drove_it():
    counts = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 9, 1]
    con = events_connection()
    insert_events(con, series_events(counts) + series_events([1] * 14, source="ISR", target="SYR"))
    table = alerts(con)
    assert table.column_names == [
        "source", "target", "period", "observed", "expected", "score", "p_value", "method",
        "baseline_periods", "driving_event_ids",
    ]  # fmt: skip
    (alert,) = table.to_pylist()
    assert (alert["source"], alert["target"], alert["period"], alert["observed"]) == (
        "USA",
        "IRN",
        week(12),
        9,
    )
    assert alert["expected"] == pytest.approx(11 / 12)
    assert alert["score"] >= 4
    assert alert["p_value"] == pytest.approx(10 ** -alert["score"])
    assert alert["baseline_periods"] == 12
    assert alert["method"] in ("poisson", "negbin")
    ids = alert["driving_event_ids"]
    assert sorted(ids) == sorted(f"USAMIL-IRN-12-{i}" for i in range(9))
    assert ids[:3] == ["USAMIL-IRN-12-2", "USAMIL-IRN-12-5", "USAMIL-IRN-12-8"]  # 3 mentions each first
    capped = alerts(con, max_event_ids=2).to_pylist()[0]["driving_event_ids"]
    assert capped == ids[:2]


def test_code_level_and_dyad_patterns():
    counts = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 10, 1]
    con = events_connection()
    insert_events(con, series_events(counts))
    assert alerted_weeks(alerts(con, level="code"), "USAMIL", "IRN") == [10]
    by_pattern = alerts(con, dyad=("usa", "IRN*"))
    assert [(r["source"], r["target"]) for r in by_pattern.to_pylist()] == [("USA", "IRN*")]
    assert alerts(con, dyad=("IRN", "USA")).to_pylist()[0]["source"] == "USA"  # both directions checked
    assert alerts(con, dyad=("CHN", "IND")).num_rows == 0


def test_a_new_dyad_needs_history_before_it_can_alert():
    con = events_connection()
    insert_events(con, series_events([1, 1, 12, 1, 1, 1, 1, 1, 1, 1]))
    assert alerted_weeks(alerts(con)) == []
    assert alerted_weeks(alerts(con, min_history=2)) == [2]


def test_a_quiet_dyad_alerts_on_a_burst_from_nothing():
    con = events_connection()
    insert_events(con, series_events([0] * 20 + [4]))
    (alert,) = alerts(con).to_pylist()
    assert alert["observed"] == 4
    assert alert["expected"] == pytest.approx(0.5 / 20)
    insert_events(con, series_events([0] * 20 + [2], target="IRQ"))
    assert alerted_weeks(alerts(con), target="IRQ") == []  # below min_count


def poisson_tail(x: int, mu: float) -> float:
    return math.fsum(math.exp(k * math.log(mu) - mu - math.lgamma(k + 1)) for k in range(x, x + 200))


def negbin_tail(x: int, r: float, p: float) -> float:
    def pmf(k):
        return math.exp(
            math.lgamma(k + r) - math.lgamma(r) - math.lgamma(k + 1) + r * math.log(p) + k * math.log(1 - p)
        )

    return math.fsum(pmf(k) for k in range(x, x + 2000))


def test_p_values_are_the_model_tails():
    con = events_connection()
    # a constant baseline has no variance: Poisson with the mean of the window
    insert_events(con, series_events([2] * 12 + [11]))
    (alert,) = alerts(con).to_pylist()
    assert alert["method"] == "poisson"
    assert alert["p_value"] == pytest.approx(poisson_tail(11, 2.0), rel=1e-6)
    # tails too small for 1 - CDF are bounded within a few per cent
    insert_events(con, series_events([0] * 20 + [30], target="IRQ"))
    (tiny,) = alerts(con, dyad=("USA", "IRQ")).to_pylist()
    assert tiny["p_value"] == pytest.approx(poisson_tail(30, 0.5 / 20), rel=0.01)
    # an over-dispersed baseline: negative binomial with the window's mean and variance
    baseline = [0, 4, 1, 0, 5, 2, 0, 3, 1, 6, 0, 2]
    insert_events(con, series_events([*baseline, 16], target="SYR"))
    (nb,) = [a for a in alerts(con, dyad=("USA", "SYR"), threshold=1).to_pylist() if a["period"] == week(12)]
    mean, var = float(np.mean(baseline)), float(np.var(baseline, ddof=1))
    assert nb["method"] == "negbin"
    assert nb["expected"] == pytest.approx(mean)
    assert nb["p_value"] == pytest.approx(negbin_tail(16, mean * mean / (var - mean), mean / var), rel=1e-6)


def test_dates_bound_the_report_not_the_baseline():
    counts = [1] * 60
    counts[12] = counts[45] = 10  # more than a window (26 weeks) apart
    con = events_connection()
    insert_events(con, series_events(counts))
    assert alerted_weeks(alerts(con)) == [12, 45]
    assert alerted_weeks(alerts(con, date_from=week(20))) == [45]
    assert alerted_weeks(alerts(con, date_from=week(20), date_to=week(44))) == []
    assert alerted_weeks(alerts(con, date_to=week(20))) == [12]


def test_quad_classes_choose_what_counts_as_conflict():
    con = events_connection()
    verbal = [1] * 16
    verbal[14] = 12
    insert_events(con, series_events(verbal, cameo="138"))
    assert alerts(con).num_rows == 0
    assert alerted_weeks(alerts(con, quad_classes=(3, 4))) == [14]


def test_daily_and_monthly_periods():
    con = events_connection()
    rows = [event_row(f"d{d}", "USA", "IRN", "190", START + timedelta(days=d)) for d in range(0, 60, 3)]
    rows += [event_row(f"s{i}", "USA", "IRN", "190", START + timedelta(days=61)) for i in range(8)]
    insert_events(con, rows)
    (alert,) = alerts(con, by="day").to_pylist()
    assert alert["period"] == START + timedelta(days=61)
    assert alerts(con, by="month").num_rows == 0  # two months of history are too few


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"by": "quarter"}, "E460"),
        ({"level": "sector"}, "E463"),
        ({"quad_classes": (5,)}, "E463"),
        ({"quad_classes": ()}, "E463"),
        ({"window": 0}, "E463"),
        ({"window": 4, "min_history": 5}, "E463"),
        ({"min_count": 0}, "E463"),
        ({"threshold": 0}, "E463"),
        ({"dyad": ("USA",)}, "E463"),
        ({"date_from": "soon"}, "E461"),
    ],
)
def test_bad_arguments(kwargs, code):
    with pytest.raises(UsageError) as info:
        alerts(events_connection(), **kwargs)
    assert info.value.code == code


def test_a_planted_burst_comes_back_over_http(tmp_path):
    """The alert of a burst planted in a store file is what ``GET /v1/alerts`` and the dyad series answer,
    with the events that drove it; a flat dyad beside it raises nothing."""
    from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app
    from eventwire.store import Store

    path = tmp_path / "burst.duckdb"
    with Store.open(path) as store:
        counts = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 9, 1]
        insert_events(store.connection(), series_events(counts) + series_events([1] * 14, source="ISR", target="SYR"))
    with TestClient(create_app(settings=ApiSettings(db=str(path)))) as client:
        response = client.get("/v1/alerts", params={"by": "week"})
        assert response.status_code == 200
        (alert,) = response.json()["alerts"]
        assert (alert["source"], alert["target"], alert["period"], alert["observed"]) == ("USA", "IRN", week(12).isoformat(), 9)
        assert alert["score"] >= 4
        assert sorted(alert["driving_event_ids"]) == sorted(f"USAMIL-IRN-12-{i}" for i in range(9))
        series = client.get("/v1/dyads/USA/IRN/series", params={"by": "week"}).json()
        assert [a["period"] for a in series["alerts"]] == [week(12).isoformat()]
        quiet = client.get("/v1/alerts", params={"by": "week", "dyad": "ISR,SYR"}).json()
        assert quiet == {"alerts": []}
