"""Portal pages of knowledge, mounted at the site root by portal/urls.py."""

from django.urls import path

from .web import files, pages, readers

urlpatterns = [
    path("base/", pages.HomeView.as_view(), name="kb-home"),
    path("base/videos/", pages.VideosView.as_view(), name="kb-videos"),
    path("base/sugestoes/", readers.SuggestionsView.as_view(), name="kb-suggestions"),
    path("base/sugestoes/resolveu/", readers.DeflectView.as_view(), name="kb-deflect"),
    path("base/imagem/<id:pk>/", files.ImageView.as_view(), name="kb-image"),
    path("base/<slug:slug>/", pages.ArticleView.as_view(), name="kb-article"),
    path("base/<slug:slug>/video/", files.VideoFileView.as_view(), name="kb-video"),
    path("base/<slug:slug>/ajudou/", readers.FeedbackView.as_view(), name="kb-feedback"),
]
