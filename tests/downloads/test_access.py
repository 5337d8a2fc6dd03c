"""Who sees which package and who gets its file (SELF-6, TEN-2, TEN-3): the products of the
company's product lines; another product's package is a 404 like a missing one."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from downloads.models import DownloadLog
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def _file_url(package) -> str:
    return reverse("download-file", kwargs={"pk": package.pk})


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_self6_a_contact_lists_only_the_packages_of_their_companys_products(world, shelf):
    response = logged_in(Client(), world.contact.user).get(reverse("download-list"))

    assert response.status_code == 200
    assert [p.title for p in response.context["page"].object_list] == ["Atualização do faturamento"]
    assert "PDV 4.0.3" not in response.content.decode()
    assert "Patch em homologação" not in response.content.decode()  # unpublished


def test_self6_a_contact_downloads_a_package_of_their_product(world, shelf):
    response = logged_in(Client(), world.contact.user).get(_file_url(shelf.erp_package))

    assert response.status_code == 200
    body = _body(response)
    assert body == b"PK\x03\x04 conteudo do pacote"
    assert hashlib.sha256(body).hexdigest() == shelf.erp_package.sha256
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="pacote.zip"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_ten2_another_products_package_is_not_found_and_nothing_is_logged(world, shelf):
    client = logged_in(Client(), world.contact.user)

    assert client.get(_file_url(shelf.retail_package)).status_code == 404
    assert client.get(reverse("download-file", kwargs={"pk": 999_999})).status_code == 404
    assert not DownloadLog.objects.exists()


def test_ten2_another_companys_administrator_gets_404_on_the_file(world, shelf):
    client = logged_in(Client(), world.other_admin.user)

    assert client.get(_file_url(shelf.erp_package)).status_code == 404
    assert client.get(_file_url(shelf.retail_package)).status_code == 200  # their own product


def test_self6_an_unpublished_package_is_not_found_for_clients_but_staff_may_check_it(world, shelf):
    assert logged_in(Client(), world.admin.user).get(_file_url(shelf.draft)).status_code == 404
    assert logged_in(Client(), world.analyst).get(_file_url(shelf.draft)).status_code == 200


def test_anonymous_is_sent_to_the_login_page(shelf):
    for url in (reverse("download-list"), _file_url(shelf.erp_package)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not DownloadLog.objects.exists()


def test_ten3_a_partner_consultant_sees_the_products_of_the_companies_their_unit_serves(world, shelf):
    client = logged_in(Client(), world.partner)

    titles = [p.title for p in client.get(reverse("download-list")).context["page"].object_list]

    assert titles == ["Atualização do faturamento"]
    assert client.get(_file_url(shelf.erp_package)).status_code == 200
    assert client.get(_file_url(shelf.retail_package)).status_code == 404


def test_staff_see_every_published_package_with_its_download_count(world, shelf):
    logged_in(Client(), world.contact.user).get(_file_url(shelf.erp_package))

    response = logged_in(Client(), world.leader).get(reverse("download-list"))

    rows = {p.title: p.download_count for p in response.context["page"].object_list}
    assert rows == {"Atualização do faturamento": 1, "PDV 4.0.3": 0}
    assert logged_in(Client(), world.analyst).get(_file_url(shelf.retail_package)).status_code == 200


def test_the_file_is_not_under_any_public_url(settings, shelf):
    assert settings.STORAGES["default"]["OPTIONS"]["base_url"] is None
    assert not shelf.erp_package.file.name.endswith("pacote.zip")  # a random stored name
    assert Client().get("/media/" + shelf.erp_package.file.name).status_code == 404


# --- API --------------------------------------------------------------------------------------------------


def test_api_lists_the_same_packages_as_the_portal(world, shelf):
    response = logged_in(APIClient(), world.contact.user).get(reverse("api-download-list"))

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["title"] == "Atualização do faturamento"
    assert row["product"] == {"id": shelf.erp.pk, "name": "ERP Backoffice"}
    assert row["version"] == "12.1.2510"
    assert row["sha256"] == shelf.erp_package.sha256
    assert row["size"] == shelf.erp_package.size
    assert row["file_url"].endswith(reverse("api-download-file", kwargs={"pk": shelf.erp_package.pk}))
    assert "download_count" not in row


def test_api_file_is_checked_like_the_portal(world, shelf):
    client = logged_in(APIClient(), world.contact.user)

    ok = client.get(reverse("api-download-file", kwargs={"pk": shelf.erp_package.pk}))
    foreign = client.get(reverse("api-download-file", kwargs={"pk": shelf.retail_package.pk}))

    assert ok.status_code == 200
    assert _body(ok) == b"PK\x03\x04 conteudo do pacote"
    assert foreign.status_code == 404
    assert foreign.json() == {"detail": "Não encontrado.", "code": "not_found"}
    assert APIClient().get(reverse("api-download-list")).status_code == 401
    [log] = DownloadLog.objects.all()
    assert log.channel == DownloadLog.Channel.API


def test_api_staff_get_the_download_count(world, shelf):
    response = logged_in(APIClient(), world.analyst).get(reverse("api-download-list"))

    assert {row["title"]: row["download_count"] for row in response.json()["results"]} == {
        "Atualização do faturamento": 0,
        "PDV 4.0.3": 0,
    }
