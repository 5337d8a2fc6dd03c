"""Browser journey (ACP-1..4, SRV-1..2, TKT-9): proposal -> rejection -> new proposal ->
acceptance -> survey; and the automatic closing after the window with run_periodic_jobs --now."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from surveys.models import Survey
from tests.helpers import analyst_moves, browser_login, screenshot
from tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_proposal_rejection_new_proposal_acceptance_and_survey(page, world, open_ticket):
    ticket = open_ticket(world.contact.user)
    browser_login(page, world.analyst.email)
    analyst_moves(page, ticket, "Validação do cliente", "Ajustamos o parâmetro MV_NFEDUP.")

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    page.get_by_text("A solução não resolveu: recusar").click()
    page.locator("#validar textarea").fill("A rejeição continua na nota 124.")
    page.get_by_role("button", name="Recusar a solução").click()
    page.get_by_text("Solução recusada: o chamado voltou para análise.").wait_for()
    ticket.refresh_from_db()
    assert ticket.status == "in_analysis"

    browser_login(page, world.analyst.email)
    analyst_moves(page, ticket, "Validação do cliente", "Corrigimos também a série 2; reenvie a 124.")

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    screenshot(page, "acceptance-second-proposal")
    page.get_by_role("button", name="Aceitar e encerrar o chamado").click()
    page.get_by_text("Solução aceita e chamado encerrado").wait_for()
    ticket.refresh_from_db()
    assert ticket.status == "closed"
    screenshot(page, "acceptance-closed")

    survey_mail = next(m for m in mail.outbox if "Como foi o atendimento" in m.subject)
    path = re.search(r"/pesquisa/\S+/", survey_mail.body).group(0)
    page.context.clear_cookies()  # the link works without logging in (SRV-2)
    page.goto(page.base_url + path)
    page.locator("label[for=id_rating_4]").click()  # the score "5"
    page.locator("label[for=id_solved_0]").click()  # "Sim"
    page.locator("#id_comment").fill("Atendimento rápido.")
    screenshot(page, "survey-form")
    page.get_by_role("button", name="Enviar resposta").click()
    page.get_by_role("heading", name="Obrigado pela resposta!").wait_for()
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.rating, survey.solved, survey.comment) == (5, True, "Atendimento rápido.")
    ticket.refresh_from_db()
    assert ticket.status == "closed"  # SRV-2: answering changes nothing


def test_window_ends_and_the_ticket_closes_by_itself(page, world, open_ticket, settings):
    ticket = open_ticket(world.contact.user)
    browser_login(page, world.analyst.email)
    analyst_moves(page, ticket, "Validação do cliente", "Aplicamos a correção no ambiente.")
    ticket.refresh_from_db()

    settings.PORTAL_ALLOW_TIME_TRAVEL = True
    after = ticket.acceptance_deadline + timedelta(minutes=1)
    call_command("run_periodic_jobs", "--now", after.isoformat())
    ticket.refresh_from_db()
    assert ticket.status == "closed"

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    assert page.get_by_role("heading", name="Chamado encerrado").is_visible()
    screenshot(page, "acceptance-auto-closed")
    page.get_by_text("O problema voltou ou continua? Abrir um acompanhamento").click()
    page.locator("#responder #id_body").fill("O erro voltou depois da atualização.")
    page.get_by_role("button", name="Abrir acompanhamento").click()
    page.wait_for_url(re.compile(r"/chamados/\d{8}/$"))
    follow_up = Ticket.objects.get(follow_up_of=ticket)
    assert page.url.endswith(f"/chamados/{follow_up.number}/")
    assert page.get_by_text(ticket.number).first.is_visible()
