"""Suggestion routes of the API: list (filters, search, order, pages) and create, detail, support
and withdraw. Another company's product's suggestion is a 404, like a missing one; the service's
refusals answer 400, 403 or 409."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, NOT_FOUND, PAGE_NOT_FOUND, ErrorSerializer, Pagination
from core.errors import DomainError
from tickets.models import Product

from .. import selectors, services
from .serializers import (
    SuggestionCreateSerializer,
    SuggestionDetailSerializer,
    SuggestionFilterSerializer,
    SuggestionListSerializer,
)

TAG = "suggestions"
ERRORS = {**ERROR_RESPONSES, **NOT_FOUND}
CONFLICT = {409: OpenApiResponse(ErrorSerializer, description="Already supported, not supported, or closed.")}


def detail_response(request: Request, pk: int, *, created: bool = False) -> Response:
    suggestion = selectors.suggestion_detail(request.user, pk)  # type: ignore[arg-type]
    data = SuggestionDetailSerializer(
        suggestion, context={"request": request, "history": selectors.suggestion_history(suggestion)}
    ).data
    if not created:
        return Response(data)
    response = Response(data, status=status.HTTP_201_CREATED)
    response["Location"] = reverse("api-suggestion-detail", kwargs={"pk": suggestion.pk})
    return response


class SuggestionListView(GenericAPIView):
    pagination_class = Pagination
    serializer_class = SuggestionListSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        operation_id="suggestions_list",
        parameters=[SuggestionFilterSerializer],
        responses={
            200: SuggestionListSerializer(many=True),
            **BAD_REQUEST,
            **ERROR_RESPONSES,
            **PAGE_NOT_FOUND,
        },
        description=(
            "The suggestions of the products the user's company uses (staff: every one), most supported "
            "first (`order=recentes`: newest first), filtered by product, status and words of the title."
        ),
    )
    def get(self, request: Request) -> Response:
        filters = SuggestionFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        queryset = selectors.suggestions_list(
            request.user,  # type: ignore[arg-type]
            product_id=data.get("product"),
            status=data.get("status", ""),
            query=data.get("q", ""),
            order=data.get("order", "apoios"),
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(SuggestionListSerializer(page, many=True).data)

    @extend_schema(
        tags=[TAG],
        operation_id="suggestions_create",
        request=SuggestionCreateSerializer,
        responses={201: SuggestionDetailSerializer, **BAD_REQUEST, **ERROR_RESPONSES},
        description="A client proposes an improvement for a product their company uses.",
    )
    def post(self, request: Request) -> Response:
        access.require_suggestion_client(request.user)
        serializer = SuggestionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        product = Product.objects.filter(pk=data["product"]).first()
        if product is None:  # the service's message for a product the company does not use
            raise DomainError(_("Escolha um dos produtos que a sua empresa usa."), field="product")
        suggestion = services.suggestion_propose(
            actor=request.user,  # type: ignore[arg-type]
            product=product,
            title=data["title"],
            description=data["description"],
        )
        return detail_response(request, suggestion.pk, created=True)


class SuggestionDetailView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="suggestions_retrieve",
        responses={200: SuggestionDetailSerializer, **ERRORS},
        description="One suggestion with its status history (reasons included).",
    )
    def get(self, request: Request, pk: int) -> Response:
        return detail_response(request, pk)


class SuggestionSupportView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="suggestions_support",
        request=None,
        responses={200: SuggestionDetailSerializer, **ERRORS, **CONFLICT},
        description="The user supports the suggestion (once; not their own, not a closed one).",
    )
    def post(self, request: Request, pk: int) -> Response:
        suggestion = selectors.suggestion_detail(request.user, pk)  # type: ignore[arg-type]
        services.suggestion_support(actor=request.user, suggestion=suggestion)  # type: ignore[arg-type]
        return detail_response(request, pk)


class SuggestionWithdrawView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="suggestions_withdraw_support",
        request=None,
        responses={200: SuggestionDetailSerializer, **ERRORS, **CONFLICT},
        description="The user withdraws their support.",
    )
    def post(self, request: Request, pk: int) -> Response:
        suggestion = selectors.suggestion_detail(request.user, pk)  # type: ignore[arg-type]
        services.suggestion_withdraw(actor=request.user, suggestion=suggestion)  # type: ignore[arg-type]
        return detail_response(request, pk)
