"""REST API v1 (API-1), mounted at /api/v1/ by portal/urls.py: each app's routes, the token login,
and the schema and docs (public: they describe the API, never any company's data, TEN-2)."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.api import TokenLoginView
from statements.api import StatementView
from surveys.api import SurveyView

urlpatterns = [
    path("auth/token/", TokenLoginView.as_view(), name="api-token"),
    path("", include("tickets.api.urls")),
    path("", include("consultoria.api.urls")),
    path("", include("knowledge.api_urls")),
    path("", include("solutions.api_urls")),
    path("", include("news.api_urls")),
    path("", include("ideas.api_urls")),
    path("", include("ombudsman.api_urls")),
    path("", include("downloads.api_urls")),
    path("surveys/<str:token>/", SurveyView.as_view(), name="api-survey"),
    path("statement/", StatementView.as_view(), name="api-statement"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI (the split view: its start-up script is a file, not inline) writes inline styles:
    # on this page only, styles may be inline; scripts stay the portal's own files.
    path(
        "docs/",
        csp_replace({"style-src": [SELF, UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
