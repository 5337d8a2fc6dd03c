"""The second factor (SEC-5): mandatory for analysts and leaders before any back-office page,
optional for contacts; allauth's mfa asks for the code at login."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import PASSWORD
from tests.helpers import authenticator_app, totp_code

pytestmark = pytest.mark.django_db

ADMIN_URLS = ["/admin/", "/admin/tickets/ticket/", "/admin/accounts/company/", "/admin/password_change/"]
# Staff-only pages beside the back-office, and the portal itself.
STAFF_URLS = ["/atendimento/telefone/", "/chat/atendimento/", "/"]


def _password_login(client: Client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


@pytest.mark.parametrize("who", ["analyst", "leader"])
def test_sec5_staff_without_an_authenticator_is_sent_to_activate_one_from_every_admin_url(world, who):
    user = getattr(world, who)
    client = Client()
    client.force_login(user)  # no second factor at all
    for url in ADMIN_URLS + STAFF_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url
    # Signing out, the second factor's own pages and the health check stay open.
    activate = client.get(reverse("mfa_activate_totp"))  # open (allauth may first ask the password again)
    assert activate.status_code == 200 or activate["Location"].startswith("/conta/reautenticar/")
    assert client.get("/healthz/").status_code in (200, 503)
    page = client.get("/admin/", follow=True)
    assert page.status_code == 200
    assert "ative a verificação em duas etapas" in page.content.decode()


@pytest.mark.django_db(transaction=True)  # allauth announces the activation once it is committed
def test_sec5_activating_the_authenticator_app_opens_the_back_office(world):
    client = Client()
    _password_login(client, world.analyst.email)
    assert client.get("/admin/").status_code == 302
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=world.analyst, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=world.analyst, type=Authenticator.Type.RECOVERY_CODES).exists()
    # The audit trail records the change of second factor (issue 14: MFA changes are security events).
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.MFA_ADDED, actor=world.analyst).exists()
    for url in ADMIN_URLS + STAFF_URLS[:2]:
        assert client.get(url).status_code == 200, url


def test_sec5_staff_with_an_authenticator_must_type_the_code_at_login(world):
    authenticator_app(world.analyst)
    client = Client()
    response = _password_login(client, world.analyst.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Not logged in yet: the back-office sends to the login page.
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(world.analyst)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_sec5_a_staff_session_that_skipped_the_second_factor_must_pass_it(world):
    authenticator_app(world.leader)
    client = Client()
    client.force_login(world.leader)  # logged in by other means: no second factor in this session
    response = client.get("/admin/tickets/ticket/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(response["Location"], {"code": totp_code(world.leader)})
    assert response.status_code == 302
    assert client.get("/admin/tickets/ticket/").status_code == 200


def test_sec5_a_contact_is_not_forced_and_may_activate_it_from_the_profile(world):
    client = Client()
    response = _password_login(client, world.contact.user.email)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    profile = client.get(reverse("profile")).content.decode()
    assert reverse("mfa_index") in profile
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_sec5_the_api_through_a_staff_session_without_the_second_factor_is_refused(world):
    client = Client()
    client.force_login(world.analyst)
    response = client.get("/api/v1/tickets/")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert client.get("/api/v1/schema/").status_code == 200
