"""Ombudsman routes of the API: the cases the user follows and opening one; one case with its
timeline; a message. Another company's case is a 404, like a missing one; a cited ticket that is
not the company's gets the same 400 whether it exists or not."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, NOT_FOUND, PAGE_NOT_FOUND, ErrorSerializer, Pagination

from .. import selectors, services
from .serializers import CaseCreateSerializer, CaseDetailSerializer, CaseListSerializer, MessageSerializer

TAG = "ombudsman"
ERRORS = {**ERROR_RESPONSES, **NOT_FOUND}
CONFLICT = {409: OpenApiResponse(ErrorSerializer, description="The case is closed.")}


def detail_response(request: Request, protocol: str, *, created: bool = False) -> Response:
    case = access.access_case(request.user, protocol)
    data = CaseDetailSerializer(case, context={"timeline": selectors.case_timeline(case)}).data
    if not created:
        return Response(data)
    response = Response(data, status=status.HTTP_201_CREATED)
    response["Location"] = reverse("api-ombudsman-detail", kwargs={"protocol": protocol})
    return response


class CaseListView(GenericAPIView):
    pagination_class = Pagination
    serializer_class = CaseListSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        operation_id="ombudsman_cases_list",
        responses={200: CaseListSerializer(many=True), **ERROR_RESPONSES, **PAGE_NOT_FOUND},
        description=(
            "The cases the user follows, newest first: a company administrator every case of the company, "
            "another contact or a partner consultant those they opened; staff every case."
        ),
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.cases_list(request.user))  # type: ignore[arg-type]
        return self.get_paginated_response(CaseListSerializer(page, many=True).data)

    @extend_schema(
        tags=[TAG],
        operation_id="ombudsman_cases_create",
        request=CaseCreateSerializer,
        responses={201: CaseDetailSerializer, **BAD_REQUEST, **ERROR_RESPONSES},
        description=(
            "A client registers a compliment or a complaint citing the 8-digit numbers of earlier tickets "
            "they may see; the deadline counts business hours on the Ouvidoria calendar."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = services.case_open(
            actor=request.user,  # type: ignore[arg-type]
            kind=data["kind"],
            ticket_numbers=access.ticket_numbers(" ".join(data["tickets"])),
            subject=data["subject"],
            description=data["description"],
        )
        return detail_response(request, str(case.protocol), created=True)


class CaseDetailView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="ombudsman_cases_retrieve",
        responses={200: CaseDetailSerializer, **ERRORS},
        description="One case: status, deadline, the answer once given, cited tickets and the timeline.",
    )
    def get(self, request: Request, protocol: str) -> Response:
        return detail_response(request, protocol)


class CaseMessageView(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        operation_id="ombudsman_cases_message",
        request=MessageSerializer,
        responses={200: CaseDetailSerializer, **BAD_REQUEST, **ERRORS, **CONFLICT},
        description="A message on the case's timeline (the client's, or the ombudsman team's).",
    )
    def post(self, request: Request, protocol: str) -> Response:
        case = access.access_case(request.user, protocol)
        serializer = MessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.case_message(actor=request.user, case=case, body=serializer.validated_data["body"])  # type: ignore[arg-type]
        return detail_response(request, str(case.protocol))
