"""Portal pages of inbox, mounted at the site root by portal/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
