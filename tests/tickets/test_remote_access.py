"""Remote-access credentials (CHN-4, issue 14 item 9): given by the client on the ticket page,
encrypted at rest with the environment's key, never in e-mails, exports, the API or logs, revealed
only to the analysts of the ticket's team (each reveal audited), and wiped when the ticket closes."""

import logging

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.models import AuditEntry
from outbox.models import OutboxEmail
from tests.factories import AnalystFactory, LeaderFactory
from tests.helpers import at
from tickets import services
from tickets.models import Credentials, RemoteAccess, Ticket
from tickets.models.remote_access import check_remote_access_key
from tickets.services.remote_access import remote_access_reveal, remote_access_save

pytestmark = pytest.mark.django_db
SECRET = "S3nh@-Remota-Única"
K = AuditEntry.Kind


@pytest.fixture(autouse=True)
def _key(settings):
    settings.REMOTE_ACCESS_KEY = Fernet.generate_key().decode()


@pytest.fixture
def ticket(world, open_ticket):
    return open_ticket(world.contact.user, now=at(2026, 10, 5, 10))


def _give(client, ticket, **fields):
    data = {"remote-user": "suporte.erp", "remote-password": SECRET, "remote-notes": "AnyDesk 123 456 789"}
    data.update(fields)
    return client.post(reverse("ticket-remote-access", args=[ticket.number]), data)


def test_the_client_gives_credentials_on_the_ticket_page_and_they_are_encrypted_at_rest(
    world, ticket, client_for, caplog
):
    client = client_for(world.contact.user)
    page = client.get(reverse("ticket-detail", args=[ticket.number]))
    assert 'name="remote-password"' in page.content.decode()
    with caplog.at_level(logging.DEBUG):
        response = _give(client, ticket)
    assert response.status_code == 302
    remote = RemoteAccess.objects.get(ticket=ticket)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM tickets_remoteaccess WHERE id = %s", [remote.pk])
        stored = cursor.fetchone()[0]
    assert SECRET not in stored and "suporte.erp" not in stored
    assert remote.unseal() == Credentials(user="suporte.erp", password=SECRET, notes="AnyDesk 123 456 789")
    assert SECRET not in caplog.text
    saved = AuditEntry.objects.get(kind=K.REMOTE_ACCESS_SAVED)
    assert (saved.actor_id, saved.ticket_id) == (world.contact.user.pk, ticket.pk)
    assert SECRET not in f"{saved.detail}{saved.old_value}{saved.new_value}"
    after = client.get(reverse("ticket-detail", args=[ticket.number])).content.decode()
    assert "Informado em" in after and SECRET not in after


def test_credentials_need_a_user_and_a_password(world, ticket, client_for):
    _give(client_for(world.contact.user), ticket, **{"remote-password": ""})
    assert not RemoteAccess.objects.exists()


def test_a_refused_access_shows_the_card_again_with_what_was_typed_and_why_but_not_the_password(
    world, ticket, client_for
):
    response = _give(client_for(world.contact.user), ticket, **{"remote-user": "   "})
    assert response.status_code == 400 and not RemoteAccess.objects.exists()
    page = response.content.decode()
    card = page[page.index('id="remote-access-title"') :]
    assert 'id="id_remote-user_error"' in card and "Este campo é obrigatório." in card
    assert ">AnyDesk 123 456 789</textarea>" in card  # the notes are kept
    assert SECRET not in page and "digite a senha de novo" in card
    assert "<details open>" in card


def test_another_company_cannot_give_credentials_to_the_ticket(world, ticket, client_for):
    assert _give(client_for(world.other_admin.user), ticket).status_code == 404
    assert not RemoteAccess.objects.exists()


def test_only_the_analysts_of_the_team_reveal_and_each_reveal_is_audited(world, ticket, client_for):
    _give(client_for(world.contact.user), ticket)
    url = reverse("ticket-remote-access-reveal", args=[ticket.number])
    team_analyst = client_for(world.analyst)
    page = team_analyst.get(url)
    assert page.status_code == 200
    assert "Revelar" in page.content.decode() and SECRET not in page.content.decode()
    revealed = team_analyst.post(url)
    assert revealed.status_code == 200
    assert SECRET in revealed.content.decode()
    assert "no-store" in revealed["Cache-Control"]
    entry = AuditEntry.objects.get(kind=K.REMOTE_ACCESS_REVEALED)
    assert (entry.actor_id, entry.ticket_id, entry.company_id) == (
        world.analyst.pk,
        ticket.pk,
        world.company.pk,
    )


@pytest.mark.parametrize("who", ["outsider_analyst", "outsider_leader", "contact", "admin"])
def test_nobody_else_reveals(world, ticket, client_for, who):
    _give(client_for(world.contact.user), ticket)
    user = {
        "outsider_analyst": lambda: AnalystFactory(email="outra@suporte.example"),
        "outsider_leader": lambda: world.leader,
        "contact": lambda: world.contact.user,
        "admin": lambda: world.admin.user,
    }[who]()
    client = client_for(user)
    url = reverse("ticket-remote-access-reveal", args=[ticket.number])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403
    assert not AuditEntry.objects.filter(kind=K.REMOTE_ACCESS_REVEALED).exists()


def test_a_leader_of_the_team_reveals(world, ticket):
    leader = LeaderFactory(email="lider.equipe@suporte.example")
    ticket.team.members.add(leader)
    remote_access_save(actor=world.contact.user, ticket=ticket, credentials=Credentials("u", SECRET))
    assert remote_access_reveal(actor=leader, ticket=ticket).password == SECRET


def test_never_in_emails_exports_the_api_or_the_repr(
    world, ticket, client_for, django_capture_on_commit_callbacks
):
    remote_access_save(
        actor=world.contact.user, ticket=ticket, credentials=Credentials("suporte.erp", SECRET)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(actor=world.analyst, ticket=ticket, body="Vamos acessar o ambiente.")
    bodies = [m.body + str(getattr(m, "alternatives", "")) for m in mail.outbox]
    bodies += [f"{row.subject}{row.body_text}{row.body_html}" for row in OutboxEmail.objects.all()]
    assert bodies and not any(SECRET in body for body in bodies)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.contact.user).key}")
    for url in (reverse("api-ticket-list"), reverse("api-ticket-detail", args=[ticket.number])):
        assert SECRET not in api.get(url).content.decode()
    csv = client_for(world.admin.user).get(
        reverse("ticket-statement-csv"), {"start": "2026-10-01", "end": "2026-10-31"}
    )
    assert csv.status_code == 200 and SECRET not in csv.content.decode("utf-8-sig")
    credentials = RemoteAccess.objects.get().unseal()
    assert SECRET not in repr(credentials) and SECRET not in str(RemoteAccess.objects.get())


def test_closing_the_ticket_wipes_the_credentials_whatever_closes_it(world, open_ticket):
    by_update = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    by_client = open_ticket(world.contact.user, now=at(2026, 10, 5, 11))
    for ticket in (by_update, by_client):
        remote_access_save(actor=world.contact.user, ticket=ticket, credentials=Credentials("u", SECRET))
    # A job's set-based UPDATE, or the shell: the database trigger deletes them in the same statement.
    Ticket.objects.filter(pk=by_update.pk).update(status=Ticket.Status.CLOSED)
    # The client accepts the proposed solution (the workflow's move).
    services.ticket_transition(
        actor=world.analyst, ticket=by_client, to_status="awaiting_validation", reason="Ajuste aplicado."
    )
    services.ticket_accept_solution(actor=world.contact.user, ticket=Ticket.objects.get(pk=by_client.pk))
    assert Ticket.objects.get(pk=by_client.pk).status == Ticket.Status.CLOSED
    assert not RemoteAccess.objects.exists()


def test_a_closed_ticket_takes_no_credentials(world, ticket, client_for):
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.CLOSED)
    response = _give(client_for(world.contact.user), ticket)
    assert response.status_code == 302
    assert not RemoteAccess.objects.exists()
    page = client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number]))
    assert 'name="remote-password"' not in page.content.decode()


def test_production_needs_its_own_key(settings):
    settings.REMOTE_ACCESS_KEY = ""
    settings.DEBUG = False
    assert [message.id for message in check_remote_access_key()] == ["tickets.E101"]
    if connection.vendor != "sqlite":
        with pytest.raises(ImproperlyConfigured):
            RemoteAccess().seal(Credentials("u", SECRET))
    settings.REMOTE_ACCESS_KEY = "curta"
    assert [message.id for message in check_remote_access_key()] == ["tickets.E102"]


def test_debug_derives_a_development_key(settings):
    settings.REMOTE_ACCESS_KEY = ""
    settings.DEBUG = True
    remote = RemoteAccess()
    remote.seal(Credentials("u", SECRET))
    assert remote.unseal().password == SECRET
    assert check_remote_access_key() == []
