"""Property-based run of the whole API against its own OpenAPI schema (API-1), with schemathesis.

The schema is loaded from the Django app in-process (WSGI) and every operation is called with
generated data, as an analyst and as a client contact, on a database holding real tickets whose
numbers and file ids are fed into the paths. Checks: no server error, every status code is one
the schema documents and, for valid requests, every response body matches the schema.

The requests run inside pytest-django's test transaction, as with Django's test client: Django's
`close_old_connections` is kept off the request signals so the handler never closes the
connection the test transaction lives on.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from portal.wsgi import application
from surveys.tokens import survey_token
from tests.helpers import upload
from tickets import services

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Examples per operation, role and mode: about 950 calls, ~25 s on SQLite or PostgreSQL.
MAX_EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 10}
CHECKS = {
    # Valid requests: no 5xx, only documented status codes, bodies that match the schema.
    GenerationMode.POSITIVE: [not_a_server_error, status_code_conformance, response_schema_conformance],
    # Invalid requests: never a server error (the exact 4xx is DRF's to choose).
    GenerationMode.NEGATIVE: [not_a_server_error],
}


@pytest.fixture
def same_connection():
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def data(world, catalogue, open_ticket) -> dict:
    """Alfa: an open ticket with a file and an internal note, a ticket waiting on the client and a
    closed one; Beta: a ticket the Alfa contact must never reach."""
    opened = open_ticket(world.contact.user, files=[upload("log.txt")])
    services.ticket_reply(
        actor=world.analyst,
        ticket=opened,
        body="Nota",
        internal=True,
        files=[upload("nota.txt", b"interna")],
    )
    waiting = open_ticket(world.contact.user)
    services.ticket_transition(actor=world.analyst, ticket=waiting, to_status="pending_client", reason="XML?")
    closed = open_ticket(world.contact.user)
    services.ticket_transition(
        actor=world.analyst, ticket=closed, to_status="awaiting_validation", reason="Ok"
    )
    services.ticket_transition(actor=world.contact.user, ticket=closed, to_status="closed")
    other = open_ticket(world.other_contact.user, files=[upload("beta.txt", b"beta")])
    tickets = [opened, waiting, closed, other]
    from surveys.models import Survey

    survey_tokens = [survey_token(survey) for survey in Survey.objects.all()]
    return {
        # path parameters
        "number": [*(ticket.number for ticket in tickets), "00000000"],
        "id": [*sorted({a.pk for t in tickets for a in t.attachments.all()}), 999_999],
        "token": [*survey_tokens, "forjado"],
        # request body fields that name rows: real ids (and a few wrong ones) reach the services
        "company": [world.company.pk, world.other_company.pk, world.company.cnpj],
        "product": [catalogue.product.pk, catalogue.product.pk, catalogue.other_product.pk],
        "routine": [catalogue.routine.pk, catalogue.fiscal_routine.pk],
        "version": [catalogue.version.pk],
        "team": [catalogue.team.pk, catalogue.fiscal_team.pk],
        "assignee": [world.analyst.pk, world.leader.pk, world.contact.user.pk],
    }


BODY_IDS = ("company", "product", "routine", "version", "team", "assignee")


@st.composite
def _with_real_ids(draw, strategy, data: dict):
    """Valid cases whose id fields name real rows (some of them refused), so the services run."""
    case = draw(strategy)
    if isinstance(case.body, dict):
        for key in BODY_IDS:
            if key in case.body:
                case.body[key] = draw(st.sampled_from(data[key]))
    return case


def _strategy(operation, mode: GenerationMode, data: dict):
    """Cases of the operation whose path parameters are real numbers/ids most of the time."""
    names = {parameter.name for parameter in operation.path_parameters}
    if not names:
        strategy = operation.as_strategy(generation_mode=mode)
    else:
        name = names.pop()
        strategy = st.sampled_from(data[name]).flatmap(
            lambda value: operation.as_strategy(generation_mode=mode, path_parameters={name: value})
        )
        if mode is GenerationMode.NEGATIVE:
            strategy |= operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.POSITIVE:
        strategy = _with_real_ids(strategy, data)
    return strategy


def _fuzz(strategy, *, examples: int, headers: dict, checks: list, counter: list) -> None:
    """Call the operation with up to `examples` generated cases; raise on the first failure."""

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,  # the same cases on every run: a red CI run is reproducible
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call_and_validate(headers=headers, checks=checks)
        counter.append((case.operation.label, response.status_code))

    run()


def test_api1_schemathesis_finds_no_server_error_and_no_schema_violation(world, data, same_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    tokens = {
        "analyst": Token.objects.create(user=world.analyst).key,
        "contact": Token.objects.create(user=world.contact.user).key,
    }
    failures: list[str] = []
    calls: list = []
    operations = 0
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for role, token in tokens.items():
            for mode, checks in CHECKS.items():
                try:
                    _fuzz(
                        _strategy(operation, mode, data),
                        examples=MAX_EXAMPLES[mode],
                        headers={"Authorization": f"Token {token}"},
                        checks=checks,
                        counter=calls,
                    )
                except Unsatisfiable:
                    # Negative mode where nothing can be invalid (no body; free-text path parameter
                    # such as the survey token): there is no invalid request to send.
                    assert mode is GenerationMode.NEGATIVE
                except Exception as error:  # one report per operation, role and mode
                    failures.append(f"{operation.label} as {role} ({mode.value}):\n{error}")
    print(f"schemathesis: {len(calls)} calls, {operations} operations, {time.monotonic() - started:.1f} s")
    for (label, status), count in sorted(Counter(calls).items()):
        print(f"  {label} -> {status}: {count}")
    assert failures == [], "\n\n".join(failures)
    assert operations == 23
    assert len(calls) > operations * 2 * 2 * 5  # every operation, role and mode was exercised
