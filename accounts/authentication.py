"""The API's token authentication (SEC-6): `Authorization: Token <token>`, one token per device,
refused with a clear 401 once expired or revoked."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from core.errors import DomainError

from . import services


class DeviceTokenAuthentication(TokenAuthentication):
    """DRF's TokenAuthentication (same header, same schema for the API docs) over
    `accounts.models.ApiToken` instead of DRF's one permanent token per user."""

    keyword = "Token"

    def authenticate(self, request):
        """The language middleware ran before DRF read the token (it saw no user): the answer
        speaks the token owner's language, as a signed-in session's does."""
        result = super().authenticate(request)
        if result is not None and result[0].language in dict(settings.LANGUAGES):
            translation.activate(result[0].language)
        return result

    def authenticate_credentials(self, key):
        try:
            token = services.api_token_authenticate(key)
        except DomainError as error:
            raise exceptions.AuthenticationFailed(str(error.message)) from error
        return token.user, token
