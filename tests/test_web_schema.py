"""Schemathesis against /openapi.json of a real ``dateline serve`` process: generated requests
for every operation, each response checked against the description (status codes, content
types, JSON schemas) and for server errors."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.web_server import running_server

EXAMPLES = 50  # generated requests an operation
# A schema-valid request may still be refused with 400 for what JSON Schema cannot say: a
# `next` that is not a page key this server gave, a search of more than 12 words. Every other
# check runs: no 5xx, documented statuses and content types, bodies that match their schemas.
NOT_CHECKED = [positive_data_acceptance]


@pytest.fixture(scope="module")
def api(web_db):
    with running_server(web_db) as base:
        yield base, schemathesis.openapi.from_url(base + "/openapi.json")


def test_every_operation_is_fuzzed(api):
    _, schema = api
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert {"GET /events", "GET /events.json", "GET /articles/{article_id}", "GET /export",
            "POST /ingest"} <= labels  # fmt: skip


def test_api_meets_its_description(api):
    base, schema = api
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)  # fmt: skip
        def check(case):
            case.call_and_validate(base_url=base, excluded_checks=NOT_CHECKED)

        try:
            check()
        except Exception as err:
            failures.append(f"{operation.label}: {err}")
    assert not failures, "\n\n".join(failures)
