"""Facts about a request that several apps need, decided once."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: behind the TLS proxy (`BEHIND_PROXY`), the last hop it appended to
    X-Forwarded-For; otherwise REMOTE_ADDR (a client's own X-Forwarded-For is never trusted)."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    address = str(request.META.get("REMOTE_ADDR") or "")
    return address or None
