"""Portal pages of ombudsman, mounted at the site root by portal/urls.py."""

from django.urls import path

from .web.views import CaseDetailView, CaseListView, CaseMessageView, CaseNewView

urlpatterns = [
    path("ouvidoria/", CaseListView.as_view(), name="ombudsman-list"),
    path("ouvidoria/nova/", CaseNewView.as_view(), name="ombudsman-new"),
    path("ouvidoria/<str:protocol>/", CaseDetailView.as_view(), name="ombudsman-detail"),
    path("ouvidoria/<str:protocol>/mensagem/", CaseMessageView.as_view(), name="ombudsman-message"),
]
