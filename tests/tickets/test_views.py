"""Ticket pages of client contacts and partner consultants, through the real views.

TKT-1/2/6/7/10, SEV-1, SLA-1/4/5/7, ACC-3/4/6, TEN-2/3.
"""

import re

import pytest
import time_machine
from django.urls import reverse

from accounts import access
from tests.factories import CompanyFactory, ContactFactory
from tests.helpers import PNG, answers, at, png, upload
from tickets import selectors, services
from tickets.models import Attachment, Message, Ticket

pytestmark = pytest.mark.django_db


def form_data(catalogue, **overrides):
    data = {
        "kind": "technical",
        "modality": "standard",
        "product": catalogue.product.pk,
        "routine": catalogue.routine.pk,
        "version": catalogue.version.pk,
        "environment": "production",
        "environment_details": "SQL Server 2019",
        "summary": "Relatório de estoque lento",
        "description": "Ao emitir o relatório de estoque ele demora 10 minutos.",
        "error_message": "",
        "particularities": "",
        "function_usable": "sim",
        "has_workaround": "sim",
        "data_corruption": "nao",
        "cosmetic": "nao",
    }
    data.update(overrides)
    return data


def text(response) -> str:
    """The page's visible text with whitespace collapsed (wording assertions read like the page)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def list_numbers(response) -> list[str]:
    return [ticket.number for ticket in response.context["page"].object_list]


def close(ticket, analyst, *, now=None):
    services.ticket_transition(
        actor=analyst, ticket=ticket, to_status="awaiting_validation", reason="Solução", now=now
    )
    services.ticket_transition(actor=None, ticket=ticket, to_status="closed", now=now)


# --- List (ACC-3, TEN-2, TEN-3) ---------------------------------------------------------------------------


def test_acc3_a_contact_without_see_all_lists_only_their_own_tickets(world, client_for, open_ticket):
    own = open_ticket(world.contact.user)
    open_ticket(world.admin.user)
    open_ticket(world.other_contact.user)
    response = client_for(world.contact.user).get(reverse("ticket-list"), {"escopo": "empresa"})
    assert response.status_code == 200
    assert list_numbers(response) == [own.number]
    assert "Chamados da empresa" not in text(response)
    assert "peça a permissão ao administrador" in text(response)


def test_acc3_a_contact_who_sees_all_switches_between_mine_and_company(world, client_for, open_ticket):
    contacts = open_ticket(world.contact.user)
    admins = open_ticket(world.admin.user)
    open_ticket(world.other_admin.user)
    client = client_for(world.admin.user)
    response = client.get(reverse("ticket-list"))
    assert response.context["scope"] == "meus"
    assert list_numbers(response) == [admins.number]
    assert "Meus chamados" in text(response) and "Chamados da empresa" in text(response)
    response = client.get(reverse("ticket-list"), {"escopo": "empresa"})
    assert set(list_numbers(response)) == {contacts.number, admins.number}


def test_ten3_partner_sees_served_companies_with_a_company_column_and_filter(world, client_for, open_ticket):
    served_unit = world.company.partner_unit
    third = CompanyFactory(trade_name="Indústria Gama", partner_unit=served_unit)
    third.product_lines.add(*world.company.product_lines.all())
    gama_contact = ContactFactory(company=third)
    alfa = open_ticket(world.contact.user)
    gama = open_ticket(gama_contact.user)
    beta = open_ticket(world.other_contact.user)
    client = client_for(world.partner)
    response = client.get(reverse("ticket-list"))
    assert response.context["scope"] == "empresa" and response.context["show_company"]
    assert set(list_numbers(response)) == {alfa.number, gama.number}
    assert beta.number not in response.content.decode()
    page = text(response)
    assert "Empresa" in page and "Metalúrgica Alfa" in page and "Indústria Gama" in page
    assert "Comércio Beta" not in page  # not even in the company filter
    response = client.get(reverse("ticket-list"), {"escopo": "empresa", "empresa": third.pk})
    assert list_numbers(response) == [gama.number]
    # another company's id in the filter shows nothing of it
    response = client.get(reverse("ticket-list"), {"escopo": "empresa", "empresa": world.other_company.pk})
    assert beta.number not in list_numbers(response)


def test_analysts_are_sent_to_the_back_office(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user)
    client = client_for(world.analyst)
    response = client.get(reverse("ticket-list"))
    assert response.status_code == 403
    assert "back-office" in text(response)
    assert client.get(reverse("ticket-detail", args=[ticket.number])).status_code == 403


def test_list_filters_and_search(world, client_for, open_ticket, catalogue):
    nf = open_ticket(world.admin.user, summary="Nota fiscal rejeitada")
    slow = open_ticket(world.admin.user, summary="Relatório lento", answers=answers(cosmetic=True))
    money = open_ticket(world.admin.user, summary="Segunda via do boleto", kind="financial")
    services.ticket_transition(
        actor=world.analyst, ticket=slow, to_status="pending_client", reason="Envie o log"
    )
    close(money, world.analyst)
    client = client_for(world.admin.user)
    url = reverse("ticket-list")

    def numbers(**params):
        return set(list_numbers(client.get(url, params)))

    assert numbers() == {nf.number, slow.number, money.number}
    assert numbers(situacao="pending_client") == {slow.number}
    assert numbers(situacao="abertos") == {nf.number, slow.number}
    assert numbers(situacao="encerrados") == {money.number}
    assert numbers(severidade="low") == {slow.number}
    assert numbers(tipo="financial") == {money.number}
    assert numbers(q=nf.number[:5]) == {nf.number}
    assert client.get(url, {"q": nf.number}).url == reverse("ticket-detail", kwargs={"number": nf.number})
    assert numbers(q="relatório") == {slow.number}
    assert numbers(q="nada disso") == set()
    assert numbers(situacao="qualquer", severidade="?", tipo="x") == {nf.number, slow.number, money.number}
    response = client.get(url, {"q": "nada disso"})
    assert "Nenhum chamado encontrado com estes filtros." in text(response)


def test_list_columns_show_status_severity_product_and_forecast(world, client_for, open_ticket):
    running = open_ticket(world.admin.user, summary="Cálculo errado", now=at(2026, 3, 10, 10))
    paused = open_ticket(world.admin.user, summary="Tela travada", now=at(2026, 3, 10, 10))
    closed = open_ticket(world.admin.user, summary="Dúvida de cadastro", now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=paused,
        to_status="pending_client",
        reason="Envie o log",
        now=at(2026, 3, 10, 11),
    )
    close(closed, world.analyst, now=at(2026, 3, 10, 12))
    with time_machine.travel(at(2026, 3, 10, 13), tick=False):
        response = client_for(world.admin.user).get(reverse("ticket-list"))
    rows = {ticket.number: ticket for ticket in response.context["page"].object_list}
    assert set(rows) == {running.number, paused.number, closed.number}
    page = text(response)
    for header in ("Número", "Resumo", "Situação", "Severidade", "Produto", "Aberto em", "Previsão"):
        assert header in page
    assert (
        f"{running.number} Cálculo errado Novo Crítica ERP Backoffice 10/03/2026 10:00 11/03/2026 08:00"
        in page
    )
    assert (
        # "novidade": the analyst's status change is news for the reader (the unread marker).
        f"{paused.number} novidade Tela travada Pendência do cliente Crítica ERP Backoffice 10/03/2026 10:00 "
        "relógio parado retoma quando você responder" in page
    )
    assert (
        f"{closed.number} novidade Dúvida de cadastro Encerrado Crítica ERP Backoffice 10/03/2026 10:00 "
        "encerrado" in page
    )


def test_list_htmx_refreshes_only_the_table(world, client_for, open_ticket):
    open_ticket(world.admin.user)
    response = client_for(world.admin.user).get(
        reverse("ticket-list"), {"q": "nota"}, headers={"HX-Request": "true"}
    )
    assert response.templates[0].name == "tickets/_ticket_table.html"
    assert "<html" not in response.content.decode()


def test_list_is_paginated_by_25_and_keeps_the_filters(world, client_for, open_ticket):
    for _ in range(30):
        open_ticket(world.admin.user)
    client = client_for(world.admin.user)
    first = client.get(reverse("ticket-list"), {"situacao": "abertos"})
    assert len(first.context["page"].object_list) == 25
    assert "Página 1 de 2" in text(first)
    assert "situacao=abertos" in first.content.decode() and "page=2" in first.content.decode()
    second = client.get(reverse("ticket-list"), {"situacao": "abertos", "page": 2})
    assert len(second.context["page"].object_list) == 5


@pytest.mark.parametrize("who", ["admin", "partner"])
def test_list_query_count_does_not_grow_with_the_page(
    world, client_for, open_ticket, django_assert_max_num_queries, who
):
    user = world.partner if who == "partner" else world.admin.user
    client = client_for(user)
    url = reverse("ticket-list") + "?escopo=empresa"
    for _ in range(5):
        open_ticket(world.admin.user)
    with django_assert_max_num_queries(8) as few:
        assert len(client.get(url).context["page"].object_list) == 5
    for _ in range(35):
        open_ticket(world.contact.user)
    with django_assert_max_num_queries(8) as many:
        assert len(client.get(url).context["page"].object_list) == 25
    assert len(many.captured_queries) == len(few.captured_queries)


def test_ten2_list_numbers_are_exactly_the_ones_whose_detail_opens_for_every_role(
    world, client_for, open_ticket
):
    for user in (world.contact.user, world.admin.user, world.other_contact.user, world.other_admin.user):
        open_ticket(user)
        open_ticket(user, summary="Outro assunto qualquer")
    open_ticket(world.partner, company=world.company)
    alfa_number = Ticket.objects.filter(company=world.company).values_list("number", flat=True).first()
    beta_number = Ticket.objects.filter(company=world.other_company).values_list("number", flat=True).first()
    users = {
        "contact": (world.contact.user, beta_number),
        "admin": (world.admin.user, beta_number),
        "other_contact": (world.other_contact.user, alfa_number),
        "other": (world.other_admin.user, alfa_number),
        "partner": (world.partner, beta_number),
    }
    for role, (user, foreign_number) in users.items():
        client = client_for(user)
        listed = set()
        for scope in ("meus", "empresa"):
            listed |= set(list_numbers(client.get(reverse("ticket-list"), {"escopo": scope})))
        visible = set(access.tickets_visible_to(user).values_list("number", flat=True))
        assert listed == visible, role
        for number in listed:
            assert client.get(reverse("ticket-detail", args=[number])).status_code == 200, role
        assert client.get(reverse("ticket-detail", args=[foreign_number])).status_code == 404, role
        assert client.get(reverse("ticket-detail", args=["00000000"])).status_code == 404, role
    for staff in (world.analyst, world.leader):
        client = client_for(staff)
        assert client.get(reverse("ticket-list")).status_code == 403
        assert client.get(reverse("ticket-detail", args=[alfa_number])).status_code == 403


# --- Opening (TKT-1, TKT-2, SEV-1, ACC-4, ACC-6, TEN-3) --------------------------------------------------


def test_chn1_the_summary_can_come_prefilled_from_a_link(world, client_for):
    """The reply to an e-mail that opened no ticket links here with its subject as `?resumo=`."""
    response = client_for(world.contact.user).get(reverse("ticket-new"), {"resumo": "Erro <b>na</b> NF-e"})
    assert response.context["form"]["summary"].value() == "Erro <b>na</b> NF-e"
    assert 'value="Erro &lt;b&gt;na&lt;/b&gt; NF-e"' in response.content.decode()


def test_tkt2_new_ticket_form_asks_everything_with_contracted_products_only(world, client_for, catalogue):
    response = client_for(world.contact.user).get(reverse("ticket-new"))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["product"].queryset) == [catalogue.product]
    page = response.content.decode()
    for label in (
        "Tipo de chamado",
        "Modalidade",
        "Produto",
        "Rotina (módulo ou programa)",
        "Versão / release",
        "Ambiente",
        "Detalhes do ambiente",
        "Resumo",
        "Descrição detalhada",
        "Mensagem de erro completa",
        "Particularidades do cenário",
        "A função (rotina) pode ser usada?",
        "Existe uma solução de contorno?",
        "Há dados sendo gravados errados ou corrompidos?",
        "O problema é só visual?",
        "Anexos",
    ):
        assert label in page, label
    assert catalogue.other_product.name not in page
    assert 'type="file" name="attachments"' in page and "multiple" in page
    assert 'value="technical"' in page and 'value="financial"' in page
    assert f'hx-get="{reverse("ticket-similar")}"' in page
    assert f'hx-get="{reverse("ticket-catalogue-options")}?campo=rotina"' in page


def test_tkt2_opening_a_ticket_with_an_attachment(
    world, client_for, catalogue, django_capture_on_commit_callbacks
):
    client = client_for(world.contact.user)
    data = form_data(catalogue, routine=catalogue.fiscal_routine.pk, error_message="Erro 539")
    with (
        time_machine.travel(at(2026, 3, 10, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("ticket-new"), {**data, "attachments": [png()]})
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ticket-detail", args=[ticket.number])
    assert (ticket.company, ticket.requester, ticket.requester_contact) == (
        world.company,
        world.contact.user,
        world.contact,
    )
    assert ticket.routine == catalogue.fiscal_routine and ticket.team == catalogue.fiscal_team
    assert ticket.severity == "medium"  # usable, with a workaround, no corruption, not cosmetic
    assert (ticket.environment_details, ticket.error_message) == ("SQL Server 2019", "Erro 539")
    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.original_name == "tela.png" and attachment.message is None
    # medium: 30 business hours from Tuesday 10:00 (07:00-19:00) end Thursday 16:00
    assert ticket.sla_due_at == at(2026, 3, 12, 16)
    page = text(client.get(response["Location"]))
    assert (
        f"Chamado {ticket.number} aberto. Previsão de atendimento: 12/03/2026 16:00 (horário de Brasília)."
        in page
    )
    assert "tela.png" in page


def test_tkt10_an_empty_file_is_refused_once_by_name_and_the_form_keeps_the_text(
    world, client_for, catalogue
):
    client = client_for(world.contact.user)
    data = form_data(catalogue, description="Passo a passo que não quero perder.")
    response = client.post(reverse("ticket-new"), {**data, "attachments": [upload("vazio.txt", b"")]})
    assert response.status_code == 400 and not Ticket.objects.exists()
    page = text(response)
    assert "vazio.txt: o arquivo está vazio." in page
    assert "vázio" not in page and "O arquivo submetido" not in page
    assert "Passo a passo que não quero perder." in response.content.decode()


@pytest.mark.parametrize(
    ("given", "severity"),
    [
        ({"function_usable": "nao", "has_workaround": "nao"}, "critical"),
        ({"function_usable": "nao", "has_workaround": "sim"}, "high"),
        ({"data_corruption": "sim"}, "critical"),
        ({"cosmetic": "sim", "has_workaround": "nao"}, "low"),
    ],
)
def test_sev1_yes_no_answers_map_to_the_severity(world, client_for, catalogue, given, severity):
    client_for(world.contact.user).post(reverse("ticket-new"), form_data(catalogue, **given))
    assert Ticket.objects.get().severity == severity


def test_sev1_severity_preview_before_submitting(world, client_for):
    client = client_for(world.contact.user)
    response = client.get(
        reverse("ticket-severity-preview"),
        {"function_usable": "nao", "has_workaround": "sim", "data_corruption": "nao", "cosmetic": "nao"},
    )
    assert "Pelas suas respostas, a severidade será Alta" in text(response)
    assert "Meta de atendimento: 20 horas úteis" in text(response)
    response = client.get(reverse("ticket-severity-preview"), {"function_usable": "nao"})
    assert "Responda às quatro perguntas" in text(response)


def test_bad_input_shows_portuguese_errors_next_to_fields_and_keeps_what_was_typed(
    world, client_for, catalogue
):
    client = client_for(world.contact.user)
    data = form_data(catalogue, summary="", environment="", description="Passo 1: abrir a rotina.")
    del data["cosmetic"]
    response = client.post(reverse("ticket-new"), {**data, "attachments": [png()]})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["summary"] == ["Este campo é obrigatório."]
    assert form.errors["environment"] == ["Este campo é obrigatório."]
    assert form.errors["cosmetic"] == ["Este campo é obrigatório."]
    page = response.content.decode()
    assert 'id="id_summary_error"' in page
    assert "Passo 1: abrir a rotina." in page  # nothing typed is lost
    assert "O chamado ainda não foi aberto." in text(response)
    # TKT-10: the chosen file is kept server-side across the round trip, and the page says so.
    assert "1 arquivo já recebido, será anexado ao chamado" in text(response)
    assert "tela.png" in text(response) and 'name="staged_files"' in page
    assert Ticket.objects.count() == 0


def test_routine_of_another_product_is_refused_next_to_the_field(world, client_for, catalogue):
    from tests.factories import RoutineFactory

    foreign = RoutineFactory(product=catalogue.other_product)
    response = client_for(world.contact.user).post(
        reverse("ticket-new"), form_data(catalogue, routine=foreign.pk)
    )
    assert response.status_code == 400
    assert "routine" in response.context["form"].errors
    assert Ticket.objects.count() == 0


def test_tkt10_refused_attachment_is_explained_next_to_the_field(world, client_for, catalogue):
    fake = upload("falso.png", b"<html>oi</html>", "image/png")
    response = client_for(world.contact.user).post(
        reverse("ticket-new"), {**form_data(catalogue), "attachments": [fake]}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["attachments"] == [
        "falso.png: o conteúdo não corresponde à extensão .png."
    ]
    assert Ticket.objects.count() == 0


def test_tkt1_duplicate_warning_then_confirmation(world, client_for, catalogue, open_ticket):
    existing = open_ticket(world.contact.user, summary="Nota fiscal rejeitada na transmissão")
    client = client_for(world.contact.user)
    data = form_data(catalogue, summary="Nota fiscal rejeitada ao transmitir")
    response = client.post(reverse("ticket-new"), data)
    assert response.status_code == 200
    assert Ticket.objects.count() == 1  # nothing created
    page = text(response)
    assert "Já existe um chamado aberto parecido" in page
    assert existing.number in page
    assert reverse("ticket-detail", args=[existing.number]) in response.content.decode()
    assert "Não é o mesmo problema, abrir mesmo assim" in page
    assert "Nota fiscal rejeitada ao transmitir" in response.content.decode()  # kept

    response = client.post(reverse("ticket-new"), {**data, "not_duplicate": "on"})
    assert response.status_code == 302
    assert Ticket.objects.count() == 2


def test_tkt1_similar_tickets_while_typing_are_read_only_and_of_the_same_company(
    world, client_for, open_ticket
):
    own = open_ticket(world.admin.user, summary="Nota fiscal rejeitada na transmissão")
    open_ticket(world.other_admin.user, summary="Nota fiscal rejeitada na transmissão")
    closed = open_ticket(world.admin.user, summary="Nota fiscal rejeitada de novo")
    close(closed, world.analyst)
    before = Ticket.objects.count()
    response = client_for(world.admin.user).get(
        reverse("ticket-similar"), {"summary": "nota fiscal rejeitada"}
    )
    assert response.status_code == 200
    found = [t.number for t in response.context["similar"]]
    assert found == [own.number]
    assert f'href="{reverse("ticket-detail", args=[own.number])}"' in response.content.decode()
    assert Ticket.objects.count() == before
    empty = client_for(world.admin.user).get(reverse("ticket-similar"), {"summary": "xy"})
    assert empty.content.decode().strip() == ""


def test_catalogue_options_for_a_product(world, client_for, catalogue):
    client = client_for(world.contact.user)
    url = reverse("ticket-catalogue-options")
    routines = client.get(url, {"product": catalogue.product.pk, "campo": "rotina"}).content.decode()
    assert f'<option value="{catalogue.routine.pk}">Faturamento</option>' in routines
    assert f'<option value="{catalogue.fiscal_routine.pk}">Livros fiscais</option>' in routines
    assert routines.startswith('<option value="">Selecione a rotina</option>')
    versions = client.get(url, {"product": catalogue.product.pk, "campo": "versao"}).content.decode()
    assert f'<option value="{catalogue.version.pk}">12.1.2410</option>' in versions
    nothing = client.get(url, {"campo": "rotina"}).content.decode()
    assert nothing.strip() == '<option value="">Escolha o produto primeiro</option>'
    # a product of a line the company did not contract offers nothing
    from tests.factories import RoutineFactory

    RoutineFactory(product=catalogue.other_product, name="Férias")
    foreign = client.get(url, {"product": catalogue.other_product.pk, "campo": "rotina"}).content.decode()
    assert "Férias" not in foreign and foreign.count("<option") == 1


def test_acc4_a_contact_without_permission_gets_a_clear_403(world, client_for, catalogue, open_ticket):
    open_ticket(world.contact.user)
    world.contact.can_open_tickets = False
    world.contact.save()
    client = client_for(world.contact.user)
    response = client.get(reverse("ticket-new"))
    assert response.status_code == 403
    assert "Você não tem permissão para abrir chamados" in text(response)
    response = client.post(reverse("ticket-new"), form_data(catalogue))
    assert response.status_code == 403
    assert Ticket.objects.count() == 1
    listing = client.get(reverse("ticket-list"))
    assert listing.status_code == 200 and reverse("ticket-new") not in listing.content.decode()
    assert reverse("ticket-new") not in client.get(reverse("home")).content.decode()


def test_acc6_financial_pendency_explains_and_offers_only_cst_kinds(world, client_for, catalogue):
    world.company.financial_status = "pendency"
    world.company.save()
    client = client_for(world.contact.user)
    response = client.get(reverse("ticket-new"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "o portal não abre chamados técnicos" in text(response)
    assert 'value="technical"' not in page
    assert 'value="administrative"' in page and 'value="financial"' in page

    response = client.post(reverse("ticket-new"), form_data(catalogue, kind="technical"))
    assert response.status_code == 400
    assert response.context["form"].errors["kind"] == [
        "Sua empresa tem uma pendência financeira: só é possível abrir chamados administrativos ou "
        "financeiros, atendidos pelo Centro de Serviços (CST)."
    ]
    assert Ticket.objects.count() == 0

    response = client.post(reverse("ticket-new"), form_data(catalogue, kind="financial", subject="boleto"))
    assert response.status_code == 302
    assert Ticket.objects.get().kind == "financial"


def test_ten3_partner_picks_a_served_company_first(world, client_for, catalogue):
    gama = CompanyFactory(trade_name="Indústria Gama", partner_unit=world.company.partner_unit)
    client = client_for(world.partner)
    response = client.get(reverse("ticket-new"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["companies"]] == [gama.pk, world.company.pk]
    assert "form" not in response.context
    assert "Comércio Beta" not in text(response)
    assert client.get(reverse("ticket-new"), {"empresa": world.other_company.pk}).status_code == 404

    response = client.get(reverse("ticket-new"), {"empresa": world.company.pk})
    assert "Em nome de Metalúrgica Alfa" in text(response)
    response = client.post(reverse("ticket-new"), {**form_data(catalogue), "empresa": world.company.pk})
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.company == world.company and ticket.requester == world.partner
    response = client.post(reverse("ticket-new"), {**form_data(catalogue), "empresa": world.other_company.pk})
    assert response.status_code == 404
    assert Ticket.objects.count() == 1


def test_ten3_partner_serving_one_company_goes_straight_to_the_form(world, client_for):
    response = client_for(world.partner).get(reverse("ticket-new"))
    assert response.context["company"] == world.company
    assert f'name="empresa" value="{world.company.pk}"' in response.content.decode()


# --- Detail: forecast in words (SLA-1, SLA-4, SLA-5, SLA-7) -----------------------------------------------


def test_sla1_detail_explains_the_forecast_of_an_open_ticket(world, client_for, open_ticket):
    ticket = open_ticket(
        world.contact.user,
        now=at(2026, 11, 23, 10),
        answers=answers(function_unusable=True, has_workaround=True),
    )
    with time_machine.travel(at(2026, 11, 23, 13, 20), tick=False):
        response = client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number]))
    page = text(response)
    assert "Previsão de atendimento: 24/11/2026 18:00 (horário de Brasília)." in page
    assert (
        "Meta de 20 horas úteis para severidade Alta no calendário Suporte técnico; "
        "usadas 3 h 20 min, restam 16 h 40 min." in page
    )
    assert "não um compromisso contratual" in page  # SLA-7, Standard support
    assert response.context["sla"].state == "ok"


def test_sla7_prime_companies_read_a_contractual_deadline(world, client_for, open_ticket):
    world.company.support_offer = "prime"
    world.company.save()
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    with time_machine.travel(at(2026, 3, 10, 11), tick=False):
        page = text(client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number])))
    assert "Prazo contratual de atendimento: 11/03/2026 08:00 (horário de Brasília)." in page
    assert "não um compromisso contratual" not in page


def test_sla4_paused_clock_is_explained(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o XML da nota.",
        now=at(2026, 3, 10, 12),
    )
    with time_machine.travel(at(2026, 3, 10, 15), tick=False):
        response = client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number]))
    page = text(response)
    assert (
        "O relógio está parado enquanto aguardamos a sua resposta: o tempo de espera não conta no prazo."
        in page
    )
    assert "usadas 2 h, restam 8 h." in page
    assert "Este chamado aguarda a sua resposta." in page
    assert "volta para análise" in page


def test_sla5_breached_and_at_risk_wording(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    client = client_for(world.contact.user)
    url = reverse("ticket-detail", args=[ticket.number])
    with time_machine.travel(at(2026, 3, 10, 18, 30), tick=False):
        response = client.get(url)
    assert response.context["sla"].state == "risk"
    assert "Atenção: resta menos de 20 % do prazo." in text(response)
    assert "usadas 8 h 30 min, restam 1 h 30 min." in text(response)
    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        response = client.get(url)
    page = text(response)
    assert response.context["sla"].state == "breached"
    assert "Previsão de atendimento: 11/03/2026 08:00 (horário de Brasília) — prazo ultrapassado." in page
    assert "usadas 11 h, 1 h além da meta." in page


def test_sev2_maintenance_deadline_when_in_maintenance(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="in_maintenance", now=at(2026, 3, 10, 11)
    )
    with time_machine.travel(at(2026, 3, 10, 12), tick=False):
        page = text(client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number])))
    assert "Previsão de manutenção: 16/03/2026 10:00 (horário de Brasília)." in page
    assert (
        "Meta de 4 dias úteis para severidade Crítica no calendário Suporte técnico, "
        "contados desde a abertura" in page
    )


def test_closed_ticket_says_it_cannot_be_reopened(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    close(ticket, world.analyst, now=at(2026, 3, 10, 15))
    page = text(client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number])))
    assert "Chamado encerrado em 10/03/2026 15:00 (horário de Brasília)." in page
    assert "Atendido dentro da meta de 10 horas úteis (usadas 5 h)." in page
    assert "não pode ser reaberto" in page
    assert "Enviar mensagem" not in page


# --- Detail: header, description, timeline (TKT-6, TKT-7) ---------------------------------------------------


def test_detail_header_and_description(world, client_for, open_ticket, catalogue):
    ticket = open_ticket(
        world.contact.user,
        now=at(2026, 3, 10, 10),
        environment_details="Oracle 19c",
        error_message="ORA-00001: unique constraint",
        particularities="Só na filial 02",
        files=[png("erro.png")],
    )
    client = client_for(world.contact.user)
    response = client.get(reverse("ticket-detail", args=[ticket.number]))
    page = text(response)
    for fragment in (
        ticket.number,
        "Nota fiscal rejeitada na transmissão",
        "Novo",
        "Severidade: Crítica",
        "Técnico",
        "ERP Backoffice",
        "Faturamento",
        "12.1.2410",
        "Produção",
        "Oracle 19c",
        world.contact.user.full_name,
        "Backoffice",
        "10/03/2026 10:00",
        "Ao transmitir a nota, o sistema mostra rejeição 539.",
        "ORA-00001: unique constraint",
        "Só na filial 02",
        "A função (rotina) pode ser usada? Não",
        "erro.png",
    ):
        assert fragment in page, fragment
    assert response.context["show_company"] is False  # the company is shown to partners
    partner = client_for(world.partner).get(reverse("ticket-detail", args=[ticket.number]))
    assert partner.context["show_company"] is True
    assert f"Chamado {ticket.number} · Metalúrgica Alfa" in text(partner)


def test_tkt7_timeline_merges_messages_and_history_and_hides_internal_notes(
    world, client_for, open_ticket, catalogue
):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="in_analysis", now=at(2026, 3, 10, 11)
    )
    services.ticket_reply(
        actor=world.analyst,
        ticket=ticket,
        body="Cliente usa versão antiga, ver log.",
        internal=True,
        files=[upload("servidor.log", b"trace")],
        now=at(2026, 3, 10, 11, 30),
    )
    services.ticket_reply(
        actor=world.analyst, ticket=ticket, body="Estamos analisando.", now=at(2026, 3, 10, 12)
    )
    services.ticket_reclassify(
        actor=world.analyst,
        ticket=ticket,
        severity="high",
        reason="Há contorno manual",
        now=at(2026, 3, 10, 13),
    )
    services.ticket_transfer(
        actor=world.analyst,
        ticket=ticket,
        team=catalogue.fiscal_team,
        reason="É fiscal",
        now=at(2026, 3, 10, 14),
    )
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o XML da nota.",
        now=at(2026, 3, 10, 15),
    )
    response = client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number]))
    page = text(response)
    assert "Cliente usa versão antiga" not in page and "servidor.log" not in page
    analyst = world.analyst.full_name
    expected_in_order = [
        f"Chamado aberto por {world.contact.user.full_name}.",
        f"Situação alterada de “Novo” para “Em análise” por {analyst} (equipe de atendimento).",
        "Estamos analisando.",
        f"10/03/2026 13:00 Severidade reclassificada de Crítica para Alta por {analyst} "
        "(equipe de atendimento). Motivo: Há contorno manual",
        f"10/03/2026 14:00 Chamado transferido da equipe Backoffice para a equipe Fiscal por {analyst} "
        "(equipe de atendimento). Motivo: É fiscal",
        "Envie o XML da nota.",
        "Situação alterada de “Em análise” para “Pendência do cliente”",
    ]
    positions = [page.index(fragment) for fragment in expected_in_order]
    assert positions == sorted(positions)
    assert page.count("Envie o XML da nota.") == 1  # the reason is the message, not repeated
    messages = [entry.message for entry in response.context["timeline"] if entry.message]
    assert [m.body for m in messages] == ["Estamos analisando.", "Envie o XML da nota."]
    assert 'class="timeline-message from-staff"' in response.content.decode()


def test_detail_query_count_does_not_grow_with_messages_and_attachments(
    world, client_for, open_ticket, django_assert_max_num_queries
):
    ticket = open_ticket(world.contact.user, files=[png()])
    client = client_for(world.contact.user)
    url = reverse("ticket-detail", args=[ticket.number])

    def add_messages(first, last):
        for index in range(first, last):
            author = world.analyst if index % 2 else world.contact.user
            services.ticket_reply(
                actor=author, ticket=ticket, body=f"Mensagem {index}", files=[png(f"p{index}.png")]
            )

    add_messages(0, 2)
    with django_assert_max_num_queries(11) as few:
        assert client.get(url).status_code == 200
    add_messages(2, 22)
    with django_assert_max_num_queries(11) as many:
        response = client.get(url)
    assert "Mensagem 21" in text(response) and "p21.png" in text(response)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Reply (TKT-7) -----------------------------------------------------------------------------------------


def test_tkt7_reply_on_pending_client_sends_the_ticket_back_to_analysis(
    world, client_for, open_ticket, django_capture_on_commit_callbacks
):
    ticket = open_ticket(world.contact.user)
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="pending_client", reason="Envie o XML"
    )
    client = client_for(world.contact.user)
    response = client.post(
        reverse("ticket-reply", args=[ticket.number]),
        {"body": "Segue o XML.", "attachments": [upload("nota.xml", b"<nfe/>", "text/xml")]},
    )
    message = Message.objects.get(body="Segue o XML.")
    assert response.status_code == 302
    assert response["Location"] == reverse("ticket-detail", args=[ticket.number]) + f"#mensagem-{message.pk}"
    ticket.refresh_from_db()
    assert ticket.status == "in_analysis"
    assert message.attachments.get().original_name == "nota.xml"
    page = text(client.get(response["Location"]))
    assert "Resposta enviada. O chamado voltou para análise" in page
    assert "nota.xml" in page


def test_reply_on_an_open_ticket_keeps_its_status(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user)
    client = client_for(world.contact.user)
    response = client.post(
        reverse("ticket-reply", args=[ticket.number]), {"body": "Mais um detalhe."}, follow=True
    )
    assert "Mensagem enviada." in text(response)
    ticket.refresh_from_db()
    assert ticket.status == "new"


def test_reply_errors_keep_the_text(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user)
    client = client_for(world.contact.user)
    response = client.post(reverse("ticket-reply", args=[ticket.number]), {"body": "  "})
    assert response.status_code == 400
    assert response.context["reply_form"].errors["body"] == ["Escreva a mensagem."]
    fake = upload("falso.pdf", b"nada", "application/pdf")
    response = client.post(
        reverse("ticket-reply", args=[ticket.number]), {"body": "Meu texto longo", "attachments": [fake]}
    )
    assert response.status_code == 400
    assert "Meu texto longo" in response.content.decode()
    assert "selecione os anexos novamente" in text(response)
    assert not Message.objects.filter(ticket=ticket).exists()


def test_tkt9_a_closed_ticket_is_never_reopened_by_a_reply(world, client_for, open_ticket):
    """The page of a closed ticket has no reply form; a reply that races the closing (ACP-4) is not
    lost: the service turns it into a follow-up with a new number, and the user is told."""
    ticket = open_ticket(world.contact.user)
    close(ticket, world.analyst)
    client = client_for(world.contact.user)
    page = client.get(reverse("ticket-detail", args=[ticket.number]))
    assert "Este chamado está encerrado e não pode ser reaberto" in text(page)
    assert reverse("ticket-reply", args=[ticket.number]) not in page.content.decode()

    response = client.post(reverse("ticket-reply", args=[ticket.number]), {"body": "Voltou a acontecer"})
    ticket.refresh_from_db()
    assert ticket.status == "closed"
    assert not Message.objects.filter(ticket=ticket, body="Voltou a acontecer").exists()
    follow_up = Ticket.objects.get(follow_up_of=ticket)
    assert follow_up.description == "Voltou a acontecer"
    assert response["Location"] == reverse("ticket-detail", args=[follow_up.number])
    page = text(client.get(response["Location"]))
    assert (
        f"O chamado {ticket.number} foi encerrado e não pode ser reaberto. Sua mensagem abriu o "
        f"acompanhamento {follow_up.number}." in page
    )
    assert f"Acompanhamento do chamado {ticket.number}" in page


def test_reply_is_post_only_and_tenant_scoped(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user)
    assert (
        client_for(world.contact.user).get(reverse("ticket-reply", args=[ticket.number])).status_code == 405
    )
    response = client_for(world.other_admin.user).post(
        reverse("ticket-reply", args=[ticket.number]), {"body": "Oi"}
    )
    assert response.status_code == 404
    assert not Message.objects.exists()


# --- Attachments (TKT-10, ACC-6) ---------------------------------------------------------------------------


def test_tkt10_download_headers(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, files=[png("relatório final.png")])
    attachment = ticket.attachments.get()
    response = client_for(world.admin.user).get(reverse("attachment-download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert "relat%C3%B3rio%20final.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_ten2_download_permission(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, files=[png()])
    attachment = ticket.attachments.get()
    url = reverse("attachment-download", args=[attachment.pk])
    assert client_for(world.other_admin.user).get(url).status_code == 404
    assert client_for(world.partner).get(url).status_code == 200
    assert client_for(world.contact.user).post(url).status_code == 405
    note = services.ticket_reply(
        actor=world.analyst, ticket=ticket, body="log", internal=True, files=[png("interno.png")]
    )
    internal_url = reverse("attachment-download", args=[note.attachments.get().pk])
    assert client_for(world.admin.user).get(internal_url).status_code == 404
    assert client_for(world.analyst).get(internal_url).status_code == 200
    # The page lists the opening's file, never the internal note's (TKT-7), nor its link.
    page = text(client_for(world.admin.user).get(reverse("ticket-detail", args=[ticket.number])))
    assert attachment.original_name in page
    assert "interno.png" not in page and internal_url not in page
    assert selectors.ticket_conversation(world.admin.user, ticket).files_by_message == {}
    staff = selectors.ticket_conversation(world.analyst, ticket)
    assert [f.original_name for files in staff.files_by_message.values() for f in files] == ["interno.png"]


def test_acc6_financial_pendency_blocks_downloads_but_not_analysts(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, files=[png()])
    world.company.financial_status = "pendency"
    world.company.save()
    url = reverse("attachment-download", args=[ticket.attachments.get().pk])
    response = client_for(world.contact.user).get(url)
    assert response.status_code == 403
    assert "Downloads bloqueados por pendência financeira. Procure o Centro de Serviços (CST)." in text(
        response
    )
    assert client_for(world.partner).get(url).status_code == 403
    assert client_for(world.analyst).get(url).status_code == 200
    # the ticket stays readable; the file is listed without a link
    detail = client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number]))
    assert detail.status_code == 200
    assert "download bloqueado" in text(detail) and url not in detail.content.decode()


# --- Navigation and home -----------------------------------------------------------------------------------


def test_home_shows_the_latest_open_tickets_and_the_open_button(world, client_for, open_ticket):
    for index in range(6):
        open_ticket(world.contact.user, summary=f"Problema número {index}", now=at(2026, 3, 10, 10 + index))
    closed = open_ticket(world.contact.user, summary="Já resolvido", now=at(2026, 3, 10, 17))
    close(closed, world.analyst, now=at(2026, 3, 10, 18))
    response = client_for(world.contact.user).get(reverse("home"))
    assert [t.summary for t in response.context["recent_tickets"]] == [
        f"Problema número {index}" for index in (5, 4, 3, 2, 1)
    ]
    page = response.content.decode()
    assert f'href="{reverse("ticket-new")}"' in page
    assert f'href="{reverse("ticket-list")}"' in page and ">Chamados</a>" in page


def test_home_of_a_partner_lists_their_open_tickets(world, client_for, open_ticket):
    ticket = open_ticket(world.partner, company=world.company)
    response = client_for(world.partner).get(reverse("home"))
    assert [t.number for t in response.context["recent_tickets"]] == [ticket.number]
    assert f'href="{reverse("ticket-new")}"' in response.content.decode()
    assert ">Chamados</a>" in response.content.decode()


def test_staff_have_no_tickets_link(world, client_for):
    page = client_for(world.analyst).get(reverse("home")).content.decode()
    assert ">Chamados</a>" not in page


def test_a_refused_follow_up_shows_the_form_again_with_what_was_typed(world, client_for, open_ticket):
    """ACC-6 refuses a technical follow-up under a financial pendency: the page says why, beside
    the open form that still holds the client's words (a redirect used to lose them)."""
    ticket = open_ticket(world.contact.user)
    close(ticket, world.analyst)
    world.company.financial_status = "pendency"
    world.company.save()
    response = client_for(world.contact.user).post(
        reverse("ticket-follow-up", args=[ticket.number]),
        {"summary": "Voltou", "body": "Três parágrafos que eu não quero digitar de novo."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "pendência financeira" in text(response)
    assert "Três parágrafos que eu não quero digitar de novo." in html
    assert re.search(r"<details[^>]*open>\s*<summary[^>]*>O problema voltou", html)
    assert not Ticket.objects.filter(follow_up_of=ticket).exists()
