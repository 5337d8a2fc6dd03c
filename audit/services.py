"""Writing the audit trail from Python (security events, exports, remote-access reveals): the
ticket's critical fields and consultancy steps are written by the database (audit/triggers.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import AuditEntry

Kind = AuditEntry.Kind


def client_ip(request: HttpRequest | None) -> str | None:
    """The address Django saw (REMOTE_ADDR; behind the proxy, the proxy's own setting decides)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    return str(address) if address else None


def audit_record(
    *,
    kind: str,
    actor: Any = None,
    actor_label: str = "",
    request: HttpRequest | None = None,
    ticket_id: int | None = None,
    company_id: int | None = None,
    field: str = "",
    old_value: object = "",
    new_value: object = "",
    detail: str = "",
) -> AuditEntry:
    """Append one row. `actor` is a user or None (the system, or nobody logged in)."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        kind=kind,
        actor=user,
        actor_label=(actor_label or (user.email if user is not None else ""))[:254],
        ticket_id=ticket_id,
        company_id=company_id,
        field=field[:40],
        old_value="" if old_value is None else str(old_value),
        new_value="" if new_value is None else str(new_value),
        detail=detail[:500],
        ip=client_ip(request),
    )


def audit_lockout(request: HttpRequest | None, credentials: dict[str, Any]) -> None:
    """Too many failed logins: the rate limit refused this attempt (accounts.adapters)."""
    tried = str(credentials.get("email") or credentials.get("username") or "")
    audit_record(kind=Kind.LOCKOUT, actor_label=tried, request=request)
