"""Security events recorded from signals: logins, failed logins, logouts, and the second factor's
changes (django-allauth's mfa, when installed). Role, permission and company-administrator
changes are recorded by database triggers (audit/triggers.py), whatever wrote them."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from .services import Kind, audit_record


def _company_id(user: Any) -> int | None:
    contact = getattr(user, "contact", None) if user is not None else None
    return getattr(contact, "company_id", None)


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(kind=Kind.LOGIN, actor=user, request=request, company_id=_company_id(user))


def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(kind=Kind.LOGOUT, actor=user, request=request)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django has already replaced the password with stars; only the address tried is kept.
    tried = str(credentials.get("email") or credentials.get("username") or "")
    audit_record(kind=Kind.LOGIN_FAILED, actor_label=tried, request=request)


def _mfa(kind: str) -> Any:
    def receiver(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
        authenticator = kwargs.get("authenticator")
        audit_record(
            kind=kind,
            actor=user,
            request=request,
            detail=str(getattr(authenticator, "type", "") or ""),
        )

    return receiver


_MFA_RECEIVERS = {
    "authenticator_added": _mfa(Kind.MFA_ADDED),
    "authenticator_removed": _mfa(Kind.MFA_REMOVED),
    "authenticator_reset": _mfa(Kind.MFA_RESET),
    "authentication_failed": _mfa(Kind.MFA_FAILED),
}


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa import signals as mfa_signals

        for name, receiver in _MFA_RECEIVERS.items():
            getattr(mfa_signals, name).connect(receiver, dispatch_uid=f"audit.mfa.{name}")
