"""ACC-6: a company with a financial pendency sees the download list but every download is refused
with a page saying why and where to go (the CST, through an administrative/financial ticket)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Company
from downloads.models import DownloadLog
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

PENDENCY = Company.FinancialStatus.PENDENCY


@pytest.fixture
def in_pendency(world):
    world.company.financial_status = PENDENCY
    world.company.save()
    return world.company


def test_acc6_the_download_is_refused_with_a_page_that_says_why_and_where_to_go(world, shelf, in_pendency):
    response = logged_in(Client(), world.contact.user).get(
        reverse("download-file", kwargs={"pk": shelf.erp_package.pk})
    )

    assert response.status_code == 403
    assert "Content-Disposition" not in response
    page = response.content.decode()
    assert "Download bloqueado" in page
    assert "Downloads bloqueados por pendência financeira. Procure o Centro de Serviços (CST)." in page
    assert "chamado administrativo ou financeiro" in page
    assert f'href="{reverse("ticket-new")}"' in page
    assert not DownloadLog.objects.exists()


def test_acc6_the_list_stays_readable_with_a_banner(world, shelf, in_pendency):
    response = logged_in(Client(), world.admin.user).get(reverse("download-list"))

    assert response.status_code == 200
    assert response.context["blocked"] is True
    page = response.content.decode()
    assert "Downloads bloqueados por pendência financeira." in page
    assert "Atualização do faturamento" in page
    assert "Abrir chamado com o CST" in page


def test_acc6_a_regular_company_has_no_banner(world, shelf):
    response = logged_in(Client(), world.admin.user).get(reverse("download-list"))

    assert response.context["blocked"] is False
    assert "Downloads bloqueados" not in response.content.decode()


def test_acc6_the_api_refuses_with_403_and_the_message(world, shelf, in_pendency):
    client = logged_in(APIClient(), world.contact.user)

    listed = client.get(reverse("api-download-list"))
    response = client.get(reverse("api-download-file", kwargs={"pk": shelf.erp_package.pk}))

    assert listed.status_code == 200 and len(listed.json()["results"]) == 1
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Downloads bloqueados por pendência financeira. Procure o Centro de Serviços (CST).",
        "code": "financial_pendency",
    }
    assert not DownloadLog.objects.exists()


def test_acc6_another_product_stays_404_under_pendency(world, shelf, in_pendency):
    response = logged_in(Client(), world.contact.user).get(
        reverse("download-file", kwargs={"pk": shelf.retail_package.pk})
    )

    assert response.status_code == 404


def test_acc6_a_partner_is_refused_when_every_served_company_of_the_line_has_a_pendency(
    world, shelf, in_pendency
):
    client = logged_in(Client(), world.partner)

    assert client.get(reverse("download-list")).context["blocked"] is True
    assert client.get(reverse("download-file", kwargs={"pk": shelf.erp_package.pk})).status_code == 403


def test_acc6_a_partner_downloads_when_one_served_company_of_the_line_is_regular(world, shelf, in_pendency):
    from tests.factories import CompanyFactory

    regular = CompanyFactory(partner_unit=world.company.partner_unit)
    regular.product_lines.add(shelf.erp.line)
    client = logged_in(Client(), world.partner)

    assert client.get(reverse("download-list")).context["blocked"] is False
    assert client.get(reverse("download-file", kwargs={"pk": shelf.erp_package.pk})).status_code == 200
    assert DownloadLog.objects.get().company is None


def test_acc6_staff_always_download(world, shelf, in_pendency):
    response = logged_in(Client(), world.analyst).get(
        reverse("download-file", kwargs={"pk": shelf.erp_package.pk})
    )

    assert response.status_code == 200
