"""Knowledge base API views: thin, the reads are the selectors', the writes the services'."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, NOT_FOUND, PAGE_NOT_FOUND, Pagination
from core.errors import DomainError
from tickets.models import Product

from .. import selectors, services
from .serializers import (
    ArticleDetailSerializer,
    ArticleFilterSerializer,
    ArticleListSerializer,
    DeflectionInputSerializer,
    DeflectionSerializer,
    FeedbackInputSerializer,
    FeedbackSerializer,
    SuggestionFilterSerializer,
    SuggestionSerializer,
)

TAG = "knowledge base"


def _valid(serializer_class: type[Any], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ArticleListView(GenericAPIView):
    pagination_class = Pagination
    serializer_class = ArticleListSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="kb_articles_list",
        parameters=[ArticleFilterSerializer],
        responses={200: ArticleListSerializer(many=True), **BAD_REQUEST, **ERROR_RESPONSES, **PAGE_NOT_FOUND},
        description=(
            "Published articles (staff also see drafts). With `q`: ranked by relevance (title first), "
            "each with a highlighted snippet; a query without any word of two letters or more is a 400. "
            "Without `q`: newest first."
        ),
    )
    def get(self, request: Request) -> Response:
        filters = _valid(ArticleFilterSerializer, request.query_params)
        query = (filters.get("q") or "").strip()
        if query and not selectors.searchable(query):
            raise DomainError(_("Digite ao menos uma palavra com duas letras ou mais."), field="q")
        rows = selectors.articles_search(
            request.user,  # type: ignore[arg-type]
            query,
            kind=filters.get("kind") or "",
            product_id=filters.get("product"),
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ArticleListSerializer(page, many=True).data)


class ArticleDetailView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="kb_articles_retrieve",
        responses={200: ArticleDetailSerializer, **ERROR_RESPONSES, **NOT_FOUND},
        description="An article with its rendered body and related articles; a draft is a 404 for clients.",
    )
    def get(self, request: Request, slug: str) -> Response:
        article = access.access_article(request.user, slug)
        related = selectors.articles_related(request.user, article)  # type: ignore[arg-type]
        return Response(ArticleDetailSerializer(article, context={"related": related}).data)


class SuggestionsView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="kb_suggestions",
        parameters=[SuggestionFilterSerializer],
        responses={200: SuggestionSerializer, **BAD_REQUEST, **ERROR_RESPONSES},
        description=(
            "Up to five published articles for a new ticket's summary being typed (of the product, or "
            "general) and up to three anonymised solutions of solved tickets; none under three letters."
        ),
    )
    def get(self, request: Request) -> Response:
        filters = _valid(SuggestionFilterSerializer, request.query_params)
        query = filters["q"]
        articles = selectors.article_suggestions(request.user, query, product_id=filters.get("product"))  # type: ignore[arg-type]
        solutions = selectors.solution_suggestions(query, product_id=filters.get("product"), limit=3)
        return Response(SuggestionSerializer({"articles": articles, "solutions": solutions}).data)


class DeflectionCreateView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="kb_deflections_create",
        request=DeflectionInputSerializer,
        responses={201: DeflectionSerializer, **BAD_REQUEST, **ERROR_RESPONSES},
        description=(
            "A client says a suggested article (or solution) solved the problem: the ticket not opened "
            "is counted. Client contacts and partner consultants only (403 for staff)."
        ),
    )
    def post(self, request: Request) -> Response:
        data = _valid(DeflectionInputSerializer, request.data)
        company = access.deflection_company(request.user, data.get("company"))
        article = None
        if data.get("article"):
            article = access.articles_visible_to(request.user).filter(slug=data["article"]).first()
            if article is None:
                raise DomainError(_("Artigo não encontrado."), field="article")
        product = Product.objects.filter(pk=data["product"]).first() if data.get("product") else None
        deflection = services.deflection_record(
            actor=request.user,  # type: ignore[arg-type]
            query=data.get("query", ""),
            company=company,
            product=product,
            article=article,
            solution_id=data.get("solution_id"),
        )
        body = {
            "id": deflection.pk,
            "article": article.slug if article else None,
            "solution_id": deflection.solution_id,
            "product": deflection.product_id,
            "company": deflection.company_id,
            "query": deflection.query,
            "created_at": deflection.created_at,
        }
        return Response(DeflectionSerializer(body).data, status=status.HTTP_201_CREATED)


class FeedbackView(APIView):
    @extend_schema(
        tags=[TAG],
        operation_id="kb_articles_feedback",
        request=FeedbackInputSerializer,
        responses={200: FeedbackSerializer, **BAD_REQUEST, **ERROR_RESPONSES, **NOT_FOUND},
        description="“Esta resposta ajudou?”: one answer per user and article, which they may change.",
    )
    def post(self, request: Request, slug: str) -> Response:
        article = access.access_article(request.user, slug)
        data = _valid(FeedbackInputSerializer, request.data)
        feedback = services.feedback_record(
            actor=request.user,  # type: ignore[arg-type]
            article=article,
            helpful=data["helpful"],
            comment=data.get("comment", ""),
        )
        article.refresh_from_db(fields=["helpful_yes", "helpful_no"])
        body = {
            "helpful": feedback.helpful,
            "comment": feedback.comment,
            "helpful_yes": article.helpful_yes,
            "helpful_no": article.helpful_no,
        }
        return Response(FeedbackSerializer(body).data)
