"""REST API of accounts (API-1): the token login, and the permission class of staff-only routes.

The token is issued by `accounts.services.api_token_issue` (one per device, expiring; staff give
their authenticator app's code too); attempts are throttled per client address and per e-mail.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from core.api import ErrorSerializer

from . import access, services


class IsAnalyst(BasePermission):
    message = _("Somente a equipe de atendimento pode fazer isto.")

    def has_permission(self, request, view) -> bool:
        return access.is_staff(request.user)


# --- Token login -------------------------------------------------------------------------------------------


class TokenLoginSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)
    device = serializers.CharField(
        max_length=80, required=False, allow_blank=True, help_text=_("Nome do dispositivo ou programa.")
    )
    code = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text=_("Código do aplicativo autenticador: obrigatório para a equipe de atendimento."),
    )

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
            200: inline_serializer(
                "Token", fields={"token": serializers.CharField(), "expires_at": serializers.DateTimeField()}
            ),
            400: OpenApiResponse(
                description="Wrong e-mail or password, a deactivated account, or (staff) a missing "
                "or wrong authenticator code."
            ),
            429: OpenApiResponse(ErrorSerializer, description="Too many attempts: wait and retry."),
        },
    )
    def post(self, request):
        serializer = TokenLoginSerializer(data=request.data, context={"request": request._request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        raw, token = services.api_token_issue(
            user=data["user"], device=data.get("device", ""), code=data.get("code", "")
        )
        return Response({"token": raw, "expires_at": token.expires_at})
