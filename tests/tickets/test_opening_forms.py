"""Opening a ticket (issue 12 items 2, 3, 4): the CST's kinds ask for a subject (TKT-3, ACC-6), the
severity preview states the answer that decided it (SEV-1), the chosen files survive the duplicate
warning and the warning lists the similar tickets once (TKT-1, TKT-10)."""

import itertools
import re

import pytest
from django.urls import reverse

from core.errors import DomainError
from sla.models import Severity
from tests.factories import UserFactory
from tests.helpers import PNG, answers, png
from tickets import services
from tickets.models import Ticket
from tickets.web.forms import NO, YES
from tickets.web.views.opening import REASON_IN_WORDS

from .test_views import form_data, text

pytestmark = pytest.mark.django_db


# --- SEV-1: one decision, stated by the answer that decided it ------------------------------------------

EXPECTED = {
    # (unusable, workaround, corruption, cosmetic) -> (severity, reason)
    "corruption": (Severity.CRITICAL, services.SeverityReason.DATA_CORRUPTION),
    "unusable_alone": (Severity.CRITICAL, services.SeverityReason.UNUSABLE_NO_WORKAROUND),
    "unusable_workaround": (Severity.HIGH, services.SeverityReason.UNUSABLE_WITH_WORKAROUND),
    "cosmetic": (Severity.LOW, services.SeverityReason.COSMETIC),
    "usable": (Severity.MEDIUM, services.SeverityReason.USABLE),
}


def _expected(unusable, workaround, corruption, cosmetic):
    if corruption:
        return EXPECTED["corruption"]
    if unusable and not workaround:
        return EXPECTED["unusable_alone"]
    if unusable:
        return EXPECTED["unusable_workaround"]
    return EXPECTED["cosmetic"] if cosmetic else EXPECTED["usable"]


@pytest.mark.parametrize("combination", list(itertools.product([False, True], repeat=4)))
def test_sev1_every_combination_previews_the_severity_and_reason_the_ticket_gets(
    combination, world, client_for, catalogue, open_ticket
):
    unusable, workaround, corruption, cosmetic = combination
    severity, reason = _expected(*combination)
    given = answers(
        function_unusable=unusable, has_workaround=workaround, data_corruption=corruption, cosmetic=cosmetic
    )
    decision = services.severity_decide(given)
    assert (decision.severity, decision.reason) == (severity, reason)
    query = {
        "function_usable": NO if unusable else YES,
        "has_workaround": YES if workaround else NO,
        "data_corruption": YES if corruption else NO,
        "cosmetic": YES if cosmetic else NO,
    }
    preview = client_for(world.contact.user).get(reverse("ticket-severity-preview"), query)
    assert preview.context["severity_preview"]["severity"] == severity
    assert str(REASON_IN_WORDS[reason]) in text(preview)
    assert open_ticket(world.contact.user, answers=given).severity == severity


def test_sev1_usable_function_with_corrupted_data_is_critical_because_of_the_corruption(world, client_for):
    query = {"function_usable": YES, "has_workaround": NO, "data_corruption": YES, "cosmetic": NO}
    page = text(client_for(world.contact.user).get(reverse("ticket-severity-preview"), query))
    assert "Crítica" in page
    assert "há dados sendo gravados errados ou corrompidos" in page
    assert "mesmo que a função possa ser usada" in page
    assert "não pode ser usada" not in page  # the old text contradicted the answer "Sim"


# --- TKT-3, ACC-6: the CST's kinds ask for a subject --------------------------------------------------------


def cst_data(**overrides):
    data = {
        "kind": "financial",
        "subject": "boleto",
        "summary": "Segunda via do boleto de novembro",
        "description": "Preciso da segunda via do boleto que vence dia 10.",
        "environment_details": "",
        "error_message": "",
        "particularities": "",
    }
    data.update(overrides)
    return data


def test_acc6_pendency_form_asks_only_the_subject_and_offers_no_consultancy(world, client_for, catalogue):
    world.company.financial_status = "pendency"
    world.company.save()
    page = client_for(world.contact.user).get(reverse("ticket-new")).content.decode()
    assert 'name="subject"' in page and "Selecione o assunto" in page
    for technical in ('name="product"', 'name="routine"', 'name="version"', 'name="environment"'):
        assert technical not in page
    assert 'name="data_corruption"' not in page and "Há dados sendo" not in page
    assert 'value="consultancy"' not in page and "Consultoria por telefone" not in page


def test_acc6_pendency_opens_a_boleto_ticket_without_product_and_it_goes_to_the_cst(
    world, client_for, catalogue
):
    world.company.financial_status = "pendency"
    world.company.save()
    response = client_for(world.contact.user).post(reverse("ticket-new"), cst_data())
    assert response.status_code == 302
    ticket = Ticket.objects.select_related("product__line", "routine", "team").get()
    assert ticket.kind == "financial" and ticket.modality == "standard"
    assert ticket.product.line.slug == "cst" and ticket.team.slug == "cst"
    assert ticket.routine.name == "Boleto: segunda via ou vencimento"
    assert ticket.environment == "" and ticket.severity == Severity.MEDIUM
    assert ticket.calendar_slug == "cst"


def test_tkt3_cst_kind_without_subject_is_refused_next_to_the_field(world, client_for, catalogue):
    response = client_for(world.contact.user).post(reverse("ticket-new"), cst_data(subject=""))
    assert response.status_code == 400
    assert response.context["form"].errors["subject"] == ["Este campo é obrigatório."]
    assert not Ticket.objects.exists()


def test_tkt3_cst_kind_ignores_stale_technical_fields_and_refuses_consultancy(world, client_for, catalogue):
    client = client_for(world.contact.user)
    stale = {**form_data(catalogue), **cst_data(kind="administrative", subject="senha"), "product": "999"}
    response = client.post(reverse("ticket-new"), stale)
    assert response.status_code == 302
    assert Ticket.objects.get().routine.name == "Senha e acesso ao portal"
    response = client.post(
        reverse("ticket-new"), cst_data(modality="consultancy", summary="Contrato novo de filial")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["modality"] == ["Consultoria é só para chamados técnicos."]


def test_tkt2_technical_ticket_still_needs_product_and_answers(world, client_for, catalogue):
    response = client_for(world.contact.user).post(
        reverse("ticket-new"), form_data(catalogue, product="", function_usable="")
    )
    assert response.status_code == 400
    assert {"product", "function_usable"} <= set(response.context["form"].errors)


def test_service_opens_cst_ticket_without_product_and_refuses_technical_without_one(world, catalogue):
    company = world.contact.company
    ticket = services.ticket_open(
        actor=world.contact.user,
        company=company,
        kind="administrative",
        subject="cadastro",
        summary="Alterar endereço de cobrança",
        description="Mudamos de endereço.",
    )
    assert ticket.routine.name == "Cadastro da empresa" and ticket.team.slug == "cst"
    with pytest.raises(DomainError) as refused:
        services.ticket_open(
            actor=world.contact.user, company=company, summary="Erro", description="Erro na tela."
        )
    assert refused.value.field == "product"
    with pytest.raises(DomainError) as consultancy:
        services.ticket_open(
            actor=world.contact.user,
            company=company,
            kind="financial",
            subject="boleto",
            modality="consultancy",
            summary="Boleto",
            description="Boleto.",
        )
    assert consultancy.value.field == "modality"
    with pytest.raises(DomainError) as unknown:
        services.ticket_open(
            actor=world.contact.user,
            company=company,
            kind="financial",
            subject="inexistente",
            summary="Boleto",
            description="Boleto.",
        )
    assert unknown.value.field == "subject"


# --- TKT-1, TKT-10: the duplicate warning keeps the files and lists the tickets once -----------------------


def test_tkt1_duplicate_warning_keeps_the_chosen_files_and_lists_similar_tickets_once(
    world, client_for, catalogue, open_ticket
):
    existing = open_ticket(world.contact.user, summary="Relatório de estoque lento demais")
    client = client_for(world.contact.user)
    data = form_data(catalogue, summary="Relatório de estoque lento")
    warned = client.post(reverse("ticket-new"), {**data, "attachments": [png("tela.png")]})
    assert warned.status_code == 200 and warned.context["confirm_duplicate"]
    page = warned.content.decode()
    assert page.count(f'href="/chamados/{existing.number}/"') == 1  # once, in the warning
    assert page.count('id="similar-tickets"') == 1
    summary_input = re.search(r'<input[^>]*name="summary"[^>]*>', page).group(0)
    assert "load," not in summary_input  # the live list is not fetched again on load
    assert "1 arquivo já recebido, será anexado ao chamado" in text(warned) and "tela.png" in text(warned)
    token = warned.context["staged_files"]
    assert token

    confirmed = client.post(reverse("ticket-new"), {**data, "not_duplicate": "on", "staged_files": token})
    assert confirmed.status_code == 302
    ticket = Ticket.objects.exclude(pk=existing.pk).get()
    attachment = ticket.attachments.get()
    assert attachment.original_name == "tela.png" and attachment.file.read() == PNG
    assert services.uploads_staged_names(token, actor=world.contact.user) == []  # cleaned up


def test_tkt10_kept_files_belong_to_who_chose_them(world, client_for, catalogue, open_ticket):
    token = services.uploads_stage([png("tela.png")], actor=world.contact.user)
    other = UserFactory()
    assert services.uploads_staged_names(token, actor=world.contact.user) == ["tela.png"]
    assert services.uploads_staged_names(token, actor=other) == []
    with pytest.raises(DomainError):
        services.uploads_restore(token, actor=other)
    with pytest.raises(DomainError):
        services.uploads_restore(token + "x", actor=world.contact.user)


def test_tkt10_a_kept_file_is_added_to_new_ones_chosen_on_the_warning(
    world, client_for, catalogue, open_ticket
):
    open_ticket(world.contact.user, summary="Relatório de estoque lento demais")
    client = client_for(world.contact.user)
    data = form_data(catalogue, summary="Relatório de estoque lento")
    warned = client.post(reverse("ticket-new"), {**data, "attachments": [png("um.png")]})
    token = warned.context["staged_files"]
    confirmed = client.post(
        reverse("ticket-new"),
        {**data, "not_duplicate": "on", "staged_files": token, "attachments": [png("dois.png")]},
    )
    assert confirmed.status_code == 302
    names = set(Ticket.objects.latest("created_at").attachments.values_list("original_name", flat=True))
    assert names == {"um.png", "dois.png"}
