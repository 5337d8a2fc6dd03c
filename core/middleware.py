"""A service's refusal that no view caught, or a NUL character in a request, is still a clear 4xx
answer, never a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .errors import DomainError


class DomainErrorMiddleware:
    """Map an uncaught `DomainError` to its status (400, or 409 for a conflict) with its message;
    `ForbiddenError` and `NotFoundError` are Django's own 403 and 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        return render(request, "400.html", {"message": str(exception.message)}, status=exception.http_status)


class NulCharacterMiddleware:
    """Refuse a NUL character in any query-string, form or JSON value with a 400 and a message, in one
    place: PostgreSQL cannot store or compare text holding one (a probe turned it into 500s in list
    filters and searches). Uploaded files are not looked at: binary content may hold NUL bytes."""

    JSON_NUL = (b"\\u0000", b"\x00")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            message = _("O pedido contém um caractere inválido (NUL). Corrija o texto e tente de novo.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "nul_character"}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)

    def _has_nul(self, request: HttpRequest) -> bool:
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        content_type = request.content_type or ""
        # Not the API's forms: reading them here would take the body from DRF's own parsers (which
        # answer 415 to a media type the view does not take).
        api = request.path.startswith("/api/")
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data") and not api:
            return any(
                "\x00" in key or "\x00" in value for key, values in request.POST.lists() for value in values
            )
        if content_type.endswith("json"):
            return any(marker in request.body for marker in self.JSON_NUL)
        return False
