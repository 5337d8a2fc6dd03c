"""Browser checks of the opening form (issue 12 items 2 and 4): choosing "Financeiro" swaps the
technical questions for the subject; a file chosen before the duplicate warning is still attached
after it, and the similar ticket is listed once."""

import re

import pytest

from tests.helpers import PNG, browser_login, screenshot
from tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_financial_kind_asks_the_subject_instead_of_the_technical_questions(page, world, catalogue):
    browser_login(page, world.contact.user.email)
    page.goto(page.base_url + "/chamados/novo/")
    assert page.get_by_label("Produto").is_visible()
    assert page.get_by_text("Há dados sendo gravados errados ou corrompidos?").is_visible()
    assert not page.get_by_role("combobox", name=re.compile("^Assunto")).is_visible()

    page.get_by_label("Financeiro").check()
    assert page.get_by_role("combobox", name=re.compile("^Assunto")).is_visible()
    assert not page.get_by_label("Produto").is_visible()
    assert not page.get_by_text("Há dados sendo gravados errados ou corrompidos?").is_visible()
    assert not page.get_by_text("Consultoria por telefone").is_visible()
    page.get_by_role("combobox", name=re.compile("^Assunto")).select_option(
        label="Boleto: segunda via ou vencimento"
    )
    page.get_by_label("Resumo").fill("Segunda via do boleto de novembro")
    page.get_by_label("Descrição detalhada").fill("Preciso da segunda via do boleto que vence dia 10.")
    screenshot(page, "tickets-new-financial")
    page.locator("main").get_by_role("button", name="Abrir chamado").last.click()
    page.wait_for_url(re.compile(r"/chamados/\d{8}/$"))
    ticket = Ticket.objects.select_related("team", "routine").get()
    assert ticket.kind == "financial" and ticket.team.slug == "cst"
    assert page.get_by_text("Boleto: segunda via ou vencimento").first.is_visible()


def test_pendency_company_sees_only_the_subject_and_no_consultancy(page, world, catalogue):
    world.company.financial_status = "pendency"
    world.company.save()
    browser_login(page, world.contact.user.email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/chamados/novo/")
    assert page.get_by_role("combobox", name=re.compile("^Assunto")).is_visible()
    assert page.locator("#id_product").count() == 0
    assert page.locator("main").get_by_text("Consultoria por telefone").count() == 0
    assert page.locator("input[name=modality][value=consultancy]").count() == 0
    screenshot(page, "tickets-new-pendency-390")


def test_duplicate_warning_keeps_the_chosen_file_and_lists_the_similar_ticket_once(
    page, world, catalogue, open_ticket
):
    existing = open_ticket(world.contact.user, summary="Relatório de estoque lento demais")
    browser_login(page, world.contact.user.email)
    page.goto(page.base_url + "/chamados/novo/")
    page.locator("#id_product").select_option(label=catalogue.product.name)
    page.locator("#id_routine").select_option(label=catalogue.routine.name)
    page.locator("#id_version").select_option(label=catalogue.version.name)
    page.locator("#id_environment").select_option(value="production")
    page.get_by_label("Resumo").fill("Relatório de estoque lento")
    page.get_by_label("Descrição detalhada").fill("O relatório de estoque leva 10 minutos.")
    for question in ("function_usable", "has_workaround", "data_corruption", "cosmetic"):
        page.locator(f"input[name={question}][value=nao]").check()
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "lentidao.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.locator("main").get_by_role("button", name="Abrir chamado").last.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Antes de abrir: confira os chamados parecidos").is_visible()
    assert page.get_by_text("1 arquivo já recebido, será anexado ao chamado").is_visible()
    assert page.get_by_text("lentidao.png").is_visible()
    page.wait_for_timeout(800)  # what an htmx refresh of the live list would have needed
    assert page.get_by_role("link", name=existing.number).count() == 1
    screenshot(page, "tickets-new-duplicate-warning")

    page.get_by_label("Não é o mesmo problema, abrir mesmo assim").check()
    page.locator("#duplicate-title").locator("..").get_by_role("button", name="Abrir chamado").click()
    page.wait_for_url(re.compile(r"/chamados/\d{8}/$"))
    ticket = Ticket.objects.exclude(pk=existing.pk).get()
    assert ticket.attachments.get().original_name == "lentidao.png"
    assert page.get_by_text("lentidao.png").first.is_visible()
