"""A service's refusal that no view caught is still a clear 4xx page, never a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
