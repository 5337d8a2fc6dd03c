"""Demo consultancies for `seed_demo` (first run only): one ticket in each consultancy state, a
session with entries and a leader's correction, a finished module consultancy waived by a defect,
and a session a partner consultant asked for, billed to the partner unit (CON-1..8)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from sla import services as sla_services
from sla.models import Calendar
from tickets import services as ticket_services
from tickets.models import Product, Ticket

from . import services
from .models import Consultancy, Modality

S = Consultancy.Situation


def _working(instant: datetime) -> datetime:
    """The next instant of the Consultancy calendar's hours (CAL-3) from `instant`."""
    calendar = Calendar.objects.get(slug="consultoria")
    clock = sla_services.data_clock(sla_services.calendar_snapshot_data(calendar=calendar, around=instant))
    return clock.next_working_instant(instant)


def _session_times(now: datetime) -> tuple[datetime, datetime, datetime]:
    """Three working instants a couple of days back (a week when that would reach past `now`): the
    demo's sessions, each of at most an hour, record work already done."""
    for days in (2, 7):
        start = _working(now - timedelta(days=days))
        # Each two hours after the one before: from the end of a day both would be the next
        # morning's first instant, and their entries would overlap.
        later = _working(start + timedelta(hours=2))
        times = (start, later, _working(later + timedelta(hours=2)))
        if times[-1] + timedelta(hours=1) <= now:
            break
    return times


def _ticket(requester: User, summary: str, *, opened: datetime, analyst: User, company) -> Ticket:
    product = Product.objects.get(name="ERP Backoffice")
    ticket = ticket_services.ticket_open(
        actor=requester,
        company=company,
        product=product,
        routine=product.routines.get(name="Faturamento"),
        version=product.versions.order_by("-name")[0],
        environment="production",
        summary=summary,
        description=f"{summary}. Ocorre só no ambiente do cliente; o suporte padrão não reproduz.",
        answers=ticket_services.SeverityAnswers(True, True, False, False),
        now=opened,
    )
    return ticket_services.ticket_assign(
        actor=analyst, ticket=ticket, assignee=analyst, now=opened + timedelta(minutes=30)
    )


def seed_demo_consultancies() -> None:
    if Consultancy.objects.exists():
        return
    users = {user.email: user for user in User.objects.all()}
    ana, bruno = users["ana.admin@horizonte.example"], users["bruno@horizonte.example"]
    helena, julia = users["helena.analista@suporte.example"], users["julia.lider@suporte.example"]
    gabriel = users["gabriel@parceiro.example"]
    modality = {m.code: m for m in Modality.objects.all()}
    start, later, latest = _session_times(timezone.now())
    opened = start - timedelta(days=1)

    def new(summary: str, requester: User = bruno) -> Ticket:
        return _ticket(requester, summary, opened=opened, analyst=helena, company=ana.contact.company)

    def ask(ticket: Ticket, code: str, situation: str) -> Consultancy:
        return services.consultancy_request(
            actor=helena,
            ticket=ticket,
            modality=modality[code],
            situation=situation,
            now=opened + timedelta(hours=1),
        )

    def offer(ticket: Ticket, code: str, situation: str) -> Consultancy:
        consultancy = ask(ticket, code, situation)
        services.consultancy_approve(actor=julia, consultancy=consultancy, now=opened + timedelta(hours=2))
        return Consultancy.objects.get(pk=consultancy.pk)

    def accept(ticket: Ticket, code: str, situation: str, acceptor: User = ana) -> Consultancy:
        consultancy = offer(ticket, code, situation)
        services.term_accept(
            actor=acceptor, consultancy=consultancy, address="198.51.100.20", now=opened + timedelta(hours=3)
        )
        return Consultancy.objects.get(pk=consultancy.pk)

    def work(consultancy: Consultancy, at: datetime, *minutes: int) -> None:
        session = services.session_schedule(actor=helena, consultancy=consultancy, scheduled_for=at)
        for length in minutes:
            services.entry_record(
                actor=helena,
                session=session,
                started_at=at,
                ended_at=at + timedelta(minutes=length),
                description="Análise do dicionário de dados e dos registros gravados.",
            )
            at += timedelta(minutes=length + 10)

    ask(new("Pedido de compra duplicado ao aprovar"), "module", S.STORED_RECORDS)
    refused = ask(new("Relatório de faturamento sem filial"), "technical", S.URGENT)
    services.consultancy_refuse(
        actor=julia, consultancy=refused, reason="Reproduzido no ambiente padrão: segue no suporte padrão."
    )
    offer(new("Título a receber sem baixa automática"), "technical", S.ISOLATED)
    declined = offer(new("Cálculo de impostos por item divergente"), "investigative", S.OUTDATED)
    services.term_decline(actor=ana, consultancy=declined, reason="Vamos aguardar a atualização do ambiente.")

    accepted = accept(new("Nota de entrada com custo zerado"), "technical", S.NOT_REPRODUCED)
    work(accepted, start, 35, 20)  # ends at start + 65 min
    entry = accepted.sessions.get().entries.order_by("-started_at")[0]
    services.entry_correct(
        actor=julia,
        entry=entry,
        started_at=entry.started_at,
        ended_at=entry.ended_at - timedelta(minutes=5),
        description=entry.description,
        reason="Cinco minutos de espera pelo acesso remoto não são cobrados.",
    )
    waived = accept(new("Desconto não aplicado no pedido"), "module", S.NOT_REPRODUCED)
    work(waived, later, 7)
    services.consultancy_finish(
        actor=helena, consultancy=waived, finding=Consultancy.Finding.DOCUMENTATION_DEFECT
    )

    by_partner = new("Integração de pedidos parada", requester=gabriel)
    partner_paid = accept(by_partner, "technical", S.NO_IT_STAFF, acceptor=gabriel)
    work(partner_paid, latest, 45)
