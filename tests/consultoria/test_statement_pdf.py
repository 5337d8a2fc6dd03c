"""A long month's statement PDF (CON-8): prepared by the worker instead of inside the request,
downloaded by who asked for it only; the screen shows a page of sessions with the month's totals."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consultoria.models import StatementPdf
from consultoria.services import statements as pdf_services
from consultoria.web import statement as statement_views
from tests.helpers import flash

pytestmark = pytest.mark.django_db
NOVEMBER = {"mes": "2026-11"}


@pytest.fixture
def three_sessions(accepted, session_of):
    consultancy = accepted("technical")
    for day in (10, 11, 12):
        session_of(consultancy, 10, day=day)
    return consultancy


@pytest.fixture
def long_month(monkeypatch):
    """A month counts as long from 2 sessions on; the queued renders are collected, not sent."""
    monkeypatch.setattr(statement_views, "INLINE_PDF_SESSIONS", 2)
    queued: list[int] = []
    monkeypatch.setattr(pdf_services, "_dispatch", queued.append)
    return queued


def test_con8_a_long_months_pdf_is_prepared_in_the_background_and_downloaded_by_who_asked(
    world, three_sessions, long_month, client_for, django_capture_on_commit_callbacks
):
    admin = client_for(world.admin.user)
    page = admin.get(reverse("consultancy-statement"), NOVEMBER).content.decode()
    assert "Preparar o PDF" in page and "formato=pdf" not in page
    assert "o PDF é preparado em segundo plano" in page

    # The PDF link of the printable page (or an old bookmark) leads back here, with the reason.
    response = admin.get(reverse("consultancy-statement"), {**NOVEMBER, "formato": "pdf"})
    assert response.status_code == 302 and response["Location"].endswith("#pdf")
    assert "Este extrato tem 3 sessões" in flash(response)[0]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("consultancy-statement-pdf"), NOVEMBER)
    assert response.status_code == 302 and "Preparando o PDF de 3 sessões" in flash(response)[-1]
    export = StatementPdf.objects.get()
    assert long_month == [export.pk]
    assert (export.requested_by, export.company, export.unit, export.status) == (
        world.admin.user,
        world.company,
        None,
        StatementPdf.Status.PREPARING,
    )
    page = admin.get(reverse("consultancy-statement"), NOVEMBER).content.decode()
    assert "Em preparação" in page
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("consultancy-statement-pdf"), NOVEMBER)  # asked again while preparing
    assert StatementPdf.objects.count() == 1

    pdf_services.statement_pdf_render(export.pk)  # what the worker does
    export.refresh_from_db()
    assert export.status == StatementPdf.Status.READY and export.sessions == 3
    page = admin.get(reverse("consultancy-statement"), NOVEMBER).content.decode()
    url = reverse("consultancy-statement-pdf-download", args=[export.pk])
    assert url in page and "Baixar o PDF" in page
    response = admin.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="extrato-consultoria-2026-11-metalurgica-alfa.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Total: 3 sessões" in text and "R$ 143,97" in text  # 3 × (42,00 + 5,99)

    # Only who asked downloads it: a colleague, the partner, staff and another company get 404.
    for user in (world.contact.user, world.partner, world.leader, world.other_admin.user):
        assert client_for(user).get(url).status_code == 404


def test_con8_the_pdf_is_made_with_what_the_requester_may_read_when_it_is_rendered(
    world, three_sessions, long_month, client_for
):
    client_for(world.admin.user).post(reverse("consultancy-statement-pdf"), NOVEMBER)
    export = StatementPdf.objects.get()
    world.admin.user.is_active = False  # left the company before the worker ran
    world.admin.user.save(update_fields=["is_active"])
    pdf_services.statement_pdf_render(export.pk)
    export.refresh_from_db()
    assert export.status == StatementPdf.Status.READY and export.sessions == 0  # nothing readable


def test_con8_a_failed_render_is_recorded_and_a_new_request_prepares_it_again(
    world, three_sessions, long_month, client_for, monkeypatch
):
    admin = client_for(world.admin.user)
    admin.post(reverse("consultancy-statement-pdf"), NOVEMBER)

    def broken(*_args, **_kwargs):
        raise RuntimeError("sem fontes")

    monkeypatch.setattr(pdf_services, "statement_pdf_bytes", broken)
    failed = pdf_services.statement_pdf_render(StatementPdf.objects.get().pk)
    assert failed.status == StatementPdf.Status.FAILED and not failed.file
    assert "Não foi possível gerar" in admin.get(reverse("consultancy-statement"), NOVEMBER).content.decode()
    admin.post(reverse("consultancy-statement-pdf"), NOVEMBER)
    assert StatementPdf.objects.filter(status=StatementPdf.Status.PREPARING).count() == 1


def test_con8_pdfs_older_than_a_week_are_removed_with_their_files(
    world, three_sessions, long_month, client_for
):
    admin = client_for(world.admin.user)
    admin.post(reverse("consultancy-statement-pdf"), NOVEMBER)
    old = StatementPdf.objects.get()
    pdf_services.statement_pdf_render(old.pk)
    old.refresh_from_db()
    path = old.file.path
    StatementPdf.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=8))
    admin.post(reverse("consultancy-statement-pdf"), NOVEMBER)
    assert list(StatementPdf.objects.values_list("status", flat=True)) == [StatementPdf.Status.PREPARING]
    assert not __import__("os").path.exists(path)


def test_con8_asking_for_a_pdf_takes_the_same_scope_as_the_page(
    world, three_sessions, long_month, client_for
):
    partner = client_for(world.partner)
    partner.post(reverse("consultancy-statement-pdf"), NOVEMBER)
    export = StatementPdf.objects.get()
    assert (export.company, export.unit) == (None, world.partner.partner_consultant.unit)  # their unit only
    leader = client_for(world.leader)
    response = leader.post(reverse("consultancy-statement-pdf"), NOVEMBER)  # staff must choose
    assert (
        response.status_code == 400
        and "Escolha uma empresa ou uma unidade parceira" in response.content.decode()
    )
    response = leader.post(
        reverse("consultancy-statement-pdf"), {**NOVEMBER, "de": f"empresa-{world.company.pk}"}
    )
    assert response.status_code == 302
    assert StatementPdf.objects.filter(requested_by=world.leader, company=world.company).count() == 1
    assert client_for(world.admin.user).get(reverse("consultancy-statement-pdf")).status_code == 405


def test_con8_the_screen_shows_a_page_of_sessions_and_the_months_totals(
    world, three_sessions, client_for, monkeypatch
):
    monkeypatch.setattr(statement_views, "SCREEN_LINES", 2)
    admin = client_for(world.admin.user)
    first = admin.get(reverse("consultancy-statement"), NOVEMBER)
    html = first.content.decode()
    assert len(first.context["page"].object_list) == 2 and "Total: 3 sessões" in html and "R$ 143,97" in html
    assert "Sessões 1 a 2 de 3" in html and "page=2" in html
    second = admin.get(reverse("consultancy-statement"), {**NOVEMBER, "page": 2})
    assert len(second.context["page"].object_list) == 1 and "Sessões 3 a 3 de 3" in second.content.decode()
    assert 'value="2026-11"' in html  # the month in its field
    assert "mes=2026-10" in html and "mes=2026-12" in html  # the months around it
