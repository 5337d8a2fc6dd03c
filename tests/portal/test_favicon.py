"""The portal's icon: linked from every portal page, and /favicon.ico (which browsers ask for on
the back-office and on files) leads to the same static file."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_icon_the_pages_link(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url.endswith("img/favicon.svg")
    home = client.get(reverse("holiday-calendar")).content.decode()
    assert f'<link rel="icon" href="{response.url}" type="image/svg+xml">' in home
    assert client.post("/favicon.ico").status_code == 405
