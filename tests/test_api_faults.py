"""The server under faults: hostile articles are rejects inside a 200, never a 500; every error has the
documented JSON shape; series refuse spans of too many periods at once; reads have a time budget;
jobs code their good articles and reject the bad ones."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import ApiSettings, create_app

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

STRIKE = "Iran fired missiles at US forces in Iraq on Tuesday."
POISON = "Zanzibarian"


def _shape(response) -> dict:
    """The documented error shape: {"error": {"code", "message", "details"}}."""
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]


@pytest.fixture(scope="module")
def db(examples_db, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("faults") / "store.duckdb"
    shutil.copy(examples_db, copy)
    return copy


@pytest.fixture(scope="module")
def app(db):
    return create_app(settings=ApiSettings(db=str(db), sync_max_articles=20))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def poisoned(app, client):
    """The server's coder raises for any sentence holding POISON (as the speech-act bug did)."""
    pipeline = app.state.service.pipeline()
    extractor = pipeline.extractor
    original = extractor.extract

    def extract(sent, index, **kwargs):
        if POISON in sent.text:
            raise RecursionError("maximum recursion depth exceeded")
        return original(sent, index, **kwargs)

    extractor.extract = extract
    yield
    del extractor.extract


def _raw_post(client: TestClient, body: str, path: str = "/v1/code"):
    return client.post(path, content=body.encode("utf-8"), headers={"content-type": "application/json"})


def test_hostile_articles_are_rejects_inside_a_200(client):
    articles = [
        '{"id": "good", "date": "2020-01-08", "text": "Iran fired missiles at US forces in Iraq on Tuesday."}',
        '{"id": "surrogate", "date": "2020-01-08", "text": "Iran \\ud800 fired missiles."}',
        '{"id": "zero-width", "date": "2020-01-08", "text": "\\u200b\\u200c\\u2060"}',
        '{"id": "year-one", "date": "0001-01-01", "text": "Iran fired missiles at Iraq last week."}',
        '{"id": "year-9999", "date": "9999-12-31", "text": "Iran will fire missiles at Iraq next week."}',
        '{"id": "recursion", "date": "2020-01-06", "text": "The army has opened an inquiry into abuses committed by militias, the agency reported Monday."}',
        '{"id": "participle", "date": "2020-01-08", "text": "Iran got the things promised by Russia."}',
    ]
    response = _raw_post(client, '{"articles": [' + ",".join(articles) + "]}")
    assert response.status_code == 200, response.text
    body = response.json()
    rejects = {r["id"]: r for r in body["rejects"]}
    assert rejects["surrogate"]["code"] == "E202" and rejects["zero-width"]["code"] == "E203"
    coded = {m["article_id"] for m in body["mentions"]}
    assert "good" in coded
    for article_id in ("year-one", "year-9999", "recursion", "participle"):  # coded, or a reject with a reason
        if article_id in rejects:
            assert rejects[article_id]["code"].startswith("E5") and rejects[article_id]["reason"]
    assert body["articles"] == len(articles) - len(rejects)


def test_a_failing_article_is_a_reject_and_its_neighbours_are_coded(client, poisoned):
    payload = {"articles": [
        {"id": "a", "date": "2020-01-08", "text": STRIKE},
        {"id": "bad", "date": "2020-01-08", "text": f"The {POISON} army attacked rebels."},
        {"id": "c", "date": "2020-01-08", "text": "Russia attacked Ukraine on Tuesday."},
    ], "store": True}  # fmt: skip
    response = client.post("/v1/code", json=payload)
    assert response.status_code == 200
    body = response.json()
    assert body["rejects"] == [{"index": 1, "id": "bad", "code": "E503",
                                "reason": "events failed in sentence 0: RecursionError: maximum recursion depth exceeded"}]  # fmt: skip
    assert {m["article_id"] for m in body["mentions"]} == {"a", "c"} and body["articles"] == 2


def test_an_async_job_codes_its_good_articles_and_rejects_the_bad(client, poisoned):
    payload = {"articles": [
        {"id": "j1", "date": "2020-01-08", "text": STRIKE},
        {"id": "j2", "date": "2020-01-08", "text": f"The {POISON} army attacked rebels."},
        {"id": "j3", "text": "\u200b "},
    ], "async": True}  # fmt: skip
    accepted = client.post("/v1/code", json=payload)
    assert accepted.status_code == 202
    url = accepted.json()["status_url"]
    for _ in range(600):
        job = client.get(url).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["status"] == "done", job
    result = job["result"]
    assert [(r["id"], r["code"]) for r in result["rejects"]] == [("j2", "E503"), ("j3", "E203")]
    assert {m["article_id"] for m in result["mentions"]} == {"j1"} and job["done"] == 3


def test_a_repeated_id_in_one_request_is_a_reject(client):
    payload = {"articles": [{"id": "x", "date": "2020-01-08", "text": STRIKE}, {"id": "x", "text": "Iraq protested."}]}
    body = client.post("/v1/code", json=payload).json()
    assert [(r["index"], r["code"]) for r in body["rejects"]] == [(1, "E211")]
    assert {m["article_id"] for m in body["mentions"]} == {"x"}


def test_each_article_has_a_time_budget(db, tmp_path):
    copy = tmp_path / "budget.duckdb"
    shutil.copy(db, copy)
    app = create_app(settings=ApiSettings(db=str(copy), article_budget_s=0.0))
    with TestClient(app) as c:
        body = c.post("/v1/code", json={"articles": [{"id": "t", "date": "2020-01-08", "text": STRIKE}]}).json()
    assert [(r["id"], r["code"]) for r in body["rejects"]] == [("t", "E508")] and "time budget" in body["rejects"][0]["reason"]


def test_a_series_over_too_many_periods_is_refused_at_once(client, app, monkeypatch):
    from eventwire.analysis import series

    def never(*args, **kwargs):
        raise AssertionError("the series was computed")

    monkeypatch.setattr(series, "dyad_series", never)
    started = time.perf_counter()
    response = client.get("/v1/dyads/USA/IRN/series?from=0001-01-01&to=9999-12-31&by=day")
    assert response.status_code == 422
    error = _shape(response)
    assert error["code"] == "E465" and "3,652,059 periods" in error["message"]
    assert time.perf_counter() - started < 5  # "at once": no query ran (a generous bound for a busy machine)
    assert client.get("/v1/alerts?from=0001-01-01&to=9999-12-31&by=day").status_code == 422
    assert client.get("/v1/dyads/USA/IRN/series?from=2000-01-01&to=2020-12-31&by=month").status_code != 422


def test_a_series_whose_own_events_span_too_many_periods_is_refused(db, tmp_path):
    """No bounds given: the span comes from the dyad's events (here one dated year 1)."""
    import duckdb

    copy = tmp_path / "span.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE events SET event_date = DATE '0001-01-01' WHERE event_id = "
                "(SELECT min(event_id) FROM events WHERE source_code LIKE 'IRN%' AND target_code LIKE 'USA%')")  # fmt: skip
    con.close()
    with TestClient(create_app(settings=ApiSettings(db=str(copy)))) as c:
        response = c.get("/v1/dyads/IRN/USA/series?by=day")
        assert response.status_code == 422 and _shape(response)["code"] == "E465"
        assert c.get("/v1/dyads/IRN/USA/series?by=day&from=2019-12-01").status_code == 200


def test_a_read_over_its_time_budget_is_stopped(db, tmp_path, monkeypatch):
    from eventwire.api import queries

    def slow_list(cur, *args, **kwargs):
        cur.execute("SELECT count(*) FROM range(1000000000000) a").fetchall()  # minutes, if never stopped
        raise AssertionError("not interrupted")

    monkeypatch.setattr(queries, "list_events", slow_list)
    copy = tmp_path / "slow.duckdb"
    shutil.copy(db, copy)
    app = create_app(settings=ApiSettings(db=str(copy), read_budget_s=0.5, snapshot_max_events=0))
    with TestClient(app, raise_server_exceptions=False) as c:
        started = time.perf_counter()
        response = c.get("/v1/events?limit=5")
        took = time.perf_counter() - started
        assert response.status_code == 503 and _shape(response)["code"] == "E408"
        assert took < 60
        assert c.get("/v1/health").status_code == 200  # the cursor works for the next request


def test_an_unexpected_error_has_the_documented_shape(client, app, monkeypatch):
    from eventwire.api import queries

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(queries, "map_data", broken)
    response = client.get("/v1/map?root=19&from=2019-01-01")
    assert response.status_code == 500
    error = _shape(response)
    assert error["code"] == "E500" and "ZeroDivisionError" in error["message"]


def test_a_deeply_nested_body_is_a_client_error(client):
    """FastAPI's body parser fails on it (RecursionError) and answers 400, in our shape, not a 500."""
    body = '{"articles": ' + "[" * 50_000 + "]" * 50_000 + "}"
    response = _raw_post(client, body)
    assert response.status_code == 400 and _shape(response)["code"] == "E400"
    assert client.get("/v1/health").status_code == 200


def test_the_map_honours_country_and_words(client):
    everything = client.get("/v1/map").json()
    assert everything["countries"], everything
    iran = client.get("/v1/map?country=IRN").json()
    assert sum(c["events"] for c in iran["countries"]) < sum(c["events"] for c in everything["countries"])
    events = client.get("/v1/events?country=IRN&limit=1000").json()["events"]
    located = [e for e in events if e["location_country"]]
    assert sum(c["events"] for c in iran["countries"]) == len(located)
    nothing = client.get("/v1/map?q=zzzqqqxxyy").json()
    assert nothing == {"countries": [], "points": []}
    worded = client.get("/v1/map?q=missiles").json()
    assert 0 < sum(c["events"] for c in worded["countries"]) < sum(c["events"] for c in everything["countries"])


def test_store_true_stores_the_rejects_too(client, db):
    body = client.post("/v1/code", json={"articles": [{"id": "r0", "text": "   "}, {"id": "r1", "date": "2020-01-08", "text": STRIKE}], "store": True}).json()
    assert body["stored"] is True and [r["code"] for r in body["rejects"]] == ["E203"]
    health = client.get("/v1/health").json()
    assert health["store"]["rejects"] >= 1


def test_dates_at_the_ends_of_the_calendar_are_coded_or_rejected_with_a_reason(client):
    for day, text in ((date(1, 1, 1), "Iran attacked Iraq last week."), (date(9999, 12, 31), "Iran will attack Iraq next week.")):
        response = client.post("/v1/code", json={"articles": [{"id": "edge", "date": day.isoformat(), "text": text}]})
        assert response.status_code == 200
        body = response.json()
        assert body["mentions"] or (body["rejects"] and body["rejects"][0]["reason"]), json.dumps(body)
