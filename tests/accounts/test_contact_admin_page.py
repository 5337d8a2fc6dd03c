"""The company administrator's contacts page as a person uses it: deactivating asks first and can be
undone, the only administrator is not offered what would fail, messages say nothing about gender, and
the edit form changes the login e-mail (ACC-1, ACC-3, ACC-7)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _edit_data(contact, **changes):
    data = {
        "full_name": contact.user.full_name,
        "email": contact.user.email,
        "cpf": contact.cpf_display,
        "phone": "",
        "can_open_tickets": "on",
    }
    return {**data, **changes}


def test_deactivating_opens_a_confirmation_that_changes_nothing(world, client_for):
    client = client_for(world.admin.user)
    listing = client.get(reverse("contact-list")).content.decode()
    confirm_url = reverse("contact-deactivate", args=[world.contact.pk])
    assert f'href="{confirm_url}"' in listing

    page = client.get(confirm_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Desativar o acesso de" in body and "Cancelar" in body
    assert reverse("contact-action", args=[world.contact.pk, "desativar"]) in body
    world.contact.user.refresh_from_db()
    assert world.contact.user.is_active


def test_after_deactivating_the_list_offers_to_undo_once(world, client_for):
    world.contact.user.full_name = "Carla Mendes"
    world.contact.user.save()
    client = client_for(world.admin.user)
    response = client.post(reverse("contact-action", args=[world.contact.pk, "desativar"]), follow=True)
    body = response.content.decode()
    assert "Acesso de Carla Mendes desativado" in body
    assert "foi desativado" not in body
    assert "Desativou o acesso de Carla Mendes por engano?" in body
    assert reverse("contact-action", args=[world.contact.pk, "reativar"]) in body
    # The offer is shown once, not on every later visit.
    assert "por engano?" not in client.get(reverse("contact-list")).content.decode()

    client.post(reverse("contact-action", args=[world.contact.pk, "reativar"]))
    world.contact.user.refresh_from_db()
    assert world.contact.user.is_active


def test_the_only_administrator_is_offered_neither_removal_nor_deactivation(world, client_for):
    client = client_for(world.admin.user)
    body = client.get(reverse("contact-list")).content.decode()
    assert reverse("contact-action", args=[world.admin.pk, "rebaixar"]) not in body
    assert reverse("contact-deactivate", args=[world.admin.pk]) not in body
    assert "Único administrador" in body
    confirm = client.get(reverse("contact-deactivate", args=[world.admin.pk])).content.decode()
    assert "único administrador ativo" in confirm
    assert f'action="{reverse("contact-action", args=[world.admin.pk, "desativar"])}"' not in confirm


def test_with_two_administrators_both_can_be_removed(world, client_for):
    second = ContactFactory(company=world.company, admin=True)
    client = client_for(world.admin.user)
    body = client.get(reverse("contact-list")).content.decode()
    assert reverse("contact-action", args=[world.admin.pk, "rebaixar"]) in body
    assert reverse("contact-action", args=[second.pk, "rebaixar"]) in body


def test_a_refused_self_demotion_stays_on_the_contacts_page(world, client_for):
    client = client_for(world.admin.user)
    response = client.post(reverse("contact-action", args=[world.admin.pk, "rebaixar"]))
    assert response.status_code == 302 and response.url == reverse("contact-list")


def test_the_edit_form_changes_the_login_email(world, client_for):
    EmailAddress.objects.create(user=world.contact.user, email=world.contact.user.email, primary=True)
    client = client_for(world.admin.user)
    response = client.post(
        reverse("contact-edit", args=[world.contact.pk]),
        _edit_data(world.contact, email="Novo.Endereco@Alfa.example"),
    )
    assert response.status_code == 302
    world.contact.user.refresh_from_db()
    assert world.contact.user.email == "novo.endereco@alfa.example"
    assert not EmailAddress.objects.filter(user=world.contact.user).exists()


def test_an_address_in_use_elsewhere_gets_a_neutral_answer(world, client_for):
    client = client_for(world.admin.user)
    for taken in (world.other_contact.user.email, world.admin.user.email):
        response = client.post(
            reverse("contact-edit", args=[world.contact.pk]), _edit_data(world.contact, email=taken)
        )
        assert response.status_code == 400
        assert response.context["form"].errors["email"] == [
            "Não foi possível usar este e-mail. Confira o endereço ou fale com o suporte."
        ]
    world.contact.user.refresh_from_db()
    assert world.contact.user.email not in (world.other_contact.user.email, world.admin.user.email)


def test_a_pending_invitation_follows_the_new_address(world, client_for, django_capture_on_commit_callbacks):
    pending = ContactFactory(company=world.company, user__activated_at=None)
    User.objects.filter(pk=pending.user.pk).update(activated_at=None)
    pending.user.refresh_from_db()
    client = client_for(world.admin.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contact-edit", args=[pending.pk]), _edit_data(pending, email="certo@alfa.example")
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["certo@alfa.example"]]
