"""API routes of solutions, mounted at /api/v1/ by portal/api_urls.py."""

from django.urls import path

from .api.views import SolutionSearchView

urlpatterns = [
    path("solutions/", SolutionSearchView.as_view(), name="api-solution-search"),
]
