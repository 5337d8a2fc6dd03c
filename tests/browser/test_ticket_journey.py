"""Browser journey (TKT-2, TKT-6, TKT-7, TKT-10, SLA-1): a contact opens a ticket with an
attachment, an analyst asks for data in the back-office, the contact answers, the analyst
proposes a solution."""

import re

import pytest

from tests.helpers import PNG, analyst_moves, browser_login, screenshot
from tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contact_opens_analyst_asks_contact_answers_analyst_proposes(page, world, catalogue):
    browser_login(page, world.contact.user.email)
    page.goto(page.base_url + "/chamados/novo/")
    page.locator("#id_product").select_option(label=catalogue.product.name)
    page.locator("#id_routine").select_option(label=catalogue.routine.name)
    page.locator("#id_version").select_option(label=catalogue.version.name)
    page.locator("#id_environment").select_option(value="production")
    page.locator("#id_summary").fill("Nota fiscal rejeitada na transmissão")
    page.locator("#id_description").fill("Ao transmitir a NF-e 123 o SEFAZ devolve a rejeição 539.")
    page.locator("#id_error_message").fill(
        "Rejeição 539: Duplicidade de NF-e com diferença na chave de acesso"
    )
    for question in ("function_usable", "has_workaround", "data_corruption", "cosmetic"):
        page.locator(f"input[name={question}][value=nao]").check()
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "rejeicao.png", "mimeType": "image/png", "buffer": PNG}]
    )
    screenshot(page, "tickets-new-filled")
    page.locator("main").get_by_role("button", name="Abrir chamado").last.click()
    page.wait_for_url(re.compile(r"/chamados/\d{8}/$"))
    ticket = Ticket.objects.get()
    assert ticket.severity == "critical" and ticket.attachments.get().original_name == "rejeicao.png"
    assert page.get_by_text(f"Chamado {ticket.number}").first.is_visible()
    assert page.get_by_text("rejeicao.png").first.is_visible()
    screenshot(page, "tickets-detail-opened")

    browser_login(page, world.analyst.email)
    analyst_moves(page, ticket, "Pendência do cliente", "Envie o XML da nota rejeitada, por favor.")
    ticket.refresh_from_db()
    assert ticket.status == "pending_client"
    screenshot(page, "tickets-admin-work-page")

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    assert page.get_by_text("Envie o XML da nota rejeitada, por favor.").first.is_visible()
    page.locator("#id_body").fill("Segue o XML da nota.")
    page.locator("#responder").get_by_role("button", name=re.compile("Enviar")).click()
    page.wait_for_load_state()
    ticket.refresh_from_db()
    assert ticket.status == "in_analysis"
    screenshot(page, "tickets-detail-answered")

    browser_login(page, world.analyst.email)
    analyst_moves(page, ticket, "Validação do cliente", "Atualize o pacote 12.1.2410 e transmita de novo.")
    ticket.refresh_from_db()
    assert ticket.status == "awaiting_validation" and ticket.acceptance_deadline is not None

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    assert page.get_by_role("heading", name="Valide a solução proposta").is_visible()
    assert page.get_by_text("Atualize o pacote 12.1.2410 e transmita de novo.").first.is_visible()
    screenshot(page, "tickets-detail-validation")
