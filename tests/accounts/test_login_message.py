"""After logging in, a short greeting by first name (not allauth's "Conectado com sucesso como
Bruno Lima <bruno@…>")."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.helpers import flash

pytestmark = pytest.mark.django_db


def test_the_login_greets_by_first_name(world, client):
    user = world.contact.user
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert flash(response) == [f"Olá, {user.full_name.split(' ')[0]}!"]
    assert user.email not in " ".join(flash(response))
