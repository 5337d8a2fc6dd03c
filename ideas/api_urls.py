"""API routes of ideas, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import path

from .api.views import SuggestionDetailView, SuggestionListView, SuggestionSupportView, SuggestionWithdrawView

urlpatterns = [
    path("suggestions/", SuggestionListView.as_view(), name="api-suggestion-list"),
    path("suggestions/<int:pk>/", SuggestionDetailView.as_view(), name="api-suggestion-detail"),
    path("suggestions/<int:pk>/support/", SuggestionSupportView.as_view(), name="api-suggestion-support"),
    path(
        "suggestions/<int:pk>/withdraw-support/",
        SuggestionWithdrawView.as_view(),
        name="api-suggestion-withdraw",
    ),
]
