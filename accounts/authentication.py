"""The API's token authentication (SEC-6): `Authorization: Token <token>`, one token per device,
refused with a clear 401 once expired or revoked."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from core.errors import DomainError

from . import services

KEYWORD = "Token"


class DeviceTokenAuthentication(BaseAuthentication):
    """Like DRF's TokenAuthentication (same header), over `accounts.models.ApiToken`."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != KEYWORD.lower().encode():
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(_("Cabeçalho de token inválido: use “Token <token>”."))
        try:
            raw = words[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Token inválido.")) from error
        try:
            token = services.api_token_authenticate(raw)
        except DomainError as error:
            raise exceptions.AuthenticationFailed(str(error.message)) from error
        return token.user, token

    def authenticate_header(self, request) -> str:
        return KEYWORD
