"""API routes of ombudsman, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import path

from .api.views import CaseDetailView, CaseListView, CaseMessageView

urlpatterns = [
    path("ombudsman/cases/", CaseListView.as_view(), name="api-ombudsman-list"),
    path("ombudsman/cases/<str:protocol>/", CaseDetailView.as_view(), name="api-ombudsman-detail"),
    path("ombudsman/cases/<str:protocol>/messages/", CaseMessageView.as_view(), name="api-ombudsman-message"),
]
