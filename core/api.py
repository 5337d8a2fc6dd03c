"""REST API plumbing shared by every app (API-1): the error mapping, schema pieces, pagination.

Errors have one shape: `{"detail": message, "code": slug}` (plus `"field"` for a refused rule),
or DRF's `{field: [messages]}` for invalid input. A `DomainError` answers its `http_status`
(400, or 409 for a `ConflictError`: the object's state refuses the action); another company's
object is a 404 exactly like a missing one (TEN-2), so a not-found never carries a message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from .errors import DomainError, ForbiddenError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus the domain errors, and a `code` beside every plain `detail`."""
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(
            {"detail": str(exc.message), "code": exc.code, "field": exc.field}, status=exc.http_status
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # the same body whatever the reason (TEN-2)
    elif isinstance(exc, ForbiddenError):
        exc = exceptions.PermissionDenied(detail=str(exc.message), code=exc.code)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    exc = _in_the_users_language(exc)
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, exceptions.APIException)
        and not isinstance(exc.detail, list | dict)
    ):
        response.data["code"] = exc.detail.code
    return response


def _in_the_users_language(exc: Exception) -> Exception:
    """DRF writes three of its messages in English only, one with the JSON parser's own words."""
    if isinstance(exc, exceptions.ParseError):
        return exceptions.ParseError(_("O corpo da requisição não é um JSON válido."))
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        return exceptions.PermissionDenied(
            _("Token CSRF ausente ou inválido: recarregue a página ou use um token da API."),
            code="csrf_failed",
        )
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        errors = exc.detail.get(api_settings.NON_FIELD_ERRORS_KEY)
        if isinstance(errors, list) and [getattr(e, "code", "") for e in errors] == ["null"]:
            return exceptions.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [_("Envie os dados no corpo da requisição.")]},
                code="null",
            )
    return exc


# --- Shared schema pieces --------------------------------------------------------------------------------

ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "field": serializers.CharField(required=False, allow_null=True),
    },
)
ERROR_RESPONSES = {
    401: OpenApiResponse(ErrorSerializer, description="Missing or invalid credentials."),
    403: OpenApiResponse(ErrorSerializer, description="Not allowed for this user."),
}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="Missing, or not visible to this user.")}
BAD_REQUEST = {
    400: OpenApiResponse(description="Invalid input (field errors) or a refused rule (detail, code, field).")
}
PAGE_NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="No such page.")}
CONFLICT = {
    409: OpenApiResponse(ErrorSerializer, description="The ticket's current status refuses the action.")
}


class Pagination(PageNumberPagination):
    """25 per page; `page_size` up to 100 for clients that want fewer round trips."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
