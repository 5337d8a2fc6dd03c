"""Portal pages of tickets for client contacts and partner consultants (the 8-digit number in the
path is a ticket page; anything else is not, so the order of the routes does not matter)."""

from django.urls import path, register_converter

from . import phone, views
from .views import acceptance, remote_access


class TicketNumberConverter:
    """TKT-4: the 8-digit ticket number; anything else is not a ticket page (404)."""

    regex = r"[0-9]{8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(TicketNumberConverter, "ticket_number")

NUMBER = "chamados/<ticket_number:number>/"

urlpatterns = [
    path("chamados/", views.TicketListView.as_view(), name="ticket-list"),
    path("chamados/novo/", views.TicketCreateView.as_view(), name="ticket-new"),
    path("chamados/catalogo/", views.CatalogueOptionsView.as_view(), name="ticket-catalogue-options"),
    path("chamados/semelhantes/", views.SimilarTicketsView.as_view(), name="ticket-similar"),
    path("chamados/severidade/", views.SeverityPreviewView.as_view(), name="ticket-severity-preview"),
    path("chamados/anexos/<id:pk>/", views.attachment_download, name="attachment-download"),
    path(NUMBER, views.TicketDetailView.as_view(), name="ticket-detail"),
    path(NUMBER + "responder/", views.TicketReplyView.as_view(), name="ticket-reply"),
    path(NUMBER + "aceitar/", acceptance.TicketAcceptView.as_view(), name="ticket-accept"),
    path(NUMBER + "recusar/", acceptance.TicketRejectView.as_view(), name="ticket-reject"),
    path(NUMBER + "adiar/", acceptance.TicketPostponeView.as_view(), name="ticket-postpone"),
    path(NUMBER + "acompanhamento/", acceptance.TicketFollowUpView.as_view(), name="ticket-follow-up"),
    # CHN-4: the client gives remote-access credentials; the ticket's team reveals them.
    path(
        NUMBER + "acesso-remoto/", remote_access.TicketRemoteAccessView.as_view(), name="ticket-remote-access"
    ),
    path(
        "atendimento/" + NUMBER + "acesso-remoto/",
        remote_access.RemoteAccessRevealView.as_view(),
        name="ticket-remote-access-reveal",
    ),
    # The back-office's phone desk (CHN-2), staff only: see tickets/web/phone.py.
    path("atendimento/telefone/", phone.PhoneDeskView.as_view(), name="phone-desk"),
    path("atendimento/telefone/abrir/", phone.PhoneOpenView.as_view(), name="phone-open"),
]
