"""API routes of knowledge, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import path

from .api import views

urlpatterns = [
    path("kb/articles/", views.ArticleListView.as_view(), name="api-kb-articles"),
    path("kb/articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="api-kb-article"),
    path("kb/articles/<slug:slug>/feedback/", views.FeedbackView.as_view(), name="api-kb-feedback"),
    path("kb/suggestions/", views.SuggestionsView.as_view(), name="api-kb-suggestions"),
    path("kb/deflections/", views.DeflectionCreateView.as_view(), name="api-kb-deflections"),
]
