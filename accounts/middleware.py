"""Security middleware of the portal: the staff second factor in front of the back-office (SEC-5)
and the `Permissions-Policy` header on every answer (SEC-7)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import access


@cache
def _api_open_paths(names: tuple[str, ...]) -> frozenset[str]:
    """The API routes open before the second factor, resolved once (not on every request)."""
    return frozenset(reverse(name) for name in names)


class StaffSecondFactorMiddleware:
    """No page (the back-office, the phone desk, the chat console, the remote-access reveal,
    the portal itself) opens for a staff user before their second factor: without an activated
    authenticator they are sent to activate one; with one, a session that did not pass it (logged
    in before it existed, or by other means) must pass it now. Logging out stays possible. The API
    through the browser session is refused the same way (a token for staff already demands the
    code); its token login, schema and docs stay open."""

    API_OPEN = ("api-token", "api-schema", "api-docs")
    # What a staff user may open before the second factor: signing in and out, the second factor's
    # own pages (all under /conta/), the language, the health check and static files. Everything
    # else that is staff-only lives in the back-office or beside it (/atendimento/, /chat/atendimento/).
    OPEN_PREFIXES = ("/conta/", "/static/", "/idioma/", "/healthz/", "/favicon.ico")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and not request.path.startswith("/api/")
            and not request.path.startswith(self.OPEN_PREFIXES)
            and request.path != reverse("admin:logout")
            and access.second_factor_required(user)
        ):
            redirect = self._second_factor_redirect(request, user)
            if redirect is not None:
                return redirect
        if (
            user is not None
            and request.path.startswith("/api/")
            and request.path not in _api_open_paths(self.API_OPEN)
            and access.second_factor_required(user)
            and not access.second_factor_passed(request, user)
        ):
            message = _(
                "Passe pela verificação em duas etapas no portal antes de usar a API com esta sessão."
            )
            return JsonResponse({"detail": message, "code": "mfa_required"}, status=403)
        return self.get_response(request)

    @staticmethod
    def _second_factor_redirect(request: HttpRequest, user) -> HttpResponse | None:
        if access.second_factor_passed(request, user):
            return None  # read from the session: no query on every back-office page
        query = urlencode({"next": request.get_full_path()})
        if access.has_second_factor(user):
            return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
        messages.info(
            request,
            _(
                "Para abrir o back-office, ative a verificação em duas etapas: leia o QR code com "
                "um aplicativo autenticador e digite o código que ele mostrar."
            ),
        )
        return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")
        return None


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every answer: the portal uses no camera, microphone, location,
    payment or other powerful browser feature, so none is granted to it or to anything it embeds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
