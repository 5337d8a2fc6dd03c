"""Signal receivers of allauth's mfa (connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added


def _activation_passes_the_second_factor(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Activating an authenticator app means typing a code it just showed: the session has proved
    the second factor, as allauth records it at login (the back-office then opens, SEC-5)."""
    if request is None or authenticator.type not in (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN):
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def connect() -> None:
    authenticator_added.connect(_activation_passes_the_second_factor, dispatch_uid="accounts-mfa-activation")
