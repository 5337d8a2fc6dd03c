"""Timeline and files through the API (TKT-7, TKT-10, ACC-6, TEN-2)."""

import pytest

from accounts.models import Company
from tests.helpers import png, upload
from tickets import services
from tickets.models import Attachment, Message, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(world, open_ticket):
    """Alfa's contact ticket with an opening file, a public reply and an analyst's internal note."""
    ticket = open_ticket(world.contact.user, files=[upload("abertura.txt")])
    services.ticket_reply(actor=world.analyst, ticket=ticket, body="Estamos analisando.")
    services.ticket_reply(
        actor=world.analyst,
        ticket=ticket,
        body="Suspeita de bug na 12.1.",
        internal=True,
        files=[upload("nota.txt")],
    )
    return ticket


def messages_url(ticket) -> str:
    return f"/api/v1/tickets/{ticket.number}/messages/"


def attachments_url(ticket) -> str:
    return f"/api/v1/tickets/{ticket.number}/attachments/"


def download_url(attachment) -> str:
    return f"/api/v1/attachments/{attachment.pk}/download/"


# --- Messages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["contact", "admin", "partner"])
def test_tkt7_clients_never_see_internal_notes(roles, ticket, api_for, role):
    response = api_for(roles[role]).get(messages_url(ticket))

    assert response.status_code == 200
    assert [row["body"] for row in response.json()["results"]] == ["Estamos analisando."]


def test_tkt7_analysts_see_the_whole_timeline_with_authors_and_files(world, ticket, api_for):
    rows = api_for(world.analyst).get(messages_url(ticket)).json()["results"]

    assert [(row["body"], row["internal"], row["from_staff"]) for row in rows] == [
        ("Estamos analisando.", False, True),
        ("Suspeita de bug na 12.1.", True, True),
    ]
    assert rows[0]["author"] == {"id": world.analyst.pk, "name": world.analyst.full_name}
    [note_file] = rows[1]["attachments"]
    assert note_file["name"] == "nota.txt" and note_file["internal"] is True
    assert note_file["download_url"].endswith(f"/api/v1/attachments/{note_file['id']}/download/")


def test_tkt7_a_client_replies_with_a_file(world, ticket, api_for):
    response = api_for(world.contact.user).post(
        messages_url(ticket),
        {"body": "Segue o XML.", "files": [upload("nota.xml", b"<nfe/>")]},
        format="multipart",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["body"] == "Segue o XML." and body["internal"] is False and body["from_staff"] is False
    assert body["ticket_status"] == "new" and body["ticket"] == ticket.number and body["follow_up"] is False
    assert [item["name"] for item in body["attachments"]] == ["nota.xml"]
    assert Message.objects.filter(ticket=ticket, author=world.contact.user).count() == 1


def test_tkt7_a_client_reply_on_pending_client_moves_the_ticket_back_to_analysis(world, ticket, api_for):
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="pending_client", reason="Envie o XML."
    )
    client = api_for(world.contact.user)

    response = client.post(messages_url(ticket), {"body": "Enviado."}, format="json")

    assert response.status_code == 201
    assert response.json()["ticket_status"] == "in_analysis"
    assert client.get(f"/api/v1/tickets/{ticket.number}/").json()["status"] == "in_analysis"


def test_tkt7_clients_cannot_write_internal_notes(world, ticket, api_for):
    response = api_for(world.contact.user).post(
        messages_url(ticket), {"body": "x", "internal": True}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "Somente analistas escrevem notas internas."
    assert not Message.objects.filter(author=world.contact.user).exists()


def test_tkt7_analysts_write_internal_notes(world, ticket, api_for):
    response = api_for(world.analyst).post(
        messages_url(ticket), {"body": "Ver 12.1.", "internal": True}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["internal"] is True
    contact_view = api_for(world.contact.user).get(messages_url(ticket)).json()["results"]
    assert "Ver 12.1." not in [row["body"] for row in contact_view]


def test_tkt7_an_empty_message_is_refused(world, ticket, api_for):
    response = api_for(world.contact.user).post(messages_url(ticket), {"body": "  "}, format="json")
    assert response.status_code == 400
    assert response.json() == {"body": ["Este campo não pode ficar em branco."]}


def close(world, ticket):
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="awaiting_validation", reason="Aplique o patch."
    )
    services.ticket_transition(actor=world.contact.user, ticket=ticket, to_status="closed")


def test_tkt9_an_analyst_reply_to_a_closed_ticket_is_409(world, ticket, api_for):
    close(world, ticket)

    response = api_for(world.analyst).post(messages_url(ticket), {"body": "Mais uma coisa."}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "ticket_closed"
    assert not Message.objects.filter(body="Mais uma coisa.").exists()


def test_tkt9_a_client_reply_to_a_closed_ticket_opens_a_follow_up(world, ticket, api_for):
    close(world, ticket)
    client = api_for(world.contact.user)

    response = client.post(messages_url(ticket), {"body": "O erro voltou."}, format="json")

    assert response.status_code == 201
    body = response.json()
    follow_up = Ticket.objects.get(follow_up_of=ticket)
    assert body["follow_up"] is True and body["id"] is None
    assert body["ticket"] == follow_up.number != ticket.number
    assert body["ticket_status"] == "new" and body["attachments"] == []
    assert response.headers["Location"] == f"/api/v1/tickets/{follow_up.number}/"
    assert client.get(f"/api/v1/tickets/{ticket.number}/").json()["status"] == "closed"
    assert client.get(f"/api/v1/tickets/{follow_up.number}/").json()["follow_up_of"] == ticket.number


# --- Attachments ------------------------------------------------------------------------------------------


def test_tkt10_clients_list_the_files_without_the_internal_notes_ones(world, ticket, api_for):
    rows = api_for(world.contact.user).get(attachments_url(ticket)).json()["results"]

    assert [row["name"] for row in rows] == ["abertura.txt"]
    row = rows[0]
    assert row["size"] == 8 and row["content_type"] == "text/plain" and row["message"] is None
    assert (
        row["download_url"]
        == f"http://testserver{download_url(Attachment.objects.get(original_name='abertura.txt'))}"
    )
    assert set(row) == {
        "id",
        "name",
        "size",
        "content_type",
        "created_at",
        "message",
        "internal",
        "download_url",
    }


def test_tkt10_analysts_list_every_file(world, ticket, api_for):
    rows = api_for(world.analyst).get(attachments_url(ticket)).json()["results"]
    assert [(row["name"], row["internal"]) for row in rows] == [("abertura.txt", False), ("nota.txt", True)]


def test_tkt10_uploading_files_posts_them_as_a_message(world, ticket, api_for):
    client = api_for(world.contact.user)
    response = client.post(
        attachments_url(ticket),
        {"files": [png(), upload("log.txt")]},
        format="multipart",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["body"] == "Arquivos anexados: tela.png, log.txt"
    assert [item["name"] for item in body["attachments"]] == ["tela.png", "log.txt"]
    names = [row["name"] for row in client.get(attachments_url(ticket)).json()["results"]]
    assert names == ["abertura.txt", "tela.png", "log.txt"]


def test_tkt10_uploading_with_a_text(world, ticket, api_for):
    response = api_for(world.contact.user).post(
        attachments_url(ticket), {"files": [upload()], "body": "O log pedido."}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["body"] == "O log pedido."


def test_tkt10_an_upload_needs_a_file(world, ticket, api_for):
    response = api_for(world.contact.user).post(
        attachments_url(ticket), {"body": "sem arquivo"}, format="multipart"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"files"}
    assert not Message.objects.filter(body="sem arquivo").exists()


def test_tkt10_a_forbidden_type_is_refused(world, ticket, api_for):
    response = api_for(world.contact.user).post(
        attachments_url(ticket), {"files": [upload("virus.exe", b"MZ")]}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "attachment_type"
    assert Attachment.objects.filter(original_name="virus.exe").count() == 0


def test_tkt10_download_is_an_attachment_with_nosniff(world, ticket, api_for):
    attachment = Attachment.objects.get(original_name="abertura.txt")

    response = api_for(world.contact.user).get(download_url(attachment), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"erro 539"
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["Content-Disposition"] == 'attachment; filename="abertura.txt"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_tkt7_clients_cannot_download_internal_notes_files(world, ticket, api_for):
    note_file = Attachment.objects.get(original_name="nota.txt")
    assert api_for(world.contact.user).get(download_url(note_file)).status_code == 404
    assert api_for(world.analyst).get(download_url(note_file)).status_code == 200


def test_acc6_clients_of_a_company_with_pendency_cannot_download_analysts_can(world, ticket, api_for):
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    attachment = Attachment.objects.get(original_name="abertura.txt")

    refused = api_for(world.contact.user).get(download_url(attachment))

    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "Downloads bloqueados por pendência financeira. Procure o Centro de Serviços (CST).",
        "code": "financial_pendency",
    }
    assert api_for(world.analyst).get(download_url(attachment)).status_code == 200
    # ACC-6: existing tickets stay readable
    assert api_for(world.contact.user).get(attachments_url(ticket)).status_code == 200


def test_tkt10_a_file_missing_from_storage_is_404_not_500(world, ticket, api_for):
    attachment = Attachment.objects.get(original_name="abertura.txt")
    attachment.file.storage.delete(attachment.file.name)
    assert api_for(world.contact.user).get(download_url(attachment)).status_code == 404


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("contact", ["abertura.txt"]),
        ("admin", ["abertura.txt"]),
        ("partner", ["abertura.txt"]),
        ("analyst", ["abertura.txt", "nota.txt"]),
        ("leader", ["abertura.txt", "nota.txt"]),
    ],
)
def test_tkt10_every_role_lists_and_downloads_exactly_the_files_it_may_see(
    roles, ticket, api_for, role, names
):
    client = api_for(roles[role])

    rows = client.get(attachments_url(ticket)).json()["results"]

    assert [row["name"] for row in rows] == names
    for attachment in Attachment.objects.all():
        expected = 200 if attachment.original_name in names else 404
        assert client.get(download_url(attachment)).status_code == expected
