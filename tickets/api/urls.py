"""Ticket routes of the REST API v1 (API-1), included by portal/api_urls.py at /api/v1/."""

from django.urls import path

from .views import actions, catalogue, messages, tickets

NUMBER = "tickets/<str:number>/"

urlpatterns = [
    path("tickets/", tickets.TicketListView.as_view(), name="api-ticket-list"),
    path(NUMBER, tickets.TicketDetailView.as_view(), name="api-ticket-detail"),
    path(NUMBER + "messages/", messages.TicketMessagesView.as_view(), name="api-ticket-messages"),
    path(NUMBER + "attachments/", messages.TicketAttachmentsView.as_view(), name="api-ticket-attachments"),
    path(NUMBER + "assign/", actions.TicketAssignView.as_view(), name="api-ticket-assign"),
    path(NUMBER + "transition/", actions.TicketTransitionView.as_view(), name="api-ticket-transition"),
    path(NUMBER + "reclassify/", actions.TicketReclassifyView.as_view(), name="api-ticket-reclassify"),
    path(NUMBER + "transfer/", actions.TicketTransferView.as_view(), name="api-ticket-transfer"),
    path(NUMBER + "accept/", actions.TicketAcceptView.as_view(), name="api-ticket-accept"),
    path(NUMBER + "reject/", actions.TicketRejectView.as_view(), name="api-ticket-reject"),
    path(NUMBER + "postpone/", actions.TicketPostponeView.as_view(), name="api-ticket-postpone"),
    path(NUMBER + "follow-up/", actions.TicketFollowUpView.as_view(), name="api-ticket-follow-up"),
    path(
        "attachments/<id:pk>/download/",
        messages.AttachmentDownloadView.as_view(),
        name="api-attachment-download",
    ),
    path("products/", catalogue.ProductListView.as_view(), name="api-product-list"),
    path("companies/", catalogue.CompanyListView.as_view(), name="api-company-list"),
    path("teams/", catalogue.TeamListView.as_view(), name="api-team-list"),
]
