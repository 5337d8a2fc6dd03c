"""Deflections (SELF-2): a client who says a suggestion solved it is counted (POST only, CSRF), per
product and month on the leaders' page (analysts 403), and the new-ticket page asks for suggestions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Article, Deflection
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(write):
    return write("Erro ao emitir NF-e", "Rejeição 539.")


def test_a_client_records_a_deflection(client, world, article, catalogue):
    client = logged_in(client, world.contact.user)
    url = reverse("kb-deflect")
    assert client.get(url).status_code == 405
    response = client.post(
        url,
        {"artigo": article.pk, "q": "erro ao emitir nota", "produto": catalogue.product.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Que bom! Nenhum chamado foi aberto." in response.content.decode()
    assert reverse("ticket-list") in response.content.decode()
    deflection = Deflection.objects.get()
    assert (deflection.user, deflection.company, deflection.product, deflection.article) == (
        world.contact.user,
        world.company,
        catalogue.product,
        article,
    )
    assert deflection.query == "erro ao emitir nota"
    full = client.post(url, {"artigo": article.pk, "q": "x"})
    assert full.status_code == 200 and "<html" in full.content.decode()


def test_a_partner_counts_for_a_served_company_only(client, world, article):
    client = logged_in(client, world.partner)
    client.post(reverse("kb-deflect"), {"artigo": article.pk, "empresa": world.company.pk})
    client.post(reverse("kb-deflect"), {"artigo": article.pk, "empresa": world.other_company.pk})
    assert list(Deflection.objects.order_by("pk").values_list("company_id", flat=True)) == [
        world.company.pk,
        None,
    ]


def test_staff_drafts_and_forged_posts_are_refused(world, article, write):
    draft = write("Rascunho", status=Article.Status.DRAFT)
    assert (
        logged_in(Client(), world.analyst).post(reverse("kb-deflect"), {"artigo": article.pk}).status_code
        == 403
    )
    assert (
        logged_in(Client(), world.contact.user).post(reverse("kb-deflect"), {"artigo": draft.pk}).status_code
        == 404
    )
    assert logged_in(Client(), world.contact.user).post(reverse("kb-deflect"), {}).status_code == 400
    forged = logged_in(Client(enforce_csrf_checks=True), world.contact.user)
    assert forged.post(reverse("kb-deflect"), {"artigo": article.pk}).status_code == 403
    assert Deflection.objects.count() == 0


def test_the_new_ticket_page_asks_for_suggestions_while_typing(client, world, catalogue):
    page = logged_in(client, world.contact.user).get(reverse("ticket-new")).content.decode()
    assert 'id="kb-suggestions"' in page
    assert reverse("kb-suggestions") in page
    assert "keyup changed delay:400ms from:#id_summary" in page


def test_leaders_see_deflections_per_product_and_month(
    client, world, article, catalogue, django_assert_max_num_queries
):
    now = timezone.now()
    for days, product in (
        (0, catalogue.product),
        (1, catalogue.product),
        (40, catalogue.other_product),
        (400, None),
    ):
        row = Deflection.objects.create(
            user=world.contact.user, company=world.company, product=product, article=article
        )
        Deflection.objects.filter(pk=row.pk).update(created_at=now - timedelta(days=days))
    url = reverse("admin:knowledge_deflection_report")
    assert logged_in(Client(), world.analyst).get(url).status_code == 403
    assert (
        logged_in(Client(), world.analyst).get(reverse("admin:knowledge_deflection_changelist")).status_code
        == 403
    )
    leader = logged_in(client, world.leader)
    start = (now - timedelta(days=60)).date().isoformat()
    end = now.date().isoformat()
    leader.get(url, {"start": start, "end": end})
    with django_assert_max_num_queries(12):
        response = leader.get(url, {"start": start, "end": end})
    report = response.context["report"]
    assert report.total == 3
    assert {row["product__name"]: row["count"] for row in report.by_product} == {
        catalogue.product.name: 2,
        catalogue.other_product.name: 1,
    }
    assert sum(row["count"] for row in report.by_month) == 3
    assert "Chamados evitados" in response.content.decode()
    assert leader.get(url, {"start": end, "end": start}).status_code == 200  # an inverted period: a message
