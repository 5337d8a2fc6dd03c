"""The news portal pages (SELF-4): everyone signed in reads published news and pages; drafts and
scheduled news are 404 for clients and a preview for staff; filters, pagination, constant queries."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import NewsItem, Page, ProductLifecycle
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login(client):
    for name in ("news-list", "page-index", "lifecycle", "event-list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/conta/entrar/" in response["Location"]


def test_drafts_and_scheduled_news_are_hidden_from_clients_and_previewed_by_staff(world, make_news):
    published = make_news("Publicada")
    draft = make_news("Rascunho secreto", draft=True)
    scheduled = make_news("Agendada", days_ago=-2)
    for user in (world.contact.user, world.partner, world.other_admin.user):
        client = logged_in(Client(), user)
        listing = client.get(reverse("news-list")).content.decode()
        assert "Publicada" in listing
        assert "Rascunho secreto" not in listing and "Agendada" not in listing
        assert client.get(reverse("news-detail", args=[draft.slug])).status_code == 404
        assert client.get(reverse("news-detail", args=[scheduled.slug])).status_code == 404
        assert client.get(reverse("news-detail", args=[published.slug])).status_code == 200
    staff = logged_in(Client(), world.analyst)
    preview = staff.get(reverse("news-detail", args=[draft.slug]))
    assert preview.status_code == 200
    assert "Rascunho (só a equipe vê)" in preview.content.decode()
    listing = staff.get(reverse("news-list"))
    assert "Agendada (só a equipe vê)" in listing.content.decode()
    # Drafts first (on every database), then the newest publication instant.
    assert [item.title for item in listing.context["page"]] == ["Rascunho secreto", "Agendada", "Publicada"]


def test_the_detail_renders_the_body_safely(world, make_news):
    item = make_news("Perigo")
    item.body = "## Título\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    services.news_save(actor=world.analyst, item=item)
    html = (
        logged_in(Client(), world.contact.user).get(reverse("news-detail", args=[item.slug])).content.decode()
    )
    assert "<h2>Título</h2>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_news_filters_by_kind_and_product(world, catalogue, make_news):
    make_news("Release do ERP", product=catalogue.erp)
    make_news("Release do PDV", product=catalogue.pdv)
    make_news("Aviso geral")
    client = logged_in(Client(), world.contact.user)
    url = reverse("news-list")

    def titles(**query):
        page = client.get(url, query).context["page"]
        return sorted(item.title for item in page)

    assert titles() == ["Aviso geral", "Release do ERP", "Release do PDV"]
    assert titles(tipo="release") == ["Release do ERP", "Release do PDV"]
    assert titles(tipo="news") == ["Aviso geral"]
    assert titles(produto=str(catalogue.pdv.pk)) == ["Release do PDV"]
    assert titles(tipo="release", produto=str(catalogue.erp.pk)) == ["Release do ERP"]
    # Unknown values are ignored (all), never an error.
    assert titles(tipo="xyz", produto="999999") == ["Aviso geral", "Release do ERP", "Release do PDV"]


def test_news_list_is_paginated_with_constant_queries(
    world, catalogue, make_news, django_assert_max_num_queries
):
    client = logged_in(Client(), world.contact.user)
    make_news("Primeira", product=catalogue.erp)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("news-list"))
    for n in range(25):
        make_news(f"Notícia {n}", product=catalogue.erp if n % 2 else None, days_ago=n + 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("news-list"))
    page = response.context["page"]
    assert page.paginator.num_pages == 3
    assert len(page.object_list) == 10
    assert page[0].title == "Primeira"
    last = client.get(reverse("news-list"), {"page": 3}).context["page"]
    assert len(last.object_list) == 6


def test_pages_index_and_detail_hide_unpublished_pages_from_clients(world):
    services.page_save(
        actor=world.analyst,
        page=Page(title="Política de atendimento", body="## Canais", is_published=True, order=1),
    )
    hidden = services.page_save(actor=world.analyst, page=Page(title="Em revisão", body="x", order=2))
    client = logged_in(Client(), world.contact.user)
    index = client.get(reverse("page-index")).content.decode()
    assert "Política de atendimento" in index
    assert "Em revisão" not in index
    assert reverse("holiday-calendar") in index  # CAL-4 linked from the pages
    assert client.get(reverse("page-detail", args=[hidden.slug])).status_code == 404
    detail = client.get(reverse("page-detail", args=["politica-de-atendimento"])).content.decode()
    assert "<h2>Canais</h2>" in detail
    assert (
        logged_in(Client(), world.leader).get(reverse("page-detail", args=[hidden.slug])).status_code == 200
    )


def test_lifecycle_lists_the_clients_products_first_with_their_status(
    world, catalogue, django_assert_max_num_queries
):
    today = timezone.localdate()
    services.lifecycle_save(
        actor=world.analyst,
        row=ProductLifecycle(
            version=catalogue.pdv_version,
            released_on=today - timedelta(days=900),
            supported_until=today - timedelta(days=1),
        ),
    )
    services.lifecycle_save(
        actor=world.analyst,
        row=ProductLifecycle(
            version=catalogue.erp_version,
            released_on=today - timedelta(days=30),
            supported_until=today + timedelta(days=60),
        ),
    )
    client = logged_in(Client(), world.contact.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("lifecycle"))
    groups = response.context["groups"]
    assert [(g.product.name, g.mine) for g in groups] == [("ERP Backoffice", True), ("PDV Varejo", False)]
    assert [line.label for g in groups for line in g.lines] == ["Suporte termina em breve", "Sem suporte"]
    html = response.content.decode()
    assert "Seus produtos" in html and "Outros produtos" in html
    # Beta contracts the PDV: its products come first for its administrator.
    other = logged_in(Client(), world.other_admin.user).get(reverse("lifecycle")).context["groups"]
    assert [(g.product.name, g.mine) for g in other] == [("PDV Varejo", True), ("ERP Backoffice", False)]
    # Staff see every product alike; a product filter narrows the table.
    staff = logged_in(Client(), world.analyst).get(reverse("lifecycle"), {"produto": catalogue.pdv.pk})
    assert [(g.product.name, g.mine) for g in staff.context["groups"]] == [("PDV Varejo", False)]
    assert "Seus produtos" not in staff.content.decode()


def test_lifecycle_queries_do_not_grow_with_rows(world, django_assert_max_num_queries):
    from tests.factories import ProductFactory, VersionFactory

    client = logged_in(Client(), world.contact.user)
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            version = VersionFactory(product=ProductFactory())
            ProductLifecycle.objects.create(
                version=version, released_on=today, supported_until=today + timedelta(days=i)
            )

    add(1)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("lifecycle"))
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("lifecycle")).context["groups"]) == 16
    assert NewsItem.objects.count() == 0
