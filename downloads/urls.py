"""Portal pages of downloads, mounted at the site root by portal/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("downloads/", views.PackageListView.as_view(), name="download-list"),
    path("downloads/<id:pk>/arquivo/", views.package_file, name="download-file"),
]
