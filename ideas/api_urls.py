"""API routes of ideas, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import path

from .api.views import SuggestionDetailView, SuggestionListView, SuggestionSupportView, SuggestionWithdrawView

urlpatterns = [
    path("suggestions/", SuggestionListView.as_view(), name="api-suggestion-list"),
    path("suggestions/<id:pk>/", SuggestionDetailView.as_view(), name="api-suggestion-detail"),
    path("suggestions/<id:pk>/support/", SuggestionSupportView.as_view(), name="api-suggestion-support"),
    path(
        "suggestions/<id:pk>/withdraw-support/",
        SuggestionWithdrawView.as_view(),
        name="api-suggestion-withdraw",
    ),
]
