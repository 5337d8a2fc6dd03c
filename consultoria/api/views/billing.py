"""Money of consultancy in the API: the monthly statement (a company's or a partner unit's), the
rates and taxes in force (staff), and the yearly IGPM adjustment (leaders)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, NOT_FOUND, ErrorSerializer
from core.periods import local_today

from ... import selectors, services
from ..serializers.billing import (
    AdjustmentSerializer,
    RatesSerializer,
    StatementFilterSerializer,
    StatementSerializer,
)
from ..serializers.inputs import IgpmAdjustSerializer
from .common import BILLING_TAG, read_input

RATES_EXIST = {409: OpenApiResponse(ErrorSerializer, description="Rates already start on that day.")}


class ConsultancyStatementView(APIView):
    @extend_schema(
        tags=[BILLING_TAG],
        operation_id="consultancy_statement",
        parameters=[StatementFilterSerializer],
        responses={200: StatementSerializer, **BAD_REQUEST, **ERROR_RESPONSES, **NOT_FOUND},
        description=(
            "The billable sessions of a month with their minutes, waived minutes and money, and the "
            "totals (sums of the rounded lines). A contact reads their company's, where a session "
            "billed to a partner unit shows 0.00 and the unit; a partner consultant reads their "
            "unit's (the sessions it pays); staff choose `company` or `unit`. Another company or unit "
            "answers 400 like a missing one."
        ),
    )
    def get(self, request):
        filters = StatementFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        company, unit = selectors.statement_scope(
            request.user,
            company_id=filters.validated_data.get("company"),
            unit_id=filters.validated_data.get("unit"),
        )
        statement = selectors.consultancy_statement(
            request.user, month=filters.validated_data["month"], company=company, unit=unit
        )
        return Response(StatementSerializer(statement).data)


class ConsultancyRatesView(APIView):
    @extend_schema(
        tags=[BILLING_TAG],
        operation_id="consultancy_rates",
        responses={200: RatesSerializer, **ERROR_RESPONSES},
        description=(
            "Staff: each modality's price per minute in force today (Brasília) and the taxes in force. "
            "A term keeps the rate it was accepted with."
        ),
    )
    def get(self, request):
        access.require_staff(request.user)
        day = local_today()
        data = {"day": day, "rates": selectors.rates_in_force(day), "taxes": selectors.tax_on(day)}
        return Response(RatesSerializer(data).data)


class IgpmAdjustView(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[BILLING_TAG],
        operation_id="consultancy_rates_igpm",
        request=IgpmAdjustSerializer,
        responses={201: AdjustmentSerializer, **BAD_REQUEST, **ERROR_RESPONSES, **RATES_EXIST},
        description=(
            "A leader records the yearly IGPM adjustment: every modality's rate in force on `valid_from` "
            "× (1 + IGPM), rounded half-up to the centavo, becomes its rate from that day. Rates already "
            "starting that day answer 409; sessions keep the rate of their accepted term."
        ),
    )
    def post(self, request):
        access.require_leader(request.user)
        data = read_input(IgpmAdjustSerializer, request)
        adjustment = services.igpm_adjust(
            actor=request.user,
            percentage=data["percentage"],
            valid_from=data["valid_from"],
            note=data["note"],
        )
        return Response(AdjustmentSerializer(adjustment).data, status=status.HTTP_201_CREATED)
