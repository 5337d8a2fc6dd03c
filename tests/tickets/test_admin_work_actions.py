"""The work page's dedicated actions (issue 12, items 5-7): "Propor solução", "Pedir dados ao
cliente", "Encaminhar à manutenção" and "Transferir" each carry a message body the client reads;
every text the client reads is labelled "visível ao cliente"; the first staff member who acts on an
unassigned ticket becomes its owner; a refused form stays on the ticket's own page.

TKT-5..7: the moves are the workflow's (tickets/workflow/table.py), through the services.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AnalystFactory
from tests.helpers import flash, logged_in
from tickets.admin.bulk import BulkCannedReplyForm
from tickets.admin.forms import WORK_FORMS, BulkTransferForm
from tickets.models import CannedReply, Message, Ticket, TicketEvent

pytestmark = pytest.mark.django_db
S = Ticket.Status


def work_url(ticket) -> str:
    return reverse("admin:tickets_ticket_change", args=[ticket.pk])


def client_page(world, ticket) -> str:
    client = logged_in(Client(), world.contact.user)
    return client.get(reverse("ticket-detail", kwargs={"number": ticket.number})).content.decode()


@pytest.fixture
def ticket(world, open_ticket):
    return open_ticket(world.contact.user)


@pytest.fixture
def analyst_client(world):
    return logged_in(Client(), world.analyst)


def act(client, ticket, action, **fields):
    data = {"ticket": ticket.pk, "action": action}
    prefix = WORK_FORMS[action].action  # the note is the reply's composer
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(work_url(ticket), data)


# --- Item 6: the dedicated actions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status", "sent_by_email"),
    [
        ("propose", S.AWAITING_VALIDATION, True),
        ("request_data", S.PENDING_CLIENT, True),
        ("maintenance", S.IN_MAINTENANCE, True),
    ],
)
def test_each_dedicated_action_moves_the_ticket_and_posts_its_body_once(
    world,
    ticket,
    analyst_client,
    action,
    status,
    sent_by_email,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    body = f"Texto da ação {action}: rode o ajuste 42."
    with django_capture_on_commit_callbacks(execute=True):
        response = act(analyst_client, ticket, action, body=body)
    assert response.status_code == 302
    assert response["Location"].startswith(work_url(ticket))
    ticket.refresh_from_db()
    assert ticket.status == status
    messages = list(Message.objects.filter(ticket=ticket, body=body))
    assert len(messages) == 1 and not messages[0].is_internal
    # The client reads it once in the timeline (the move's reason is the message beside it), not as a
    # second "Motivo"; a proposed solution is also quoted in the validation card above the timeline.
    expected = 2 if action == "propose" else 1
    assert client_page(world, ticket).count("rode o ajuste 42") == expected


def test_the_first_analyst_who_acts_on_an_unassigned_ticket_becomes_its_owner(world, ticket, analyst_client):
    assert ticket.assignee is None
    assert "ainda não atribuído" in client_page(world, ticket)
    act(analyst_client, ticket, "request_data", body="Envie o XML da nota.")
    ticket.refresh_from_db()
    assert ticket.assignee == world.analyst
    assert TicketEvent.objects.filter(
        ticket=ticket, kind="assignment", to_value=world.analyst.full_name
    ).exists()
    assert "ainda não atribuído" not in client_page(world, ticket)
    # Someone else acting later does not take it over.
    other = AnalystFactory()
    act(logged_in(Client(), other), ticket, "propose", body="Atualize para a versão 12.1.2410.")
    ticket.refresh_from_db()
    assert ticket.assignee == world.analyst


@pytest.mark.parametrize("action", ["reply", "transition", "reclassify"])
def test_replying_moving_or_reclassifying_also_claims_the_ticket(world, ticket, analyst_client, action):
    fields = {
        "reply": {"body": "Estamos olhando."},
        "transition": {"to_status": S.IN_ANALYSIS, "reason": "Começando a análise."},
        "reclassify": {"severity": "low", "reason": "É só visual."},
    }[action]
    assert act(analyst_client, ticket, action, **fields).status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == world.analyst


@pytest.mark.parametrize("action", ["note", "transfer", "assign"])
def test_a_note_a_transfer_or_an_assignment_claims_nothing(world, catalogue, ticket, analyst_client, action):
    fields = {
        "note": {"body": "Nota só da equipe."},
        "transfer": {"team": catalogue.fiscal_team.pk, "reason": "É da equipe fiscal."},
        "assign": {"assignee": "queue"},
    }[action]
    act(analyst_client, ticket, action, **fields)
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_a_refused_action_keeps_the_ticket_unclaimed_and_unchanged(world, ticket, analyst_client):
    """The workflow refuses (an empty body); the claim that came with the action is taken back."""
    response = act(analyst_client, ticket, "propose", body="   ")
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee) == (S.NEW, None)
    assert not TicketEvent.objects.filter(ticket=ticket, kind="assignment").exists()


def test_only_the_moves_the_workflow_allows_are_offered(world, ticket, analyst_client):
    page = analyst_client.get(work_url(ticket)).content.decode()
    for title in ("Propor solução", "Pedir dados ao cliente", "Encaminhar à manutenção", "Transferir"):
        assert f">{title}</button>" in page
    act(analyst_client, ticket, "propose", body="Solução: ajuste o parâmetro.")
    page = analyst_client.get(work_url(ticket)).content.decode()
    # From "awaiting validation" only the client (or the system) moves it on.
    assert ">Propor solução</button>" not in page
    assert ">Pedir dados ao cliente</button>" not in page
    response = act(analyst_client, ticket, "request_data", body="Mais dados.")
    assert response.status_code == 200
    assert Ticket.objects.get(pk=ticket.pk).status == S.AWAITING_VALIDATION


# --- Item 7 (work page): a refused form stays on the ticket's page ---------------------------------------


def test_a_refused_form_is_shown_again_at_the_tickets_own_address_with_its_layout(
    world, ticket, analyst_client
):
    response = act(analyst_client, ticket, "transfer", team="", reason="")
    assert response.status_code == 200
    assert response.wsgi_request.path == work_url(ticket)
    page = response.content.decode()
    assert 'class="tk-grid"' in page and '<aside class="tk-side">' in page
    assert 'id="acao-transfer" open' in page  # the refused form is open, with its error
    assert "Nada foi alterado. Transferir para outra equipe" in " ".join(flash(response))
    # Every form of the page posts to the ticket's page, never to the former "agir/" address.
    assert 'action="/admin/tickets/ticket/agir/"' not in page
    assert f'action="{work_url(ticket)}"' in page


def test_a_post_to_a_ticket_the_user_cannot_see_is_not_found(world, ticket, analyst_client):
    response = analyst_client.post(
        reverse("admin:tickets_ticket_change", args=[999999]), {"ticket": 999999, "action": "reply"}
    )
    assert response.status_code == 404


def test_a_client_cannot_post_to_the_work_page(world, ticket):
    response = logged_in(Client(), world.contact.user).post(
        work_url(ticket), {"action": "reply", "reply-body": "x"}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Message.objects.filter(ticket=ticket, body="x").exists()


# --- Item 5: every text the client reads says so --------------------------------------------------------


def _text_fields(form):
    return [name for name, field in form.fields.items() if field.widget.__class__.__name__ == "Textarea"]


def test_every_text_of_the_work_page_that_reaches_the_client_is_labelled_and_internal_ones_never_reach_it(
    world, catalogue, open_ticket
):
    """Each form's text is posted with a marker; a marker the client's page shows must come from a
    field labelled "visível ao cliente"; an unlabelled one (the internal note) never shows."""
    client = logged_in(Client(), world.leader)
    seen_labelled, seen_internal = 0, 0
    cases = {
        "reply": {},
        "note": {},
        "transition": {"to_status": S.IN_ANALYSIS},
        "reclassify": {"severity": "low"},
        "transfer": {"team": catalogue.fiscal_team.pk},
        "propose": {},
        "request_data": {},
        "maintenance": {},
    }
    assert set(cases) >= {name for name in WORK_FORMS if name != "assign"}
    for action, extra in cases.items():
        ticket = open_ticket(world.contact.user, summary=f"Chamado {action}")
        form = WORK_FORMS[action](ticket=ticket, user=world.leader)
        fields = dict(extra)
        markers = {}
        for name in _text_fields(form):
            markers[name] = f"marcador-{action}-{name}"
            fields[name] = markers[name]
        response = act(client, ticket, action, **fields)
        assert response.status_code == 302, (action, flash(response))
        page = client_page(world, ticket)
        for name, marker in markers.items():
            field = form.fields[name]
            labelled = "visível ao cliente" in f"{field.label} {field.help_text}".lower()
            if action == "note":
                assert marker not in page
                seen_internal += 1
            elif marker in page:
                assert labelled, f"{action}.{name} reaches the client without saying so"
                seen_labelled += 1
            else:
                assert not labelled, f"{action}.{name} says the client sees it, but they do not"
    assert seen_labelled == 7 and seen_internal == 1


def test_the_queues_bulk_texts_reach_the_client_and_say_so(world, catalogue, ticket, analyst_client):
    """The bulk transfer's reason and the bulk canned answer reach the client's timeline: labelled."""
    response = analyst_client.post(
        "/admin/tickets/ticket/",
        {
            "action": "transfer_to_team",
            "index": "0",
            "_selected_action": [ticket.pk],
            "apply": "1",
            "team": catalogue.fiscal_team.pk,
            "reason": "marcador-transferencia-em-lote",
        },
    )
    assert response.status_code == 302
    assert "marcador-transferencia-em-lote" in client_page(world, ticket)
    assert "visível ao cliente" in str(BulkTransferForm().fields["reason"].label)
    assert "visível ao cliente" in str(BulkCannedReplyForm(user=world.analyst).fields["reply"].label)


def test_the_work_page_keeps_constant_queries_whatever_the_number_of_canned_replies(
    world, catalogue, ticket, analyst_client
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert analyst_client.get(work_url(ticket)).status_code == 200
        return len(queries)

    CannedReply.objects.create(team=catalogue.team, title="R0", body="Olá {cliente}")
    few = count()
    for index in range(1, 15):
        CannedReply.objects.create(team=catalogue.team, title=f"R{index}", body=f"Olá {{cliente}} {index}")
    assert count() == few
