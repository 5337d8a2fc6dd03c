"""The second factor (allauth's mfa): mandatory for staff before any back-office page, optional for
everyone else (SEC-5)."""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

from ..models import User

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def second_factor_required(user: User) -> bool:
    """Analysts and leaders (staff) must hold and pass a second factor to reach the back-office."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def has_second_factor(user: User) -> bool:
    """An authenticator app (TOTP) or a security key is activated; recovery codes alone are not one."""
    return bool(is_mfa_enabled(user, SECOND_FACTORS))


def second_factor_passed(request: HttpRequest, user: User) -> bool:
    """The current session proved the second factor (at login, on re-authentication or right when
    the authenticator was activated): allauth keeps these records in the session."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))
