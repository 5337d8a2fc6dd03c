"""Back-office (Django admin) for analysts: search, filters and actions that call the services."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Company, Contact, User
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_analyst_sees_every_company_with_search_and_filters(world, client_for, django_assert_max_num_queries):
    client = client_for(world.analyst)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:accounts_company_changelist"))
    assert response.status_code == 200
    assert {c.pk for c in response.context["cl"].result_list} == {world.company.pk, world.other_company.pk}
    response = client.get(reverse("admin:accounts_company_changelist"), {"q": "Beta"})
    assert [c.pk for c in response.context["cl"].result_list] == [world.other_company.pk]
    response = client.get(reverse("admin:accounts_company_changelist"), {"state__exact": "MG"})
    assert [c.pk for c in response.context["cl"].result_list] == [world.other_company.pk]


def test_acc6_financial_pendency_action_calls_the_service(world, client_for):
    client = client_for(world.analyst)
    client.post(
        reverse("admin:accounts_company_changelist"),
        {"action": "mark_financial_pendency", "_selected_action": [world.company.pk]},
    )
    world.company.refresh_from_db()
    assert world.company.financial_status == Company.FinancialStatus.PENDENCY
    assert "CST" in world.company.financial_note


def test_acc1_demote_action_refuses_the_last_admin_and_says_why(world, client_for):
    client = client_for(world.analyst)
    response = client.post(
        reverse("admin:accounts_contact_changelist"),
        {"action": "demote", "_selected_action": [world.admin.pk]},
        follow=True,
    )
    assert "pelo menos um administrador ativo" in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.is_company_admin


def test_acc7_deactivate_action(world, client_for):
    client_for(world.analyst).post(
        reverse("admin:accounts_contact_changelist"),
        {"action": "deactivate", "_selected_action": [world.contact.pk]},
    )
    world.contact.user.refresh_from_db()
    assert not world.contact.user.is_active


def test_ten1_analyst_registers_a_company_with_its_first_administrator(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_company_add"),
            {
                "legal_name": "Gama Indústria Ltda.",
                "trade_name": "Gama",
                "cnpj": "12.ABC.345/01DE-35",
                "state": "RJ",
                "municipality": "Rio de Janeiro",
                "support_offer": "standard",
                "is_active": "on",
                "admin_full_name": "Gustavo Gama",
                "admin_email": "gustavo@gama.example",
                "admin_cpf": "529.982.247-25",
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    company = Company.objects.get(cnpj="12ABC34501DE35")
    admin = Contact.objects.get(company=company)
    assert admin.is_company_admin and admin.user.email == "gustavo@gama.example"
    assert mail.outbox[0].to == ["gustavo@gama.example"]


def test_analyst_edits_a_contact_through_the_service(world, client_for):
    client = client_for(world.analyst)
    response = client.post(
        reverse("admin:accounts_contact_change", args=[world.contact.pk]),
        {
            "full_name": "Nome Corrigido",
            "cpf": world.contact.cpf_display,
            "phone": "",
            "can_open_tickets": "on",
            "can_authorize_consultancy": "on",
        },
    )
    assert response.status_code == 302
    world.contact.refresh_from_db()
    assert world.contact.user.full_name == "Nome Corrigido"
    assert world.contact.can_authorize_consultancy


def test_leader_adds_an_analyst_who_gets_an_invitation(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_add"),
            {"full_name": "Otávio Reis", "email": "otavio@suporte.example", "role": "analyst"},
        )
    assert response.status_code == 302
    user = User.objects.get(email="otavio@suporte.example")
    assert user.is_staff and user.role == User.Role.ANALYST and not user.has_usable_password()
    assert mail.outbox[0].to == ["otavio@suporte.example"]


def test_contact_changelist_queries_do_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.analyst)
    ContactFactory.create_batch(5, company=world.company)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("admin:accounts_contact_changelist"))
    ContactFactory.create_batch(40, company=world.other_company)
    with django_assert_max_num_queries(15) as many:
        client.get(reverse("admin:accounts_contact_changelist"))
    assert len(many.captured_queries) == len(few.captured_queries)
