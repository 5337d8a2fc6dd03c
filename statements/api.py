"""The statement in the API (TKT-11, API-1): the same selector and period rule as the page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import GenericAPIView

from accounts.access import companies_actable_by
from core.api import BAD_REQUEST, ERROR_RESPONSES, Pagination
from core.errors import DomainError
from core.ids import id_field
from core.periods import validate_period
from tickets.api.serializers.tickets import TicketListSerializer

from .selectors import MAX_STATEMENT_DAYS, tickets_statement


class StatementFilterSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="First day (Brasília), inclusive.")
    end = serializers.DateField(help_text="Last day (Brasília), inclusive; at most a year after `start`.")
    company = id_field(required=False, help_text="A company id the user may act for.")

    def validate(self, data):
        try:
            validate_period(data["start"], data["end"], max_days=MAX_STATEMENT_DAYS)
        except DomainError as error:
            raise serializers.ValidationError(str(error.message), code=error.code) from None
        return data


@extend_schema_view(
    get=extend_schema(
        tags=["tickets"],
        operation_id="statement",
        parameters=[StatementFilterSerializer],
        responses={200: TicketListSerializer(many=True), **ERROR_RESPONSES, **BAD_REQUEST},
        description="The statement: the tickets opened in a period that the user may see (paginated).",
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
        queryset = tickets_statement(
            request.user,
            start=filters.validated_data["start"],
            end=filters.validated_data["end"],
            company_id=company_id,
        ).select_related("team", "assignee")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
