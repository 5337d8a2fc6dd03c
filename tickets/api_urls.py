"""REST API v1 (API-1), mounted at /api/v1/ by portal/urls.py. Schema and docs are public: they
describe the API, never any company's data (TEN-2)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts.api import TokenLoginView

from . import api, api_lifecycle

urlpatterns = [
    path("auth/token/", TokenLoginView.as_view(), name="api-token"),
    path("tickets/", api.TicketListView.as_view(), name="api-ticket-list"),
    path("tickets/<str:number>/", api.TicketDetailView.as_view(), name="api-ticket-detail"),
    path("tickets/<str:number>/messages/", api.TicketMessagesView.as_view(), name="api-ticket-messages"),
    path(
        "tickets/<str:number>/attachments/",
        api.TicketAttachmentsView.as_view(),
        name="api-ticket-attachments",
    ),
    path("tickets/<str:number>/assign/", api.TicketAssignView.as_view(), name="api-ticket-assign"),
    path(
        "tickets/<str:number>/transition/", api.TicketTransitionView.as_view(), name="api-ticket-transition"
    ),
    path(
        "tickets/<str:number>/reclassify/", api.TicketReclassifyView.as_view(), name="api-ticket-reclassify"
    ),
    path("tickets/<str:number>/transfer/", api.TicketTransferView.as_view(), name="api-ticket-transfer"),
    path(
        "attachments/<int:pk>/download/", api.AttachmentDownloadView.as_view(), name="api-attachment-download"
    ),
    path("tickets/<str:number>/accept/", api_lifecycle.TicketAcceptView.as_view(), name="api-ticket-accept"),
    path("tickets/<str:number>/reject/", api_lifecycle.TicketRejectView.as_view(), name="api-ticket-reject"),
    path(
        "tickets/<str:number>/postpone/",
        api_lifecycle.TicketPostponeView.as_view(),
        name="api-ticket-postpone",
    ),
    path(
        "tickets/<str:number>/follow-up/",
        api_lifecycle.TicketFollowUpView.as_view(),
        name="api-ticket-follow-up",
    ),
    path("surveys/<str:token>/", api_lifecycle.SurveyView.as_view(), name="api-survey"),
    path("statement/", api_lifecycle.StatementView.as_view(), name="api-statement"),
    path("products/", api.ProductListView.as_view(), name="api-product-list"),
    path("companies/", api.CompanyListView.as_view(), name="api-company-list"),
    path("teams/", api.TeamListView.as_view(), name="api-team-list"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
