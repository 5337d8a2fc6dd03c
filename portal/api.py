"""REST API plumbing shared by every app (API-1): errors, token login, pagination, permissions.

Errors have one shape: `{"detail": message, "code": slug}` (plus `"field"` for a refused rule),
or DRF's `{field: [messages]}` for invalid input. A broken business rule (`DomainError`) is a 400,
or a 409 when the ticket's state refuses the action; another company's object is a 404 exactly
like a missing one (TEN-2), so Django's `Http404` never carries a message here.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from portal.exceptions import DomainError

# DomainError codes that mean "the ticket's current state refuses this", not "bad input".
CONFLICT_CODES = frozenset(
    {
        "invalid_transition",
        "transition_not_allowed",
        "ticket_closed",
        "not_awaiting_validation",
        "window_over",
        "already_postponed",
        "no_postponement",
        "not_closed",
        "already_answered",
    }
)


def exception_handler(exc, context):
    """DRF's handler, plus DomainError -> 400/409 and a `code` beside every plain `detail`."""
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(
            {"detail": str(exc.message), "code": exc.code, "field": exc.field},
            status=status.HTTP_409_CONFLICT if exc.code in CONFLICT_CODES else status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # the same body whatever the reason (TEN-2)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, exceptions.APIException)
        and not isinstance(exc.detail, list | dict)
    ):
        response.data["code"] = exc.detail.code
    return response


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
NOT_FOUND = {
    404: OpenApiResponse(ErrorSerializer, description="Missing, or not visible to this user (TEN-2).")
}
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


class IsAnalyst(BasePermission):
    message = _("Somente a equipe de atendimento pode fazer isto.")

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_analyst)


# --- Token login -------------------------------------------------------------------------------------------


class TokenLoginSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs):
        user = authenticate(self.context["request"], email=attrs["email"], password=attrs["password"])
        # Wrong password, unknown e-mail and deactivated account (ACC-7) answer alike: no enumeration.
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                _("E-mail ou senha incorretos, ou acesso desativado."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenLoginAccountThrottle(SimpleRateThrottle):
    """Attempts per e-mail address, whatever the client address: a password is not guessed from
    many addresses either (`api_token_account` in DEFAULT_THROTTLE_RATES)."""

    scope = "api_token_account"

    def get_cache_key(self, request, view):
        email = request.data.get("email") if hasattr(request.data, "get") else None
        if not isinstance(email, str) or not email.strip():
            return None
        ident = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenLoginView(APIView):
    """Exchange e-mail and password for the API token (`Authorization: Token <token>`).

    No session or token is needed (nor read) here, so the route has no CSRF exposure. Attempts
    are throttled per client address and per e-mail (`api_token`, `api_token_account` in
    REST_FRAMEWORK's DEFAULT_THROTTLE_RATES), successful or not.
    """

    authentication_classes = ()
    permission_classes = ()
    throttle_classes = (ScopedRateThrottle, TokenLoginAccountThrottle)
    throttle_scope = "api_token"

    @extend_schema(
        tags=["auth"],
        operation_id="auth_token_create",
        auth=[],
        request=TokenLoginSerializer,
        responses={
            200: inline_serializer("Token", fields={"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong e-mail or password, or a deactivated account."),
            429: OpenApiResponse(ErrorSerializer, description="Too many attempts: wait and retry."),
        },
    )
    def post(self, request):
        serializer = TokenLoginSerializer(data=request.data, context={"request": request._request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
