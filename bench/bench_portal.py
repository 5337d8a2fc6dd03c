"""Benchmark of the portal's pages and periodic sweeps on PostgreSQL (`make bench`).

Run through scripts/bench.sh (a throw-away PostgreSQL and Redis, migrated and with the static files
collected), or by hand against an EMPTY throw-away database:
    DATABASE_URL=postgres://... python bench/bench_portal.py [--tickets 100000] [--repeat 30] ...

1. Seeds, set-based, 50 companies (4 contacts each: an administrator, one who sees all company
   tickets, two who see their own), the demo catalogue (accounts/management/commands/seed_demo.py),
   one analyst in every team, ONE CalendarSnapshot of "suporte-tecnico" shared by every ticket, and
   `--tickets` tickets over the last year (statuses by age, severities, SLA deadlines computed with
   the real engine from the snapshot: response/maintenance due, at-risk instants, pauses, breaches,
   acceptance and pending-client windows), with an "opened" and a status event each, and a survey
   for every closed ticket. Company sizes are skewed (weight 1/sqrt(rank)); the pages are measured as
   the company holding about the average (2k of 100k). One more ticket gets a real history through
   the services (opening, analyst messages, internal note, pending client, client reply).
2. Pages, in-process with django.test.Client (DEBUG=0, manifest static files), after a warm-up:
   median and p95 of `--repeat` requests each, the query count of one more request
   (CaptureQueriesContext) and the rows the page shows. Every page must answer 200.
3. Sweeps (OPS-1): grows the table to `--sweep-total` tickets with INSERT ... SELECT (copies of the
   seeded rows with new numbers; `--sweep-due` of them awaiting validation with the window over),
   measures the pages again at that size, profiles a slice of the auto-close inside a transaction
   that is rolled back (cProfile: what dominates), then runs `tickets.jobs.acceptance_autoclose` over
   every due ticket: seconds, seconds per 10k closed, queries per batch, time spent waiting for
   PostgreSQL, resident memory sampled at every batch. Then `acceptance_reminders` and `sla_marking`
   over the same table.

Ticket numbers are unique 8-digit numbers, pseudo-random: 10,000,000 + (i * 73,856,093) mod 90,000,000
(73,856,093 is prime to 90,000,000, so i -> number is one-to-one).
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
os.environ["DEBUG"] = "0"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")
_hosts = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
os.environ["ALLOWED_HOSTS"] = ",".join([*_hosts, "testserver"])

import django  # noqa: E402

django.setup()

from bench_auth import api_client, signed_in  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.management.commands import seed_demo  # noqa: E402
from accounts.models import Company, Contact, ProductLine, User  # noqa: E402
from accounts.validators import _mod11_digit  # noqa: E402
from outbox.models import OutboxEmail  # noqa: E402
from sla import services as sla_services  # noqa: E402
from sla.models import Calendar, Severity, SeverityTarget  # noqa: E402
from surveys.models import Survey  # noqa: E402
from tickets import jobs  # noqa: E402
from tickets import services as ticket_services  # noqa: E402
from tickets.admin.changelist import TicketAdmin  # noqa: E402
from tickets.deadlines import SLA_RANK, SlaState, sla_state  # noqa: E402
from tickets.models import (  # noqa: E402
    AcceptancePolicy,
    Product,
    ProductVersion,
    Routine,
    Team,
    Ticket,
    TicketEvent,
)

S = Ticket.Status
PASSWORD = "Bench#Portal2026"  # noqa: S105 - throw-away database
NUMBER_STRIDE = 73_856_093
COMPANIES = 50
PAGE_SIZE = 25  # tickets/web/views/listing.py PAGE_SIZE and the API's page size
AT_RISK_FRACTION = sla_services.AT_RISK_FRACTION

# Status by age: old tickets are almost all closed; the last 30 days hold the open work.
STATUS_RECENT = [
    (S.NEW, 15),
    (S.IN_ANALYSIS, 30),
    (S.PENDING_CLIENT, 12),
    (S.IN_MAINTENANCE, 8),
    (S.AWAITING_VALIDATION, 10),
    (S.CLOSED, 25),
]
STATUS_OLD = [
    (S.CLOSED, 93),
    (S.IN_ANALYSIS, 2),
    (S.PENDING_CLIENT, 1.5),
    (S.IN_MAINTENANCE, 2),
    (S.AWAITING_VALIDATION, 1.5),
]
# SEV-1 answers (unusable, workaround, corruption, cosmetic) that classify as each severity.
SEVERITIES = [
    (Severity.CRITICAL, 5, (True, False, False, False)),
    (Severity.HIGH, 20, (True, True, False, False)),
    (Severity.MEDIUM, 45, (False, False, False, False)),
    (Severity.LOW, 30, (False, False, False, True)),
]
ENVIRONMENTS = [("production", 80), ("homologation", 12), ("test", 5), ("development", 3)]
SUMMARIES = [
    "Nota fiscal rejeitada na transmissão (539)",
    "Cálculo de férias com um dia a menos",
    "Texto cortado no relatório de estoque",
    "Erro ao gerar o arquivo do eSocial S-1200",
    "Pedido de compra não aparece na aprovação",
    "Lentidão ao abrir a rotina de faturamento",
    "Promoção leve 3 pague 2 não aplicada no PDV",
    "Saldo de estoque divergente após inventário",
    "Boleto gerado com vencimento errado",
    "Livro de apuração de ICMS com valores duplicados",
    "Frente de caixa trava ao fechar o cupom",
    "Holerite sem o desconto do vale-transporte",
    "Relatório de compras não exporta para Excel",
    "Erro de permissão ao acessar a rotina de férias",
    "Cadastro de produto não salva o NCM",
    "Integração com a SEFAZ fora do ar em homologação",
]
DESCRIPTION = (
    "Ao executar a rotina o sistema apresenta a mensagem de erro abaixo e não conclui a operação. "
    "Passos: abrir a rotina, informar a filial 01, preencher o período e confirmar. O problema começou "
    "depois da atualização da última release; em homologação acontece o mesmo. Seguem os detalhes do "
    "ambiente e o log da execução para análise."
)


def ticket_number(index: int) -> str:
    return str(10_000_000 + (index * NUMBER_STRIDE) % 90_000_000)


def make_cnpj(base: int) -> str:
    base12 = f"{base:08d}0001"
    values = [int(c) for c in base12]
    first = _mod11_digit(values, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    second = _mod11_digit([*values, first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    return f"{base12}{first}{second}"


def make_cpf(base: int) -> str:
    base9 = f"{base:09d}"
    digits = [int(c) for c in base9]
    first = _mod11_digit(digits, list(range(10, 1, -1)))
    second = _mod11_digit([*digits, first], list(range(11, 1, -1)))
    return f"{base9}{first}{second}"


def rss_mb() -> float:
    """Resident memory now (Linux /proc), else the peak from getrusage."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def log(text: str) -> None:
    print(text, flush=True)


def section(title: str) -> None:
    log(f"\n=== {title} " + "=" * max(0, 96 - len(title)))


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


# --- Seeding ----------------------------------------------------------------------------------------------


@dataclass
class World:
    now: datetime
    analyst: User
    companies: list[Company]
    contacts: dict[int, list[User]]  # company pk -> [admin, sees all, own, own]
    snapshot: object
    bench_company: Company | None = None
    bench_contact: User | None = None
    showcase: Ticket | None = None
    base_count: int = 0
    company_counts: Counter = field(default_factory=Counter)


def seed_people_and_catalogue(now: datetime) -> tuple[World, list]:
    lines = {
        slug: ProductLine.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in seed_demo.PRODUCT_LINES
    }
    teams = {
        slug: Team.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in seed_demo.TEAMS
    }
    catalogue = []
    for line_slug, product_name, team_slug, routines, versions in seed_demo.CATALOGUE:
        product, _ = Product.objects.get_or_create(
            line=lines[line_slug], name=product_name, defaults={"default_team": teams[team_slug]}
        )
        product_routines = [
            Routine.objects.get_or_create(product=product, name=name, defaults={"team": teams.get(team)})[0]
            for name, team in routines
        ]
        product_versions = [
            ProductVersion.objects.get_or_create(product=product, name=v)[0] for v in versions
        ]
        catalogue.append((product, product_routines, product_versions))

    analyst = User.objects.create_user(
        email="analista.bench@suporte.example",
        password=PASSWORD,
        full_name="Helena Bench",
        role=User.Role.ANALYST,
        is_staff=True,
        activated_at=now,
    )
    for team in teams.values():
        team.members.add(analyst)

    states = [("SP", "São Paulo"), ("MG", "Belo Horizonte"), ("RJ", "Rio de Janeiro"), ("PR", "Curitiba")]
    companies = Company.objects.bulk_create(
        [
            Company(
                legal_name=f"Empresa Bench {i:02d} Ltda.",
                trade_name=f"Empresa Bench {i:02d}",
                cnpj=make_cnpj(31_000_000 + i),
                state=states[i % len(states)][0],
                municipality=states[i % len(states)][1],
                support_offer=Company.SupportOffer.PRIME if i % 5 == 0 else Company.SupportOffer.STANDARD,
            )
            for i in range(1, COMPANIES + 1)
        ]
    )
    through = Company.product_lines.through
    through.objects.bulk_create(
        [through(company_id=c.pk, productline_id=line.pk) for c in companies for line in lines.values()]
    )
    password = make_password(PASSWORD)  # one hash for everyone: hashing is the slow part
    kinds = ["admin", "all", "own", "own"]
    users = User.objects.bulk_create(
        [
            User(
                email=f"contato{k}@empresa{i:02d}.example",
                full_name=f"Contato {k} Empresa {i:02d}",
                role=User.Role.CONTACT,
                password=password,
                activated_at=now,
            )
            for i in range(1, COMPANIES + 1)
            for k in range(len(kinds))
        ]
    )
    contacts: dict[int, list[User]] = {}
    rows = []
    for n, user in enumerate(users):
        company = companies[n // len(kinds)]
        kind = kinds[n % len(kinds)]
        contacts.setdefault(company.pk, []).append(user)
        rows.append(
            Contact(
                user=user,
                company=company,
                cpf=make_cpf(200_000_000 + n),
                can_open_tickets=True,
                can_see_company_tickets=kind in ("admin", "all"),
                can_authorize_consultancy=kind == "admin",
                is_company_admin=kind == "admin",
            )
        )
    for contact in Contact.objects.bulk_create(rows):
        contact.user.contact_pk = contact.pk  # the requester_contact of their tickets
    snapshot = sla_services.calendar_snapshot(
        calendar=Calendar.objects.get(slug=sla_services.TECHNICAL_CALENDAR), around=now
    )
    world = World(now=now, analyst=analyst, companies=companies, contacts=contacts, snapshot=snapshot)
    return world, catalogue


def seed_tickets(world: World, catalogue: list, count: int, rng: random.Random) -> None:
    """`count` tickets with bulk_create (5k a batch); deadlines from the real engine and snapshot."""
    now = world.now
    clock = sla_services.snapshot_clock(world.snapshot)
    targets = {t.severity: t for t in SeverityTarget.objects.all()}
    policy = AcceptancePolicy.objects.get(is_default=True)
    company_weights = [1 / math.sqrt(rank + 1) for rank in range(len(world.companies))]
    cum_company = list(_accumulate(company_weights))
    sev_cum = list(_accumulate([w for _s, w, _a in SEVERITIES]))
    env_cum = list(_accumulate([w for _e, w in ENVIRONMENTS]))
    recent_cum = list(_accumulate([w for _s, w in STATUS_RECENT]))
    old_cum = list(_accumulate([w for _s, w in STATUS_OLD]))
    requester_cum = list(_accumulate([10, 30, 30, 30]))
    year = 365 * 86400
    batch: list[Ticket] = []

    for index in range(count):
        company = world.companies[rng.choices(range(len(world.companies)), cum_weights=cum_company)[0]]
        people = world.contacts[company.pk]
        requester = people[rng.choices(range(4), cum_weights=requester_cum)[0]]
        product, routines, versions = catalogue[rng.randrange(len(catalogue))]
        routine = routines[rng.randrange(len(routines))]
        severity, _w, answers = SEVERITIES[rng.choices(range(len(SEVERITIES)), cum_weights=sev_cum)[0]]
        age = rng.random() * year
        created = now - timedelta(seconds=age)
        if age < 30 * 86400:
            status = STATUS_RECENT[rng.choices(range(len(STATUS_RECENT)), cum_weights=recent_cum)[0]][0]
        else:
            status = STATUS_OLD[rng.choices(range(len(STATUS_OLD)), cum_weights=old_cum)[0]][0]

        ticket = Ticket(
            number=ticket_number(index),
            company=company,
            requester=requester,
            requester_contact_id=requester.contact_pk,
            kind=Ticket.Kind.TECHNICAL,  # one snapshot (technical calendar) for every ticket
            product=product,
            routine=routine,
            version=versions[rng.randrange(len(versions))],
            environment=ENVIRONMENTS[rng.choices(range(len(ENVIRONMENTS)), cum_weights=env_cum)[0]][0],
            summary=SUMMARIES[rng.randrange(len(SUMMARIES))],
            description=DESCRIPTION,
            answer_function_unusable=answers[0],
            answer_has_workaround=answers[1],
            answer_data_corruption=answers[2],
            answer_cosmetic=answers[3],
            severity=severity,
            status=status,
            team=routine.team or product.default_team,
            assignee=world.analyst if status != S.NEW and rng.random() < 0.7 else None,
            created_at=created,
            status_changed_at=created,
            sla_snapshot=world.snapshot,
            calendar_slug=world.snapshot.data["calendar"],
        )
        _timeline_and_sla(ticket, clock, targets[severity], policy, now, rng)
        batch.append(ticket)
        world.company_counts[company.pk] += 1
        if len(batch) == 5000:
            Ticket.objects.bulk_create(batch)
            batch = []
    if batch:
        Ticket.objects.bulk_create(batch)


def _accumulate(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def _timeline_and_sla(ticket: Ticket, clock, target, policy, now: datetime, rng: random.Random) -> None:
    """Status instants and the stored SLA fields, as tickets/services.py would have left them."""
    created, status = ticket.created_at, ticket.status
    age = (now - created).total_seconds()
    if status == S.CLOSED:
        took = min(age - 60, rng.expovariate(1 / (5 * 86400)) + 3600)
        ticket.closed_at = ticket.status_changed_at = created + timedelta(seconds=max(took, 1))
    elif status in (S.IN_ANALYSIS, S.IN_MAINTENANCE):
        ticket.status_changed_at = created + timedelta(seconds=rng.random() * age)
    elif status == S.PENDING_CLIENT:
        ticket.status_changed_at = max(created, now - timedelta(seconds=rng.random() * 6 * 86400))
        start = ticket.status_changed_at
        ticket.auto_action_at = clock.add(start, clock.days_to_seconds(start, 7))  # TKT-8, in the future
    elif status == S.AWAITING_VALIDATION:
        ticket.status_changed_at = max(created, now - timedelta(seconds=rng.random() * 14 * 86400))
        deadline = ticket.status_changed_at + timedelta(days=policy.window_length)  # ACP-1, not over
        ticket.acceptance_policy = policy
        ticket.acceptance_deadline = ticket.auto_action_at = deadline
        ticket.acceptance_reminder_at = deadline - timedelta(days=policy.reminder_before)

    response_seconds = target.response_hours * 3600
    maintenance_seconds = clock.days_to_seconds(created, target.maintenance_days)
    response_due = clock.deadline(created, seconds=response_seconds).due_at
    maintenance_due = clock.deadline(created, seconds=maintenance_seconds).due_at
    paused = status in (S.PENDING_CLIENT, S.AWAITING_VALIDATION)
    # An open pause that began before a deadline leaves it unknown (SLA-4).
    ticket.response_due_at = None if paused and ticket.status_changed_at < response_due else response_due
    ticket.maintenance_due_at = (
        None if paused and ticket.status_changed_at < maintenance_due else maintenance_due
    )
    maintenance = status == S.IN_MAINTENANCE
    seconds = maintenance_seconds if maintenance else response_seconds
    ticket.sla_target_seconds = seconds
    ticket.sla_paused = paused
    if status == S.CLOSED:
        if ticket.closed_at > response_due:
            ticket.sla_breached_at = response_due
    elif not paused:
        due = maintenance_due if maintenance else response_due
        ticket.sla_due_at = due
        ticket.sla_risk_at = clock.deadline(created, seconds=seconds - int(AT_RISK_FRACTION * seconds)).due_at
        if due < now - timedelta(days=1):
            ticket.sla_breached_at = due  # marked by the job long ago; the last day is its backlog
    ticket.sla_rank = SLA_RANK[sla_state(ticket, now)]  # as the moves and the marking job keep it


def seed_history(first_id: int) -> None:
    """An "opened" event and the event of the current status for each ticket; a survey per closed one."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO tickets_ticketevent
                   (ticket_id, kind, actor_id, created_at, from_value, to_value, reason)
            SELECT id, 'opened', requester_id, created_at, '', 'new', ''
              FROM tickets_ticket WHERE id >= %(first)s
            UNION ALL
            SELECT id, 'status', CASE WHEN status = 'closed' THEN requester_id ELSE assignee_id END,
                   status_changed_at, CASE WHEN status = 'in_analysis' THEN 'new' ELSE 'in_analysis' END,
                   status, ''
              FROM tickets_ticket WHERE id >= %(first)s AND status <> 'new'
            """,
            {"first": first_id},
        )
        cursor.execute(
            """
            INSERT INTO surveys_survey
                   (ticket_id, analyst_id, team_id, sent_at, answered_at, rating, solved, comment)
            SELECT id, assignee_id, team_id, closed_at,
                   CASE WHEN id %% 3 = 0 THEN closed_at + interval '1 day' END,
                   CASE WHEN id %% 3 = 0 THEN 1 + id %% 5 END,
                   CASE WHEN id %% 3 = 0 THEN id %% 5 > 1 END,
                   ''
              FROM tickets_ticket WHERE id >= %(first)s AND status = 'closed'
            """,
            {"first": first_id},
        )


def seed_showcase(world: World, catalogue: list, number: str) -> Ticket:
    """One ticket with a real history through the services: the ticket page is not empty."""
    contact = world.bench_contact
    analyst = world.analyst
    product, routines, versions = catalogue[0]
    start = world.now - timedelta(days=2, hours=3)
    ticket = ticket_services.ticket_open(
        actor=contact,
        company=world.bench_company,
        product=product,
        routine=routines[-1],
        version=versions[-1],
        environment="production",
        summary="Nota fiscal rejeitada na transmissão (539)",
        description=DESCRIPTION,
        error_message="Rejeição 539: Duplicidade de NF-e com diferença na chave de acesso.",
        answers=ticket_services.SeverityAnswers(True, False, False, False),
        now=start,
    )
    # The benchmark's numbers are one-to-one with an index: give this one the next index's number.
    Ticket.objects.filter(pk=ticket.pk).update(number=number)
    ticket.number = number
    steps = [
        (1, lambda at: ticket_services.ticket_transition(
            actor=analyst, ticket=ticket, to_status=S.IN_ANALYSIS, now=at)),
        (1.1, lambda at: ticket_services.ticket_assign(
            actor=analyst, ticket=ticket, assignee=analyst, now=at)),
        (2, lambda at: ticket_services.ticket_reply(
            actor=analyst, ticket=ticket, now=at,
            body="Olá! Estamos analisando a rejeição 539. Qual a série da nota e a filial emitente?")),
        (2.5, lambda at: ticket_services.ticket_reply(
            actor=analyst, ticket=ticket, internal=True, now=at,
            body="Provável chave gerada duas vezes após a atualização da release 2510.")),
        (3, lambda at: ticket_services.ticket_transition(
            actor=analyst, ticket=ticket, to_status=S.PENDING_CLIENT, now=at,
            reason="Envie o XML da nota rejeitada e o log da transmissão, por favor.")),
        (20, lambda at: ticket_services.ticket_reply(
            actor=contact, ticket=ticket, now=at,
            body="Segue o XML e o log. Série 1, filial 01. Obrigado!")),
        (22, lambda at: ticket_services.ticket_reply(
            actor=analyst, ticket=ticket, now=at,
            body="Recebido. Reproduzimos o problema e estamos preparando a correção.")),
    ]  # fmt: skip
    for hours, step in steps:
        step(start + timedelta(hours=hours))
    return Ticket.objects.get(pk=ticket.pk)


def analyze(*tables: str) -> None:
    """Fresh planner statistics (VACUUM, which cannot run in a transaction, only outside one: the
    smoke test of tests/test_bench.py runs the benchmark inside its test transaction)."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {table}")


def seed(args, rng: random.Random) -> tuple[World, list]:
    section(f"Seeding {args.tickets:,} tickets over {COMPANIES} companies")
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        world, catalogue = seed_people_and_catalogue(now)
        people_done = time.perf_counter()
        first_id = (Ticket.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        seed_tickets(world, catalogue, args.tickets, rng)
        tickets_done = time.perf_counter()
        seed_history(first_id)
    history_done = time.perf_counter()
    world.base_count = args.tickets
    average = args.tickets / COMPANIES
    bench_pk = min(world.company_counts, key=lambda pk: abs(world.company_counts[pk] - average))
    world.bench_company = next(c for c in world.companies if c.pk == bench_pk)
    world.bench_contact = world.contacts[bench_pk][1]  # "sees all company tickets", not an admin
    world.showcase = seed_showcase(world, catalogue, ticket_number(args.tickets))
    analyze("tickets_ticket", "tickets_ticketevent", "surveys_survey", "tickets_message")
    done = time.perf_counter()
    log(f"people, catalogue, snapshot: {people_done - started:6.1f} s")
    log(f"tickets (engine deadlines, bulk_create 5k a batch): {tickets_done - people_done:6.1f} s")
    log(f"events and surveys (INSERT ... SELECT): {history_done - tickets_done:6.1f} s")
    log(f"showcase ticket through the services + VACUUM ANALYZE: {done - history_done:6.1f} s")
    log(f"seeding total: {done - started:.1f} s")
    counts = dict(Ticket.objects.values_list("status").annotate(n=Count("pk")))
    log("statuses: " + ", ".join(f"{status} {counts.get(status, 0):,}" for status in S.values))
    sizes = sorted(world.company_counts.values())
    log(
        f"tickets per company: min {sizes[0]:,}, median {statistics.median(sizes):,.0f}, max {sizes[-1]:,}; "
        f"pages measured as {world.bench_contact.email} ({world.bench_company.trade_name}, "
        f"{world.company_counts[bench_pk]:,} tickets); ticket page {world.showcase.number}"
    )
    return world, catalogue


# --- Pages ------------------------------------------------------------------------------------------------


@dataclass
class PageResult:
    name: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    rows: int
    status: int


def _rows_html_contact(response) -> int:
    return response.content.count(b'<th scope="row"')


def _rows_html_admin(response) -> int:
    return response.content.count(b'name="_selected_action"')


def _rows_api(response) -> int:
    return len(response.json().get("results", []))


def _rows_detail(response) -> int:
    return len(re.findall(rb'class="timeline-(?:message|event)', response.content))


def page_plan(world: World) -> list[tuple[str, Client, str, object]]:
    contact_client = signed_in(world.bench_contact)
    analyst_client = signed_in(world.analyst)
    api_analyst = api_client(world.analyst)
    api_contact = api_client(world.bench_contact)
    company_tickets = Ticket.objects.filter(company=world.bench_company).count()
    last_page = max(1, math.ceil(company_tickets / PAGE_SIZE))
    return [
        ("contact list, page 1", contact_client, "/chamados/?escopo=empresa", _rows_html_contact),
        (
            f"contact list, page {last_page} (last)",
            contact_client,
            f"/chamados/?escopo=empresa&page={last_page}",
            _rows_html_contact,
        ),
        ("analyst changelist (open, by SLA)", analyst_client, "/admin/tickets/ticket/", _rows_html_admin),
        ("analyst changelist ?prazo=estourado", analyst_client, "/admin/tickets/ticket/?prazo=estourado",
         _rows_html_admin),
        ("API list (analyst: every ticket)", api_analyst, "/api/v1/tickets/", _rows_api),
        ("API list (contact: company)", api_contact, "/api/v1/tickets/", _rows_api),
        ("ticket page (contact)", contact_client, f"/chamados/{world.showcase.number}/", _rows_detail),
    ]  # fmt: skip


def measure_pages(world: World, repeat: int, warmup: int) -> list[PageResult]:
    results = []
    for name, client, url, count_rows in page_plan(world):
        for _ in range(warmup):
            client.get(url)
        timings = []
        status = 200
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                status = response.status_code
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            status = response.status_code
        rows = count_rows(response) if response.status_code == 200 else 0
        results.append(
            PageResult(
                name, url, statistics.median(timings), percentile(timings, 95), len(captured), rows, status
            )
        )
    return results


QUEUE_PLANS = [
    ("default (open, by SLA risk)", {}),
    ("?prazo=estourado", {"prazo": "estourado"}),
    ("?responsavel=eu", {"responsavel": "eu"}),
    ("?equipe=minhas", {"equipe": "minhas"}),
]
SCAN = re.compile(
    r"(Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan)(?: using (\w+))? on tickets_ticket"
)


def print_queue_plans(world: World, title: str) -> None:
    """EXPLAIN ANALYZE of the back-office queue's page query, exactly as the changelist builds it
    (filters, ordering, LIMIT): which scan reads tickets_ticket and whether a sort sits above it.
    The default queue's whole plan is printed."""
    from django.contrib import admin
    from django.test import RequestFactory

    section(title)
    model_admin: TicketAdmin = admin.site._registry[Ticket]
    for name, params in QUEUE_PLANS:
        request = RequestFactory().get("/admin/tickets/ticket/", params)
        request.user = world.analyst
        queryset = model_admin.get_changelist_instance(request).queryset[: model_admin.list_per_page]
        plan = queryset.explain(analyze=True)
        scans = SCAN.findall(plan)
        used = ", ".join(f"{kind} {index}".strip() for kind, index in scans) or "?"
        sorted_above = bool(scans) and "Sort" in plan.split(scans[0][0])[0]
        timing = re.search(r"Execution Time: ([\d.]+) ms", plan)
        log(
            f"{name:<30} {used}; sort above it: {'yes' if sorted_above else 'no'}; "
            f"execution {timing.group(1) if timing else '?'} ms"
        )
        if not params:
            log("  " + "\n  ".join(plan.splitlines()))


def print_pages(results: list[PageResult], title: str) -> None:
    section(title)
    log("p95: nearest rank (e.g. the 2nd slowest of 30); queries: one more request, savepoints included")
    log(f"{'page':<40} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'rows':>5}  status  url")
    for r in results:
        flag = "" if r.status == 200 else "  <-- NOT 200"
        log(
            f"{r.name:<40} {r.median_ms:>10.1f} {r.p95_ms:>8.1f} {r.queries:>8} {r.rows:>5}  "
            f"{r.status:>6}  {r.url}{flag}"
        )


# --- Sweeps -----------------------------------------------------------------------------------------------


def _column_list() -> list[str]:
    return [f.column for f in Ticket._meta.concrete_fields if f.column != "id"]


def grow(world: World, total: int, due: int) -> tuple[int, int]:
    """Copies of the seeded tickets (new numbers) up to `total`; `due` of them, spread evenly over
    the new ids, awaiting validation with the window over 1 to 6 days ago. Returns (first id, rows)."""
    existing = Ticket.objects.count()
    extra = total - existing
    if extra <= 0 or due > extra:
        raise SystemExit(f"--sweep-total must exceed the {existing:,} tickets by at least --sweep-due")
    step = extra // due if due else extra + 1  # every step-th new row is due
    first_id = Ticket.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    # The due rows: a window of 15 days that ended 1 to 6 days ago, reminder sent (ACP-1, ACP-2).
    due_values = {
        "status": "'awaiting_validation'",
        "status_changed_at": "g.deadline - interval '15 days'",
        "created_at": "LEAST(b.created_at, g.deadline - interval '16 days')",
        "closed_at": "NULL",
        "sla_paused": "true",
        "sla_due_at": "NULL",
        "sla_risk_at": "NULL",
        "sla_rank": str(SLA_RANK[SlaState.PAUSED]),
        "sla_breached_at": "NULL",
        "auto_action_at": "g.deadline",
        "acceptance_policy_id": "%(policy)s",
        "acceptance_deadline": "g.deadline",
        "acceptance_reminder_at": "g.deadline - interval '4 days'",
        "acceptance_reminder_sent_at": "g.deadline - interval '4 days' + interval '3 minutes'",
        "acceptance_postponed_at": "NULL",
    }
    values = []
    for column in _column_list():
        if column == "number":
            values.append("(10000000 + ((%(first_index)s + g.gs)::bigint * 73856093) %% 90000000)::text")
        elif column == "updated_at":
            values.append("%(now)s")
        elif column in due_values:
            values.append(f"CASE WHEN g.is_due THEN {due_values[column]} ELSE b.{column} END")
        else:
            values.append(f"b.{column}")
    params = {
        "first_index": world.base_count + 1,  # ticket_number(base_count) is the showcase's
        "now": world.now,
        "policy": AcceptancePolicy.objects.get(is_default=True).pk,
        "n": extra,
        "step": step,
        "due_end": due * step,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_base ON COMMIT DROP AS "
            "SELECT *, (row_number() OVER (ORDER BY id) - 1) AS rn FROM tickets_ticket "
            "WHERE status <> 'awaiting_validation' OR auto_action_at > %(now)s",
            params,
        )
        cursor.execute("CREATE INDEX ON bench_base (rn)")
        cursor.execute("ANALYZE bench_base")
        cursor.execute("SELECT count(*) FROM bench_base")
        params["base"] = cursor.fetchone()[0]
        columns = ", ".join(_column_list())
        cursor.execute(
            f"INSERT INTO tickets_ticket ({columns}) "  # noqa: S608 - column names from the model
            f"SELECT {', '.join(values)} FROM ("
            "  SELECT gs, gs %% %(step)s = 0 AND gs < %(due_end)s AS is_due, gs %% %(base)s AS rn,"
            "         %(now)s - interval '1 day' - (gs %% 432000) * interval '1 second' AS deadline"
            "    FROM generate_series(0, %(n)s - 1) gs) g "
            "JOIN bench_base b ON b.rn = g.rn ORDER BY g.gs",
            params,
        )
    return first_id, extra


class SweepProbe:
    """An execute wrapper (no query log is kept): statements and time in PostgreSQL by kind, per
    batch (a batch starts with the due-ids SELECT), and resident memory sampled at each batch start."""

    BATCH_START = re.compile(
        r'SELECT "tickets_ticket"\."id"(?: AS "pk")? FROM "tickets_ticket" .* LIMIT \d+$', re.S
    )

    def __init__(self):
        self.batches: list[int] = []
        self.rss: list[float] = []
        self.db_seconds = 0.0
        self.statements = 0
        self.first_batch_kinds: Counter = Counter()
        self.kind_count: Counter = Counter()
        self.kind_seconds: Counter = Counter()

    def __call__(self, execute, sql, params, many, context):
        kind = _statement_kind(sql)
        if self.BATCH_START.match(sql):
            self.batches.append(0)
            self.rss.append(rss_mb())
            kind = "SELECT due ids (LIMIT n)"
        if self.batches:
            self.batches[-1] += 1
            if len(self.batches) == 1:
                self.first_batch_kinds[kind] += 1
        self.statements += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.db_seconds += spent
            self.kind_count[kind] += 1
            self.kind_seconds[kind] += spent


def _statement_kind(sql: str) -> str:
    word = sql.split(None, 1)[0].upper()
    if word == "INSERT":
        table = re.search(r'INSERT INTO "?(\w+)"?', sql)
        return f"INSERT {table.group(1) if table else ''}"
    if word in ("UPDATE", "SELECT"):
        table = re.search(r'(?:UPDATE|FROM) "?(\w+)"?', sql)
        suffix = " FOR UPDATE" if "FOR UPDATE" in sql else ""
        return f"{word} {table.group(1) if table else ''}{suffix}"
    return word


@dataclass
class SweepResult:
    name: str
    seconds: float
    changed: int
    batches: int
    queries_per_batch: float
    db_seconds: float
    statements: int
    rss: list[float]
    first_batch_kinds: Counter
    kind_count: Counter
    kind_seconds: Counter


def run_probed(name: str, call) -> SweepResult:
    probe = SweepProbe()
    started = time.perf_counter()
    with connection.execute_wrapper(probe):
        results = call()
    seconds = time.perf_counter() - started
    results = results if isinstance(results, list) else [results]
    changed = sum(r.changed for r in results)
    batches = sum(r.batches for r in results)
    worked = [n for n in probe.batches if n > 1]  # the last SELECT of each job finds nothing
    per_batch = statistics.median(worked) if worked else 0.0  # a partial last batch is not typical
    return SweepResult(
        name, seconds, changed, batches, per_batch, probe.db_seconds, probe.statements, probe.rss,
        probe.first_batch_kinds, probe.kind_count, probe.kind_seconds,
    )  # fmt: skip


def profile_slice(now: datetime, size: int) -> None:
    """cProfile of the auto-close over the `size` earliest due tickets, rolled back afterwards."""

    class Rollback(Exception):
        pass

    cut = (
        Ticket.objects.filter(status=S.AWAITING_VALIDATION, auto_action_at__lte=now)
        .order_by("auto_action_at")
        .values_list("auto_action_at", flat=True)[size - 1 : size]
        .first()
    )
    if cut is None:
        return
    profiler = cProfile.Profile()
    probe = SweepProbe()
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.execute_wrapper(probe):
            profiler.enable()
            result = jobs.acceptance_autoclose(now=cut)
            profiler.disable()
            raise Rollback
    except Rollback:
        pass
    seconds = time.perf_counter() - started
    section(f"Profile: acceptance_autoclose over {result.changed:,} tickets (cProfile, rolled back)")
    log(
        f"{seconds:.1f} s under the profiler ({seconds / max(result.changed, 1) * 1000:.2f} ms a ticket); "
        f"time waiting for PostgreSQL {probe.db_seconds:.1f} s ({probe.statements:,} statements)"
    )
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # tottime
    areas: Counter = Counter()
    for (filename, _line, _func), row in stats.stats.items():
        areas[_area(filename)] += row[2]
    log("own time by area (tottime; the profiler inflates Python-heavy areas):")
    for area, spent in areas.most_common():
        log(f"  {area:<52} {spent:6.2f} s  {spent / total:5.1%}")
    wanted = [
        ("tickets/workflow/moves.py", "move_batch"),
        ("tickets/deadlines.py", "refresh_sla_many"),
        ("tickets/notifications.py", "notify_status"),
        ("surveys/services.py", "surveys_create"),
        ("surveys/tokens.py", "survey_paths"),
        ("outbox/services.py", "email_enqueue"),
        ("django/template/loader.py", "render_to_string"),
        ("outbox/services.py", "email_enqueue_rendered"),
        ("django/db/models/query.py", "get_or_create"),
        ("django/db/models/query.py", "bulk_create"),
        ("django/db/models/query.py", "update"),
        ("tickets/locks.py", "tickets_lock_due"),
        ("tickets/jobs.py", "_due_ids"),
    ]
    log("cumulative time of the steps (calls):")
    for suffix, func in wanted:
        for (filename, _line, name), row in stats.stats.items():
            if name == func and filename.endswith(suffix):
                step = f"{suffix.rsplit('/', 1)[-1]}:{func}"
                log(f"  {step:<40} {row[3]:6.2f} s  {row[3] / seconds:5.1%}  ({row[1]:,} calls)")
                break


def _area(filename: str) -> str:
    path = filename.replace("\\", "/")
    if "psycopg2" in path or path == "~":
        return "psycopg2 / C builtins (incl. PostgreSQL round trips)"
    for marker, area in (
        ("django/template/", "Django templates (e-mail rendering)"),
        ("django/utils/translation", "translation (gettext, override)"),
        ("django/core/signing", "signing (survey tokens)"),
        ("django/db/models/sql/", "ORM: SQL compilation"),
        ("django/db/models/", "ORM: models, querysets"),
        ("django/db/backends/", "ORM: backend, cursor wrappers"),
        ("django/db/", "ORM: transactions"),
        ("django/urls/", "URL reversing"),
        ("django/utils/", "django.utils (html, safestring, functional)"),
        ("/tickets/", "tickets app"),
        ("/portal/", "portal app"),
    ):
        if marker in path:
            return area
    if "python3" in path and "site-packages" not in path:
        return "Python stdlib (hashlib, hmac, json, copy...)"
    return "other"


def print_sweep(r: SweepResult, per: str = "closed") -> None:
    per_10k = r.seconds / r.changed * 10_000 if r.changed else float("nan")
    log(
        f"{r.name}: {r.changed:,} tickets {per} in {r.batches} batches, {r.seconds:.1f} s "
        f"({per_10k:.2f} s per 10k), {r.queries_per_batch:,.0f} queries per batch, "
        f"PostgreSQL {r.db_seconds:.1f} s of it ({r.db_seconds / r.seconds:.0%}; {r.statements:,} statements)"
    )


def sweeps(world: World, args) -> dict:
    summary = {}
    section(f"Growing to {args.sweep_total:,} tickets ({args.sweep_due:,} due for the auto-close)")
    started = time.perf_counter()
    first_id, added = grow(world, args.sweep_total, args.sweep_due)
    grown = time.perf_counter()
    seed_history(first_id)
    history = time.perf_counter()
    analyze("tickets_ticket", "tickets_ticketevent", "surveys_survey")
    done = time.perf_counter()
    log(
        f"{added:,} tickets (INSERT ... SELECT): {grown - started:.1f} s; their events and surveys: "
        f"{history - grown:.1f} s; VACUUM ANALYZE: {done - history:.1f} s"
    )
    now = timezone.now()
    due = Ticket.objects.filter(status=S.AWAITING_VALIDATION, auto_action_at__lte=now).count()
    total = Ticket.objects.count()
    events = TicketEvent.objects.count()
    log(f"tickets: {total:,}; due for the auto-close: {due:,}; events: {events:,}")
    summary["total"], summary["due"] = total, due

    if not args.skip_pages_at_scale:
        summary["pages_at_scale"] = measure_pages(world, args.repeat, args.warmup)
        print_pages(summary["pages_at_scale"], f"Pages at {total:,} tickets (same users, same pages)")
        print_queue_plans(world, f"Back-office queue plans at {total:,} tickets (EXPLAIN ANALYZE)")

    if args.profile and due:
        profile_slice(now, min(args.profile, due))

    limit = min(args.sweep_close_limit or due, due)
    cut = now
    if limit < due:
        cut = (
            Ticket.objects.filter(status=S.AWAITING_VALIDATION, auto_action_at__lte=now)
            .order_by("auto_action_at")
            .values_list("auto_action_at", flat=True)[limit - 1 : limit]
            .first()
        )
    outbox_before = OutboxEmail.objects.count()
    surveys_before = Survey.objects.count()
    section(f"acceptance_autoclose over {limit:,} due tickets (batches of {jobs.BATCH_SIZE})")
    result = run_probed("acceptance_autoclose", lambda: jobs.acceptance_autoclose(now=cut))
    print_sweep(result)
    if limit < due:
        log(
            f"EXTRAPOLATED to {due:,} due tickets (linear, measured {result.changed:,}): "
            f"{result.seconds / result.changed * due:.0f} s"
        )
    outbox_added = OutboxEmail.objects.count() - outbox_before
    surveys_added = Survey.objects.count() - surveys_before
    log(f"written: {outbox_added:,} outbox e-mails, {surveys_added:,} surveys, {result.changed:,} events")
    kinds = ", ".join(f"{kind} {n}" for kind, n in result.first_batch_kinds.most_common())
    log(f"statements of the first batch: {kinds}")
    log("PostgreSQL time by statement over the run (includes the round trip and the driver):")
    for kind, spent in result.kind_seconds.most_common(8):
        count = result.kind_count[kind]
        log(f"  {kind:<44} {count:>9,} x {spent / count * 1000:6.3f} ms = {spent:6.1f} s")
    rss = result.rss
    if rss:
        points = sorted({0, *(max(0, math.ceil(len(rss) * p) - 1) for p in (0.1, 0.25, 0.5, 0.75, 1.0))})
        marks = ", ".join(f"batch {i + 1}: {rss[i]:.0f} MB" for i in points)
        log(f"resident memory: {marks} (min {min(rss):.0f}, max {max(rss):.0f} MB over {len(rss)} samples)")
    summary["autoclose"] = result
    summary["autoclose_outbox"] = outbox_added

    section("acceptance_reminders and sla_marking over the same table")
    reminders = run_probed("acceptance_reminders", lambda: jobs.acceptance_reminders(now=now))
    print_sweep(reminders, "reminded")
    marking = run_probed("sla_marking (breached + at risk)", lambda: jobs.sla_marking(now=now))
    print_sweep(marking, "marked")
    idle = run_probed("acceptance_autoclose again (nothing due)", lambda: jobs.acceptance_autoclose(now=cut))
    log(f"{idle.name}: {idle.seconds * 1000:.0f} ms, {idle.statements} statement(s)")
    summary["reminders"], summary["marking"], summary["idle"] = reminders, marking, idle
    return summary


# The figures of issue 13's table (ours): (measure, page name in `page_plan`, goal).
ISSUE_TABLE = [
    ("client's ticket list via API", "API list (contact: company)", "keep (25 ms, 4 q)"),
    ("staff API list", "API list (analyst: every ticket)", "keep (35 ms, 3 q)"),
    ("back-office changelist", "analyst changelist (open, by SLA)", "<= 40 ms at 1M"),
    ("client's ticket page", "ticket page (contact)", "<= 10 ms"),
]


def print_issue_table(base: int, pages: list[PageResult], summary: dict) -> None:
    """Issue 13's table, our side: median ms and queries at the seeded size and after the growth."""
    scaled = summary.get("pages_at_scale")
    total = summary.get("total")
    title = f"Issue 13's figures (ours; median of the timed requests): {base:,}"
    section(title + (f" and {total:,} tickets" if scaled else " tickets"))
    by_name = {p.name: p for p in pages}
    scaled_by_name = {p.name: p for p in scaled or []}
    header = f"{base:,} tickets"
    log(f"{'measure':<36} {header:>18} {(f'{total:,} tickets' if scaled else ''):>18}  goal")
    for measure, name, goal in ISSUE_TABLE:
        cells = [by_name[name], scaled_by_name.get(name)]
        text = [f"{p.median_ms:.1f} ms, {p.queries} q" if p else "" for p in cells]
        log(f"{measure:<36} {text[0]:>18} {text[1]:>18}  {goal}")
    if "autoclose" in summary:
        r = summary["autoclose"]
        per = r.seconds / max(r.changed, 1) * 1000
        log(f"{'periodic sweep, per ticket closed':<36} {'':>18} {f'{per:.3f} ms':>18}  <= 0.05 ms")
    else:
        log(f"{'periodic sweep, per ticket closed':<36} {'(sweeps skipped)':>18}")


# --- Main -------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000, help="tickets seeded for the pages")
    parser.add_argument("--sweep-total", type=int, default=1_000_000, help="table size for the sweeps")
    parser.add_argument("--sweep-due", type=int, default=100_000, help="tickets the auto-close must close")
    parser.add_argument(
        "--sweep-close-limit", type=int, default=0,
        help="close only this many (the earliest due) and extrapolate; 0: every due ticket",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--profile", type=int, default=2000, help="tickets in the profiled slice; 0: none")
    parser.add_argument("--skip-sweeps", action="store_true", help="seed and measure the pages only")
    parser.add_argument("--skip-pages-at-scale", action="store_true", help="no second page table at 1M")
    parser.add_argument("--seed", type=int, default=20260403, help="random seed of the data")
    args = parser.parse_args(argv)

    if connection.vendor != "postgresql":
        log("error: set DATABASE_URL to a throw-away PostgreSQL database (scripts/bench.sh starts one)")
        return 2
    if Ticket.objects.exists() or Company.objects.exists():
        log("error: the database already holds companies or tickets; use an empty throw-away database")
        return 2
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    log(
        f"Portal benchmark: PostgreSQL {version}, Django {django.get_version()}, Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs; DEBUG=0, in-process django.test.Client"
    )
    log("options: " + ", ".join(f"--{name.replace('_', '-')} {value}" for name, value in vars(args).items()))

    world, _catalogue = seed(args, random.Random(args.seed))
    pages = measure_pages(world, args.repeat, args.warmup)
    print_pages(pages, f"Pages at {Ticket.objects.count():,} tickets ({args.repeat} requests each after "
                f"{args.warmup} warm-up; queries of one more request)")  # fmt: skip
    print_queue_plans(
        world, f"Back-office queue plans at {Ticket.objects.count():,} tickets (EXPLAIN ANALYZE)"
    )
    summary = {} if args.skip_sweeps else sweeps(world, args)

    section("Summary")
    failed = [p for p in pages + summary.get("pages_at_scale", []) if p.status != 200]
    worst = max(pages, key=lambda p: p.p95_ms)
    log(
        f"pages at {args.tickets:,}: every page {'answered 200' if not failed else 'did NOT answer 200'}; "
        f"queries {min(p.queries for p in pages)}-{max(p.queries for p in pages)} a page; "
        f"slowest p95 {worst.p95_ms:.0f} ms ({worst.name})"
    )
    if "pages_at_scale" in summary:
        scaled = summary["pages_at_scale"]
        same = all(a.queries == b.queries for a, b in zip(pages, scaled, strict=True))
        worst = max(scaled, key=lambda p: p.p95_ms)
        log(
            f"pages at {summary['total']:,}: queries {'unchanged' if same else 'CHANGED'}; "
            f"slowest p95 {worst.p95_ms:.0f} ms ({worst.name})"
        )
    if "autoclose" in summary:
        r = summary["autoclose"]
        rss = r.rss or [0.0]
        log(
            f"auto-close: {r.changed:,} closed in {r.seconds:.0f} s = "
            f"{r.seconds / max(r.changed, 1) * 1e4:.1f} s per 10k; "
            f"{r.queries_per_batch:,.0f} queries per batch of {jobs.BATCH_SIZE}; "
            f"PostgreSQL {r.db_seconds / r.seconds:.0%} of the time; RSS {min(rss):.0f}-{max(rss):.0f} MB"
        )
        for key in ("reminders", "marking"):
            s = summary[key]
            log(f"{s.name}: {s.changed:,} in {s.seconds:.1f} s, {s.queries_per_batch:,.0f} queries per batch")
    print_issue_table(args.tickets, pages, summary)
    if failed:
        for page in failed:
            log(f"FAILED: {page.name} answered {page.status} ({page.url})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
