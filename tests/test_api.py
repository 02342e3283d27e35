"""The HTTP API in process (FastAPI's TestClient) over a store of the coded example articles."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import ApiSettings, create_app
from eventwire.ingest.dates import split_date_prefix
from eventwire.ontology import load_ontology
from eventwire.pipeline import code_text

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED = EXAMPLES / "000_17d1bd0ca880ae7a.txt"
STRIKE = "Iran fired missiles at US forces in Iraq on Tuesday."


@pytest.fixture(scope="module")
def db(examples_db) -> Path:
    return examples_db


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(settings=ApiSettings(db=str(db)))) as c:
        yield c


def test_health_counts_the_store(client):
    body = client.get("/v1/health").json()
    assert body["status"] == "ok"
    assert body["store"]["articles"] >= 5  # the .json and .jsonl examples hold several
    assert body["store"]["events"] > 0
    assert body["auth_required"] is False


def test_code_answers_the_jsonl_contract(client):
    response = client.post("/v1/code", json={"articles": [{"id": "a1", "date": "2020-01-08", "text": STRIKE}]})
    assert response.status_code == 200
    body = response.json()
    expected = [m.to_dict() for m in code_text(STRIKE, date=date(2020, 1, 8), article_id="a1")]
    assert body["mentions"] == json.loads(json.dumps(expected))
    assert body["mentions"][0]["cameo"] == "195"
    assert body["mentions"][0]["source"]["code"] == "IRN"
    assert body["rejects"] == [] and body["stored"] is False and "explanations" not in body


def test_code_explains_each_mention_and_rejects_blank_articles(client):
    payload = {"articles": [{"text": "   "}, {"text": STRIKE, "date": "2020-01-08"}], "explain": True}
    body = client.post("/v1/code", json=payload).json()
    assert body["rejects"] == [{"index": 0, "id": None, "code": "E203", "reason": "empty text (nothing but whitespace)"}]
    assert body["articles"] == 1
    assert len(body["explanations"]) == len(body["mentions"]) == 1
    why = body["explanations"][0]
    assert why["rule"].startswith("verbs.yaml:")
    assert why["cameo_description"] == body["mentions"][0]["cameo_name"]
    assert why["source_entry"].startswith("countries.yaml:")
    assert why["date_basis"] == "relative"
    evidence = why["date_evidence"]
    assert "Tuesday" in evidence["text"] and STRIKE[evidence["start"] : evidence["end"]] == evidence["text"]


def test_the_seed_comes_out_right_over_http(client):
    day, text = split_date_prefix(SEED.read_text(encoding="utf-8"))
    body = client.post("/v1/code", json={"articles": [{"date": day.isoformat(), "text": text}]}).json()
    strikes = [m for m in body["mentions"] if m["cameo_root"] == "19" and m["source"] and m["source"]["code"] == "IRN"]
    assert strikes, body["mentions"]
    assert strikes[0]["target"]["code"] == "USAMIL"
    assert text[strikes[0]["trigger"]["start"] : strikes[0]["trigger"]["end"]] == strikes[0]["trigger"]["text"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"articles": [{"text": "x", "date": "2020-13-01"}]}, "articles.0.date"),
        ({"articles": [{"text": "x", "date": "yesterday"}]}, "articles.0.date"),
        ({"articles": []}, "articles"),
        ({"articles": [{"id": "no text"}]}, "articles.0.text"),
        ({"articles": [{"text": 5}]}, "articles.0.text"),
        ({"documents": []}, "articles"),
    ],
)
def test_invalid_bodies_get_422_naming_the_field(client, payload, field):
    response = client.post("/v1/code", json=payload)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "E422"
    assert field in [d["field"] for d in error["details"]], error
    assert field in error["message"]


def test_malformed_json_is_422_not_500(client):
    response = client.post("/v1/code", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E422"


def test_body_over_the_limit_is_413(db):
    with TestClient(create_app(settings=ApiSettings(db=str(db), max_body_bytes=1000))) as small:
        big = {"articles": [{"text": "word " * 400}]}
        response = small.post("/v1/code", json=big)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "E413"
        # Streamed without a Content-Length: refused while it arrives.
        chunks = (b'{"articles": [{"text": "' + b"a" * 600 + b'"}', b"]}" + b" " * 600)
        response = small.post("/v1/code", content=iter(chunks), headers={"content-type": "application/json"})
        assert response.status_code == 413
        assert small.post("/v1/code", json={"articles": [{"text": STRIKE}]}).status_code == 200


def test_token_guards_posts_but_not_reads(db):
    with TestClient(create_app(settings=ApiSettings(db=str(db), token="s3cret"))) as guarded:
        payload = {"articles": [{"text": STRIKE}]}
        refused = guarded.post("/v1/code", json=payload)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"
        wrong = guarded.post("/v1/code", json=payload, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = guarded.post("/v1/code", json=payload, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        assert guarded.get("/v1/events").status_code == 200
        assert guarded.get("/v1/health").json()["auth_required"] is True


def test_cors_is_off_unless_configured(client, db):
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/v1/events", headers=origin).headers
    settings = ApiSettings(db=str(db), cors_origins=("https://elsewhere.example",))
    with TestClient(create_app(settings=settings)) as open_client:
        headers = open_client.get("/v1/events", headers=origin).headers
        assert headers["access-control-allow-origin"] == "https://elsewhere.example"
        other = open_client.get("/v1/events", headers={"Origin": "https://evil.example"}).headers
        assert "access-control-allow-origin" not in other


def test_events_filter_sort_and_paginate(client):
    everything = client.get("/v1/events", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["events"]) > 3
    assert everything["next"] is None
    first = client.get("/v1/events", params={"limit": 2}).json()
    second = client.get(first["next"]).json()
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert ids == [e["event_id"] for e in everything["events"][:4]]
    dates = [e["date"] for e in everything["events"] if e["date"]]
    assert dates == sorted(dates)

    conflict = client.get("/v1/events", params={"source": "IRN", "root": "19", "limit": 1000}).json()
    assert conflict["events"], "the seed's Iranian missile strike is stored"
    assert all(e["source_code"].startswith("IRN") and e["cameo_root"] == "19" for e in conflict["events"])
    assert any(e["target_code"] == "USAMIL" for e in conflict["events"])
    dyad = client.get("/v1/events", params={"dyad": "IRN,USA*", "limit": 1000}).json()
    assert {e["event_id"] for e in conflict["events"] if e["target_code"].startswith("USA")} <= {
        e["event_id"] for e in dyad["events"]
    }
    worst = client.get("/v1/events", params={"sort": "goldstein", "limit": 1}).json()["events"][0]
    assert worst["goldstein"] == min(e["goldstein"] for e in everything["events"])
    words = client.get("/v1/events", params={"q": "MISSILE", "limit": 1000}).json()["events"]
    assert words and all("missile" in e["evidence_sentence"].lower() for e in words)
    assert all(e["cameo_name"] for e in everything["events"])


def test_events_as_csv(client):
    response = client.get("/v1/events", params={"format": "csv", "limit": 1000})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = client.get("/v1/events").json()["total"]
    assert len(rows) == total
    assert {"event_id", "source_code", "cameo", "evidence_sentence"} <= set(rows[0])


@pytest.mark.parametrize(
    "params",
    [{"quad": 5}, {"from": "2020-02-30"}, {"root": "abc"}, {"limit": 0}, {"limit": 5000}, {"sort": "random"},
     {"actor": "x" * 81}, {"dyad": "USA"}, {"format": "xml"}, {"offset": -1}],
)  # fmt: skip
def test_bad_event_filters_are_422(client, params):
    response = client.get("/v1/events", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"]


def test_actor_names_are_resolved_and_unknown_ones_are_400_with_suggestions(client):
    by_code = client.get("/v1/events", params={"dyad": "IRN,USA", "limit": 1000}).json()
    by_name = client.get("/v1/events", params={"dyad": "Iran,United States", "limit": 1000}).json()
    assert by_code["total"] > 0 and by_name["events"] == by_code["events"]
    the_un = client.get("/v1/events", params={"actor": "the UN"}).json()
    assert the_un["total"] > 0 and all("IGOUNO" in (e["source_code"], e["target_code"]) for e in the_un["events"])
    unknown = client.get("/v1/events", params={"actor": "Irann"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "E480" and "IRN (Iran)" in unknown.json()["error"]["message"]
    injected = client.get("/v1/events", params={"actor": "US'; DROP TABLE events; --"})
    assert injected.status_code == 400 and injected.json()["error"]["code"] == "E480"
    assert client.get("/v1/events").json()["total"] == by_code["total"] or client.get("/v1/events").json()["total"] > 0
    series = client.get("/v1/dyads/United States/Iran/series").json()
    assert (series["a"], series["b"], series["history_needed"]) == ("USA", "IRN", 8)
    assert client.get("/v1/dyads/USA/IRN/series").json()["series"] == series["series"]


def test_filter_values_the_coder_refuses_are_400(client):
    response = client.get("/v1/events", params={"root": "42"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "E419"  # a CAMEO root outside 01..20 (docs/errors.md)
    reversed_range = client.get("/v1/events", params={"from": "2020-02-01", "to": "2020-01-01"})
    assert reversed_range.status_code == 400


def test_one_event_with_its_mentions_and_articles(client):
    strike = client.get("/v1/events", params={"source": "IRN", "root": "19", "sort": "-mentions"}).json()["events"][0]
    body = client.get(f"/v1/events/{strike['event_id']}").json()
    assert body["event"]["event_id"] == strike["event_id"]
    assert len(body["mentions"]) == body["event"]["num_mentions"]
    assert {m["article_id"] for m in body["mentions"]} == {a["id"] for a in body["articles"]}
    for m in body["mentions"]:
        offset = m["trigger"]["start"] - m["sentence_start"]
        assert m["sentence"][offset : offset + len(m["trigger"]["text"])] == m["trigger"]["text"]
        assert m["rule"]
    missing = client.get("/v1/events/ev-nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "E404"


def test_dyad_series_and_alerts(client):
    body = client.get("/v1/dyads/USA/IRN/series", params={"by": "day"}).json()
    assert body["a"] == "USA" and body["by"] == "day"
    spike = [r for r in body["series"] if r["period"] == "2020-01-08" and r["direction"] == "both"]
    assert spike and spike[0]["quad4"] >= 2
    assert isinstance(body["alerts"], list)
    assert client.get("/v1/dyads/USA/IRN/series", params={"by": "year"}).status_code == 422
    assert client.get("/v1/alerts", params={"by": "week"}).json() == {"alerts": []}


def test_actor_lookup_by_name_and_code(client):
    by_name = client.get("/v1/actors", params={"q": "iran"}).json()["actors"]
    assert by_name[0]["code"] == "IRN" and by_name[0]["events"] > 0
    by_code = client.get("/v1/actors", params={"q": "USAM"}).json()["actors"]
    assert any(a["code"] == "USAMIL" and a["events"] > 0 for a in by_code)
    assert client.get("/v1/actors", params={"q": ""}).status_code == 422


def test_map_counts_events_by_country_of_their_place(client):
    body = client.get("/v1/map").json()
    by_country = {c["country"]: c for c in body["countries"]}
    assert by_country["IRQ"]["events"] >= 1
    assert all(c["events"] == c["conflict"] + c["cooperation"] for c in body["countries"])
    assert any(p["location_name"] == "Ain al-Asad Air Base" for p in body["points"])


def test_cameo_table(client):
    codes = {c["code"]: c for c in client.get("/v1/cameo").json()["codes"]}
    assert set(codes) == {c.code for c in load_ontology().codes()}  # every code of data/cameo.csv, no other
    assert len(codes) == 311 and {c for c in codes if len(c) == 2} == {f"{r:02d}" for r in range(1, 21)}
    assert codes["195"]["quad_class"] == 4 and codes["0256"]["plover_type"] is not None


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/code", "/v1/events", "/v1/events/{event_id}", "/v1/dyads/{a}/{b}/series", "/v1/alerts",
                 "/v1/actors", "/v1/health", "/v1/jobs/{job_id}", "/v1/map"):  # fmt: skip
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_large_batches_become_jobs(client):
    articles = [{"id": f"job-{i}", "date": "2020-01-08", "text": STRIKE} for i in range(3)]
    accepted = client.post("/v1/code", json={"articles": articles, "async": True})
    assert accepted.status_code == 202
    url = accepted.json()["status_url"]
    assert accepted.headers["location"] == url
    deadline = time.monotonic() + 120
    while (job := client.get(url).json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job["status"] == "done", job
    assert job["done"] == 3 and len(job["result"]["mentions"]) == 3
    assert client.get("/v1/jobs/does-not-exist").status_code == 404


def test_store_true_writes_and_updates_events(tmp_path):
    path = tmp_path / "fresh.duckdb"
    with TestClient(create_app(settings=ApiSettings(db=str(path)))) as c:
        before = c.get("/v1/events", params={"source": "IRN"})
        assert before.json()["total"] == 0
        assert c.get("/v1/events", params={"source": "IRN"}).headers["x-cache"] == "hit"
        body = c.post("/v1/code", json={"articles": [{"id": "w1", "date": "2020-01-08", "text": STRIKE}], "store": True})
        assert body.json()["stored"] is True
        # The same request again: the write emptied the answer cache, so the new event shows.
        after = c.get("/v1/events", params={"source": "IRN"})
        assert after.headers["x-cache"] == "miss"
        events = after.json()
        assert events["total"] == 1 and events["events"][0]["cameo"] == "195"
        assert c.get("/v1/health").json()["store"]["articles"] == 1
        # Coding without store: true leaves the store alone.
        c.post("/v1/code", json={"articles": [{"id": "w2", "date": "2020-01-09", "text": STRIKE}]})
        assert c.get("/v1/health").json()["store"]["articles"] == 1


def test_a_second_writer_is_told_who_holds_the_store(tmp_path):
    path = tmp_path / "held.duckdb"
    with TestClient(create_app(settings=ApiSettings(db=str(path)))) as c:
        assert c.get("/v1/health").status_code == 200
        probe = (
            "import sys\nfrom eventwire.store import Store\nfrom eventwire.errors import StoreError\n"
            "try:\n    Store.open(sys.argv[1])\nexcept StoreError as e:\n    print(e.code, e.message)\n"
        )
        out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
        assert out.stdout.startswith("E301"), out.stdout + out.stderr
        assert f"process {os.getpid()}" in out.stdout


def test_the_app_can_be_started_again_after_it_stopped(db):
    app = create_app(settings=ApiSettings(db=str(db)))
    for _ in range(2):  # two lifespans of one application, as test clients and reloaders do
        with TestClient(app) as c:
            assert c.get("/v1/events", params={"limit": 1}).status_code == 200
            assert c.get("/v1/health").json()["store"]["events"] > 0


def test_more_articles_than_the_sync_limit_make_a_job(db):
    with TestClient(create_app(settings=ApiSettings(db=str(db), sync_max_articles=2))) as c:
        articles = [{"id": f"big-{i}", "date": "2020-01-08", "text": STRIKE} for i in range(3)]
        accepted = c.post("/v1/code", json={"articles": articles})
        assert accepted.status_code == 202
        assert c.post("/v1/code", json={"articles": articles[:2]}).status_code == 200
        deadline = time.monotonic() + 120
        while (job := c.get(accepted.json()["status_url"]).json())["status"] in ("queued", "running"):
            assert time.monotonic() < deadline, job
            time.sleep(0.2)
        assert job["status"] == "done" and job["articles"] == 3


def test_the_dashboard_page_forbids_anything_but_its_own_files(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/assets/app.js").status_code == 200


def test_the_documented_mention_schema_is_the_jsonl_contract(client):
    """schemas.py restates the contract for OpenAPI; it must name exactly the fields to_dict() writes."""
    from eventwire.api import schemas

    body = client.post("/v1/code", json={"articles": [{"date": "2020-01-08", "text": STRIKE}], "explain": True}).json()
    mention, why = body["mentions"][0], body["explanations"][0]
    optional = {"date_end"}  # only for an event dated by a range (docs/contracts.md)
    assert set(schemas.Mention.model_fields) - optional == set(mention)
    assert set(schemas.Actor.model_fields) == set(mention["source"]) == set(mention["target"])
    assert set(schemas.Location.model_fields) == set(mention["location"])
    assert set(schemas.Trigger.model_fields) == set(mention["trigger"])
    assert set(schemas.Explanation.model_fields) == set(why)
    codes = client.get("/v1/cameo").json()["codes"]
    assert set(schemas.CameoEntry.model_fields) == set(codes[0])


def test_the_in_memory_event_list_is_built_in_the_background_and_dropped_by_writes(tmp_path):
    path = tmp_path / "snap.duckdb"
    app = create_app(settings=ApiSettings(db=str(path), cache_entries=0))
    service = app.state.service
    with TestClient(app) as c:
        c.post("/v1/code", json={"articles": [{"id": "s1", "date": "2020-01-08", "text": STRIKE}], "store": True})
        assert c.get("/v1/events").json()["total"] == 1  # answered (from DuckDB) while the copy is built
        deadline = time.monotonic() + 60
        while (snap := service.snapshot()) is None:
            assert time.monotonic() < deadline, "the in-memory event list was never built"
            time.sleep(0.05)
        assert len(snap) == 1
        other = "Turkish troops clashed with Kurdish fighters in Syria."
        c.post("/v1/code", json={"articles": [{"id": "s2", "date": "2020-01-09", "text": other}], "store": True})
        assert service.snapshot() is not snap  # the old copy is never served after a write
        assert c.get("/v1/events").json()["total"] == 2
        while (fresh := service.snapshot()) is None:
            assert time.monotonic() < deadline + 60, "the in-memory event list was never rebuilt"
            time.sleep(0.05)
        assert len(fresh) == 2 and fresh.generation > snap.generation
