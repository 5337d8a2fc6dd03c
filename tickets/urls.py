"""Portal pages of tickets for client contacts and partner consultants."""

from django.urls import path, register_converter

from . import views


class TicketNumberConverter:
    """TKT-4: the 8-digit ticket number; anything else is not a ticket page (404)."""

    regex = r"[0-9]{8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(TicketNumberConverter, "ticket_number")

urlpatterns = [
    path("chamados/", views.TicketListView.as_view(), name="ticket-list"),
    path("chamados/novo/", views.TicketCreateView.as_view(), name="ticket-new"),
    path("chamados/catalogo/", views.CatalogueOptionsView.as_view(), name="ticket-catalogue-options"),
    path("chamados/semelhantes/", views.SimilarTicketsView.as_view(), name="ticket-similar"),
    path("chamados/severidade/", views.SeverityPreviewView.as_view(), name="ticket-severity-preview"),
    path("chamados/anexos/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("chamados/<ticket_number:number>/", views.TicketDetailView.as_view(), name="ticket-detail"),
    path("chamados/<ticket_number:number>/responder/", views.TicketReplyView.as_view(), name="ticket-reply"),
]
