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


def _ticket(requester: User, summary: str, *, opened: datetime, company=None) -> Ticket:
    product = Product.objects.get(name="ERP Backoffice")
    return ticket_services.ticket_open(
        actor=requester,
        company=company or requester.contact.company,
        product=product,
        routine=product.routines.get(name="Faturamento"),
        version=product.versions.order_by("-name")[0],
        environment="production",
        summary=summary,
        description=f"{summary}. Ocorre só no ambiente do cliente; o suporte padrão não reproduz.",
        answers=ticket_services.SeverityAnswers(True, True, False, False),
        now=opened,
    )


def seed_demo_consultancies() -> None:
    if Consultancy.objects.exists():
        return
    users = {user.email: user for user in User.objects.all()}
    ana, bruno = users["ana.admin@horizonte.example"], users["bruno@horizonte.example"]
    helena, julia = users["helena.analista@suporte.example"], users["julia.lider@suporte.example"]
    gabriel = users["gabriel@parceiro.example"]
    modality = {m.code: m for m in Modality.objects.all()}
    start = _working(timezone.now() - timedelta(days=2))
    opened = start - timedelta(days=1)

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

    ask(_ticket(bruno, "Pedido de compra duplicado ao aprovar", opened=opened), "module", S.STORED_RECORDS)
    refused = ask(_ticket(bruno, "Relatório de faturamento sem filial", opened=opened), "technical", S.URGENT)
    services.consultancy_refuse(
        actor=julia, consultancy=refused, reason="Reproduzido no ambiente padrão: segue no suporte padrão."
    )
    offer(_ticket(bruno, "Título a receber sem baixa automática", opened=opened), "technical", S.ISOLATED)
    declined = offer(
        _ticket(bruno, "Cálculo de impostos por item divergente", opened=opened), "investigative", S.OUTDATED
    )
    services.term_decline(actor=ana, consultancy=declined, reason="Vamos aguardar a atualização do ambiente.")

    accepted = accept(
        _ticket(bruno, "Nota de entrada com custo zerado", opened=opened), "technical", S.NOT_REPRODUCED
    )
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
    waived = accept(
        _ticket(bruno, "Desconto não aplicado no pedido", opened=opened), "module", S.NOT_REPRODUCED
    )
    work(waived, _working(start + timedelta(hours=2)), 7)
    services.consultancy_finish(
        actor=helena, consultancy=waived, finding=Consultancy.Finding.DOCUMENTATION_DEFECT
    )

    by_partner = _ticket(gabriel, "Integração de pedidos parada", opened=opened, company=ana.contact.company)
    partner_paid = accept(by_partner, "technical", S.NO_IT_STAFF, acceptor=gabriel)
    work(partner_paid, _working(start + timedelta(hours=4)), 45)
