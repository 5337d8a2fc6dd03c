"""Portal pages of billable consultancy (CON-3, CON-8)."""

from django.urls import path

from .statement import ConsultancyStatementView, StatementPdfDownloadView, StatementPdfRequestView
from .terms import ConsultancyListView, TermAcceptView, TermDeclineView, TermView

urlpatterns = [
    path("consultoria/", ConsultancyListView.as_view(), name="consultancy-list"),
    path("consultoria/extrato/", ConsultancyStatementView.as_view(), name="consultancy-statement"),
    path("consultoria/extrato/pdf/", StatementPdfRequestView.as_view(), name="consultancy-statement-pdf"),
    path(
        "consultoria/extrato/pdf/<id:pk>/",
        StatementPdfDownloadView.as_view(),
        name="consultancy-statement-pdf-download",
    ),
    path("consultoria/<id:pk>/termo/", TermView.as_view(), name="consultancy-term"),
    path("consultoria/<id:pk>/termo/aceitar/", TermAcceptView.as_view(), name="consultancy-term-accept"),
    path("consultoria/<id:pk>/termo/recusar/", TermDeclineView.as_view(), name="consultancy-term-decline"),
]
