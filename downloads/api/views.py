"""The download centre in the API: the packages a user may see, with the portal's filters, and a
package's file after the same check as the portal (404 for another product's package; 403 with the
reason under a financial pendency, ACC-6). Every download is recorded."""

from __future__ import annotations

from typing import cast

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from core.api import BAD_REQUEST, ERROR_RESPONSES, NOT_FOUND, PAGE_NOT_FOUND, ErrorSerializer, Pagination
from core.http import private_file_response
from tickets.api.views.messages import AnyAcceptContentNegotiation

from .. import selectors, services
from ..models import DownloadLog
from .serializers import PackageFilterSerializer, PackageSerializer

TAG = "downloads"


class PackageListView(GenericAPIView):
    pagination_class = Pagination
    serializer_class = PackageSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="downloads_list",
        parameters=[PackageFilterSerializer],
        responses={200: PackageSerializer(many=True), **BAD_REQUEST, **ERROR_RESPONSES, **PAGE_NOT_FOUND},
        description=(
            "The published packages of the products the user's companies use (every product for "
            "staff, with `download_count`), newest release first, filtered by product, version, kind "
            "and keywords. A company with a financial pendency still sees the list."
        ),
    )
    def get(self, request: Request) -> Response:
        params = PackageFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = selectors.PackageFilters(
            product_id=data.get("product"),
            version_id=data.get("version"),
            kind=data.get("kind", ""),
            query=data.get("q", ""),
        )
        page = self.paginate_queryset(selectors.packages_list(cast(User, request.user), filters))
        return self.get_paginated_response(
            PackageSerializer(page, many=True, context={"request": request}).data
        )


class PackageFileView(APIView):
    content_negotiation_class = AnyAcceptContentNegotiation

    @extend_schema(
        tags=[TAG],
        operation_id="downloads_file",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The package's file, as an attachment."
            ),
            401: OpenApiResponse(ErrorSerializer, description="Missing or invalid credentials."),
            403: OpenApiResponse(
                ErrorSerializer,
                description="The company has a financial pendency (code `financial_pendency`).",
            ),
            **NOT_FOUND,
        },
        description=(
            "Download a package's file (the download is recorded). Another product's package is a 404; "
            "clients of a company with a financial pendency get 403 with the reason; staff always can."
        ),
    )
    def get(self, request: Request, pk: int):
        package = services.package_download(
            actor=cast(User, request.user), pk=pk, channel=DownloadLog.Channel.API
        )
        return private_file_response(
            package.file, filename=package.original_name, content_type=package.content_type
        )
