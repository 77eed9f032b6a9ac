"""Schema-driven fuzzing: schemathesis against /api/v1/openapi.json on a served test instance (loopback only).

Bounded: a few examples per operation, a hang limit of 15 s per request, and a 60 s
budget for the whole run. Passes when no answer is a 5xx and every answer matches the schema. Operations that
take a date-time also get the calendar's ends (years 1 and 9999 with time-zone offsets that cross them), both
among the generated examples and each once for certain.
"""

import json
import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from parelketting.choices import PearlKind
from parelketting.models import Activity, Route, RouteStop
from parelketting.services import pearl_publish, pearl_submit

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET_SECONDS = 60
# A hang detector, not a speed test: speed is measured by make bench, not by timed tests.
MAX_RESPONSE_SECONDS = 15.0
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 50
# Years 1 and 9999, with offsets that push the moment past the calendar's end in UTC (an OverflowError once).
BOUNDARY_DATES = [
    "0001-01-01T00:00:00+05:00",
    "0001-01-01T00:00:00-05:00",
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-05:00",
    "9999-12-31T23:59:59+05:00",
    "9999-12-31T23:59:59.999999Z",
    "9999-12-31T23:59:59-23:59",
]


def date_time_parameters(operation) -> list[str]:
    """The operation's query parameters whose schema says ``date-time``."""
    return [
        parameter["name"]
        for parameter in operation.definition.raw.get("parameters", [])
        if parameter.get("in") == "query" and '"date-time"' in json.dumps(parameter.get("schema", {}))
    ]


@pytest.fixture
def api_schema(live_server, world, settings):
    host = urlsplit(live_server.url).hostname
    assert host in ("localhost", "127.0.0.1"), "the fuzz run stays on this machine"
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    place = pearl_submit(
        kind=PearlKind.PLACE,
        title="Bankje bij de vijver",
        story="Een fijne plek.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        themes=[world.themes["groen"]],
        lat=world.zuidwijk.centre_lat + Decimal("0.001"),
        lng=world.zuidwijk.centre_lng,
    )
    place = pearl_publish(pearl=place, by=world.users.superuser)
    person = pearl_submit(
        kind=PearlKind.PERSON,
        title="Ik repareer fietsen",
        story="Kom langs.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        meeting_place=place,
    )
    pearl_publish(pearl=person, by=world.users.superuser)
    second = pearl_submit(
        kind=PearlKind.PLACE,
        title="Buurttuin",
        story="Groente voor iedereen.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        lat=world.zuidwijk.centre_lat,
        lng=world.zuidwijk.centre_lng + Decimal("0.002"),
    )
    second = pearl_publish(pearl=second, by=world.users.superuser)
    route = Route.objects.create(slug="rondje", title="Rondje", neighbourhood=world.zuidwijk, status="published")
    RouteStop.objects.create(route=route, pearl=place, position=1)
    RouteStop.objects.create(route=route, pearl=second, position=2)
    start = timezone.now() + timedelta(days=2)
    Activity.objects.create(
        title="Koffie",
        description="Samen koffie drinken.",
        neighbourhood=world.zuidwijk,
        place=place,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=10,
        status="published",
    )
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")


def test_api_answers_match_the_schema_and_never_fail(api_schema):
    """Every operation, with valid and invalid inputs: no 5xx, status, type, headers and body as documented."""
    started = time.monotonic()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 14
    calls = []
    dated = {operation.path: date_time_parameters(operation) for operation in operations}
    assert dated["/api/v1/pearls"] == ["changed_since"]

    for operation in operations:
        strategies = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
        strategies += [
            st.sampled_from(BOUNDARY_DATES).flatmap(
                lambda moment, name=name, operation=operation: operation.as_strategy(
                    GenerationMode.POSITIVE, query={name: moment}
                )
            )
            for name in dated[operation.path]
        ]
        strategy = st.one_of(*strategies)

        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,  # the same examples every run: CI stays reproducible
        )
        @given(case=strategy)
        def fuzz(case):
            if time.monotonic() - started > BUDGET_SECONDS:
                return
            response = case.call_and_validate(checks=CHECKS, timeout=MAX_RESPONSE_SECONDS)
            calls.append(response.status_code)
            assert response.status_code < 500
            assert response.elapsed < MAX_RESPONSE_SECONDS

        fuzz()
        for name in dated[operation.path]:
            for moment in BOUNDARY_DATES:
                response = operation.Case(query={name: moment}).call_and_validate(
                    checks=CHECKS, timeout=MAX_RESPONSE_SECONDS
                )
                assert response.status_code == 200, (name, moment, response.status_code)

    assert len(calls) >= len(operations) * 5
    assert 200 in calls
    print("FUZZ", len(calls), sorted(set(calls)), round(time.monotonic() - started, 1))
