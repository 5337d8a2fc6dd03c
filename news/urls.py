"""Portal pages of news, mounted at the site root by portal/urls.py."""

from django.urls import path

from .web.content import LifecycleView, NewsDetailView, NewsListView, PageDetailView, PageIndexView
from .web.events import EventInterestView, EventListView, EventWithdrawView

urlpatterns = [
    path("novidades/", NewsListView.as_view(), name="news-list"),
    path("novidades/<slug:slug>/", NewsDetailView.as_view(), name="news-detail"),
    path("paginas/", PageIndexView.as_view(), name="page-index"),
    path("paginas/<slug:slug>/", PageDetailView.as_view(), name="page-detail"),
    path("ciclo-de-vida/", LifecycleView.as_view(), name="lifecycle"),
    path("tira-duvidas/", EventListView.as_view(), name="event-list"),
    path("tira-duvidas/<id:pk>/interesse/", EventInterestView.as_view(), name="event-interest"),
    path("tira-duvidas/<id:pk>/desistir/", EventWithdrawView.as_view(), name="event-withdraw"),
]
