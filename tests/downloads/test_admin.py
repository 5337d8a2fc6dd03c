"""The back-office of the download centre: analysts upload a package (size and SHA-256 computed
from the file), publish and unpublish it, and see how often it was downloaded."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from downloads.models import DownloadLog, Package
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def _form(shelf, **extra):
    return {
        "product": shelf.erp.pk,
        "version": shelf.erp_version.pk,
        "version_label": "",
        "kind": "patch",
        "title": "Patch de inventário",
        "description": "Corrige o estoque negativo.",
        "released_on": "25/11/2026",
        "is_published": "on",
        **extra,
    }


def test_self6_an_analyst_uploads_a_package_and_the_hash_is_computed(world, shelf):
    content = b"PK\x03\x04 patch de inventario"
    client = logged_in(Client(), world.analyst)

    response = client.post(
        reverse("admin:downloads_package_add"),
        _form(shelf, upload=SimpleUploadedFile("inventario.zip", content), sha256="0" * 64, size="1"),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    package = Package.objects.get(title="Patch de inventário")
    assert response["Location"] == reverse("admin:downloads_package_changelist")
    assert package.sha256 == hashlib.sha256(content).hexdigest()  # never the posted one
    assert package.size == len(content)
    assert package.uploaded_by == world.analyst
    assert package.is_published


def test_self6_the_add_form_needs_a_file_and_a_matching_version(world, shelf):
    client = logged_in(Client(), world.analyst)

    no_file = client.post(reverse("admin:downloads_package_add"), _form(shelf))
    wrong_version = client.post(
        reverse("admin:downloads_package_add"),
        _form(shelf, product=shelf.retail.pk, upload=SimpleUploadedFile("a.zip", b"PK")),
    )
    bad_type = client.post(
        reverse("admin:downloads_package_add"), _form(shelf, upload=SimpleUploadedFile("a.html", b"<b>"))
    )

    assert no_file.status_code == wrong_version.status_code == bad_type.status_code == 200
    assert "Envie o arquivo do pacote." in no_file.content.decode()
    assert "Esta versão não é do produto escolhido." in wrong_version.content.decode()
    assert "Tipo de arquivo não aceito" in bad_type.content.decode()
    assert not Package.objects.filter(title="Patch de inventário").exists()


def test_self6_changing_a_package_keeps_its_file_unless_a_new_one_is_sent(world, shelf):
    package = shelf.erp_package
    sha = package.sha256
    client = logged_in(Client(), world.leader)

    response = client.post(
        reverse("admin:downloads_package_change", args=[package.pk]),
        _form(shelf, title="Atualização do faturamento (revisada)", kind="update"),
    )

    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "Atualização do faturamento (revisada)"
    assert package.sha256 == sha
    assert "revisada" in package.search_text


def test_self6_publish_and_unpublish_from_the_list(world, shelf):
    client = logged_in(Client(), world.analyst)
    url = reverse("admin:downloads_package_changelist")

    client.post(url, {"action": "publish", "_selected_action": [shelf.draft.pk]})
    shelf.draft.refresh_from_db()
    assert shelf.draft.is_published
    client.post(url, {"action": "unpublish", "_selected_action": [shelf.draft.pk, shelf.erp_package.pk]})
    assert not Package.objects.filter(
        pk__in=[shelf.draft.pk, shelf.erp_package.pk], is_published=True
    ).exists()


def test_self6_the_list_shows_the_download_count_and_nothing_is_deleted(world, shelf):
    for _ in range(3):
        logged_in(Client(), world.contact.user).get(
            reverse("download-file", kwargs={"pk": shelf.erp_package.pk})
        )
    client = logged_in(Client(), world.analyst)

    response = client.get(reverse("admin:downloads_package_changelist"))

    counts = {row.title: row.downloads_total for row in response.context["cl"].result_list}
    assert counts["Atualização do faturamento"] == 3
    assert counts["PDV 4.0.3"] == 0
    assert (
        client.get(reverse("admin:downloads_package_delete", args=[shelf.erp_package.pk])).status_code == 403
    )
    log_page = client.get(reverse("admin:downloads_downloadlog_changelist"))
    assert log_page.status_code == 200
    assert DownloadLog.objects.count() == 3
    assert client.get(reverse("admin:downloads_downloadlog_add")).status_code == 403


def test_clients_do_not_reach_the_back_office(world, shelf):
    response = logged_in(Client(), world.admin.user).get(reverse("admin:downloads_package_changelist"))

    assert response.status_code == 302
