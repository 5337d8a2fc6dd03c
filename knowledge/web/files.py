"""An article's images and video, served locally to who may read the article (404 otherwise, like
a missing file; anonymous users go to the login page)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpRequest
from django.views import View

from accounts import access

from ..models import Article, ArticleImage


def _inline(field: object, content_type: str) -> FileResponse:
    """The checked file shown in the page (an <img>, a <video>): its own content type, never sniffed
    or run, not kept by shared caches."""
    try:
        handle = field.open("rb")  # type: ignore[attr-defined]
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


class ImageView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        image = ArticleImage.objects.filter(
            pk=pk, article__in=access.articles_visible_to(request.user).values("pk")
        ).first()
        if image is None:
            raise Http404
        return _inline(image.image, image.content_type)


class VideoFileView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> FileResponse:
        article = (
            access.articles_visible_to(request.user)
            .filter(slug=slug, kind=Article.Kind.VIDEO)
            .only("video", "video_type")
            .first()
        )
        if article is None or not article.video:
            raise Http404
        return _inline(article.video, article.video_type or "video/mp4")
