"""The leaders' survey screens in the back-office (SRV-3): Portuguese headers and titles, an analyst
filter that lists only the vendor's analysts, filter titles that read as Portuguese."""

import re

import pytest
from django.urls import reverse

from surveys.services import survey_answer
from surveys.tokens import survey_token
from tests.helpers import at
from tickets import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 2, 10))
    services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=world.analyst)
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="ok",
        now=at(2026, 11, 3, 10),
    )
    services.ticket_accept_solution(actor=world.contact.user, ticket=ticket, now=at(2026, 11, 4, 10))
    return survey_answer(token=survey_token(ticket.survey), rating=5, solved=None)


def _filter(html: str, title: str) -> str:
    return re.search(rf"<summary>\s*{re.escape(title)}\s*</summary>.*?</ul>", html, re.S).group(0)


def test_the_list_has_a_portuguese_title_and_headers(world, answered, client_for):
    html = client_for(world.leader).get(reverse("admin:surveys_survey_changelist")).content.decode()
    assert "<title>Pesquisas de satisfação | Back-office</title>" in html
    assert "<h1>Pesquisas de satisfação</h1>" in html and "Selecione" not in html
    table = html[html.index('<table id="result_list"') :]
    headers = re.findall(r'<div class="text">(?:<a [^>]*>|<span>)([^<]+)<', table)
    assert headers[:3] == ["Chamado", "Analista avaliado", "Equipe"]
    assert "Ticket" not in headers and "Resolvido" in headers


def test_the_analyst_filter_lists_only_the_vendors_analysts(world, answered, client_for):
    html = client_for(world.leader).get(reverse("admin:surveys_survey_changelist")).content.decode()
    analysts = _filter(html, "Por analista avaliado")
    assert world.analyst.full_name in analysts and world.leader.full_name in analysts
    for client_user in (world.contact.user, world.admin.user, world.other_contact.user, world.partner):
        assert client_user.email not in analysts and client_user.full_name not in analysts


def test_the_solved_and_answered_filters_read_as_portuguese_and_filter(world, answered, client_for):
    leader = client_for(world.leader)
    url = reverse("admin:surveys_survey_changelist")
    html = leader.get(url).content.decode()
    assert "Por o problema" not in html and "Por respondida em" not in html
    assert "Não informado" in _filter(html, "Por resolução do problema")
    assert "Sem resposta" in _filter(html, "Por resposta")
    assert (
        answered.ticket.number in leader.get(url, {"resolvido": "sem", "respondida": "sim"}).content.decode()
    )
    assert answered.ticket.number not in leader.get(url, {"resolvido": "sim"}).content.decode()
    assert answered.ticket.number not in leader.get(url, {"respondida": "nao"}).content.decode()


def test_the_results_page_has_no_inline_styles(world, answered, client_for):
    html = client_for(world.leader).get(reverse("admin:surveys_survey_report")).content.decode()
    main = html[html.index('<div id="content-main">') :]
    assert "style=" not in main and "admin-surveys.css" in html
    assert "<title>Resultados da pesquisa de satisfação | Back-office</title>" in html
