"""A NUL character anywhere a request carries text is a 400 with a message, never a 500: a probe
found `ValueError: A string literal cannot contain NUL` on PostgreSQL in list filters and searches."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

MESSAGE = "O pedido contém um caractere inválido (NUL)."


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("admin", "/empresa/contatos/?q=%00"),
        ("admin", "/base/?q=f%00rias"),
        ("analyst", "/admin/tickets/ticket/?status__exact=%00"),
        ("analyst", "/admin/accounts/company/?financial_status__exact=%00"),
        ("analyst", "/admin/outbox/outboxemail/?status__exact=%00"),
        ("analyst", "/admin/tickets/ticket/?q%00=1"),
    ],
)
def test_a_nul_in_the_query_string_is_a_400_page(world, client_for, who, url):
    user = world.admin.user if who == "admin" else world.analyst
    response = client_for(user).get(url)
    assert response.status_code == 400 and MESSAGE in response.content.decode()


def test_a_nul_in_a_form_or_json_value_is_a_400(world, client_for):
    response = client_for(world.contact.user).post("/perfil/", {"full_name": "Bruno\x00"})
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    api = logged_in(APIClient(), world.contact.user)
    answer = api.post("/api/v1/tickets/", {"summary": "Erro\u0000"}, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "nul_character"
    assert api.get("/api/v1/tickets/", {"q": "\x00"}).json()["code"] == "nul_character"


def test_files_may_hold_nul_bytes(world, client_for):
    """Only text values are looked at: a binary upload is not refused for its bytes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("log.bin", b"\x00\x01\x02", content_type="application/octet-stream")
    response = client_for(world.contact.user).post("/perfil/", {"anexo": upload})
    assert response.status_code != 400 or MESSAGE not in response.content.decode()
