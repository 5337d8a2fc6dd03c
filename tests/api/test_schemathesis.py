"""Property-based run of the whole API against its own OpenAPI schema (API-1), with schemathesis.

The schema is loaded from the Django app in-process (WSGI) and every operation is called with
generated data, as an analyst and as a client contact (and, on the consultancy operations, as a
leader), on a database holding real tickets and consultancies whose numbers and ids are fed into
the paths and the query. Checks: no server error, every status code is one
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
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from portal.wsgi import application
from surveys.tokens import survey_token
from tests.helpers import api_token_for, at, upload
from tickets import services

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Examples per operation, role and mode: about 2,500 calls, ~75 s on PostgreSQL on two cores.
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


def _ombudsman_case(world, ticket):
    """A complaint of Alfa's contact about their ticket (the ombudsman routes' protocol)."""
    from ombudsman import services as ombudsman_services

    return ombudsman_services.case_open(
        actor=world.contact.user,
        kind="complaint",
        ticket_numbers=[ticket.number],
        subject="Demora",
        description="Sem resposta.",
    )


@pytest.fixture
def data(world, catalogue, open_ticket) -> dict:
    """Alfa: an open ticket with a file and an internal note, a ticket waiting on the client and a
    closed one, and consultancies waiting for a leader, offered, and accepted with a session and an
    entry; Beta: a ticket and an offered consultancy the Alfa contact must never reach."""
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
    consultancies = _consultancies(world, open_ticket, beta=other)
    session = consultancies["accepted"].sessions.get()
    articles = _articles(world)
    return {
        # path parameters ("id" of the attachments; the consultancy routes' ids by their path)
        "number": [*(ticket.number for ticket in tickets), "00000000"],
        "id": [*sorted({a.pk for t in tickets for a in t.attachments.all()}), 999_999],
        "token": [*survey_tokens, "forjado"],
        "consultancy": [
            *(consultancies[key].pk for key in ("requested", "offered", "accepted", "beta")),
            999_999,
        ],
        "finishable": [consultancies["finishable"].pk, consultancies["requested"].pk, 999_999],
        "session": [session.pk, 999_999],
        "entry": [*session.entries.values_list("pk", flat=True), 999_999],
        "protocol": [_ombudsman_case(world, opened).protocol, "OUV-2026-999999", "nada"],
        "slug": [*articles, "nao-existe"],  # knowledge base articles (a draft among them)
        # request body fields and query parameters that name rows: real ids (and a few wrong ones)
        "company": [world.company.pk, world.other_company.pk, world.company.cnpj],
        "product": [catalogue.product.pk, catalogue.product.pk, catalogue.other_product.pk],
        "routine": [catalogue.routine.pk, catalogue.fiscal_routine.pk],
        "version": [catalogue.version.pk],
        "team": [catalogue.team.pk, catalogue.fiscal_team.pk],
        "assignee": [world.analyst.pk, world.leader.pk, world.contact.user.pk],
        "unit": [world.company.partner_unit_id, 999_999],
        "ticket": [consultancy.ticket.number for consultancy in consultancies.values()],
        "month": ["2026-11", "2026-12"],
        # instants of the consultancy's calendar (most generated ones fall outside 2000-2100)
        "scheduled_for": [
            "2026-11-10T10:00:00-03:00",
            "2026-11-11T14:30:00-03:00",
            "2026-11-14T10:00:00-03:00",
        ],
        "started_at": ["2026-11-10T10:00:00-03:00", "2026-11-10T10:30:00-03:00", "2026-11-10T09:03:00-03:00"],
        "ended_at": ["2026-11-10T10:07:00-03:00", "2026-11-10T10:45:30-03:00", "2026-11-10T09:00:00-03:00"],
    }


def _articles(world) -> list[str]:
    """Slugs of a published knowledge-base article and of a draft (a 404 for the contact)."""
    from knowledge import services as kb_services
    from knowledge.models import Article

    rows = [
        Article(title="Como calcular férias", body="O cálculo das férias.", status=Article.Status.PUBLISHED),
        Article(title="Rascunho de férias", body="Em revisão.", status=Article.Status.DRAFT),
    ]
    return [kb_services.article_save(actor=world.analyst, article=row).slug for row in rows]


def _consultancies(world, open_ticket, *, beta) -> dict:
    """Alfa's consultancies at three steps (the accepted one with a session and an entry) and one
    accepted for the finish operation alone (finishing the other would close it to sessions and
    entries before they are fuzzed), and Beta's offered one."""
    from consultoria import services as consultancy
    from consultoria.models import Modality

    def offer(ticket, code, *, approve=True):
        asked = consultancy.consultancy_request(
            actor=world.analyst,
            ticket=ticket,
            modality=Modality.objects.get(code=code),
            situation="not_reproduced",
        )
        if approve:
            consultancy.consultancy_approve(actor=world.leader, consultancy=asked)
        return asked

    built = {
        "requested": offer(open_ticket(world.contact.user), "module", approve=False),
        "offered": offer(open_ticket(world.contact.user), "technical"),
        "accepted": offer(open_ticket(world.contact.user), "module"),
        "beta": offer(beta, "technical"),
        "finishable": offer(open_ticket(world.contact.user), "investigative"),
    }
    for key in ("accepted", "finishable"):
        consultancy.term_accept(actor=world.admin.user, consultancy=built[key], address="203.0.113.7")
    session = consultancy.session_schedule(
        actor=world.analyst, consultancy=built["accepted"], scheduled_for=at(2026, 11, 10, 9)
    )
    consultancy.entry_record(
        actor=world.analyst,
        session=session,
        started_at=at(2026, 11, 10, 9),
        ended_at=at(2026, 11, 10, 9, 7),
        description="Análise.",
    )
    return built


BODY_IDS = (
    "company",
    "product",
    "routine",
    "version",
    "team",
    "assignee",
    "scheduled_for",
    "started_at",
    "ended_at",
)
QUERY_IDS = ("company", "unit", "ticket", "month")
# The "id" of a path is a row of the resource the path names.
PATH_IDS = {
    "/api/v1/consultancies/{id}/finish/": "finishable",
    "/api/v1/consultancies/": "consultancy",
    "/api/v1/consultancy-sessions/": "session",
    "/api/v1/consultancy-entries/": "entry",
}


@st.composite
def _with_real_ids(draw, strategy, data: dict):
    """Valid cases whose id fields name real rows (some of them refused) and whose instants fall in
    the consultancy's calendar now and then, so the services run."""
    case = draw(strategy)
    for fields, keys in ((case.body, BODY_IDS), (case.query, QUERY_IDS)):
        if isinstance(fields, dict):
            for key in keys:
                if key in fields:
                    fields[key] = draw(st.sampled_from(data[key]))
    return case


def _values_of(operation, name: str, data: dict) -> list:
    if name == "id":
        name = next((key for prefix, key in PATH_IDS.items() if operation.path.startswith(prefix)), name)
    return data[name]


def _strategy(operation, mode: GenerationMode, data: dict):
    """Cases of the operation whose path parameters are real numbers/ids most of the time."""
    names = {parameter.name for parameter in operation.path_parameters}
    if not names:
        strategy = operation.as_strategy(generation_mode=mode)
    else:
        name = names.pop()
        strategy = st.sampled_from(_values_of(operation, name, data)).flatmap(
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
        "analyst": api_token_for(world.analyst),
        "contact": api_token_for(world.contact.user),
        "leader": api_token_for(world.leader),  # the consultancy operations only
    }
    failures: list[str] = []
    calls: list = []
    operations = 0
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for role, token in tokens.items():
            if role == "leader" and not any(tag.startswith("consultancy") for tag in operation.tags or ()):
                continue
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
    assert operations == 54
    assert len(calls) > operations * 2 * 2 * 5  # every operation, role and mode was exercised
