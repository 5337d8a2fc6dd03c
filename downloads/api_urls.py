"""API routes of downloads, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import path

from .api import views

urlpatterns = [
    path("downloads/", views.PackageListView.as_view(), name="api-download-list"),
    path("downloads/<id:pk>/file/", views.PackageFileView.as_view(), name="api-download-file"),
]
