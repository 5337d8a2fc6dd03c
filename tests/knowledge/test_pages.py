"""The knowledge base's pages (SELF-1, SELF-7): who reads, Markdown never reaching the page as HTML,
views counted with F(), "Esta resposta ajudou?" once per reader, images and videos behind the
article's visibility, constant queries on every list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge.models import Article, ArticleFeedback
from tests.helpers import logged_in

from .conftest import PNG, WEBM

pytestmark = pytest.mark.django_db


def test_anonymous_users_go_to_the_login_page(client, write):
    article = write("Como calcular férias")
    for url in (reverse("kb-home"), reverse("kb-article", args=[article.slug]), reverse("kb-videos")):
        response = client.get(url)
        assert response.status_code == 302 and "/conta/entrar/" in response["Location"]


def test_markdown_is_rendered_and_raw_html_never_reaches_the_page(client, world, write):
    article = write(
        "Artigo perigoso",
        "## Passos\n\n**negrito** <script>alert('x')</script> <img src=x onerror=alert(1)>\n\n"
        "[link](javascript:alert(1))",
    )
    page = (
        logged_in(client, world.contact.user).get(reverse("kb-article", args=[article.slug])).content.decode()
    )
    assert "<h2>Passos</h2>" in page and "<strong>negrito</strong>" in page
    assert "<script>alert('x')</script>" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript:' not in page


def test_drafts_are_the_staffs_only(client, world, write, roles):
    draft = write("Rascunho", status=Article.Status.DRAFT)
    url = reverse("kb-article", args=[draft.slug])
    for role in ("contact", "admin", "partner", "other"):
        assert logged_in(client, roles[role]).get(url).status_code == 404
    for role in ("analyst", "leader"):
        response = logged_in(client, roles[role]).get(url)
        assert response.status_code == 200 and "só a equipe de atendimento vê" in response.content.decode()


def test_views_count_clients_not_staff(client, world, write):
    article = write("Como calcular férias")
    url = reverse("kb-article", args=[article.slug])
    logged_in(client, world.contact.user).get(url)
    logged_in(client, world.partner).get(url)
    logged_in(client, world.analyst).get(url)
    article.refresh_from_db()
    assert article.view_count == 2


def test_feedback_once_per_reader_changeable(client, world, write):
    article = write("Como calcular férias")
    client = logged_in(client, world.contact.user)
    url = reverse("kb-feedback", args=[article.slug])
    assert client.get(url).status_code == 405
    client.post(url, {"resposta": "sim"}, HTTP_HX_REQUEST="true")
    client.post(url, {"resposta": "sim"}, HTTP_HX_REQUEST="true")
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 0)
    response = client.post(url, {"resposta": "nao", "comentario": "Faltou o abono."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Obrigado" in response.content.decode()
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (0, 1)
    assert ArticleFeedback.objects.get().comment == "Faltou o abono."
    assert client.post(url, {"resposta": "talvez"}, HTTP_HX_REQUEST="true").status_code == 400
    logged_in(client, world.admin.user).post(url, {"resposta": "sim"})
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 1)


def test_feedback_needs_the_csrf_token(world, write):
    from django.test import Client

    article = write("Como calcular férias")
    client = logged_in(Client(enforce_csrf_checks=True), world.contact.user)
    assert client.post(reverse("kb-feedback", args=[article.slug]), {"resposta": "sim"}).status_code == 403


def test_images_follow_the_article(client, world, write, image_of):
    published = image_of(write("Publicado"))
    draft = image_of(write("Rascunho", status=Article.Status.DRAFT))
    contact = logged_in(client, world.contact.user)
    response = contact.get(reverse("kb-image", args=[published.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert contact.get(reverse("kb-image", args=[draft.pk])).status_code == 404
    assert logged_in(client, world.analyst).get(reverse("kb-image", args=[draft.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("kb-image", args=[published.pk])).status_code == 302


def test_a_video_article_plays_its_checked_file(client, world, write):
    from knowledge.models import Article as A

    video = write("Aula de férias", kind=A.Kind.VIDEO, video_bytes=WEBM)
    assert video.video_type == "video/webm"
    contact = logged_in(client, world.contact.user)
    page = contact.get(reverse("kb-article", args=[video.slug])).content.decode()
    assert "<video" in page and reverse("kb-video", args=[video.slug]) in page
    response = contact.get(reverse("kb-video", args=[video.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "video/webm"
    assert "Aula de férias" in contact.get(reverse("kb-videos")).content.decode()
    video.status = A.Status.DRAFT
    video.save()
    assert contact.get(reverse("kb-video", args=[video.slug])).status_code == 404


def test_constant_queries_on_every_list(client, world, write, catalogue, django_assert_max_num_queries):
    def many(n: int, start: int) -> None:
        for i in range(start, start + n):
            write(f"Cálculo de férias {i}", f"Férias número {i}.", routine=catalogue.routine)
        write(f"Vídeo {start}", kind=Article.Kind.VIDEO, video_bytes=WEBM)

    client = logged_in(client, world.contact.user)
    urls = [
        reverse("kb-home"),
        reverse("kb-home") + "?q=ferias",
        reverse("kb-home") + f"?produto={catalogue.product.pk}&rotina={catalogue.routine.pk}&tipo=faq",
        reverse("kb-videos"),
    ]
    many(3, 0)
    counts = {}
    for url in urls:
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    many(25, 100)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)
    first = write("Primeiro")
    with django_assert_max_num_queries(12):
        client.get(reverse("kb-article", args=[first.slug]))
