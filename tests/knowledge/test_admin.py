"""The knowledge base's back-office (SELF-1): analysts write and publish through the services (the
routine must be of the product, a video needs its checked file), preview the Markdown, get each
image's snippet; the list shows views and answers in constant queries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge.models import Article
from tests.helpers import logged_in

from .conftest import PNG

pytestmark = pytest.mark.django_db

ADD = "admin:knowledge_article_add"


def form(catalogue, **fields):
    data = {
        "kind": "faq",
        "title": "Como calcular férias",
        "slug": "",
        "summary": "Cálculo de férias.",
        "product": catalogue.product.pk,
        "routine": catalogue.routine.pk,
        "body": "## Passos\n\n1. Abra a rotina.",
        "status": "published",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_an_analyst_writes_and_publishes_an_article(client, world, catalogue):
    client = logged_in(client, world.analyst)
    response = client.post(reverse(ADD), form(catalogue))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert (article.slug, article.author, article.status) == (
        "como-calcular-ferias",
        world.analyst,
        "published",
    )
    assert article.published_at is not None
    assert article.body_text == "Passos\nAbra a rotina."


def test_the_services_rules_show_on_the_form(client, world, catalogue):
    from tests.factories import RoutineFactory

    client = logged_in(client, world.analyst)
    foreign = RoutineFactory(product=catalogue.other_product, name="Férias")
    response = client.post(reverse(ADD), form(catalogue, routine=foreign.pk))
    assert response.status_code == 200
    assert "A rotina escolhida não pertence ao produto do artigo." in response.content.decode()
    response = client.post(reverse(ADD), form(catalogue, kind="video"))
    assert "Um artigo do tipo vídeo precisa do arquivo do vídeo." in response.content.decode()
    fake = SimpleUploadedFile("aula.mp4", b"not a video at all", content_type="video/mp4")
    response = client.post(reverse(ADD), {**form(catalogue, kind="video"), "video": fake})
    assert "o conteúdo não corresponde à extensão .mp4" in response.content.decode()
    assert not Article.objects.exists()


def test_images_inline_with_their_snippet(client, world, catalogue):
    client = logged_in(client, world.analyst)
    data = form(catalogue, **{"images-TOTAL_FORMS": "1", "images-0-alt": "Tela de férias"})
    data["images-0-image"] = SimpleUploadedFile("tela.png", PNG, content_type="image/png")
    assert client.post(reverse(ADD), data).status_code == 302
    article = Article.objects.get()
    image = article.images.get()
    assert image.content_type == "image/png"
    page = client.get(reverse("admin:knowledge_article_change", args=[article.pk])).content.decode()
    assert f"![Tela de férias](/base/imagem/{image.pk}/)" in page
    bad = form(catalogue, title="Outro", **{"images-TOTAL_FORMS": "1", "images-0-alt": "x"})
    bad["images-0-image"] = SimpleUploadedFile("tela.png", b"GIF89a fake", content_type="image/png")
    assert "o conteúdo não corresponde à extensão .png" in client.post(reverse(ADD), bad).content.decode()


def test_preview_renders_safely_by_post_only(client, world):
    client = logged_in(client, world.analyst)
    url = reverse("admin:knowledge_article_preview")
    assert client.get(url).status_code == 405
    response = client.post(url, {"body": "**forte** <script>alert(1)</script>"})
    assert "<strong>forte</strong>" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert logged_in(client, world.contact.user).post(url, {"body": "x"}).status_code == 302


def test_the_list_shows_views_and_answers_in_constant_queries(
    client, world, write, django_assert_max_num_queries
):
    client = logged_in(client, world.leader)
    url = reverse("admin:knowledge_article_changelist")
    write("Primeiro")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(10):
        write(f"Artigo {n}")
    with django_assert_max_num_queries(len(first)):
        response = client.get(url)
    assert "Artigo 9" in response.content.decode()
