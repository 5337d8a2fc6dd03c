"""Browser journey of the phone channel (CHN-2, ACC-3, ACC-4, ACC-6): an analyst takes a call,
finds the caller by CPF, sees that the company has a financial pendency, opens an administrative
ticket in the caller's name and lands on its work page."""

import re

import pytest

from accounts.models import Company
from tests.helpers import browser_login, screenshot
from tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_finds_the_caller_by_cpf_and_opens_a_ticket_in_their_name(page, world, catalogue):
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    contact = world.contact
    cpf = contact.cpf_display

    browser_login(page, world.analyst.email)
    page.goto(page.base_url + "/admin/")
    page.get_by_role("link", name="Atendimento por telefone").first.click()
    page.get_by_label("CPF ou e-mail de quem está ligando").fill(cpf)
    page.get_by_role("button", name="Procurar").click()
    page.wait_for_load_state()

    card = page.locator("section.tk-caller")
    assert card.get_by_role("heading", name=contact.user.full_name).is_visible()
    assert card.get_by_text(world.company.trade_name).first.is_visible()
    assert card.get_by_text("Empresa com pendência financeira:").is_visible()
    assert card.get_by_text("só é possível abrir chamados administrativos ou financeiros").is_visible()
    screenshot(page, "phone-desk-caller")

    card.get_by_role("link", name=re.compile("Abrir chamado em nome de")).click()
    page.wait_for_load_state()
    assert page.get_by_label("Técnico").count() == 0  # only the CST's kinds under a pendency
    page.get_by_label("Financeiro").check()
    # Required fields' labels end in an asterisk hidden from screen readers: found by their names.
    form = page.locator("form.tk-phone-form")
    form.get_by_role("combobox", name="Produto", exact=True).select_option(label=catalogue.product.name)
    form.get_by_role("combobox", name="Rotina (módulo ou programa)").select_option(
        label=str(catalogue.routine)
    )
    form.get_by_role("combobox", name="Versão / release").select_option(label=str(catalogue.version))
    form.get_by_role("combobox", name="Ambiente", exact=True).select_option(label="Produção")
    form.get_by_role("textbox", name="Resumo").fill("Boleto de novembro emitido em duplicidade")
    form.get_by_role("textbox", name="Descrição detalhada").fill(
        "O cliente recebeu dois boletos com o mesmo vencimento."
    )
    for question in (
        "A função (rotina) pode ser usada?",
        "Existe uma solução de contorno?",
        "Há dados sendo gravados errados ou corrompidos?",
        "O problema é só visual?",
    ):
        answer = "Sim" if question.startswith("A função") else "Não"
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    screenshot(page, "phone-open-filled")
    page.get_by_role("button", name="Abrir chamado").click()
    page.wait_for_url(re.compile(r"/admin/tickets/ticket/\d+/change/$"))

    ticket = Ticket.objects.get()
    assert (ticket.requester, ticket.registered_by, ticket.channel, ticket.kind) == (
        contact.user,
        world.analyst,
        "phone",
        "financial",
    )
    assert page.get_by_text(f"Chamado {ticket.number} aberto por telefone em nome de").is_visible()
    assert page.get_by_role("heading", name=re.compile(ticket.number)).is_visible()
    assert page.get_by_text(f"registrado por {world.analyst.full_name}").first.is_visible()
    screenshot(page, "phone-work-page")
