"""What opening and routing a ticket need in the API (TKT-2, TKT-5): products, companies, teams."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from accounts.api import IsAnalyst
from core.api import BAD_REQUEST, ERROR_RESPONSES, PAGE_NOT_FOUND, Pagination

from ... import selectors
from ...models import ProductVersion, Routine, Team
from ..serializers.catalogue import (
    CompanySerializer,
    ProductFilterSerializer,
    ProductSerializer,
    TeamSerializer,
)


class ProductListView(APIView):
    """What a client needs to open a ticket (TKT-2): the products their company contracted, with
    routines and versions. Partner consultants see their companies' products; analysts all."""

    @extend_schema(
        tags=["catalogue"],
        operation_id="products_list",
        parameters=[ProductFilterSerializer],
        responses={200: ProductSerializer(many=True), **BAD_REQUEST, **ERROR_RESPONSES},
    )
    def get(self, request):
        filters = ProductFilterSerializer(data=request.query_params, context={"request": request})
        filters.is_valid(raise_exception=True)
        queryset = selectors.catalogue_products_for(
            request.user, filters.validated_data.get("company")
        ).prefetch_related(
            Prefetch(
                "routines",
                queryset=Routine.objects.filter(is_active=True).order_by("name"),
                to_attr="active_routines",
            ),
            Prefetch(
                "versions",
                queryset=ProductVersion.objects.filter(is_active=True).order_by("-name"),
                to_attr="active_versions",
            ),
        )
        return Response(ProductSerializer(queryset, many=True).data)


class CompanyListView(GenericAPIView):
    """The companies the user may act for: a contact's own, a partner's served ones, all for analysts."""

    pagination_class = Pagination
    serializer_class = CompanySerializer

    @extend_schema(
        tags=["catalogue"],
        operation_id="companies_list",
        responses={200: CompanySerializer(many=True), **ERROR_RESPONSES, **PAGE_NOT_FOUND},
    )
    def get(self, request):
        queryset = access.companies_actable_by(request.user).order_by("trade_name", "pk")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(CompanySerializer(page, many=True).data)


class TeamListView(APIView):
    """The teams (queues) a ticket may be transferred to (TKT-5): analysts only."""

    permission_classes = [IsAnalyst]

    @extend_schema(
        tags=["catalogue"],
        operation_id="teams_list",
        responses={200: TeamSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        return Response(TeamSerializer(Team.objects.order_by("name"), many=True).data)
