"""Browser journey of a deflection (SELF-2): a client types a new ticket's summary, the portal
suggests a knowledge-base article, the client opens it (a new tab), comes back, clicks "Resolveu,
não preciso abrir chamado" and the ticket not opened is counted (the Deflection row, what the person
sees), with no ticket created."""

import pytest

from knowledge import services
from knowledge.models import Article, Deflection
from tests.helpers import browser_login, screenshot
from tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_client_reads_a_suggestion_and_does_not_open_the_ticket(page, world, catalogue):
    article = services.article_save(
        actor=world.analyst,
        article=Article(
            title="Erro ao emitir NF-e: rejeição 539",
            summary="A SEFAZ informa duplicidade de número e série.",
            body="## Passo a passo\n\n1. Consulte a nota no monitor.\n2. Recupere a autorização.",
            product=catalogue.product,
            status=Article.Status.PUBLISHED,
        ),
    )
    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/novo/")
    page.get_by_label("Resumo").press_sequentially("erro ao emitir nota", delay=40)
    suggestions = page.locator("#kb-suggestions")
    suggestions.get_by_role("link", name="Erro ao emitir NF-e: rejeição 539").wait_for()
    assert suggestions.locator("mark").count() >= 1  # the words found are highlighted
    screenshot(page, "deflection-suggestions")

    with page.context.expect_page() as opened:
        suggestions.get_by_role("link", name="Erro ao emitir NF-e: rejeição 539").click()
    article_page = opened.value
    article_page.wait_for_load_state()
    article_page.get_by_role("heading", name="Erro ao emitir NF-e: rejeição 539").wait_for()
    assert "Recupere a autorização." in article_page.content()
    article_page.close()

    suggestions.get_by_role("button", name="Resolveu, não preciso abrir chamado").first.click()
    page.get_by_text("Que bom! Nenhum chamado foi aberto.").wait_for()
    assert page.get_by_role("link", name="Voltar para os chamados").is_visible()
    screenshot(page, "deflection-done")

    deflection = Deflection.objects.get()
    assert (deflection.user, deflection.company, deflection.article) == (
        world.contact.user,
        world.company,
        article,
    )
    assert deflection.query == "erro ao emitir nota"
    assert not Ticket.objects.exists()
    article.refresh_from_db()
    assert article.view_count == 1  # the client's reading counted
