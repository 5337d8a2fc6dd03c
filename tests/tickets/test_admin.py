"""The analysts' back-office of tickets (tickets/admin.py): triage list, bulk actions, work page.

TKT-5..7, SEV-1, SLA-3..5. Writes go through tickets/services.py; these tests drive the admin the way
an analyst's browser does and check what changed (or that nothing did).
"""

from dataclasses import dataclass

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AnalystFactory
from tests.helpers import PNG, at, flash, logged_in, png, upload
from tickets import jobs, selectors, services
from tickets.models import Attachment, Message, Ticket, TicketEvent

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/tickets/ticket/"
ACT = "/admin/tickets/ticket/agir/"


# The triage board's "now": Wednesday 11/03/2026 12:00 in Brasília (technical support: Mon-Fri 07-19).
NOW = at(2026, 3, 11, 12)


def answers(severity: str) -> services.SeverityAnswers:
    given = {
        "critical": (True, False, False, False),
        "high": (True, True, False, False),
        "medium": (False, False, False, False),
        "low": (False, False, False, True),
    }[severity]
    return services.SeverityAnswers(*given)


def page_numbers(response) -> list[str]:
    return [ticket.number for ticket in response.context["cl"].result_list]


@dataclass
class Board:
    breached: Ticket
    at_risk: Ticket
    on_time: Ticket
    paused: Ticket
    closed: Ticket


@pytest.fixture
def board(world, catalogue, open_ticket) -> Board:
    """One ticket in each SLA state at NOW, opened (and moved) at fixed instants through the services."""
    # Critical (10 business hours) opened Mon 08:00: due Mon 18:00, breached at NOW.
    breached = open_ticket(world.contact.user, now=at(2026, 3, 9, 8), summary="Faturamento parado")
    services.ticket_assign(
        actor=world.analyst, ticket=breached, assignee=world.analyst, now=at(2026, 3, 9, 9)
    )
    # Low (40 h) opened Fri 06/03 12:00: due Wed 16:00, at risk since Wed 08:00 (32 h used).
    at_risk = open_ticket(
        world.contact.user,
        now=at(2026, 3, 6, 12),
        answers=answers("low"),
        routine=catalogue.fiscal_routine,
        summary="Texto cortado no livro fiscal",
    )
    # Critical opened Tue 17:00: due Wed 15:00 (earlier than the at-risk one), at risk only from 13:00.
    on_time = open_ticket(
        world.other_contact.user, now=at(2026, 3, 10, 17), summary="Estoque negativo na filial"
    )
    services.ticket_assign(
        actor=world.analyst, ticket=on_time, assignee=world.leader, now=at(2026, 3, 10, 18)
    )
    # Waiting on the client: the clock is stopped (SLA-4).
    paused = open_ticket(world.contact.user, now=at(2026, 3, 10, 8), summary="Boleto sem código de barras")
    services.ticket_transition(
        actor=world.analyst,
        ticket=paused,
        to_status="pending_client",
        reason="Envie o arquivo de remessa.",
        now=at(2026, 3, 10, 9),
    )
    closed = open_ticket(world.contact.user, now=at(2026, 3, 2, 8), summary="Dúvida sobre relatório")
    services.ticket_transition(
        actor=world.analyst,
        ticket=closed,
        to_status="awaiting_validation",
        reason="Use o filtro por período.",
        now=at(2026, 3, 2, 9),
    )
    services.ticket_transition(actor=None, ticket=closed, to_status="closed", now=at(2026, 3, 3, 9))
    tickets = [Ticket.objects.get(pk=t.pk) for t in (breached, at_risk, on_time, paused, closed)]
    return Board(*tickets)


@pytest.fixture
def frozen():
    """NOW, with the queue's stored risk rank moved on to NOW by the marking job's first step (it
    runs every minute: the tickets were opened and moved days before)."""
    with time_machine.travel(NOW, tick=False):
        jobs.sla_rank_refresh(now=NOW)
        yield


@pytest.fixture
def analyst_client(world):
    return logged_in(Client(), world.analyst)


# --- The triage list (SLA-5) ----------------------------------------------------------------------------


def test_sla5_list_sorts_by_risk_breached_then_at_risk_then_nearest_deadline_paused_last(
    board, frozen, analyst_client
):
    # Sorted by deadline alone, the on-time ticket (Wed 15:00) would come before the at-risk one (16:00).
    assert board.on_time.sla_due_at < board.at_risk.sla_due_at
    response = analyst_client.get(CHANGELIST)
    assert response.status_code == 200
    assert page_numbers(response) == [
        board.breached.number,
        board.at_risk.number,
        board.on_time.number,
        board.paused.number,
    ]
    # Closed tickets are out of the default (open) list, and last when every status is shown.
    response = analyst_client.get(CHANGELIST, {"situacao": "todos"})
    assert page_numbers(response)[-1] == board.closed.number


def test_sla5_columns_show_deadline_business_time_left_and_state(board, frozen, analyst_client):
    html = analyst_client.get(CHANGELIST).content.decode()
    row = html.split(board.breached.number, 2)[2].split("</tr>")[0]
    assert "09/03 18:00" in row  # Brasília time
    # 18 business hours since the deadline: Mon 18-19, Tue 07-19, Wed 07-12.
    assert "−18h00" in row and "Estourado há 18 h 00 min úteis" in row
    assert "Estourado" in row and "Faturamento parado" in row
    row = html.split(board.on_time.number, 2)[2].split("</tr>")[0]
    assert "11/03 15:00" in row and "3h00" in row and "No prazo" in row
    row = html.split(board.at_risk.number, 2)[2].split("</tr>")[0]
    assert "4h00" in row and "Em risco" in row
    row = html.split(board.paused.number, 2)[2].split("</tr>")[0]
    assert "Relógio parado" in row


def test_list_queries_do_not_grow_with_the_page(
    world, catalogue, open_ticket, analyst_client, django_assert_max_num_queries
):
    """A constant number of queries whatever the page size: no query per row (snapshots prefetched)."""
    companies = [world.contact.user, world.other_contact.user]
    severities = ["critical", "high", "medium", "low"]
    staff = [world.analyst, world.leader, None]

    def open_some(count, start):
        for index in range(start, start + count):
            ticket = open_ticket(
                companies[index % 2],
                answers=answers(severities[index % 4]),
                routine=catalogue.fiscal_routine if index % 3 else catalogue.routine,
                kind="financial" if index % 5 == 0 else "technical",
            )
            if staff[index % 3]:
                services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=staff[index % 3])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = analyst_client.get(CHANGELIST)
        assert response.status_code == 200
        return len(queries), len(response.context["cl"].result_list)

    open_some(5, 0)
    few, rows = count_queries()
    assert rows == 5
    open_some(55, 5)
    many, rows = count_queries()
    assert rows == 50  # list_per_page
    assert many == few
    with django_assert_max_num_queries(few):
        analyst_client.get(CHANGELIST, {"equipe": "minhas", "prazo": "estourado", "responsavel": "eu"})
    with django_assert_max_num_queries(few):
        analyst_client.get(CHANGELIST, {"q": "nota", "situacao": "todos", "empresa": world.company.pk})


def test_list_query_count_with_django_assert_max_num_queries(
    world, open_ticket, analyst_client, django_assert_max_num_queries
):
    for _index in range(60):
        open_ticket(world.contact.user)
    # Session, user, team and company filter choices, the paginator's count, the page's rows and
    # its calendar snapshots: 7, for 50 rows (no permission query: roles live in code).
    with django_assert_max_num_queries(7):
        response = analyst_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 50


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"breached", "at_risk", "on_time", "paused"}),
        ({"situacao": "todos"}, {"breached", "at_risk", "on_time", "paused", "closed"}),
        ({"situacao": "pending_client"}, {"paused"}),
        ({"situacao": "closed"}, {"closed"}),
        ({"prazo": "estourado"}, {"breached"}),
        ({"prazo": "em-risco"}, {"at_risk"}),
        ({"prazo": "no-prazo"}, {"on_time"}),
        ({"prazo": "parado"}, {"paused"}),
        ({"severity__exact": "low"}, {"at_risk"}),
        ({"responsavel": "eu"}, {"breached"}),
        ({"responsavel": "ninguem"}, {"at_risk", "paused"}),
        ({"responsavel": "alguem"}, {"breached", "on_time"}),
        ({"equipe": "minhas"}, {"breached", "on_time", "paused"}),  # the analyst is in Backoffice only
        ({"kind__exact": "technical"}, {"breached", "at_risk", "on_time", "paused"}),
        ({"kind__exact": "financial"}, set()),
    ],
)
def test_list_filters(board, frozen, analyst_client, params, expected):
    response = analyst_client.get(CHANGELIST, params)
    assert response.status_code == 200
    numbers = {name: getattr(board, name).number for name in Board.__dataclass_fields__}
    assert set(page_numbers(response)) == {numbers[name] for name in expected}


def test_list_filters_by_team_company_and_kind(world, catalogue, board, frozen, open_ticket, analyst_client):
    financial = open_ticket(world.contact.user, kind="financial", now=at(2026, 3, 11, 9))
    response = analyst_client.get(CHANGELIST, {"equipe": catalogue.fiscal_team.pk})
    assert page_numbers(response) == [board.at_risk.number]
    response = analyst_client.get(CHANGELIST, {"empresa": world.other_company.pk})
    assert page_numbers(response) == [board.on_time.number]
    response = analyst_client.get(CHANGELIST, {"kind__exact": "financial"})
    assert page_numbers(response) == [financial.number]


def test_search_by_number_summary_company_and_cnpj_includes_closed(world, board, frozen, analyst_client):
    # A ticket number goes straight to its work page, a closed ticket's too (CHN-2).
    response = analyst_client.get(CHANGELIST, {"q": board.closed.number})
    assert response["Location"] == f"{CHANGELIST}{board.closed.pk}/change/"
    assert page_numbers(analyst_client.get(CHANGELIST, {"q": "estoque negativo"})) == [board.on_time.number]
    assert set(page_numbers(analyst_client.get(CHANGELIST, {"q": world.other_company.trade_name}))) == {
        board.on_time.number
    }
    cnpj = world.other_company.cnpj
    formatted = f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"
    assert page_numbers(analyst_client.get(CHANGELIST, {"q": formatted})) == [board.on_time.number]


# --- Bulk actions ------------------------------------------------------------------------------------------


def _act_on_list(client, action, tickets, query="", **data):
    return client.post(
        CHANGELIST + query,
        {"action": action, "index": "0", "_selected_action": [t.pk for t in tickets], **data},
    )


def test_bulk_assign_to_me_reports_a_refusal_and_does_the_rest(world, board, analyst_client):
    response = _act_on_list(
        analyst_client, "assign_to_me", [board.at_risk, board.closed, board.on_time], "?situacao=todos"
    )
    assert response.status_code == 302
    messages = flash(response)
    assert any(board.closed.number in m and "encerrado" in m for m in messages)
    assert "2 chamado(s) atribuídos a você." in messages
    for ticket in (board.at_risk, board.on_time):
        ticket.refresh_from_db()
        assert ticket.assignee == world.analyst
    board.closed.refresh_from_db()
    assert board.closed.assignee is None


def test_bulk_assign_to_an_analyst_through_an_intermediate_page(world, board, analyst_client):
    colleague = AnalystFactory(full_name="Igor Analista")
    response = _act_on_list(analyst_client, "assign_to", [board.at_risk, board.paused])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Igor Analista" in page and board.at_risk.number in page and 'name="apply"' in page
    assert Ticket.objects.get(pk=board.at_risk.pk).assignee is None  # nothing happens on the way

    response = _act_on_list(
        analyst_client, "assign_to", [board.at_risk, board.paused], apply="1", assignee=colleague.pk
    )
    assert response.status_code == 302
    assert "2 chamado(s) atribuídos a Igor Analista." in flash(response)
    assert set(Ticket.objects.filter(assignee=colleague)) == {board.at_risk, board.paused}


def test_bulk_transfer_needs_a_reason_and_reports_tickets_already_there(catalogue, board, analyst_client):
    selected = [board.breached, board.at_risk]  # at_risk is already in the fiscal team
    response = _act_on_list(
        analyst_client, "transfer_to_team", selected, apply="1", team=catalogue.fiscal_team.pk
    )
    assert response.status_code == 200  # the page again, with the error
    assert "Este campo é obrigatório" in response.content.decode()
    assert not TicketEvent.objects.filter(kind="transfer").exists()

    response = _act_on_list(
        analyst_client,
        "transfer_to_team",
        selected,
        apply="1",
        team=catalogue.fiscal_team.pk,
        reason="Rejeição é da área fiscal",
    )
    assert response.status_code == 302
    messages = flash(response)
    assert any(board.at_risk.number in m and "já está nesta equipe" in m for m in messages)
    assert "1 chamado(s) transferidos para Fiscal." in messages
    board.breached.refresh_from_db()
    assert board.breached.team == catalogue.fiscal_team and board.breached.assignee is None
    event = TicketEvent.objects.get(kind="transfer")
    assert (event.ticket, event.reason) == (board.breached, "Rejeição é da área fiscal")


def test_bulk_put_in_analysis(board, analyst_client):
    response = _act_on_list(
        analyst_client, "put_in_analysis", [board.breached, board.on_time, board.closed], "?situacao=todos"
    )
    messages = flash(response)
    assert "2 chamado(s) colocados em análise." in messages
    assert any(board.closed.number in m and "Não é possível passar" in m for m in messages)
    assert set(Ticket.objects.filter(status="in_analysis")) == {board.breached, board.on_time}
    assert Ticket.objects.get(pk=board.closed.pk).status == "closed"


# --- The work page ------------------------------------------------------------------------------------------


def _work_url(ticket):
    return reverse("admin:tickets_ticket_change", args=[ticket.pk])


def _act(client, ticket, action, **data):
    return client.post(ACT, {"ticket": ticket.pk, "action": action, **data})


def test_work_page_shows_the_ticket_sla_and_the_whole_timeline(world, board, frozen, analyst_client):
    ticket = board.paused
    services.ticket_reply(
        actor=world.analyst, ticket=ticket, body="Cliente usa a versão antiga.", internal=True
    )
    message = services.ticket_reply(
        actor=world.contact.user,
        ticket=ticket,
        body="Segue a remessa.",
        files=[png("remessa.png")],
    )
    attachment = message.attachments.get()
    response = analyst_client.get(_work_url(ticket))
    assert response.status_code == 200
    page = response.content.decode()
    assert ticket.number in page and "Boleto sem código de barras" in page
    assert "Envie o arquivo de remessa." in page  # the reason, as event and as message
    assert "tk-internal" in page and "Cliente usa a versão antiga." in page and "o cliente não vê" in page
    assert f'href="/chamados/anexos/{attachment.pk}/"' in page
    assert "Pendência do cliente → Em análise" in page  # the client's reply moved it back
    # SLA panel: target, deadline, consumed, left, calendar.
    assert "10 horas úteis" in page and "Consumido" in page and "Restante" in page
    assert "4 dias úteis" in page and "suporte-tecnico" in page  # maintenance target, frozen calendar
    for form in ("reply", "transition", "reclassify", "transfer", "assign"):
        assert f'value="{form}"' in page


def test_work_page_reply_goes_to_the_client_and_the_internal_note_does_not(world, board, analyst_client):
    ticket = board.on_time
    response = _act(
        analyst_client,
        ticket,
        "reply",
        **{
            "reply-body": "Estamos analisando o estoque.",
            "reply-attachments": upload("print.png", PNG),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _work_url(ticket) + "#linha-do-tempo"
    assert "Resposta enviada ao cliente." in flash(response)
    response = _act(analyst_client, ticket, "note", **{"reply-body": "Parece o bug 4711."})
    assert "Nota interna registrada: o cliente não a vê." in flash(response)

    reply, note = Message.objects.filter(ticket=ticket).order_by("pk")
    assert (reply.is_internal, note.is_internal) == (False, True)
    assert Attachment.objects.get(message=reply).original_name == "print.png"
    client_view = [m.body for m in selectors.ticket_messages(world.other_contact.user, ticket)]
    assert client_view == ["Estamos analisando o estoque."]
    assert len(selectors.ticket_messages(world.analyst, ticket)) == 2


def test_work_page_empty_reply_shows_the_error_and_saves_nothing(board, analyst_client):
    response = _act(analyst_client, board.on_time, "reply", **{"reply-body": "  "})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Message.objects.filter(ticket=board.on_time).exists()


def test_work_page_reply_longer_than_any_message_is_refused_and_saves_nothing(board, analyst_client):
    response = _act(analyst_client, board.on_time, "reply", **{"reply-body": "Z" * 20_001})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Message.objects.filter(ticket=board.on_time).exists()


def test_work_page_transition_without_the_required_reason_is_refused(world, board, frozen, analyst_client):
    ticket = board.on_time
    response = _act(analyst_client, ticket, "transition", **{"transition-to_status": "pending_client"})
    assert response.status_code == 200
    assert "Diga ao cliente o que falta" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "new"
    assert not TicketEvent.objects.filter(ticket=ticket, kind="status").exists()

    response = _act(
        analyst_client,
        ticket,
        "transition",
        **{"transition-to_status": "pending_client", "transition-reason": "Envie o inventário."},
    )
    assert response.status_code == 302
    assert any("Pendência do cliente" in m and "enviado ao cliente" in m for m in flash(response))
    ticket.refresh_from_db()
    assert ticket.status == "pending_client" and ticket.sla_paused
    assert [m.body for m in selectors.ticket_messages(world.other_contact.user, ticket)] == [
        "Envie o inventário."
    ]


def test_work_page_transition_without_reason_where_none_is_needed(board, analyst_client):
    response = _act(
        analyst_client, board.breached, "transition", **{"transition-to_status": "in_maintenance"}
    )
    assert response.status_code == 302
    board.breached.refresh_from_db()
    assert board.breached.status == "in_maintenance"
    event = TicketEvent.objects.get(ticket=board.breached, kind="status")
    assert (event.from_value, event.to_value, event.reason) == ("new", "in_maintenance", "")


def test_work_page_offers_only_the_analysts_moves(board, analyst_client):
    form = analyst_client.get(_work_url(board.paused)).context["forms"]["transition"]
    assert [value for value, _label in form.fields["to_status"].choices if value] == [
        "in_analysis",
        "in_maintenance",
        "awaiting_validation",
    ]
    # A move outside the table is refused even if posted by hand.
    response = _act(analyst_client, board.paused, "transition", **{"transition-to_status": "closed"})
    assert response.status_code == 200
    assert Ticket.objects.get(pk=board.paused.pk).status == "pending_client"


def test_sla3_work_page_reclassify_recomputes_the_deadline_from_the_opening(
    world, open_ticket, analyst_client
):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))  # critical: due Wed 08:00
    response = _act(analyst_client, ticket, "reclassify", **{"reclassify-severity": "low"})
    assert response.status_code == 200  # reason required
    assert Ticket.objects.get(pk=ticket.pk).severity == "critical"

    response = _act(
        analyst_client,
        ticket,
        "reclassify",
        **{"reclassify-severity": "low", "reclassify-reason": "Só a exibição do relatório."},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    # 40 business hours from Tue 10:00 (not from now): Tue 9 h + Wed 12 + Thu 12 + Fri 07:00-14:00.
    assert ticket.severity == "low" and ticket.response_due_at == at(2026, 3, 13, 14)
    assert any("13/03/2026 14:00" in m for m in flash(response))
    event = TicketEvent.objects.get(ticket=ticket, kind="severity")
    assert (event.actor, event.reason) == (world.analyst, "Só a exibição do relatório.")


def test_work_page_transfer_is_recorded(world, catalogue, board, analyst_client):
    ticket = board.breached
    response = _act(
        analyst_client,
        ticket,
        "transfer",
        **{"transfer-team": catalogue.fiscal_team.pk, "transfer-reason": "Cálculo de ICMS"},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.team == catalogue.fiscal_team and ticket.assignee is None
    event = TicketEvent.objects.get(ticket=ticket, kind="transfer")
    assert (event.from_value, event.to_value, event.reason, event.actor) == (
        "Backoffice",
        "Fiscal",
        "Cálculo de ICMS",
        world.analyst,
    )


def test_work_page_assign_to_me_to_a_colleague_and_back_to_the_queue(world, board, analyst_client):
    ticket = board.at_risk
    _act(analyst_client, ticket, "assign", **{"assign-assignee": "me"})
    assert Ticket.objects.get(pk=ticket.pk).assignee == world.analyst
    response = _act(analyst_client, ticket, "assign", **{"assign-assignee": str(world.leader.pk)})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).assignee == world.leader
    _act(analyst_client, ticket, "assign", **{"assign-assignee": "queue"})
    assert Ticket.objects.get(pk=ticket.pk).assignee is None
    assert TicketEvent.objects.filter(ticket=ticket, kind="assignment").count() == 3
    # The back-office keeps its own trail too (the admin's "Registro do back-office").
    assert LogEntry.objects.filter(object_id=str(ticket.pk), user=world.analyst).count() == 3
    # Someone who is not an analyst is not offered.
    response = _act(analyst_client, ticket, "assign", **{"assign-assignee": str(world.contact.user.pk)})
    assert response.status_code == 200 and Ticket.objects.get(pk=ticket.pk).assignee is None


def test_closed_ticket_page_is_read_only(board, analyst_client):
    response = analyst_client.get(_work_url(board.closed))
    assert response.status_code == 200
    assert response.context["forms"] == {} and "acompanhamento" in response.content.decode()


# --- Safety: no change on GET, CSRF, roles ------------------------------------------------------------------


def test_no_state_change_on_get_and_the_change_view_takes_no_post(board, analyst_client):
    assert analyst_client.get(ACT, {"ticket": board.on_time.pk, "action": "assign"}).status_code == 405
    response = analyst_client.post(_work_url(board.on_time), {"status": "closed", "summary": "x"})
    assert response.status_code == 405
    ticket = Ticket.objects.get(pk=board.on_time.pk)
    assert (ticket.status, ticket.summary) == ("new", "Estoque negativo na filial")


def test_work_page_forms_need_the_csrf_token(world, board):
    client = logged_in(Client(enforce_csrf_checks=True), world.analyst)
    response = client.post(ACT, {"ticket": board.on_time.pk, "action": "assign", "assign-assignee": "me"})
    assert response.status_code == 403
    assert Ticket.objects.get(pk=board.on_time.pk).assignee == world.leader


def test_non_staff_are_sent_to_the_login(world, board):
    client = logged_in(Client(), world.admin.user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.post(ACT, {"ticket": board.on_time.pk, "action": "assign", "assign-assignee": "me"})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=board.on_time.pk).assignee == world.leader


def test_analysts_cannot_add_or_delete_tickets(board, analyst_client):
    assert analyst_client.get("/admin/tickets/ticket/add/").status_code == 403
    assert analyst_client.get(f"/admin/tickets/ticket/{board.on_time.pk}/delete/").status_code == 403
    response = analyst_client.get(CHANGELIST)
    actions = [value for value, _label in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert {"assign_to_me", "assign_to", "transfer_to_team", "put_in_analysis"} <= set(actions)
    response = _act_on_list(analyst_client, "delete_selected", [board.on_time], post="yes")
    assert Ticket.objects.filter(pk=board.on_time.pk).exists()


def test_leaders_edit_the_catalogue_analysts_only_look(world, catalogue):
    analyst = logged_in(Client(), world.analyst)
    assert analyst.get("/admin/tickets/team/").status_code == 200
    assert analyst.get("/admin/tickets/team/add/").status_code == 403
    leader = logged_in(Client(), world.leader)
    response = leader.post(
        "/admin/tickets/team/add/",
        {
            "name": "Desenvolvimento",
            "slug": "desenvolvimento",
            "description": "",
            "members": [world.analyst.pk],
        },
    )
    assert response.status_code == 302
    assert world.analyst.teams.filter(slug="desenvolvimento").exists()
