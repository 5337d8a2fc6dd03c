"""Consultancy routes of the REST API v1 (API-1), included by portal/api_urls.py at /api/v1/."""

from django.urls import path

from .views import actions, billing, consultancies

CONSULTANCY = "consultancies/<id:pk>/"

urlpatterns = [
    path(
        "tickets/<str:number>/consultancy/",
        consultancies.TicketConsultancyRequestView.as_view(),
        name="api-ticket-consultancy",
    ),
    path("consultancies/", consultancies.ConsultancyListView.as_view(), name="api-consultancy-list"),
    path(CONSULTANCY, consultancies.ConsultancyDetailView.as_view(), name="api-consultancy-detail"),
    path(CONSULTANCY + "approve/", actions.ConsultancyApproveView.as_view(), name="api-consultancy-approve"),
    path(CONSULTANCY + "refuse/", actions.ConsultancyRefuseView.as_view(), name="api-consultancy-refuse"),
    path(CONSULTANCY + "accept/", actions.ConsultancyAcceptView.as_view(), name="api-consultancy-accept"),
    path(CONSULTANCY + "decline/", actions.ConsultancyDeclineView.as_view(), name="api-consultancy-decline"),
    path(
        CONSULTANCY + "sessions/", actions.ConsultancySessionsView.as_view(), name="api-consultancy-sessions"
    ),
    path(CONSULTANCY + "finish/", actions.ConsultancyFinishView.as_view(), name="api-consultancy-finish"),
    path(
        "consultancy-sessions/<id:pk>/entries/",
        actions.SessionEntriesView.as_view(),
        name="api-consultancy-session-entries",
    ),
    path(
        "consultancy-entries/<id:pk>/correct/",
        actions.EntryCorrectView.as_view(),
        name="api-consultancy-entry-correct",
    ),
    path(
        "consultancy-statement/", billing.ConsultancyStatementView.as_view(), name="api-consultancy-statement"
    ),
    path("consultancy-rates/", billing.ConsultancyRatesView.as_view(), name="api-consultancy-rates"),
    path("consultancy-rates/igpm/", billing.IgpmAdjustView.as_view(), name="api-consultancy-rates-igpm"),
]
