"""Actions on a ticket in the API: the analysts' (TKT-5, TKT-6, SEV-1) and the client's answer to a
proposed solution (ACP-3) and follow-ups (TKT-9). The ticket is looked up first (404 for another
company's, TEN-2), then the role is checked (403); a state that refuses the action is a 409.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.views import APIView

from accounts import access
from accounts.models import User
from core.api import BAD_REQUEST, CONFLICT

from ... import services
from ...models import Ticket
from ..serializers.actions import (
    FollowUpSerializer,
    RejectSerializer,
    TicketAssignSerializer,
    TicketReclassifySerializer,
    TicketTransferSerializer,
    TicketTransitionSerializer,
)
from ..serializers.tickets import TicketDetailSerializer
from .common import NUMBER, TICKET_ERRORS, ticket_detail_response


class TicketActionView(APIView):
    """An analyst's action on a ticket. The ticket is looked up first (404 for another company's,
    TEN-2), then the role is checked (403 for clients)."""

    parser_classes = [JSONParser]
    input_serializer: type[serializers.Serializer[Any]] = None  # type: ignore[assignment]  # each action's own

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        access.require_staff(request.user)
        serializer = self.input_serializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        self.perform(request.user, ticket, serializer.validated_data)
        return ticket_detail_response(request, access.access_ticket(request.user, number))

    def perform(self, actor: User, ticket: Ticket, data: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def _action_schema(operation_id: str, serializer, description: str):
    return extend_schema_view(
        post=extend_schema(
            tags=["analyst actions"],
            operation_id=operation_id,
            parameters=[NUMBER],
            request=serializer,
            responses={200: TicketDetailSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT},
            description=description,
        )
    )


@_action_schema(
    "tickets_assign",
    TicketAssignSerializer,
    'Give the ticket to an analyst (`assignee`: user id or `"me"`), or back to the queue (`null`).',
)
class TicketAssignView(TicketActionView):
    input_serializer = TicketAssignSerializer

    def perform(self, actor, ticket, data):
        services.ticket_assign(actor=actor, ticket=ticket, assignee=data["assignee"])


@_action_schema(
    "tickets_transition",
    TicketTransitionSerializer,
    "Move the ticket along the status table; a move not in the table answers 409. Moving to "
    "`pending_client` or `awaiting_validation` needs a `reason`, which the client reads.",
)
class TicketTransitionView(TicketActionView):
    input_serializer = TicketTransitionSerializer

    def perform(self, actor, ticket, data):
        services.ticket_transition(
            actor=actor, ticket=ticket, to_status=data["status"], reason=data["reason"]
        )


@_action_schema(
    "tickets_reclassify",
    TicketReclassifySerializer,
    "Change the severity with a reason; deadlines are recomputed from the opening.",
)
class TicketReclassifyView(TicketActionView):
    input_serializer = TicketReclassifySerializer

    def perform(self, actor, ticket, data):
        services.ticket_reclassify(
            actor=actor, ticket=ticket, severity=data["severity"], reason=data["reason"]
        )


@_action_schema(
    "tickets_transfer",
    TicketTransferSerializer,
    "Send the ticket to another team with a reason; the assignee is cleared.",
)
class TicketTransferView(TicketActionView):
    input_serializer = TicketTransferSerializer

    def perform(self, actor, ticket, data):
        services.ticket_transfer(actor=actor, ticket=ticket, team=data["team"], reason=data["reason"])


# --- The client's answer to a proposed solution (ACP-3), follow-ups (TKT-9) --------------------------


class _ClientActionView(APIView):
    """A client's answer to a proposed solution. The ticket is looked up first (404 for another
    company's, TEN-2); the service refuses analysts (403) and a closed window (409)."""

    parser_classes = [JSONParser]

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        self.perform(request, ticket)
        return ticket_detail_response(request, access.access_ticket(request.user, number))

    def perform(self, request, ticket) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


_ACTION_RESPONSES = {200: TicketDetailSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT}


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_accept",
        parameters=[NUMBER],
        request=None,
        responses=_ACTION_RESPONSES,
        description="Accept the proposed solution: the ticket closes and the survey goes out.",
    )
)
class TicketAcceptView(_ClientActionView):
    def perform(self, request, ticket):
        services.ticket_accept_solution(actor=request.user, ticket=ticket)


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_reject",
        parameters=[NUMBER],
        request=RejectSerializer,
        responses=_ACTION_RESPONSES,
        description="Reject the proposed solution with a reason: the ticket goes back to analysis.",
    )
)
class TicketRejectView(_ClientActionView):
    def perform(self, request, ticket):
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.ticket_reject_solution(
            actor=request.user, ticket=ticket, reason=data.validated_data["reason"]
        )


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_postpone",
        parameters=[NUMBER],
        request=None,
        responses=_ACTION_RESPONSES,
        description="Postpone the acceptance once, before the window ends.",
    )
)
class TicketPostponeView(_ClientActionView):
    def perform(self, request, ticket):
        services.ticket_postpone_acceptance(actor=request.user, ticket=ticket)


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_follow_up",
        parameters=[NUMBER],
        request=FollowUpSerializer,
        responses={201: TicketDetailSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT},
        description="Open a follow-up of a closed ticket: a new number linked both ways.",
    )
)
class TicketFollowUpView(APIView):
    parser_classes = [JSONParser]

    def post(self, request, number: str):
        original = access.access_ticket(request.user, number)
        data = FollowUpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        follow_up = services.ticket_follow_up(
            actor=request.user,
            original=original,
            body=data.validated_data["body"],
            summary=data.validated_data["summary"],
        )
        response = ticket_detail_response(
            request, access.access_ticket(request.user, follow_up.number), status_code=status.HTTP_201_CREATED
        )
        response["Location"] = reverse("api-ticket-detail", kwargs={"number": follow_up.number})
        return response
