"""What the ticket API's views share: the number parameter and the ticket and message responses."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NOT_FOUND

from ... import deadlines
from ...models import Ticket
from ..serializers.messages import MessagePostedSerializer
from ..serializers.tickets import TicketDetailSerializer

NUMBER = OpenApiParameter(
    "number",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[0-9]{8}$",
    description="The ticket's 8-digit number.",
)
TICKET_ERRORS = {**ERROR_RESPONSES, **NOT_FOUND}


def ticket_detail_response(request, ticket: Ticket, *, status_code: int = status.HTTP_200_OK) -> Response:
    """The ticket with its SLA computed now (SLA-1, SLA-5)."""
    context = {"request": request, "sla": deadlines.ticket_sla(ticket)}
    return Response(TicketDetailSerializer(ticket, context=context).data, status=status_code)


def message_posted_response(request, message) -> Response:
    """201 with the message; a client's reply to a closed ticket opened a follow-up (TKT-9),
    whose address is then the Location."""
    response = Response(
        MessagePostedSerializer(message, context={"request": request}).data, status=status.HTTP_201_CREATED
    )
    if message.pk is None:
        response["Location"] = reverse("api-ticket-detail", kwargs={"number": message.ticket.number})
    return response
