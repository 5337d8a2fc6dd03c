"""API tokens (API-1): issued on login, dropped when the access ends."""

from __future__ import annotations

from rest_framework.authtoken.models import Token

from ..models import User


def api_token_issue(*, user: User) -> str:
    """The user's API token (`Authorization: Token …`), created on first use."""
    token, _created = Token.objects.get_or_create(user=user)
    key: str = token.key  # the stubs declare Token.key as a bare CharField (typed Any)
    return key


def api_token_revoke(*, user: User) -> None:
    """Token API access ends with the session (TEN-2): drop any API token of the user."""
    Token.objects.filter(user=user).delete()
