"""TEN-2 on every ticket endpoint: another company's ticket or file is a 404, like a missing one."""

import pytest

from tests.helpers import upload
from tickets.models import Attachment, Message, Ticket, TicketEvent

pytestmark = pytest.mark.django_db

# (method, path under /api/v1/tickets/{number}/, body)
TICKET_ROUTES = [
    ("get", "", None),
    ("get", "messages/", None),
    ("post", "messages/", {"body": "Olá"}),
    ("get", "attachments/", None),
    ("post", "attachments/", "file"),
    ("post", "assign/", {"assignee": "me"}),
    ("post", "transition/", {"status": "in_analysis"}),
    ("post", "reclassify/", {"severity": "low", "reason": "x"}),
    ("post", "transfer/", {"team": "fiscal", "reason": "x"}),
]


@pytest.fixture
def alfa_ticket(world, open_ticket):
    return open_ticket(world.contact.user, files=[upload("log.txt", b"erro")])


def call(client, method, path, body, catalogue):
    if body == "file":
        data = {"files": [upload("x.txt", b"x")]}
        return client.post(path, data, format="multipart")
    if isinstance(body, dict) and body.get("team") == "fiscal":
        body = {**body, "team": catalogue.fiscal_team.pk}
    return getattr(client, method)(path, body, format="json") if body else client.get(path)


@pytest.mark.parametrize(("method", "suffix", "body"), TICKET_ROUTES)
@pytest.mark.parametrize("who", ["other_admin", "other_contact"])
def test_ten2_another_companys_ticket_is_404_on_every_route(
    world, catalogue, alfa_ticket, api_for, method, suffix, body, who
):
    client = api_for(getattr(world, who).user)

    hidden = call(client, method, f"/api/v1/tickets/{alfa_ticket.number}/{suffix}", body, catalogue)
    missing = call(client, method, f"/api/v1/tickets/00000000/{suffix}", body, catalogue)

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "Não encontrado.", "code": "not_found"}
    assert Message.objects.count() == 0
    assert Attachment.objects.count() == 1
    assert list(TicketEvent.objects.values_list("kind", flat=True)) == ["opened"]
    alfa_ticket.refresh_from_db()
    assert (alfa_ticket.status, alfa_ticket.assignee, alfa_ticket.severity) == ("new", None, "critical")


@pytest.mark.parametrize(("method", "suffix", "body"), TICKET_ROUTES)
def test_acc3_a_contact_without_see_all_gets_404_on_a_colleagues_ticket(
    world, catalogue, open_ticket, api_for, method, suffix, body
):
    colleague = open_ticket(world.admin.user)
    response = call(
        api_for(world.contact.user), method, f"/api/v1/tickets/{colleague.number}/{suffix}", body, catalogue
    )
    assert response.status_code == 404


def test_ten2_another_companys_attachment_download_is_404(world, alfa_ticket, api_for):
    attachment = Attachment.objects.get()
    hidden = api_for(world.other_admin.user).get(f"/api/v1/attachments/{attachment.pk}/download/")
    missing = api_for(world.other_admin.user).get("/api/v1/attachments/999999/download/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_ten2_the_other_company_sees_nothing_of_alfa_in_lists(world, alfa_ticket, api_for):
    client = api_for(world.other_admin.user)
    assert client.get("/api/v1/tickets/").json()["count"] == 0
    assert client.get(f"/api/v1/tickets/?q={alfa_ticket.number}").json()["count"] == 0
    companies = client.get("/api/v1/companies/").json()["results"]
    assert [row["id"] for row in companies] == [world.other_company.pk]
    assert Ticket.objects.count() == 1
