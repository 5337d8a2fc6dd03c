"""The phone channel (CHN-2, ACC-3, ACC-4, ACC-6, ACC-7, TKT-4): an analyst finds the caller by
CPF or e-mail in the back-office, sees the company's financial status and the caller's
permissions, and opens a ticket in the caller's name with the portal's rules."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Company
from core.errors import DomainError, ForbiddenError
from tests.factories import ContactFactory, make_cpf
from tests.helpers import answers, flash, logged_in
from tickets import services
from tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db

DESK = "/atendimento/telefone/"
OPEN = "/atendimento/telefone/abrir/"
CHANGELIST = "/admin/tickets/ticket/"


@pytest.fixture
def analyst_client(client, world):
    return logged_in(client, world.analyst)


def cpf_formatted(cpf: str) -> str:
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}"


def form_data(catalogue, caller, **overrides) -> dict:
    data = {
        "pessoa": caller.pk,
        "kind": "technical",
        "modality": "standard",
        "product": catalogue.product.pk,
        "routine": catalogue.routine.pk,
        "version": catalogue.version.pk,
        "environment": "production",
        "summary": "Faturamento não gera o título a receber",
        "description": "Ao faturar o pedido 123 o título não aparece no contas a receber.",
        "function_usable": "nao",
        "has_workaround": "nao",
        "data_corruption": "nao",
        "cosmetic": "nao",
    }
    data.update(overrides)
    return data


def found(response) -> list:
    return [caller.user for caller in response.context["search"].callers]


# --- Finding the caller (ACC-3) ---------------------------------------------------------------------------


def test_caller_found_by_cpf_with_and_without_punctuation(world, analyst_client):
    cpf = world.contact.cpf
    for typed in (cpf, cpf_formatted(cpf), f"  {cpf[:3]} {cpf[3:6]} {cpf[6:9]} {cpf[9:]} "):
        response = analyst_client.get(DESK, {"q": typed})
        assert response.status_code == 200
        assert found(response) == [world.contact.user], typed
    page = response.content.decode()
    assert world.contact.user.full_name in page
    assert world.company.trade_name in page and world.company.cnpj_display in page
    assert "Regular" in page
    assert f"{OPEN}?pessoa={world.contact.user.pk}" in page


def test_caller_found_by_email_whatever_its_case(world, analyst_client):
    response = analyst_client.get(DESK, {"q": " CONTATO@Alfa.Example "})
    assert found(response) == [world.contact.user]


def test_invalid_cpf_and_unknown_caller_are_said_plainly(world, analyst_client):
    wrong_digit = world.contact.cpf[:10] + str((int(world.contact.cpf[10]) + 1) % 10)
    response = analyst_client.get(DESK, {"q": cpf_formatted(wrong_digit)})
    assert response.status_code == 400
    assert "CPF inválido: confira os 11 dígitos" in response.content.decode()
    assert found(response) == []

    response = analyst_client.get(DESK, {"q": "abc"})
    assert response.status_code == 400
    assert "Digite o CPF" in response.content.decode()

    unknown = make_cpf(987654)
    response = analyst_client.get(DESK, {"q": unknown})
    assert response.status_code == 200 and found(response) == []
    assert f"Nenhum contato ou consultor cadastrado com o CPF {cpf_formatted(unknown)}" in (
        response.content.decode()
    )
    response = analyst_client.get(DESK, {"q": "ninguem@alfa.example"})
    assert "Nenhum contato ou consultor cadastrado com o e-mail ninguem@alfa.example" in (
        response.content.decode()
    )


def test_a_cpf_names_every_company_s_contact_and_a_partner_consultant(world, analyst_client):
    """A CPF is unique per company: the same person may be a contact of two; a consultant too."""
    same_person = ContactFactory(company=world.other_company, cpf=world.contact.cpf)
    consultant = world.partner.partner_consultant
    consultant.cpf = world.contact.cpf
    consultant.save()
    response = analyst_client.get(DESK, {"q": world.contact.cpf})
    assert set(found(response)) == {world.contact.user, same_person.user, world.partner}
    page = response.content.decode()
    assert "Consultor da unidade parceira" in page
    assert f"{OPEN}?pessoa={world.partner.pk}&amp;empresa={world.company.pk}" in page


def test_financial_pendency_permissions_and_open_tickets_on_the_card(
    world, catalogue, open_ticket, analyst_client
):
    Company.objects.filter(pk=world.company.pk).update(
        financial_status=Company.FinancialStatus.PENDENCY, financial_note="Boleto de outubro em aberto."
    )
    ticket = open_ticket(world.contact.user, kind="financial", summary="Boleto em duplicidade")
    response = analyst_client.get(DESK, {"q": world.contact.cpf})
    page = response.content.decode()
    assert "Pendência financeira" in page
    assert "só é possível abrir chamados administrativos ou financeiros" in page
    assert "Boleto de outubro em aberto." in page
    assert "Vê todos os chamados da empresa: <strong>não</strong>" in page
    assert "Abre chamados: <strong>sim</strong>" in page
    assert ticket.number in page and "Boleto em duplicidade" in page and "Novo" in page


def test_inactive_contact_is_shown_as_such_without_the_opening_link(world, analyst_client):
    world.contact.user.is_active = False
    world.contact.user.save()
    response = analyst_client.get(DESK, {"q": world.contact.cpf})
    page = response.content.decode()
    assert found(response) == [world.contact.user]
    assert "Contato inativo." in page
    assert f"{OPEN}?pessoa=" not in page


def test_phone_desk_reads_a_constant_number_of_queries(
    world, catalogue, open_ticket, analyst_client, django_assert_max_num_queries
):
    consultant = world.partner.partner_consultant
    consultant.cpf = world.contact.cpf
    consultant.save()
    for _ in range(12):
        open_ticket(world.contact.user)
    for _ in range(3):
        ContactFactory(cpf=world.contact.cpf)  # each of another company
    with django_assert_max_num_queries(12):
        response = analyst_client.get(DESK, {"q": world.contact.cpf})
    assert len(response.context["search"].callers) == 5
    card = next(c for c in response.context["search"].callers if c.user == world.contact.user)
    assert card.open_count == 12 and len(card.open_tickets) == 10


# --- Opening in the caller's name (ACC-4, ACC-6, CHN-2) ---------------------------------------------------


def test_service_opens_in_the_contact_s_name_registered_by_the_analyst(
    world, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = services.ticket_open(
            actor=world.analyst,
            on_behalf_of=world.contact.user,
            channel=Ticket.Channel.PHONE,
            company=world.company,
            product=catalogue.product,
            routine=catalogue.routine,
            version=catalogue.version,
            environment="production",
            summary="Pedido não fatura",
            description="Erro ao faturar.",
            answers=answers(),
        )
    assert ticket.requester == world.contact.user and ticket.requester_contact == world.contact
    assert ticket.registered_by == world.analyst and ticket.channel == "phone"
    opened = ticket.events.get(kind=TicketEvent.Kind.OPENED)
    assert opened.actor == world.analyst
    assert [message.to for message in mail.outbox] == [[world.contact.user.email]]
    assert ticket.number in mail.outbox[0].subject


def test_only_staff_open_in_someone_else_s_name(world, catalogue):
    for actor in (world.admin.user, world.partner):
        with pytest.raises(ForbiddenError):
            services.ticket_open(
                actor=actor,
                on_behalf_of=world.contact.user,
                company=world.company,
                product=catalogue.product,
                routine=catalogue.routine,
                version=catalogue.version,
                environment="production",
                summary="Em nome de outro",
                description="Não pode.",
                answers=answers(),
            )
    assert not Ticket.objects.exists()


def test_analyst_opens_by_phone_and_lands_on_the_work_page(
    world, catalogue, analyst_client, django_capture_on_commit_callbacks
):
    page = analyst_client.get(OPEN, {"pessoa": world.contact.user.pk})
    assert page.status_code == 200
    assert "Abrir chamado em nome de" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst_client.post(OPEN, form_data(catalogue, world.contact.user))
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:tickets_ticket_change", args=[ticket.pk])
    assert flash(response) == [
        f"Chamado {ticket.number} aberto por telefone em nome de {world.contact.user.full_name}, "
        "que recebe o e-mail de abertura com o número."
    ]
    assert (ticket.requester, ticket.registered_by, ticket.channel) == (
        world.contact.user,
        world.analyst,
        "phone",
    )
    assert mail.outbox[0].to == [world.contact.user.email]
    work = analyst_client.get(response["Location"]).content.decode()
    assert "Telefone" in work and f"registrado por {world.analyst.full_name}" in work


def test_company_with_financial_pendency_opens_only_cst_kinds(
    world, catalogue, analyst_client, django_capture_on_commit_callbacks
):
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    page = analyst_client.get(OPEN, {"pessoa": world.contact.user.pk}).content.decode()
    assert 'value="technical"' not in page and 'value="administrative"' in page
    response = analyst_client.post(OPEN, form_data(catalogue, world.contact.user, kind="technical"))
    assert response.status_code == 400
    assert not Ticket.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst_client.post(OPEN, form_data(catalogue, world.contact.user, kind="administrative"))
    assert response.status_code == 302
    assert Ticket.objects.get().kind == "administrative"


def test_financial_pendency_refusal_speaks_to_the_analyst(world, catalogue):
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    world.company.refresh_from_db()
    with pytest.raises(DomainError, match=r"^A empresa tem uma pendência financeira") as refused:
        services.ticket_open(
            actor=world.analyst,
            on_behalf_of=world.contact.user,
            channel=Ticket.Channel.PHONE,
            company=world.company,
            product=catalogue.product,
            routine=catalogue.routine,
            version=catalogue.version,
            environment="production",
            summary="Erro técnico",
            description="Não pode sob pendência.",
            answers=answers(),
        )
    assert refused.value.code == "financial_pendency"
    assert not Ticket.objects.exists()


def test_inactive_contact_and_contact_without_permission_are_refused(world, catalogue, analyst_client):
    world.contact.user.is_active = False
    world.contact.user.save()
    page = analyst_client.get(OPEN, {"pessoa": world.contact.user.pk}).content.decode()
    assert "Contato inativo: não é possível abrir chamados em nome dele." in page
    assert 'name="summary"' not in page
    response = analyst_client.post(OPEN, form_data(catalogue, world.contact.user))
    assert response.status_code == 400
    assert "Contato inativo" in response.content.decode()

    world.admin.can_open_tickets = False
    world.admin.save()
    response = analyst_client.post(OPEN, form_data(catalogue, world.admin.user))
    assert response.status_code == 400
    assert "não tem permissão para abrir chamados" in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_partner_consultant_is_opened_for_a_company_of_their_unit(
    world, catalogue, analyst_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst_client.post(OPEN, form_data(catalogue, world.partner, empresa=world.company.pk))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert (ticket.requester, ticket.requester_contact, ticket.company) == (
        world.partner,
        None,
        world.company,
    )
    # Not a company their unit serves: back to the desk, nothing opened.
    response = analyst_client.post(OPEN, form_data(catalogue, world.partner, empresa=world.other_company.pk))
    assert response.status_code == 302 and response["Location"] == DESK
    assert Ticket.objects.count() == 1


def test_similar_open_ticket_is_confirmed_before_opening(
    world, catalogue, open_ticket, analyst_client, django_capture_on_commit_callbacks
):
    existing = open_ticket(world.contact.user, summary="Faturamento não gera o título a receber")
    response = analyst_client.post(OPEN, form_data(catalogue, world.contact.user))
    assert response.status_code == 200
    assert existing.number in response.content.decode()
    assert Ticket.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst_client.post(OPEN, form_data(catalogue, world.contact.user, not_duplicate="on"))
    assert response.status_code == 302 and Ticket.objects.count() == 2


def test_opening_page_without_a_caller_goes_back_to_the_desk(world, analyst_client):
    for params in ({}, {"pessoa": "x"}, {"pessoa": world.analyst.pk}):
        response = analyst_client.get(OPEN, params)
        assert response.status_code == 302 and response["Location"] == DESK


# --- Staff only -------------------------------------------------------------------------------------------


def test_clients_never_reach_the_desk(world, catalogue, client):
    response = client.get(DESK, {"q": world.contact.cpf})
    assert response.status_code == 302 and "/conta/entrar/" in response["Location"]
    for user in (world.contact.user, world.admin.user, world.partner):
        logged_in(client, user)
        assert client.get(DESK, {"q": world.contact.cpf}).status_code == 403
        assert client.post(OPEN, form_data(catalogue, world.contact.user)).status_code == 403
    assert not Ticket.objects.exists()


def test_back_office_menu_links_the_desk(world, analyst_client):
    index = analyst_client.get("/admin/").content.decode()
    assert "Atendimento por telefone" in index
    response = analyst_client.get(reverse("admin:tickets_phonedesk_changelist"))
    assert response.status_code == 302 and response["Location"] == DESK


# --- The ticket number (TKT-4) and the channel in the queue --------------------------------------------


def test_a_searched_ticket_number_jumps_to_its_work_page(world, catalogue, open_ticket, analyst_client):
    ticket = open_ticket(world.contact.user)
    work = reverse("admin:tickets_ticket_change", args=[ticket.pk])
    number = ticket.number
    for typed in (number, f"{number[:4]} {number[4:]}", f"{number[:2]}.{number[2:5]}.{number[5:]}"):
        response = analyst_client.get(CHANGELIST, {"q": typed})
        assert response.status_code == 302 and response["Location"] == work, typed


def test_a_number_no_ticket_has_is_an_empty_search_with_a_word(world, catalogue, open_ticket, analyst_client):
    open_ticket(world.contact.user)
    missing = "1234 5678" if Ticket.objects.get().number != "12345678" else "8765 4321"
    response = analyst_client.get(CHANGELIST, {"q": missing})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    assert f"Nenhum chamado tem o número {missing.replace(' ', '')}." in response.content.decode()


def test_the_queue_filters_by_channel(world, catalogue, open_ticket, analyst_client):
    portal = open_ticket(world.contact.user, summary="Aberto no portal")
    phone = open_ticket(
        world.analyst, on_behalf_of=world.contact.user, channel="phone", company=world.company
    )
    response = analyst_client.get(CHANGELIST, {"channel__exact": "phone"})
    assert [t.number for t in response.context["cl"].result_list] == [phone.number]
    response = analyst_client.get(CHANGELIST, {"channel__exact": "portal"})
    assert [t.number for t in response.context["cl"].result_list] == [portal.number]
