"""Browser journey of billable consultancy, every step clicked by the person who takes it (CON-2,
CON-3, CON-5, CON-6, CON-8, ACC-5): the analyst asks on the ticket's work page -> the leader
approves from the approval queue -> a contact without the permission cannot accept -> the
administrator, who has it, accepts -> the analyst schedules a session and records an entry on the
work page -> the leader corrects it on the entry's page -> the client's ticket page and statement,
and its PDF with the amounts (read back with pypdf, and kept as a picture to look at)."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from consultoria.models import Consultancy, TimeEntryCorrection
from tests.helpers import ARTIFACTS, at, browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def work_page(page, ticket):
    page.goto(f"{page.base_url}/admin/tickets/ticket/{ticket.pk}/change/")


def test_asked_approved_accepted_by_who_may_recorded_corrected_and_the_pdf_statement(
    page, world, open_ticket
):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 9, 10))

    # The analyst asks for a module consultancy on the work page; nothing reaches the client yet.
    browser_login(page, world.analyst.email)
    work_page(page, ticket)
    ask = page.locator("#pedir-consultoria")
    ask.get_by_label("Modalidade").select_option(label="Consultoria do módulo")
    ask.get_by_label("Situação recomendada").select_option(
        label="Não reproduzido em ambiente padrão atualizado"
    )
    ask.get_by_label("Justificativa").fill("Não reproduz no ambiente padrão.")
    ask.get_by_role("button", name="Pedir consultoria").click()
    page.get_by_text("Aguardando a decisão de um líder. Nada foi enviado ao cliente.").wait_for()
    consultancy = Consultancy.objects.get(ticket=ticket)
    assert consultancy.status == Consultancy.Status.REQUESTED

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    assert page.locator(".consultancy-card").count() == 0  # before a leader approves, nothing

    # The leader approves it from the queue of consultancies waiting for a decision.
    browser_login(page, world.leader.email)
    page.goto(f"{page.base_url}/admin/consultoria/consultancy/")
    page.get_by_role("heading", name="Consultorias aguardando aprovação do líder").wait_for()
    page.get_by_role("link", name="ver consultoria").click()
    page.get_by_role("button", name="Aprovar e enviar o termo").click()
    page.get_by_text("o termo foi enviado a quem pode aceitá-lo").wait_for()
    screenshot(page, "consultancy-queue-approved")

    # The contact who opened the ticket may read the term, not accept it.
    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    page.get_by_text("Termo aguardando resposta").wait_for()
    assert page.get_by_role("link", name="Ler e responder ao termo").count() == 0
    page.get_by_role("link", name="Ler o termo").click()
    page.get_by_text("Quem pode responder:").wait_for()
    assert page.get_by_role("button", name="Aceitar o termo").count() == 0
    screenshot(page, "consultancy-term-without-permission")

    # The administrator, who holds the permission, accepts it.
    browser_login(page, world.admin.user.email)
    page.goto(f"{page.base_url}/consultoria/")
    page.get_by_role("link", name="Ver o termo").click()
    page.get_by_role("button", name="Aceitar o termo").click()
    page.get_by_text("Termo aceito. A consultoria foi liberada").wait_for()
    page.get_by_text("do endereço 127.0.0.1").wait_for()
    consultancy.refresh_from_db()
    assert consultancy.status == Consultancy.Status.ACCEPTED
    assert consultancy.term.accepted_by == world.admin.user

    # The analyst schedules the session agreed with the client and records 9 minutes in it.
    browser_login(page, world.analyst.email)
    work_page(page, ticket)
    schedule = page.locator("#agendar-sessao")
    schedule.get_by_label("Data e hora combinadas com o cliente").fill("2026-11-10T09:00")
    schedule.get_by_role("button", name="Agendar").click()
    record = page.locator("#apontar-horas")
    record.get_by_label("Início").fill("2026-11-10T09:00")
    record.get_by_label("Fim").fill("2026-11-10T09:09")
    record.get_by_label("O que foi feito").fill("Conferência dos parâmetros do faturamento.")
    record.get_by_role("button", name="Registrar apontamento").click()
    page.locator("#consultoria").get_by_role("link", name="10/11/2026 09:00–09:09").wait_for()

    # The leader corrects the entry on its page, with a reason.
    browser_login(page, world.leader.email)
    work_page(page, ticket)
    page.locator("#consultoria").get_by_role("link", name="10/11/2026 09:00–09:09").click()
    fix = page.locator("#corrigir")
    fix.get_by_label("Fim").fill("2026-11-10T09:07")
    fix.get_by_label("Motivo da correção").fill("Pausa não descontada.")
    fix.get_by_role("button", name="Corrigir").click()
    page.locator("#correcoes").get_by_text("Pausa não descontada.").wait_for()
    screenshot(page, "consultancy-entry-corrected")
    correction = TimeEntryCorrection.objects.get()
    assert (correction.old_minutes, correction.new_minutes, correction.corrected_by) == (9, 7, world.leader)

    # The client sees the corrected minutes, the module minimum and the money; then the statement.
    browser_login(page, world.admin.user.email)
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
    for amount in ("R$ 3,50", "R$ 35,00", "R$ 4,99", "R$ 39,99", ticket.number):
        assert amount in text, amount
    keep_pdf_as_picture(content, "consultancy-statement-pdf")


def keep_pdf_as_picture(content: bytes, name: str) -> None:
    """The PDF's first page as a PNG in test-artifacts/, for people to look at (poppler's pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("poppler-utils is missing: `make test` installs it (apt-get install poppler-utils)")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(ARTIFACTS / name)], check=True
    )
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def _asked(world, ticket, code="module"):
    """A consultancy the analyst asked for on `ticket` (Mon 2026-11-09 11:00), not yet approved."""
    from consultoria import services
    from consultoria.models import Modality

    return services.consultancy_request(
        actor=world.analyst,
        ticket=ticket,
        modality=Modality.objects.get(code=code),
        situation=Consultancy.Situation.NOT_REPRODUCED,
        note="Não reproduz no ambiente padrão.",
        now=at(2026, 11, 9, 11),
    )


def test_on_a_phone_the_consultancy_page_fits_the_screen(page, world, open_ticket):
    """At 390 px the request's facts stack in one column inside their card (a 26rem minimum once
    made the page scroll sideways)."""
    consultancy = _asked(world, open_ticket(world.contact.user, now=at(2026, 11, 9, 10)))
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, world.leader.email)
    page.goto(f"{page.base_url}/admin/consultoria/consultancy/{consultancy.pk}/change/")
    page.get_by_role("heading", name="O pedido").wait_for()
    screenshot(page, "consultancy-page-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("button", name="Aprovar e enviar o termo").is_visible()


def test_a_long_unbroken_word_in_an_entry_wraps_inside_the_consultancy_panel(page, world, open_ticket):
    """A pasted address in what was done made the work page 231,508 px wide (the panel's table and
    the timeline's reason): it wraps now, there and on the client's ticket page."""
    from datetime import timedelta

    from accounts import access
    from consultoria import services

    ticket = open_ticket(world.contact.user, now=at(2026, 11, 9, 10))
    consultancy = _asked(world, ticket, "technical")
    services.consultancy_approve(actor=world.leader, consultancy=consultancy, now=at(2026, 11, 9, 12))
    [acceptor, *_others] = access.consultancy_term_acceptors(Consultancy.objects.get(pk=consultancy.pk))
    services.term_accept(
        actor=acceptor, consultancy=Consultancy.objects.get(pk=consultancy.pk), now=at(2026, 11, 9, 13)
    )
    consultancy = Consultancy.objects.get(pk=consultancy.pk)
    session = services.session_schedule(
        actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 9)
    )
    services.entry_record(
        actor=world.analyst,
        session=session,
        started_at=at(2026, 11, 10, 9),
        ended_at=at(2026, 11, 10, 9) + timedelta(minutes=20),
        description="Log em https://exemplo.example/" + "a" * 3000,
    )
    browser_login(page, world.analyst.email)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        work_page(page, ticket)
        page.get_by_text("Log em https://exemplo.example/").first.wait_for()
        screenshot(page, f"consultancy-long-entry-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Only the typed text wraps anywhere: the analyst's name keeps its width (not a letter a line).
        name = page.locator(".cs-table td").first
        assert name.bounding_box()["width"] > 50, name.inner_text()
    browser_login(page, world.contact.user.email)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}/chamados/{ticket.number}/")
        page.get_by_text("Log em https://exemplo.example/").first.wait_for()
        screenshot(page, f"consultancy-long-entry-client-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
