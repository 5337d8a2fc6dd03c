"""The survey e-mail and page (SRV-2): one link per score, the page confirms the chosen score and
records it only when the client posts it (a GET, even with a score, changes nothing)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from surveys.models import Survey
from tests.helpers import at
from tickets import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world, open_ticket, django_capture_on_commit_callbacks):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 16, 10))
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_transition(
            actor=world.analyst,
            ticket=ticket,
            to_status="awaiting_validation",
            reason="Feito.",
            now=at(2026, 11, 17, 10),
        )
        services.ticket_accept_solution(actor=world.contact.user, ticket=ticket, now=at(2026, 11, 18, 10))
    return Survey.objects.get(ticket=ticket)


def _checked(html: str, name: str) -> list[str]:
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        if " checked" in tag
    ]


def test_the_email_carries_one_link_per_score_and_the_plain_link(closed, client):
    message = next(m for m in mail.outbox if "Como foi o atendimento" in m.subject)
    html = message.alternatives[0][0]
    links = re.findall(r'href="([^"]*/pesquisa/[^"]*)"', html)
    assert [link.rsplit("?nota=", 1)[1] for link in links] == ["1", "2", "3", "4", "5"]
    assert re.findall(r"^(\d): http\S*/pesquisa/\S+/\?nota=(\d)$", message.body, re.M) == [
        (str(n), str(n)) for n in range(1, 6)
    ]
    assert re.search(r"^http\S*/pesquisa/\S+/$", message.body, re.M)  # the plain link too
    assert "só é registrada quando você confirmar" in message.body
    page = client.get(links[2].split("testserver", 1)[-1].replace(settings.SITE_URL, ""))
    assert page.status_code == 200 and _checked(page.content.decode(), "rating") == ["3"]


def test_a_score_link_opens_the_page_with_that_score_chosen_and_records_nothing(closed, client):
    response = client.get(reverse("survey-answer", args=[_token(closed)]), {"nota": "4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _checked(html, "rating") == ["4"] and _checked(html, "solved") == []
    assert "Você escolheu a nota 4." in html and "Confirmar a nota" in html
    closed.refresh_from_db()
    assert (closed.answered_at, closed.rating) == (None, None)


@pytest.mark.parametrize("query", [{}, {"nota": "9"}, {"nota": "x"}, {"nota": "0"}])
def test_without_a_valid_score_nothing_is_chosen_for_the_client(closed, client, query):
    html = client.get(reverse("survey-answer", args=[_token(closed)]), query).content.decode()
    assert _checked(html, "rating") == [] and _checked(html, "solved") == []
    assert "Prefiro não dizer" not in html and "Você escolheu" not in html
    assert "Enviar resposta" in html
    assert [int(v) for v in re.findall(r'name="rating" value="(\d)"', html)] == [1, 2, 3, 4, 5]


def test_posting_the_confirmed_score_records_it_once(closed, client):
    url = reverse("survey-answer", args=[_token(closed)])
    response = client.post(url, {"rating": "4", "comment": "  Bom  "})
    assert response.status_code == 200 and "Nota registrada: 4 de 5." in response.content.decode()
    closed.refresh_from_db()
    assert (closed.rating, closed.solved, closed.comment) == (4, None, "Bom")
    again = client.get(url, {"nota": "1"}).content.decode()
    assert (
        "já foi respondida" in again and "Nota registrada: 4 de 5." in again and 'name="rating"' not in again
    )


def test_a_post_without_a_score_asks_for_one(closed, client):
    response = client.post(reverse("survey-answer", args=[_token(closed)]), {"solved": "yes"})
    html = response.content.decode()
    assert response.status_code == 400 and "Escolha uma nota de 1 a 5." in html
    assert _checked(html, "solved") == ["yes"]
    closed.refresh_from_db()
    assert closed.answered_at is None


def _token(survey: Survey) -> str:
    from surveys.tokens import survey_token

    return survey_token(survey)
