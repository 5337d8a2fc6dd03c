"""Browser journey of the satisfaction survey (SRV-2): a click on a score selects it, the score
from an e-mail link arrives chosen and can be changed, and the page confirms what was recorded."""

import re

import pytest
from django.core import mail

from surveys.models import Survey
from tests.helpers import at, screenshot
from tickets import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey_link(world, open_ticket, django_capture_on_commit_callbacks):
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
    message = next(m for m in mail.outbox if "Como foi o atendimento" in m.subject)
    return ticket, re.search(r"/pesquisa/\S+/", message.body).group(0)


def test_a_click_on_the_label_4_selects_it_and_the_answer_is_confirmed(page, survey_link):
    ticket, path = survey_link
    page.goto(page.base_url + path)
    rating = page.get_by_role("group", name="De 1 a 5, como você avalia o atendimento?")
    for score in "12345":
        assert not rating.get_by_label(score, exact=True).is_checked()
    assert not page.get_by_label("Sim", exact=True).is_checked()
    assert not page.get_by_label("Não", exact=True).is_checked()
    page.locator("label", has_text=re.compile(r"^4$")).click()
    assert rating.get_by_label("4", exact=True).is_checked()
    page.locator("label", has_text=re.compile(r"^Sim$")).click()
    screenshot(page, "survey-form")
    page.get_by_role("button", name="Enviar resposta").click()
    page.get_by_role("heading", name="Obrigado pela resposta!").wait_for()
    assert page.get_by_text("Nota registrada: 4 de 5.").is_visible()
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.rating, survey.solved) == (4, True)


def test_the_score_from_the_email_arrives_chosen_and_can_be_changed_on_a_phone(
    browser, live_server, survey_link
):
    ticket, path = survey_link
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR")
    page = context.new_page()
    page.goto(f"{live_server.url}{path}?nota=2")
    assert page.get_by_text("Você escolheu a nota 2.").is_visible()
    assert page.get_by_label("2", exact=True).is_checked()
    assert Survey.objects.get(ticket=ticket).answered_at is None  # opening the link records nothing
    box = page.locator("label[for$='rating_4']").bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # a finger-sized target on a phone
    screenshot(page, "survey-from-email-390")
    page.locator("label", has_text=re.compile(r"^5$")).click()
    page.get_by_label("Comentário (opcional)").fill("Resolveram no mesmo dia.")
    page.get_by_role("button", name="Confirmar a nota").click()
    page.get_by_text("Nota registrada: 5 de 5.").wait_for()
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.rating, survey.solved, survey.comment) == (5, None, "Resolveram no mesmo dia.")
    context.close()
