"""Consultancies in the API: the list and the detail a user may see, and an analyst asking to move a
ticket to consultancy. Another company's consultancy or ticket is a 404, exactly like a missing one;
clients never see a consultancy still waiting for (or refused by) a leader."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.views import APIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, PAGE_NOT_FOUND, Pagination
from tickets.api.views.common import NUMBER

from ... import selectors, services
from ..serializers.consultancies import ConsultancyDetailSerializer, ConsultancyListSerializer
from ..serializers.inputs import ConsultancyAskSerializer, ConsultancyFilterSerializer
from .common import CONFLICT, ERRORS, TAG, consultancy_detail_response, read_input


class ConsultancyListView(GenericAPIView):
    pagination_class = Pagination
    serializer_class = ConsultancyListSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="consultancies_list",
        parameters=[ConsultancyFilterSerializer],
        responses={
            200: ConsultancyListSerializer(many=True),
            **BAD_REQUEST,
            **ERROR_RESPONSES,
            **PAGE_NOT_FOUND,
        },
        description=(
            "The consultancies the user may see, newest first: every one for staff (`status=requested` "
            "is the leaders' approval queue); for a client those of the tickets they may see, and every "
            "one of the company for a contact holding the consultancy permission, never one still "
            "waiting for a leader or refused by one."
        ),
    )
    def get(self, request):
        filters = ConsultancyFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.consultancies_list(
            request.user,
            status=filters.validated_data.get("status", ""),
            ticket_number=filters.validated_data.get("ticket", ""),
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            ConsultancyListSerializer(page, many=True, context={"request": request}).data
        )


class ConsultancyDetailView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="consultancies_retrieve",
        responses={200: ConsultancyDetailSerializer, **ERRORS},
        description=(
            "One consultancy: its modality and billing rule, status, recommended situation, who pays, "
            "the term and its answer, and the sessions with their time entries (each with the leaders' "
            "corrections) and lines. For a company's contact a session billed to a partner unit shows "
            "0.00 and the unit; a partner consultant sees the money their unit pays."
        ),
    )
    def get(self, request, pk: int):
        return consultancy_detail_response(request, pk)


class TicketConsultancyRequestView(APIView):
    """An analyst asks to move a standard ticket to consultancy; a leader decides."""

    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        operation_id="tickets_consultancy_request",
        parameters=[NUMBER],
        request=ConsultancyAskSerializer,
        responses={201: ConsultancyDetailSerializer, **BAD_REQUEST, **ERRORS, **CONFLICT},
        description=(
            "Staff ask to move a standard ticket to consultancy with the recommended situation. Nothing "
            "reaches the client until a leader approves. A closed ticket, one already in consultancy or "
            "with a consultancy under way answers 409; clients get 403."
        ),
    )
    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        access.require_staff(request.user)
        data = read_input(ConsultancyAskSerializer, request)
        consultancy = services.consultancy_request(
            actor=request.user,
            ticket=ticket,
            modality=data["modality"],
            situation=data["situation"],
            note=data["note"],
        )
        return consultancy_detail_response(request, consultancy.pk, created=True)
