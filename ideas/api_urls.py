"""API routes of ideas, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
