"""Ticket list, detail and opening through the API (API-1, TEN-2, TEN-3, TKT-2, SEV-1, SLA-1, SLA-5)."""

import re

import pytest
import time_machine

from accounts.models import Company
from tests.helpers import answers, at, png, upload
from tickets import services
from tickets.models import Attachment, Ticket

pytestmark = pytest.mark.django_db
LIST = "/api/v1/tickets/"


def detail_url(number: str) -> str:
    return f"/api/v1/tickets/{number}/"


def numbers(response) -> list[str]:
    return [row["number"] for row in response.json()["results"]]


@pytest.fixture
def tickets(world, open_ticket):
    """Alfa: two tickets of the contact, one of the administrator; Beta: one of its contact."""
    return {
        "contact_old": open_ticket(world.contact.user, now=at(2026, 3, 9, 10), summary="Erro no faturamento"),
        "contact_new": open_ticket(
            world.contact.user,
            now=at(2026, 3, 10, 10),
            kind="financial",
            answers=answers(cosmetic=True),
        ),
        "admin": open_ticket(world.admin.user, now=at(2026, 3, 11, 10), summary="Relatório lento"),
        "other": open_ticket(
            world.other_contact.user, now=at(2026, 3, 12, 10), summary="Erro no faturamento"
        ),
    }


def payload(catalogue, **overrides) -> dict:
    data = {
        "product": catalogue.product.pk,
        "routine": catalogue.routine.pk,
        "version": catalogue.version.pk,
        "environment": "production",
        "summary": "Nota fiscal rejeitada",
        "description": "Ao transmitir, rejeição 539.",
        "function_unusable": True,
        "has_workaround": True,
        "data_corruption": False,
        "cosmetic": False,
    }
    data.update(overrides)
    return data


# --- List -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("contact", ["contact_new", "contact_old"]),  # sees only their own (ACC-3)
        ("admin", ["admin", "contact_new", "contact_old"]),  # the company's
        ("partner", ["admin", "contact_new", "contact_old"]),  # the served company's (TEN-3)
        ("analyst", ["other", "admin", "contact_new", "contact_old"]),
        ("other", ["other"]),
    ],
)
def test_ten2_the_list_holds_exactly_the_tickets_the_role_may_see(roles, tickets, api_for, role, expected):
    response = api_for(roles[role]).get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(expected)
    assert body["next"] is None and body["previous"] is None
    assert numbers(response) == [tickets[name].number for name in expected]


def test_api1_list_rows_carry_references_and_the_stored_deadlines(world, catalogue, tickets, api_for):
    with time_machine.travel(at(2026, 3, 12, 12), tick=False):
        row = api_for(world.contact.user).get(LIST).json()["results"][1]

    ticket = tickets["contact_old"]
    assert row["number"] == ticket.number
    assert row["url"] == f"http://testserver/api/v1/tickets/{ticket.number}/"
    assert row["status"] == "new" and row["status_display"] == "Novo"
    assert row["severity"] == "critical" and row["severity_display"] == "Crítica"
    assert row["company"] == {"id": world.company.pk, "trade_name": "Metalúrgica Alfa"}
    assert row["product"] == {"id": catalogue.product.pk, "name": "ERP Backoffice"}
    assert row["team"] == {"id": catalogue.team.pk, "name": "Backoffice"}
    assert row["requester"] == {"id": world.contact.user.pk, "name": world.contact.user.full_name}
    assert row["assignee"] is None
    assert row["created_at"] == "2026-03-09T10:00:00-03:00"
    assert row["sla"] == {
        "response_due_at": "2026-03-10T08:00:00-03:00",
        "maintenance_due_at": "2026-03-13T10:00:00-03:00",
        "due_at": "2026-03-10T08:00:00-03:00",
        "paused": False,
        "breached": True,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=new", ["admin", "contact_new", "contact_old"]),
        ("status=closed", []),
        ("severity=low", ["contact_new"]),
        ("severity=critical", ["admin", "contact_old"]),
        ("kind=financial", ["contact_new"]),
        ("kind=technical&severity=critical", ["admin", "contact_old"]),
        ("q=faturamento", ["contact_old"]),
        ("open=true", ["admin", "contact_new", "contact_old"]),
    ],
)
def test_api1_list_filters(world, tickets, api_for, query, expected):
    response = api_for(world.admin.user).get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert numbers(response) == [tickets[name].number for name in expected]


def test_api1_scope_mine_keeps_the_users_own_tickets(world, tickets, api_for):
    response = api_for(world.admin.user).get(f"{LIST}?scope=mine")
    assert numbers(response) == [tickets["admin"].number]


def test_api1_search_by_the_exact_number(world, tickets, api_for):
    response = api_for(world.admin.user).get(f"{LIST}?q={tickets['contact_old'].number}")
    assert numbers(response) == [tickets["contact_old"].number]


def test_ten2_searching_another_companys_number_finds_nothing(world, tickets, api_for):
    response = api_for(world.admin.user).get(f"{LIST}?q={tickets['other'].number}")
    assert response.json()["count"] == 0


def test_api1_unknown_filter_values_are_field_errors(world, api_for):
    response = api_for(world.admin.user).get(f"{LIST}?status=aberto&severity=urgent&scope=all")
    assert response.status_code == 400
    assert set(response.json()) == {"status", "severity", "scope"}
    assert response.json()["status"] == ['"aberto" não é uma escolha válida.']


def test_api1_pagination(world, tickets, api_for):
    client = api_for(world.analyst)

    first = client.get(f"{LIST}?page_size=3").json()
    second = client.get(first["next"]).json()

    assert first["count"] == 4 and len(first["results"]) == 3
    assert first["previous"] is None and first["next"].endswith("page=2&page_size=3")
    assert [row["number"] for row in second["results"]] == [tickets["contact_old"].number]
    assert second["next"] is None and second["previous"]
    assert client.get(f"{LIST}?page=9").status_code == 404


def test_api1_list_query_count_does_not_grow_with_the_page(
    world, open_ticket, api_for, django_assert_max_num_queries
):
    client = api_for(world.analyst)
    for _ in range(5):
        open_ticket(world.contact.user)
    with django_assert_max_num_queries(4) as few:
        assert len(client.get(f"{LIST}?page_size=100").json()["results"]) == 5
    for _ in range(35):
        open_ticket(world.admin.user)
    with django_assert_max_num_queries(len(few)) as many:
        assert len(client.get(f"{LIST}?page_size=100").json()["results"]) == 40
    assert len(many) == len(few)
    # A list shows the stored deadlines: it never reads (nor decodes, row by row) the calendar snapshot.
    assert not [query for query in many.captured_queries if "sla_calendarsnapshot" in query["sql"]]


# --- Detail -----------------------------------------------------------------------------------------------


def test_sla1_detail_has_the_whole_ticket_and_its_sla_computed_now(world, catalogue, open_ticket, api_for):
    ticket = open_ticket(
        world.contact.user,
        now=at(2026, 3, 10, 10),
        environment_details="Oracle 19c",
        error_message="Rejeição 539",
    )

    with time_machine.travel(at(2026, 3, 10, 12), tick=False):
        response = api_for(world.contact.user).get(detail_url(ticket.number))

    assert response.status_code == 200
    body = response.json()
    assert body["number"] == ticket.number
    assert body["status"] == "new" and body["severity"] == "critical"
    assert body["kind"] == "technical" and body["modality"] == "standard"
    assert body["company"] == {"id": world.company.pk, "trade_name": "Metalúrgica Alfa"}
    assert body["product"] == {"id": catalogue.product.pk, "name": "ERP Backoffice"}
    assert body["routine"] == {"id": catalogue.routine.pk, "name": "Faturamento"}
    assert body["version"] == {"id": catalogue.version.pk, "name": "12.1.2410"}
    assert body["environment"] == "production" and body["environment_details"] == "Oracle 19c"
    assert body["summary"] == "Nota fiscal rejeitada na transmissão"
    assert body["description"] == "Ao transmitir a nota, o sistema mostra rejeição 539."
    assert body["error_message"] == "Rejeição 539" and body["particularities"] == ""
    assert body["answers"] == {
        "function_unusable": True,
        "has_workaround": False,
        "data_corruption": False,
        "cosmetic": False,
    }
    assert body["team"] == {"id": catalogue.team.pk, "name": "Backoffice"}
    assert body["assignee"] is None
    assert body["created_at"] == "2026-03-10T10:00:00-03:00"
    assert body["closed_at"] is None
    assert body["sla"] == {
        "calendar": "suporte-tecnico",
        "active_target": "response",
        "response_due_at": "2026-03-11T08:00:00-03:00",  # 10 business hours, 07:00-19:00
        "maintenance_due_at": "2026-03-16T10:00:00-03:00",  # 4 business days
        "due_at": "2026-03-11T08:00:00-03:00",
        "target_seconds": 36_000,
        "consumed_seconds": 7_200,
        "business_seconds_left": 28_800,
        "breached": False,
        "at_risk": False,
        "paused": False,
    }


def test_sla4_detail_shows_a_paused_clock_while_waiting_on_the_client(world, open_ticket, api_for):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o XML.",
        now=at(2026, 3, 10, 11),
    )

    with time_machine.travel(at(2026, 3, 10, 15), tick=False):
        sla = api_for(world.analyst).get(detail_url(ticket.number)).json()["sla"]

    assert sla["paused"] is True
    assert sla["consumed_seconds"] == 3_600
    assert sla["business_seconds_left"] == 32_400


def test_sla5_detail_flags_a_breached_ticket(world, open_ticket, api_for):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))

    with time_machine.travel(at(2026, 3, 11, 9), tick=False):
        sla = api_for(world.contact.user).get(detail_url(ticket.number)).json()["sla"]

    assert sla["breached"] is True and sla["at_risk"] is False  # breached, no longer "at risk"
    assert sla["business_seconds_left"] == -3_600


@pytest.mark.parametrize("number", ["00000000", "1234567", "abcdefgh", "123456789"])
def test_ten2_a_missing_or_malformed_number_is_404(world, api_for, number):
    response = api_for(world.analyst).get(detail_url(number))
    assert response.status_code == 404
    assert response.json() == {"detail": "Não encontrado.", "code": "not_found"}


def test_ten2_another_companys_ticket_answers_exactly_like_a_missing_one(world, tickets, api_for):
    client = api_for(world.other_admin.user)
    hidden = client.get(detail_url(tickets["contact_old"].number))
    missing = client.get(detail_url("00000000"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_acc3_a_contact_without_see_all_gets_404_on_a_colleagues_ticket(world, tickets, api_for):
    assert api_for(world.contact.user).get(detail_url(tickets["admin"].number)).status_code == 404


@pytest.mark.parametrize("role", ["contact", "admin", "partner", "analyst", "leader", "other"])
def test_ten2_list_ids_equal_the_ids_whose_detail_opens(roles, tickets, api_for, role):
    client = api_for(roles[role])
    listed = set(numbers(client.get(f"{LIST}?page_size=100")))
    opens = {
        ticket.number
        for ticket in Ticket.objects.all()
        if client.get(detail_url(ticket.number)).status_code == 200
    }
    assert listed == opens
    assert listed  # every role sees something here


# --- Opening ----------------------------------------------------------------------------------------------


def test_tkt2_a_contact_opens_a_ticket_in_json(world, catalogue, api_for):
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        response = api_for(world.contact.user).post(LIST, payload(catalogue), format="json")

    assert response.status_code == 201
    body = response.json()
    ticket = Ticket.objects.get(number=body["number"])
    assert response.headers["Location"] == f"/api/v1/tickets/{ticket.number}/"
    assert re.fullmatch(r"[1-9]\d{7}", ticket.number)
    assert ticket.company == world.company and ticket.requester == world.contact.user
    assert (ticket.channel, ticket.registered_by) == ("api", world.contact.user)  # CHN-2
    assert body["severity"] == "high"  # usable only through a workaround (SEV-1)
    assert body["company"] == {"id": world.company.pk, "trade_name": "Metalúrgica Alfa"}
    assert body["sla"]["response_due_at"] == "2026-03-11T18:00:00-03:00"  # 20 business hours


def test_tkt2_multipart_opening_with_files(world, catalogue, api_for):
    data = payload(
        catalogue,
        files=[png(), upload("log.txt")],
    )
    response = api_for(world.contact.user).post(LIST, data, format="multipart")

    assert response.status_code == 201
    ticket = Ticket.objects.get(number=response.json()["number"])
    assert sorted(Attachment.objects.filter(ticket=ticket).values_list("original_name", flat=True)) == [
        "log.txt",
        "tela.png",
    ]


def test_tkt10_a_file_whose_content_does_not_match_is_refused_and_nothing_is_opened(
    world, catalogue, api_for
):
    data = payload(catalogue, files=[upload("tela.png", b"MZ not a png", "image/png")])
    response = api_for(world.contact.user).post(LIST, data, format="multipart")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "tela.png: o conteúdo não corresponde à extensão .png.",
        "code": "attachment_content",
        "field": "attachments",
    }
    assert not Ticket.objects.exists() and not Attachment.objects.exists()


def test_ten3_a_partner_opens_for_a_served_company_by_id_or_cnpj(world, catalogue, api_for):
    client = api_for(world.partner)
    by_id = client.post(LIST, payload(catalogue, company=world.company.pk), format="json")
    by_cnpj = client.post(LIST, payload(catalogue, company=world.company.cnpj_display), format="json")

    assert by_id.status_code == by_cnpj.status_code == 201
    assert Ticket.objects.filter(company=world.company, requester=world.partner).count() == 2


def test_ten3_a_partner_must_name_the_company(world, catalogue, api_for):
    response = api_for(world.partner).post(LIST, payload(catalogue), format="json")
    assert response.status_code == 400
    assert response.json() == {"company": ["Informe a empresa."]}


@pytest.mark.parametrize("who", ["partner", "admin"])
@pytest.mark.parametrize("company", ["other_id", "other_cnpj", "²", "-1", 2**70, True, [1], {"id": 1}])
def test_ten2_a_company_the_user_may_not_act_for_is_not_found(world, catalogue, api_for, roles, who, company):
    named = {"other_id": world.other_company.pk, "other_cnpj": world.other_company.cnpj}
    value = named.get(company, company) if isinstance(company, str) else company
    response = api_for(roles[who]).post(LIST, payload(catalogue, company=value), format="json")
    assert response.status_code == 400
    assert response.json() == {"company": ["Empresa não encontrada."]}
    assert not Ticket.objects.exists()


def test_acc4_analysts_do_not_open_tickets(world, catalogue, api_for):
    response = api_for(world.analyst).post(LIST, payload(catalogue, company=world.company.pk), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Ticket.objects.exists()


def test_acc6_a_company_with_financial_pendency_opens_only_cst_tickets(world, catalogue, api_for):
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    client = api_for(world.contact.user)

    refused = client.post(LIST, payload(catalogue), format="json")
    allowed = client.post(LIST, payload(catalogue, kind="financial"), format="json")

    assert refused.status_code == 400
    assert refused.json()["code"] == "financial_pendency"
    assert "Centro de Serviços (CST)" in refused.json()["detail"]
    assert allowed.status_code == 201
    assert Ticket.objects.get().kind == "financial"


def test_tkt2_a_product_the_company_did_not_contract_is_refused(world, catalogue, api_for):
    response = api_for(world.contact.user).post(
        LIST, payload(catalogue, product=catalogue.other_product.pk), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Sua empresa não contratou a linha deste produto.",
        "code": "invalid",
        "field": "product",
    }


@pytest.mark.parametrize("product", [1.5, True, "1.5", "①", [1], {"id": 1}])
def test_tkt2_a_product_that_is_not_a_whole_number_is_refused_not_rounded(world, catalogue, api_for, product):
    body = {
        "product": product,
        "routine": catalogue.routine.pk,
        "version": catalogue.version.pk,
        "environment": "production",
        "summary": "Nota rejeitada",
        "description": "Rejeição 539.",
    }
    response = api_for(world.contact.user).post(LIST, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"product": ["Informe o código (um número inteiro) de um item da lista."]}
    assert not Ticket.objects.exists()


def test_tkt2_missing_and_invalid_fields_are_field_errors_in_portuguese(world, catalogue, api_for):
    response = api_for(world.contact.user).post(
        LIST, {"product": 999999, "environment": "lua", "summary": ""}, format="json"
    )

    assert response.status_code == 400
    errors = response.json()
    assert errors["product"] == ["Nenhum item com o código 999999."]
    assert errors["environment"] == ['"lua" não é uma escolha válida.']
    # DRF's pt-BR catalogue says "pode não estar em branco" ("might not be"): corrected in locale/pt_BR.
    assert errors["summary"] == ["Este campo não pode ficar em branco."]
    assert errors["description"] == ["Este campo é obrigatório."]
    assert set(errors) == {"product", "routine", "version", "environment", "summary", "description"}
    assert not Ticket.objects.exists()
