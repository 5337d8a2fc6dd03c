"""Login by e-mail, password reset, rate limits that also cover the admin login (ACC-2, ACC-7)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_acc2_login_is_by_email_case_insensitive(world, client):
    response = _login(client, "CONTATO@Alfa.example", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == world.contact.user


def test_acc2_wrong_password_says_so_in_portuguese(world, client):
    response = _login(client, world.contact.user.email, "errada-123")
    assert response.status_code == 200
    assert "estão incorretos" in response.content.decode()


def test_acc7_deactivated_contact_cannot_log_in(world, client):
    world.contact.user.is_active = False
    world.contact.user.save()
    response = _login(client, world.contact.user.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    assert client.get(reverse("home")).status_code == 302


def test_no_self_signup_route(client):
    assert client.get("/conta/signup/").status_code == 404


def test_login_failures_are_rate_limited_per_account(world, client, settings):
    for _ in range(5):
        _login(client, world.contact.user.email, "errada-123")
    response = _login(client, world.contact.user.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "Muitas tentativas" in response.content.decode() or response.status_code == 429


def test_admin_login_goes_through_the_rate_limited_portal_login(world, client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    # The admin's own login form never authenticates anyone.
    response = client.post("/admin/login/", {"username": world.analyst.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_contacts_are_refused_the_back_office(world, client_for):
    client = client_for(world.admin.user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/").status_code == 403


def test_acc2_password_reset_by_email(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": world.contact.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"(/conta/senha/redefinir/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "Nova-Senha-2026", "password2": "Nova-Senha-2026"})
    assert response.status_code == 302
    assert client.login(email=world.contact.user.email, password="Nova-Senha-2026")


def test_password_reset_for_unknown_email_reveals_nothing(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "ninguem@nada.example"})
    assert response.status_code == 302
    assert all("/senha/redefinir/" not in m.body for m in mail.outbox)


def test_logout_needs_post(world, client_for):
    client = client_for(world.contact.user)
    client.get(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302
