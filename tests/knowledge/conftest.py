"""Articles for the knowledge base tests, written through the services as an analyst would."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import Article, ArticleImage

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 64


@pytest.fixture
def write(world, catalogue):
    """`write(title, body="", **fields)`: an article saved by the analyst (published unless told)."""

    def _write(title: str, body: str = "", **fields):
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("product", catalogue.product)
        video = fields.pop("video_bytes", None)
        article = Article(title=title, body=body or f"Texto de {title}.", **fields)
        if video is not None:
            article.video = SimpleUploadedFile("aula.webm", video, content_type="video/webm")
        return services.article_save(actor=world.analyst, article=article)

    return _write


@pytest.fixture
def image_of(world):
    def _image(article, content: bytes = PNG):
        image = ArticleImage(article=article, alt="Tela de cálculo")
        image.image = SimpleUploadedFile("tela.png", content, content_type="image/png")
        return services.image_save(actor=world.analyst, image=image)

    return _image
