"""Company administrators in the browser (ACC-1..3, ACC-7), through the real views."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Contact, User
from tests.factories import ContactFactory, make_cpf
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def test_acc1_admin_lists_only_their_company_contacts(world, client_for, django_assert_max_num_queries):
    ContactFactory.create_batch(30, company=world.company)
    client = client_for(world.admin.user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("contact-list"))
    assert response.status_code == 200
    emails = {c.user.email for c in response.context["page"].object_list}
    assert world.admin.user.email in emails
    assert world.other_contact.user.email not in emails
    assert response.context["page"].paginator.count == 32


def test_contact_list_query_count_does_not_grow_with_contacts(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.admin.user)
    ContactFactory.create_batch(5, company=world.company)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("contact-list"))
    ContactFactory.create_batch(40, company=world.company)
    with django_assert_max_num_queries(8) as many:
        client.get(reverse("contact-list"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_contact_list_search_and_filters(world, client_for):
    client = client_for(world.admin.user)
    response = client.get(reverse("contact-list"), {"q": world.contact.cpf_display})
    assert [c.pk for c in response.context["page"].object_list] == [world.contact.pk]
    response = client.get(reverse("contact-list"), {"status": "admins"})
    assert [c.pk for c in response.context["page"].object_list] == [world.admin.pk]
    response = client.get(reverse("contact-list"), {"q": "x"}, HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "accounts/_contact_table.html"


def test_acc2_invite_through_the_form_sends_the_activation_email(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contact-invite"),
            {
                "full_name": "Paula Dias",
                "email": "paula@alfa.example",
                "cpf": "529.982.247-25",
                "phone": "(11) 91234-5678",
                "language": "pt-br",
                "can_open_tickets": "on",
            },
        )
    assert response.status_code == 302
    contact = Contact.objects.get(user__email="paula@alfa.example")
    assert contact.company == world.company and not contact.can_see_company_tickets
    assert len(mail.outbox) == 1 and "/ativar/" in mail.outbox[0].body


def test_acc2_invite_with_bad_input_shows_portuguese_errors_next_to_fields(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(
        reverse("contact-invite"),
        {"full_name": "", "email": "nao-e-email", "cpf": "123.456.789-00", "language": "pt-br"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Este campo é obrigatório." in form.errors["full_name"]
    assert "CPF inválido" in form.errors["cpf"][0]
    assert "email válido" in form.errors["email"][0]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.filter(email="nao-e-email").exists()


def test_acc3_a_colleagues_cpf_in_fullwidth_digits_is_no_new_cpf(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(
        reverse("contact-invite"),
        {
            "full_name": "Teste Sonda",
            "email": "sonda@alfa.example",
            "cpf": "８６２８８３６６７５７",
            "language": "pt-br",
        },
    )
    assert response.status_code == 400
    assert "CPF inválido" in response.context["form"].errors["cpf"][0]
    assert not User.objects.filter(email="sonda@alfa.example").exists()


def test_acc2_invite_with_an_email_of_the_same_company_keeps_what_was_typed(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(
        reverse("contact-invite"),
        {"full_name": "Outro", "email": world.contact.user.email, "cpf": make_cpf(), "language": "pt-br"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Já existe um usuário com este e-mail."]
    assert 'value="Outro"' in response.content.decode()


def _invite(client, email: str):
    data = {"full_name": "Outro", "email": email, "cpf": make_cpf(), "language": "pt-br"}
    return client.post(reverse("contact-invite"), data, follow=True)


def test_acc2_invite_of_another_companys_address_answers_like_a_normal_invite(
    world, client_for, django_capture_on_commit_callbacks
):
    """No account enumeration: the answer to another company's address (or a staff one) is the
    answer to a new address; nothing is created or sent to it, and the leaders are told."""
    client = client_for(world.admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        normal = _invite(client, "novo@alfa.example")
    mail.outbox.clear()
    texts = {}
    for email in (world.other_contact.user.email, world.analyst.email, world.partner.email):
        with django_capture_on_commit_callbacks(execute=True):
            response = _invite(client, email.upper())
        assert response.status_code == 200
        texts[email] = [str(m) for m in response.context["messages"]]
    first = next(str(m) for m in normal.context["messages"])
    assert first == "Convite enviado para novo@alfa.example. O link de ativação vale 7 dias."
    for email, shown in texts.items():
        assert shown == [first.replace("novo@alfa.example", email.lower())]
    assert not Contact.objects.filter(
        company=world.company, user__email=world.other_contact.user.email
    ).exists()
    world.other_contact.refresh_from_db()
    assert world.other_contact.company == world.other_company
    recipients = [message.to for message in mail.outbox]
    assert recipients == [[world.leader.email]] * 3  # the back-office only: never the invited address
    assert world.other_contact.user.email in mail.outbox[0].body
    assert "Comércio Beta" not in mail.outbox[0].body and "Metalúrgica Alfa" in mail.outbox[0].body


def test_acc3_admin_changes_permissions(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(
        reverse("contact-edit", args=[world.contact.pk]),
        {
            "full_name": "Contato Renomeado",
            "email": world.contact.user.email,
            "cpf": world.contact.cpf_display,
            "phone": "",
            "can_see_company_tickets": "on",
            "can_authorize_consultancy": "on",
        },
    )
    assert response.status_code == 302
    world.contact.refresh_from_db()
    assert not world.contact.can_open_tickets
    assert world.contact.can_see_company_tickets and world.contact.can_authorize_consultancy


def test_acc1_promote_demote_deactivate_reactivate_are_post_only(world, client_for):
    client = client_for(world.admin.user)
    for action in ("promover", "rebaixar", "desativar", "reativar", "reenviar-convite"):
        url = reverse("contact-action", args=[world.contact.pk, action])
        assert client.get(url).status_code == 405
    world.contact.refresh_from_db()
    assert not world.contact.is_company_admin and world.contact.user.is_active

    client.post(reverse("contact-action", args=[world.contact.pk, "promover"]))
    world.contact.refresh_from_db()
    assert world.contact.is_company_admin
    client.post(reverse("contact-action", args=[world.contact.pk, "rebaixar"]))
    client.post(reverse("contact-action", args=[world.contact.pk, "desativar"]))
    world.contact.refresh_from_db()
    assert not world.contact.is_company_admin and not world.contact.user.is_active
    client.post(reverse("contact-action", args=[world.contact.pk, "reativar"]))
    world.contact.refresh_from_db()
    assert world.contact.user.is_active


def test_acc1_demoting_yourself_as_the_last_admin_shows_the_reason(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(reverse("contact-action", args=[world.admin.pk, "rebaixar"]), follow=True)
    assert "pelo menos um administrador ativo" in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.is_company_admin


def test_unknown_contact_action_is_not_found(world, client_for):
    client = client_for(world.admin.user)
    assert client.post(f"/empresa/contatos/{world.contact.pk}/apagar/").status_code == 404


def test_ten2_admin_cannot_touch_another_companys_contact(world, client_for):
    client = client_for(world.admin.user)
    assert client.get(reverse("contact-edit", args=[world.other_contact.pk])).status_code == 404
    response = client.post(reverse("contact-action", args=[world.other_contact.pk, "desativar"]))
    assert response.status_code == 404
    world.other_contact.refresh_from_db()
    assert world.other_contact.user.is_active


def test_acc1_plain_contact_is_refused_the_contacts_pages(world, client_for):
    client = client_for(world.contact.user)
    assert client.get(reverse("contact-list")).status_code == 403
    assert client.get(reverse("contact-invite")).status_code == 403
    assert client.get(reverse("company-edit")).status_code == 403
    assert client.get(reverse("company-detail")).status_code == 200


def test_acc7_a_deactivated_contacts_session_stops_at_the_next_request(world, client):
    client.force_login(world.contact.user)
    assert client.get(reverse("company-detail")).status_code == 200
    other = logged_in(client.__class__(), world.admin.user)
    other.post(reverse("contact-action", args=[world.contact.pk, "desativar"]))
    response = client.get(reverse("company-detail"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_acc1_admin_edits_registration_data_with_validation(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(
        reverse("company-edit"),
        {
            "trade_name": "Alfa Nova",
            "address": "Rua A, 1",
            "postal_code": "123",
            "billing_email": "",
            "phone": "",
        },
    )
    assert response.status_code == 400
    assert "CEP inválido" in response.context["form"].errors["postal_code"][0]
    world.company.refresh_from_db()
    assert world.company.trade_name == "Metalúrgica Alfa"

    response = client.post(
        reverse("company-edit"),
        {
            "trade_name": "Alfa Nova",
            "address": "Rua A, 1",
            "postal_code": "01310-100",
            "billing_email": "",
            "phone": "",
        },
    )
    assert response.status_code == 302
    world.company.refresh_from_db()
    assert (world.company.trade_name, world.company.postal_code) == ("Alfa Nova", "01310100")


def test_acc6_financial_pendency_is_shown_to_contacts(world, client_for):
    world.company.financial_status = "pendency"
    world.company.financial_note = "Boleto de outubro em aberto."
    world.company.save()
    body = client_for(world.contact.user).get(reverse("home")).content.decode()
    assert "Pendência financeira." in body
    assert "Boleto de outubro em aberto." in body
    assert "Centro de Serviços (CST)" in body


def test_activation_page_sets_the_password_once(world, client, django_capture_on_commit_callbacks):
    from accounts import services

    with django_capture_on_commit_callbacks(execute=True):
        services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="nova@alfa.example",
            full_name="Nova",
            cpf=make_cpf(),
        )
    path = re.search(r"(/ativar/[^/\s]+/)", mail.outbox[0].body).group(1)
    assert client.get(path).status_code == 200
    response = client.post(path, {"password1": "curta", "password2": "curta"})
    assert response.status_code == 400
    response = client.post(path, {"password1": "Senha-Nova-2026", "password2": "Senha-Nova-2026"})
    assert response.status_code == 302
    assert client.login(email="nova@alfa.example", password="Senha-Nova-2026")
    client.logout()
    assert client.get(path).status_code == 404


def test_english_is_selectable_and_remembered_on_the_profile(world, client_for):
    client = client_for(world.contact.user)
    assert "Minha empresa" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("set-language"), {"language": "en", "next": "/empresa/"})
    assert response.status_code == 302 and response.url == "/empresa/"
    world.contact.user.refresh_from_db()
    assert world.contact.user.language == "en"
    body = client.get(reverse("home")).content.decode()
    assert "My company" in body
    assert 'lang="en"' in body


def test_set_language_refuses_foreign_redirects_and_get(world, client_for):
    client = client_for(world.contact.user)
    assert client.get(reverse("set-language")).status_code == 405
    response = client.post(reverse("set-language"), {"language": "pt-br", "next": "https://evil.example/"})
    assert response.url == "/"


def test_portuguese_is_the_default_even_for_english_browsers(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Esqueci minha senha" in response.content.decode()


def test_profile_edit(world, client_for):
    client = client_for(world.contact.user)
    response = client.post(
        reverse("profile"), {"full_name": "Nome Novo", "phone": "(11) 3333-4444", "language": "pt-br"}
    )
    assert response.status_code == 302
    world.contact.refresh_from_db()
    assert (world.contact.user.full_name, world.contact.phone) == ("Nome Novo", "(11) 3333-4444")


def test_partner_home_lists_only_served_companies(world, client_for):
    body = client_for(world.partner).get(reverse("home")).content.decode()
    assert "Metalúrgica Alfa" in body
    assert "Comércio Beta" not in body


def test_a_refused_profile_change_shows_the_page_as_before_with_the_cpf(world, client_for):
    from accounts.validators import format_cpf

    client = client_for(world.contact.user)
    cpf = format_cpf(world.contact.cpf)
    assert cpf in client.get(reverse("profile")).content.decode()
    response = client.post(
        reverse("profile"), {"full_name": "", "phone": "(11) 3333-4444", "language": "pt-br"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert cpf in page and "Este campo é obrigatório." in page
