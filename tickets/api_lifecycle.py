"""REST API v1 of the acceptance window, follow-ups, surveys and the statement (ACP-3, TKT-9,
SRV-2, TKT-11): the same services and selectors as the browser."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from accounts.access import companies_actable_by
from core.api import BAD_REQUEST, CONFLICT, ERROR_RESPONSES, NOT_FOUND, Pagination
from core.errors import DomainError

from . import lifecycle, selectors
from .api import NUMBER, ticket_detail_response
from .forms_lifecycle import MAX_STATEMENT_DAYS
from .serializers import TicketDetailSerializer, TicketListSerializer

TICKET_ERRORS = {**ERROR_RESPONSES, **NOT_FOUND}


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the solution did not solve the problem (mandatory, ACP-3).")


class FollowUpSerializer(serializers.Serializer):
    body = serializers.CharField(help_text="What the client needs now: the follow-up's description.")
    summary = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class SurveyAnswerSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5, help_text="1 (bad) to 5 (excellent).")
    solved = serializers.BooleanField(allow_null=True, required=False, default=None)
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=4000)


class SurveySerializer(serializers.Serializer):
    ticket = serializers.CharField(source="ticket.number")
    summary = serializers.CharField(source="ticket.summary")
    answered_at = serializers.DateTimeField(allow_null=True, help_text="Null until the one answer (SRV-2).")
    rating = serializers.IntegerField(allow_null=True)
    solved = serializers.BooleanField(allow_null=True)
    comment = serializers.CharField()


class StatementFilterSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="First day (Brasília), inclusive.")
    end = serializers.DateField(help_text="Last day (Brasília), inclusive; at most a year after `start`.")
    company = serializers.IntegerField(required=False, help_text="A company id the user may act for.")

    def validate(self, data):
        if data["end"] < data["start"]:
            raise serializers.ValidationError(_("A data final deve ser igual ou posterior à inicial."))
        if (data["end"] - data["start"]).days > MAX_STATEMENT_DAYS:
            raise serializers.ValidationError(_("Escolha um período de até um ano."))
        return data


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
        description="Accept the proposed solution: the ticket closes and the survey goes out (ACP-3, SRV-1).",
    )
)
class TicketAcceptView(_ClientActionView):
    def perform(self, request, ticket):
        lifecycle.ticket_accept_solution(actor=request.user, ticket=ticket)


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_reject",
        parameters=[NUMBER],
        request=RejectSerializer,
        responses=_ACTION_RESPONSES,
        description="Reject the proposed solution with a reason: the ticket goes back to analysis (ACP-3).",
    )
)
class TicketRejectView(_ClientActionView):
    def perform(self, request, ticket):
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lifecycle.ticket_reject_solution(
            actor=request.user, ticket=ticket, reason=data.validated_data["reason"]
        )


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_postpone",
        parameters=[NUMBER],
        request=None,
        responses=_ACTION_RESPONSES,
        description="Postpone the acceptance once, before the window ends (ACP-3, ACP-5).",
    )
)
class TicketPostponeView(_ClientActionView):
    def perform(self, request, ticket):
        lifecycle.ticket_postpone_acceptance(actor=request.user, ticket=ticket)


@extend_schema_view(
    post=extend_schema(
        tags=["acceptance"],
        operation_id="tickets_follow_up",
        parameters=[NUMBER],
        request=FollowUpSerializer,
        responses={201: TicketDetailSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT},
        description="Open a follow-up of a closed ticket: a new number linked both ways (TKT-9).",
    )
)
class TicketFollowUpView(APIView):
    parser_classes = [JSONParser]

    def post(self, request, number: str):
        original = access.access_ticket(request.user, number)
        data = FollowUpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        follow_up = lifecycle.ticket_follow_up(
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


@extend_schema(tags=["surveys"])
class SurveyView(APIView):
    """SRV-2: the survey by its signed token (no login), answered once; it never changes the ticket."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # the signed token is the credential; no session, no CSRF
    parser_classes = [JSONParser]

    def _survey(self, token: str):
        survey = lifecycle.survey_from_token(token)
        if survey is None:
            raise DomainError(_("Este link de pesquisa é inválido ou expirou."), code="invalid_survey")
        return survey

    @extend_schema(operation_id="surveys_read", responses={200: SurveySerializer, **BAD_REQUEST})
    def get(self, request, token: str):
        return Response(SurveySerializer(self._survey(token)).data)

    @extend_schema(
        operation_id="surveys_answer",
        request=SurveyAnswerSerializer,
        responses={200: SurveySerializer, **BAD_REQUEST, **CONFLICT},
    )
    def post(self, request, token: str):
        self._survey(token)
        data = SurveyAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        survey = lifecycle.survey_answer(
            token=token,
            rating=data.validated_data["rating"],
            solved=data.validated_data["solved"],
            comment=data.validated_data["comment"],
        )
        return Response(SurveySerializer(survey).data)


@extend_schema_view(
    get=extend_schema(
        tags=["tickets"],
        operation_id="statement",
        parameters=[StatementFilterSerializer],
        responses={200: TicketListSerializer(many=True), **ERROR_RESPONSES, **BAD_REQUEST},
        description="TKT-11: the tickets opened in a period that the user may see (paginated).",
    )
)
class StatementView(GenericAPIView):
    serializer_class = TicketListSerializer
    pagination_class = Pagination

    def get(self, request):
        filters = StatementFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        company_id = filters.validated_data.get("company")
        if company_id is not None and not companies_actable_by(request.user).filter(pk=company_id).exists():
            raise DomainError(_("Empresa não encontrada."), field="company")
        queryset = selectors.tickets_statement(
            request.user,
            start=filters.validated_data["start"],
            end=filters.validated_data["end"],
            company_id=company_id,
        ).select_related("team", "assignee", "sla_snapshot")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


TOKEN = OpenApiParameter("token", str, OpenApiParameter.PATH, description="The survey link's signed token.")
SurveyView = extend_schema(parameters=[TOKEN])(SurveyView)
