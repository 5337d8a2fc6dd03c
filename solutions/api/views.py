"""GET /api/v1/solutions/?q=…&product=…: the same search as the portal page, for the same people."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView

from accounts import access
from core.api import BAD_REQUEST, ERROR_RESPONSES, PAGE_NOT_FOUND, Pagination

from .. import selectors
from .serializers import SolutionResultSerializer, SolutionSearchInputSerializer


class SolutionPagination(Pagination):
    page_size = 20


class SolutionSearchView(GenericAPIView):
    pagination_class = SolutionPagination
    serializer_class = SolutionResultSerializer

    @extend_schema(
        tags=["solutions"],
        operation_id="solutions_search",
        parameters=[SolutionSearchInputSerializer],
        responses={
            200: SolutionResultSerializer(many=True),
            **BAD_REQUEST,
            **ERROR_RESPONSES,
            **PAGE_NOT_FOUND,
        },
        description=(
            "Published solutions of every company matching all the words of `q` (at least two "
            "meaningful words, else 400 `too_few_words`), best first. Only the product, routine and "
            "anonymised problem and solution are returned; withheld solutions never are."
        ),
    )
    def get(self, request):
        if not access.may_search_solutions(request.user):
            raise PermissionDenied(_("A consulta de soluções é para contatos, parceiros e a equipe."))
        filters = SolutionSearchInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        found = selectors.solutions_search(
            filters.validated_data["q"], product_id=filters.validated_data.get("product")
        )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(SolutionResultSerializer(page, many=True).data)
