"""Facts about a request that several apps need, decided once."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.http import FileResponse, Http404, HttpRequest


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


def private_file_response(file: File[bytes], *, filename: str, content_type: str) -> FileResponse:
    """A stored file the caller has checked the user may have: always a download, never rendered
    by the browser, never cached by a shared proxy; a file missing from the disk is a 404."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def clean_file_name(name: str, max_length: int = 200) -> str:
    """An uploaded file's name as kept: no folders, no NUL, at most `max_length` characters with
    its extension kept (a long name used to lose ".txt" and be refused as a file of no type)."""
    base = PurePath(name.replace("\\", "/")).name.strip().replace("\x00", "")
    if len(base) > max_length:
        suffix = PurePath(base).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        base = base[: max_length - len(suffix)] + suffix
    return base or "arquivo"
