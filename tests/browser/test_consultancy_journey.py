"""Browser journey of billable consultancy on the client's side (CON-3, CON-6, CON-8, ACC-5): the
leader's approval (back-office, through the services here) -> a contact without the permission
cannot accept -> the administrator, who has it, accepts -> the analyst's entries and the leader's
correction on the ticket page -> the statement's PDF with the amounts (read back with pypdf)."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from consultoria import services
from consultoria.models import Consultancy, Modality
from tests.helpers import at, browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_term_accepted_by_who_may_entries_corrected_and_the_pdf_statement(page, world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 9, 10))
    consultancy = services.consultancy_request(
        actor=world.analyst,
        ticket=ticket,
        modality=Modality.objects.get(code=Modality.Code.MODULE),
        situation=Consultancy.Situation.NOT_REPRODUCED,
        now=at(2026, 11, 9, 11),
    )
    services.consultancy_approve(actor=world.leader, consultancy=consultancy, now=at(2026, 11, 9, 12))

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    page.get_by_text("Termo aguardando resposta").wait_for()
    assert page.get_by_role("link", name="Ler e responder ao termo").count() == 0
    page.get_by_role("link", name="Ler o termo").click()
    page.get_by_text("Quem pode responder:").wait_for()
    assert page.get_by_role("button", name="Aceitar o termo").count() == 0
    screenshot(page, "consultancy-term-without-permission")

    browser_login(page, world.admin.user.email)
    page.goto(f"{page.base_url}/consultoria/")
    page.get_by_role("link", name="Ver o termo").click()
    page.get_by_role("button", name="Aceitar o termo").click()
    page.get_by_text("Termo aceito. A consultoria foi liberada").wait_for()
    page.get_by_text("do endereço 127.0.0.1").wait_for()
    consultancy.refresh_from_db()
    assert (
        consultancy.status == Consultancy.Status.ACCEPTED and consultancy.term.accepted_by == world.admin.user
    )

    session = services.session_schedule(
        actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 9)
    )
    entry = services.entry_record(
        actor=world.analyst,
        session=session,
        started_at=at(2026, 11, 10, 9),
        ended_at=at(2026, 11, 10, 9, 9),
        description="Conferência dos parâmetros do faturamento.",
    )
    services.entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=entry.started_at,
        ended_at=entry.started_at + timedelta(minutes=7),
        description=entry.description,
        reason="Pausa não descontada.",
        now=at(2026, 11, 11, 9),
    )
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    page.get_by_text("7 min apontados · 10 min faturáveis · 0 min abonados").wait_for()
    page.locator(".consultancy-entries").get_by_text("corrigido por").wait_for()
    assert "R$ 35,00 + R$ 4,99 de impostos" in page.locator(".consultancy-card").inner_text()
    screenshot(page, "consultancy-ticket-card")

    page.goto(f"{page.base_url}/consultoria/extrato/?mes=2026-11")
    page.get_by_text("R$ 39,99").first.wait_for()
    screenshot(page, "consultancy-statement")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    content = download.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    for amount in ("R$ 3,50", "R$ 35,00", "R$ 4,99", "R$ 39,99"):
        assert amount in text, amount
