"""Benchmark of the consultancy statement (CON-8) on PostgreSQL (`make bench`, after bench_portal.py).

A partner unit's statement for one month, as its consultant reads it: on screen, as CSV, as the
printable page, as the WeasyPrint PDF and through the API; the same month as the served company's
administrator (every line at R$ 0,00, billed to the unit) and as a leader choosing the unit.

1. Seeds, in the database it finds (empty, or bench_portal.py's): a partner unit serving one company,
   its consultant, the company's administrator, a leader and `--analysts` analysts; `--consultancies`
   tickets opened by the consultant, each through the services up to an accepted term (technical,
   module and investigative in turn, billed to the unit); then, set-based, `--sessions` sessions of
   last month spread over its working days, two time entries each. Every tenth consultancy of each
   round is finished with a finding (module: documentation defect, investigative: product defect),
   so waived minutes show.
2. Measures every page first with a tenth of the sessions, then with all of them: median of
   `--repeat` requests after one warm-up, the queries of the last one, the rows (sessions) it
   shows (the screen pages 100 at a time; the month's totals) and its size. Then the PDF, which
   a month this long gets from the worker: `--pdf-repeat` renders of `statement_pdf_render`, as the
   Celery task runs it. Queries must not grow with the sessions.

    DATABASE_URL=postgres://... python bench/bench_consultancy.py [--sessions 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock

import bench_portal as bench  # sets Django up (DEBUG=0, settings) and holds the shared helpers
from bench_auth import api_client, signed_in
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from accounts.management.commands import seed_demo
from accounts.models import Company, Contact, PartnerConsultant, PartnerUnit, ProductLine, User
from consultoria import services
from consultoria.models import Consultancy, Modality, Session, TimeEntry
from core.periods import SAO_PAULO
from tickets import services as ticket_services
from tickets.models import Product, ProductVersion, Routine, Team

log, section = bench.log, bench.section
PASSWORD = bench.PASSWORD
MODALITIES = (Modality.Code.TECHNICAL, Modality.Code.MODULE, Modality.Code.INVESTIGATIVE)
FINDING = {
    Modality.Code.MODULE: Consultancy.Finding.DOCUMENTATION_DEFECT,
    Modality.Code.INVESTIGATIVE: Consultancy.Finding.PRODUCT_DEFECT,
    Modality.Code.TECHNICAL: Consultancy.Finding.NO_DEFECT,
}


@dataclass
class World:
    month: date
    unit: PartnerUnit
    company: Company
    consultant: User
    admin: User
    leader: User
    analysts: list[User]
    consultancies: list[Consultancy]


def last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def working_days(month: date) -> list[date]:
    days, day = [], month
    while day.month == month.month:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def catalogue() -> tuple[Product, Routine, ProductVersion]:
    """The first product of the demo catalogue (bench_portal.py's, or created here)."""
    line_slug, product_name, team_slug, routines, versions = seed_demo.CATALOGUE[0]
    line_name = {slug: name for name, slug in seed_demo.PRODUCT_LINES}[line_slug]
    line = ProductLine.objects.get_or_create(slug=line_slug, defaults={"name": line_name})[0]
    team = Team.objects.get_or_create(slug=team_slug, defaults={"name": dict(seed_demo.TEAMS)[team_slug]})[0]
    product = Product.objects.get_or_create(line=line, name=product_name, defaults={"default_team": team})[0]
    routine = Routine.objects.get_or_create(product=product, name=routines[0][0])[0]
    version = ProductVersion.objects.get_or_create(product=product, name=versions[0])[0]
    return product, routine, version


def seed(args, now: datetime) -> World:
    product, routine, version = catalogue()
    password = make_password(PASSWORD)
    staff = {"password": password, "is_staff": True, "activated_at": now}
    leader = User.objects.create(
        email="lider.consultoria@suporte.example", full_name="Líder Bench", role=User.Role.LEADER, **staff
    )
    analysts = User.objects.bulk_create(
        [
            User(
                email=f"analista{i:02d}.consultoria@suporte.example",
                full_name=f"Analista Consultoria {i:02d}",
                role=User.Role.ANALYST,
                **staff,
            )
            for i in range(args.analysts)
        ]
    )
    unit = PartnerUnit.objects.create(name="Unidade Parceira Bench", cnpj=bench.make_cnpj(47_000_001))
    company = Company.objects.create(
        legal_name="Cliente da Unidade Bench Ltda.",
        trade_name="Cliente da Unidade Bench",
        cnpj=bench.make_cnpj(47_000_002),
        state="SP",
        municipality="Campinas",
        partner_unit=unit,
    )
    company.product_lines.add(product.line)
    consultant = User.objects.create(
        email="consultor@unidade-bench.example",
        full_name="Consultor Bench",
        role=User.Role.PARTNER,
        password=password,
        activated_at=now,
    )
    PartnerConsultant.objects.create(user=consultant, unit=unit)
    admin = User.objects.create(
        email="admin@cliente-bench.example",
        full_name="Administradora Bench",
        role=User.Role.CONTACT,
        password=password,
        activated_at=now,
    )
    Contact.objects.create(
        user=admin,
        company=company,
        cpf=bench.make_cpf(470_000_001),
        can_open_tickets=True,
        can_see_company_tickets=True,
        can_authorize_consultancy=True,
        is_company_admin=True,
    )
    modalities = {m.code: m for m in Modality.objects.all()}
    opened = timezone.make_aware(datetime.combine(args.month - timedelta(days=7), clock(10)), SAO_PAULO)
    consultancies = []
    started = time.perf_counter()
    for i in range(args.consultancies):
        ticket = ticket_services.ticket_open(
            actor=consultant,
            company=company,
            product=product,
            routine=routine,
            version=version,
            environment="production",
            summary=f"Integração parada no lote {i:03d}",
            description="Ocorre só no ambiente do cliente; o suporte padrão não reproduz.",
            answers=ticket_services.SeverityAnswers(True, True, False, False),
            now=opened,
        )
        consultancy = services.consultancy_request(
            actor=analysts[i % len(analysts)],
            ticket=ticket,
            modality=modalities[MODALITIES[i % len(MODALITIES)]],
            situation=Consultancy.Situation.NO_IT_STAFF,
            now=opened + timedelta(hours=1),
        )
        services.consultancy_approve(actor=leader, consultancy=consultancy, now=opened + timedelta(hours=2))
        services.term_accept(actor=consultant, consultancy=consultancy, now=opened + timedelta(hours=3))
        consultancies.append(Consultancy.objects.select_related("modality").get(pk=consultancy.pk))
    log(
        f"seeded {args.consultancies} tickets up to an accepted term through the services in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return World(args.month, unit, company, consultant, admin, leader, analysts, consultancies)


def add_sessions(world: World, consultancies: list[Consultancy], per: int, rng: random.Random) -> int:
    """`per` sessions for each consultancy, set-based, over the month's working days (09:00-17:00,
    Brasília), two entries each by the analysts in turn; then every tenth consultancy is finished."""
    days = working_days(world.month)
    created_at = timezone.now()
    sessions = []
    for n, consultancy in enumerate(consultancies):
        for k in range(per):
            day = days[(n + k) % len(days)]
            hour = 9 + (n * per + k) % 8
            scheduled = timezone.make_aware(datetime.combine(day, clock(hour)), SAO_PAULO)
            sessions.append(
                Session(
                    consultancy=consultancy,
                    scheduled_for=scheduled,
                    created_by=world.leader,
                    created_at=created_at,
                )
            )
    sessions = Session.objects.bulk_create(sessions, batch_size=2000)
    entries = []
    for m, session in enumerate(sessions):
        start = session.scheduled_for
        for j in range(2):
            minutes = rng.randint(3, 40)
            entries.append(
                TimeEntry(
                    session=session,
                    analyst=world.analysts[(2 * m + j) % len(world.analysts)],
                    started_at=start,
                    ended_at=start + timedelta(minutes=minutes),
                    minutes=minutes,
                    description="Análise da integração e dos registros gravados.",
                    created_at=created_at,
                )
            )
            start += timedelta(minutes=minutes + 5)
    TimeEntry.objects.bulk_create(entries, batch_size=4000)
    for consultancy in consultancies[::10]:
        services.consultancy_finish(
            actor=world.analysts[0], consultancy=consultancy, finding=FINDING[consultancy.modality.code]
        )
    bench.analyze("consultoria_session", "consultoria_timeentry", "consultoria_consultancy")
    return len(sessions)


@dataclass
class Result:
    name: str
    median_ms: float
    queries: int
    rows: int
    size_kb: float
    status: int


def _html_rows(response) -> int:
    return response.content.count(b'<td class="text-nowrap">')


def _csv_rows(response) -> int:
    return response.content.decode("utf-8-sig").count("\n") - 2  # the header and the totals line


def _api_rows(response) -> int:
    return len(response.json()["lines"])


def measure_pdf(world: World, repeat: int) -> Result:
    """The worker's part of a long month's PDF (asked on the page, rendered by the Celery task):
    statement_pdf_render timed directly, as the task runs it; rows are the PDF's pages."""
    services.statements.register_pdf_dispatcher(lambda pk: None)  # nothing queued: rendered here
    timings, pages, size, queries = [], 0, 0.0, 0
    for _ in range(repeat):
        export = services.statement_pdf_request(
            actor=world.consultant, month=world.month, unit=world.unit, sessions=0
        )
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            export = services.statements.statement_pdf_render(export.pk)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
        with export.file.open("rb") as handle:
            content = handle.read()
        pages, size = len(PdfReader(io.BytesIO(content)).pages), len(content) / 1024
        export.file.delete(save=False)
        export.delete()
    return Result(
        "unit statement PDF (worker; rows: pages)", statistics.median(timings), queries, pages, size, 200
    )


def plan(world: World) -> list[tuple[str, Client, str, object]]:
    consultant, admin, leader = signed_in(world.consultant), signed_in(world.admin), signed_in(world.leader)
    api = api_client(world.consultant)
    month = f"{world.month:%Y-%m}"
    page = f"/consultoria/extrato/?mes={month}"
    return [
        ("unit statement page (consultant)", consultant, page, _html_rows),
        ("unit statement CSV", consultant, page + "&formato=csv", _csv_rows),
        ("unit statement printable page", consultant, page + "&formato=impressao", _html_rows),
        ("unit statement API", api, f"/api/v1/consultancy-statement/?month={month}", _api_rows),
        ("company statement (administrator)", admin, page, _html_rows),
        ("unit statement page (leader)", leader, page + f"&de=unidade-{world.unit.pk}", _html_rows),
    ]


def measure(world: World, repeat: int, pdf_repeat: int) -> list[Result]:
    """Median of the timed requests (each counted by CaptureQueriesContext: queries of the last one),
    after one warm-up request; then the PDF's render."""
    results = []
    for name, client, url, count_rows in plan(world):
        client.get(url)
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
        ok = response.status_code == 200
        results.append(
            Result(
                name,
                statistics.median(timings),
                len(captured),
                count_rows(response) if ok else 0,
                len(response.content) / 1024,
                response.status_code,
            )
        )
    results.append(measure_pdf(world, pdf_repeat))
    return results


def show(results: list[Result], title: str) -> None:
    section(title)
    log(f"{'page':<36} {'median ms':>10} {'queries':>8} {'rows':>6} {'KiB':>8}  status")
    for r in results:
        flag = "" if r.status == 200 else "  <-- NOT 200"
        log(
            f"{r.name:<36} {r.median_ms:>10.1f} {r.queries:>8} {r.rows:>6} {r.size_kb:>8.0f}  "
            f"{r.status:>6}{flag}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10_000, help="sessions of the month, at the end")
    parser.add_argument("--consultancies", type=int, default=250, help="tickets with an accepted term")
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="timed requests of the PDF")
    parser.add_argument("--seed", type=int, default=20261101)
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        log("error: set DATABASE_URL to a throw-away PostgreSQL database (scripts/bench.sh starts one)")
        return 2
    if User.objects.filter(email="consultor@unidade-bench.example").exists():
        log("error: this database already holds this benchmark's data; use a throw-away database")
        return 2
    if args.consultancies % 10 or args.sessions % args.consultancies:
        log("error: --consultancies must be a multiple of 10 and divide --sessions")
        return 2
    args.month = last_month(timezone.localdate())
    log(f"Consultancy statement benchmark: month {args.month:%m/%Y}, options {vars(args)}")

    world = seed(args, timezone.now())
    rng = random.Random(args.seed)
    per = args.sessions // args.consultancies
    tenth = args.consultancies // 10
    small = add_sessions(world, world.consultancies[:tenth], per, rng)
    first = measure(world, args.repeat, args.pdf_repeat)
    show(first, f"Statement of {small:,} sessions")
    total = small + add_sessions(world, world.consultancies[tenth:], per, rng)
    second = measure(world, args.repeat, args.pdf_repeat)
    show(second, f"Statement of {total:,} sessions")

    section("Summary")
    failed = [r for r in first + second if r.status != 200]
    grown = [
        (a.name, a.queries, b.queries) for a, b in zip(first, second, strict=True) if a.queries != b.queries
    ]
    log(f"queries from {small:,} to {total:,} sessions: {'unchanged' if not grown else f'CHANGED {grown}'}")
    for a, b in zip(first, second, strict=True):
        log(
            f"{b.name:<36} {b.median_ms:>9.0f} ms at {total:,} "
            f"({b.median_ms / a.median_ms:.1f}x the time at {small:,})"
        )
    for r in failed:
        log(f"FAILED: {r.name} answered {r.status}")
    return 1 if failed or grown else 0


if __name__ == "__main__":
    sys.exit(main())
