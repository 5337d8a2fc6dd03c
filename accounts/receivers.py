"""Signal receivers of allauth's mfa (connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed


def _activation_passes_the_second_factor(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Activating an authenticator app means typing a code it just showed: the session has proved
    the second factor, as allauth records it at login (the back-office then opens, SEC-5)."""
    if request is None or authenticator.type not in (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN):
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def _removal_forgets_the_second_factor(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Without the authenticator, this session no longer counts as having passed it: a staff user
    must activate one again before the next back-office page."""
    if request is None or not hasattr(request, "session"):
        return
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [r for r in records if r.get("method") != "mfa"]


def connect() -> None:
    authenticator_added.connect(_activation_passes_the_second_factor, dispatch_uid="accounts-mfa-activation")
    authenticator_removed.connect(_removal_forgets_the_second_factor, dispatch_uid="accounts-mfa-removal")
