"""The portal's ticket table rows written in Python (tickets.presenters.table, issue 13): each
forecast state's markup, the news marker, the company column, escaping and the reader's language.
The list pages' own tests (tests/tickets/test_views.py) read the same rows through the page."""

from datetime import timedelta

from django.utils import translation

from tests.helpers import at
from tickets.presenters.table import ticket_rows

NOW = at(2026, 3, 10, 13)


def _row(ticket, **options) -> str:
    return str(ticket_rows([ticket], now=NOW, show_company=options.pop("show_company", False)))


def test_a_running_ticket_shows_its_deadline_and_a_breached_or_risky_one_says_so(world, open_ticket):
    ticket = open_ticket(world.admin.user, summary="Cálculo errado", now=at(2026, 3, 10, 10))
    ticket.sla_paused, ticket.sla_due_at, ticket.sla_risk_at = False, NOW + timedelta(days=1), None
    on_time = _row(ticket)
    assert f'<a href="/chamados/{ticket.number}/" class="font-monospace">{ticket.number}</a>' in on_time
    assert (
        '<td data-label="Previsão" class="ticket-forecast"><time datetime="2026-03-11T13:00-03:00">'
        in on_time
    )
    assert "sla-" not in on_time and "visually-hidden" not in on_time

    ticket.sla_risk_at = NOW - timedelta(minutes=5)
    risky = _row(ticket)
    assert '<span class="sla-risk fw-semibold"><i class="bi bi-hourglass-split me-1"' in risky
    assert '<span class="visually-hidden">(menos de 20 % do prazo restante)</span>' in risky

    ticket.sla_due_at = NOW - timedelta(hours=1)
    breached = _row(ticket)
    assert '<span class="sla-breached fw-semibold"><i class="bi bi-exclamation-octagon me-1"' in breached
    assert "10/03/2026 12:00</time>" in breached and "(prazo ultrapassado)" in breached


def test_paused_and_closed_tickets_say_why_there_is_no_deadline(world, open_ticket):
    ticket = open_ticket(world.admin.user)
    ticket.sla_paused = True
    ticket.status = "awaiting_validation"
    assert "retoma se você recusar a solução ou escrever" in _row(ticket)
    ticket.status = "pending_client"
    assert 'relógio parado</span><div class="small text-body-secondary">retoma quando você responder' in _row(
        ticket
    )
    ticket.status = "closed"
    assert (
        '<td data-label="Previsão" class="ticket-forecast"><span class="text-body-secondary">encerrado</span>'
        in (_row(ticket))
    )


def test_news_company_kind_and_escaping(world, open_ticket):
    ticket = open_ticket(world.admin.user, summary='<script>alert("x")</script> & cia')
    ticket.has_news = True
    ticket.kind = "financial"
    row = _row(ticket, show_company=True)
    assert '<span class="ticket-news-dot me-1" aria-hidden="true"></span>' in row
    assert 'class="font-monospace fw-bold"' in row and 'ticket-news">novidade</span>' in row
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; cia" in row and "<script>" not in row
    assert '<span class="badge text-bg-light border ms-1">Financeiro</span>' in row
    assert f'<td data-label="Empresa">{ticket.company.trade_name}</td>' in row
    assert "Empresa" not in _row(ticket)


def test_the_rows_speak_the_readers_language(world, open_ticket):
    ticket = open_ticket(world.admin.user)
    ticket.status = "closed"
    with translation.override("en"):
        row = _row(ticket)
    assert 'data-label="Summary"' in row and ">closed</span>" in row and "Closed" in row
