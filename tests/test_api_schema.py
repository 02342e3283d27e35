"""The API against its own OpenAPI description (issue 6): schemathesis generates ~500 requests, in-process on
the ASGI app over a store of the coded examples; no answer may be a 5xx, and answers must match the schema.
Hand-written cases cover what generation does not reach: 413 for a large body, our 422 error shape."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api_server import code_examples
from eventwire.api import ApiSettings, create_app

pytestmark = pytest.mark.slow

#: Generated cases per operation and generation mode (positive: valid requests; negative: invalid ones).
#: Operations without parameters (health, cameo) get one valid case each; with the 8 others, both modes
#: make ~500 requests (issue 6).
MAX_EXAMPLES = 33
#: POST /v1/code runs the coder on generated text: fewer cases, so the test stays a matter of seconds.
MAX_EXAMPLES_CODE = 20
#: Fewer generated requests than this (both modes) means generation was cut short.
MIN_REQUESTS = 450

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def coded_store(tmp_path_factory):
    return code_examples(tmp_path_factory.mktemp("schema") / "examples.duckdb")


@pytest.fixture
def api_schema(coded_store):
    """A fresh app per test: schemathesis' pytest plugin ends every ASGI lifespan (closing our store) after
    each test, and an app's lifespan runs once."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(coded_store))


@pytest.fixture(scope="module")
def requests_made() -> Counter[str]:
    """Generated requests per operation and mode, summed by the test that checks the total."""
    return Counter()


# schemathesis' pytest integration (`from_fixture(...).parametrize()`) breaks on pytest 9 (it sets
# `Function._nodeid`, which pytest 9 removed), and the eager one needs the app at import: so the test
# drives each operation's Hypothesis strategy itself (`APIOperation.as_strategy`, schemathesis' documented
# way to use it in other tests).
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_api_conforms_to_its_openapi(api_schema, requests_made, mode):
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if mode is GenerationMode.NEGATIVE and not (operation.path_parameters or operation.query or operation.body):
            continue  # nothing to make invalid (health, cameo)
        try:
            _fuzz(operation, mode, requests_made)
        except FailureGroup as exc:  # every failing operation is reported, not only the first
            failures.append(f"{operation.label} ({mode.value}):\n{exc}")
    assert not failures, "\n\n".join(failures)


def _fuzz(operation, mode: GenerationMode, requests_made: Counter[str]) -> None:
    """Send up to MAX_EXAMPLES generated requests to ``operation`` and run the checks on each answer."""
    key = f"{mode.value} {operation.label}"

    @settings(
        max_examples=MAX_EXAMPLES_CODE if operation.path == "/v1/code" else MAX_EXAMPLES,
        deadline=None, database=None, derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded requests even on failure
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )  # fmt: skip
    @given(case=operation.as_strategy(mode))
    def call(case):
        requests_made[key] += 1
        case.call_and_validate(checks=CHECKS)

    call()


def test_generation_made_about_500_requests(requests_made):
    if not requests_made:
        pytest.skip("counts the requests of test_api_conforms_to_its_openapi, in the same run")
    assert sum(requests_made.values()) >= MIN_REQUESTS, dict(requests_made)
    assert any(key.endswith("POST /v1/code") for key in requests_made)


# ------------------------------------------------------------------------------------ hand-written
@pytest.fixture
def small_limit_client(tmp_path):
    from fastapi.testclient import TestClient

    settings = ApiSettings(db=str(tmp_path / "empty.duckdb"), max_body_bytes=10_000)
    with TestClient(create_app(settings=settings)) as client:
        yield client


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"]), body
    return body["error"]


def test_body_over_the_limit_is_413_with_our_error_shape(small_limit_client):
    body = json.dumps({"articles": [{"text": "Iran fired missiles at US forces. " * 1000}]})
    response = small_limit_client.post("/v1/code", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert _error(response)["code"] == "E413"


def test_streamed_body_over_the_limit_is_413_without_content_length(small_limit_client):
    def chunks():
        yield b'{"articles": [{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}]}'

    response = small_limit_client.post("/v1/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert _error(response)["code"] == "E413"


def test_bad_article_date_is_422_naming_the_field(small_limit_client):
    response = small_limit_client.post("/v1/code", json={"articles": [{"text": "Iran protested.", "date": "2020-13-45"}]})
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "E422"
    assert any(d["field"] == "articles.0.date" and d["message"] for d in error["details"]), error


def test_missing_text_is_422_naming_the_field(small_limit_client):
    response = small_limit_client.post("/v1/code", json={"articles": [{"date": "2020-01-08"}]})
    assert response.status_code == 422
    assert any(d["field"] == "articles.0.text" for d in _error(response)["details"])


def test_bad_query_parameter_is_422_naming_it(small_limit_client):
    response = small_limit_client.get("/v1/events", params={"quad": "9", "limit": "5000"})
    assert response.status_code == 422
    fields = {d["field"] for d in _error(response)["details"]}
    assert {"quad", "limit"} <= fields, fields


def test_body_that_is_not_json_is_422(small_limit_client):
    response = small_limit_client.post("/v1/code", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert _error(response)["code"] == "E422"
