"""Portal pages of ideas, mounted at the site root by portal/urls.py."""

from django.urls import path

from .web.views import (
    SuggestionDetailView,
    SuggestionListView,
    SuggestionNewView,
    SuggestionSupportView,
    SuggestionWithdrawView,
)

urlpatterns = [
    path("sugestoes/", SuggestionListView.as_view(), name="suggestion-list"),
    path("sugestoes/nova/", SuggestionNewView.as_view(), name="suggestion-new"),
    path("sugestoes/<id:pk>/", SuggestionDetailView.as_view(), name="suggestion-detail"),
    path("sugestoes/<id:pk>/apoiar/", SuggestionSupportView.as_view(), name="suggestion-support"),
    path("sugestoes/<id:pk>/retirar-apoio/", SuggestionWithdrawView.as_view(), name="suggestion-withdraw"),
]
