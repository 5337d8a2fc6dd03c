"""Tickets in the API (API-1): the list a user may see and opening one (TKT-2), the detail with its
SLA computed now (SLA-1, SLA-5). Another company's number is a 404 (TEN-2)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.views import APIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, PAGE_NOT_FOUND, Pagination

from ... import selectors, services
from ...models import Ticket
from ..serializers.tickets import (
    TicketCreateSerializer,
    TicketCreateUploadSerializer,
    TicketDetailSerializer,
    TicketFilterSerializer,
    TicketListSerializer,
)
from .common import NUMBER, TICKET_ERRORS, ticket_detail_response


class TicketListView(GenericAPIView):
    """The ticket list (TEN-2, TEN-3, ACC-3) and opening a ticket (TKT-2)."""

    pagination_class = Pagination
    parser_classes = [JSONParser, MultiPartParser]
    serializer_class = TicketListSerializer

    @extend_schema(
        tags=["tickets"],
        operation_id="tickets_list",
        parameters=[TicketFilterSerializer],
        description=(
            "The tickets the user may see, most recent first: a contact's own (or the company's with "
            "\"see all company tickets\"), a partner's served companies', every ticket for analysts. "
            "`sla` holds the stored deadlines; the detail computes them to the second."
        ),
        responses={200: TicketListSerializer(many=True), **BAD_REQUEST, **ERROR_RESPONSES, **PAGE_NOT_FOUND},
    )
    def get(self, request):
        filters = TicketFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.tickets_list(request.user, **filters.to_selector_kwargs())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            TicketListSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=["tickets"],
        operation_id="tickets_create",
        request={
            "application/json": TicketCreateSerializer,
            "multipart/form-data": TicketCreateUploadSerializer,
        },
        responses={201: TicketDetailSerializer, **BAD_REQUEST, **ERROR_RESPONSES},
        description=(
            "Open a ticket in the name of the logged-in contact, or of a partner consultant "
            "for a company their unit serves (`company` required then). Severity comes from the four "
            "answers; the response has the forecast deadlines. Refused rules (an inactive contact, a "
            "financial pendency, the catalogue) answer 400 with `detail`, `code` and `field`; analysts "
            "get 403."
        ),
    )
    def post(self, request):
        serializer = TicketCreateUploadSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ticket = services.ticket_open(
            actor=request.user,
            channel=Ticket.Channel.API,
            company=data["company"],
            product=data["product"],
            routine=data["routine"],
            version=data["version"],
            environment=data["environment"],
            environment_details=data["environment_details"],
            kind=data["kind"],
            modality=data["modality"],
            summary=data["summary"],
            description=data["description"],
            error_message=data["error_message"],
            particularities=data["particularities"],
            answers=services.SeverityAnswers(
                function_unusable=data["function_unusable"],
                has_workaround=data["has_workaround"],
                data_corruption=data["data_corruption"],
                cosmetic=data["cosmetic"],
            ),
            files=data["files"],
        )
        response = ticket_detail_response(
            request, access.access_ticket(request.user, ticket.number), status_code=status.HTTP_201_CREATED
        )
        response["Location"] = reverse("api-ticket-detail", kwargs={"number": ticket.number})
        return response


class TicketDetailView(APIView):
    @extend_schema(
        tags=["tickets"],
        operation_id="tickets_retrieve",
        parameters=[NUMBER],
        responses={200: TicketDetailSerializer, **TICKET_ERRORS},
        description="One ticket with its SLA computed now. Another company's number is a 404.",
    )
    def get(self, request, number: str):
        return ticket_detail_response(request, access.access_ticket(request.user, number))
