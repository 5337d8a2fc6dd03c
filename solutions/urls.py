"""Portal pages of solutions, mounted at the site root by portal/urls.py."""

from django.urls import path

from .web.views import SolutionSearchView

urlpatterns = [
    path("solucoes/", SolutionSearchView.as_view(), name="solution-search"),
]
