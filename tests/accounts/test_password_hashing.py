"""Argon2id with OWASP's parameters first; PBKDF2 hashes upgraded when their owner signs in.

The suite's autouse fixture swaps in MD5 for speed: these tests put the production list back."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.urls import reverse

from portal import settings as portal_settings
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = portal_settings.PASSWORD_HASHERS


def test_argon2id_with_owasp_parameters_comes_first(production_hashers):
    assert portal_settings.PASSWORD_HASHERS[0] == "accounts.hashers.OwaspArgon2PasswordHasher"
    encoded = make_password("Correta#Senha2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Correta#Senha2026", encoded) and not check_password("errada", encoded)


def test_a_pbkdf2_hash_is_upgraded_to_argon2id_on_login(production_hashers, world, client):
    user = world.contact.user
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302 and "_auth_user_id" in client.session
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)
    client.logout()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_weaker_argon2_parameters_are_upgraded_too(production_hashers, world):
    from argon2 import PasswordHasher

    user = world.contact.user
    user.password = "argon2" + PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    user.save(update_fields=["password"])
    assert user.check_password(PASSWORD)  # re-hashed with the preferred parameters and saved
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
