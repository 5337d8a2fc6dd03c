"""The portal shell: home page, language choice, health check, error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from rest_framework import exceptions as api_errors

from accounts import access
from accounts.services import user_set_language
from news import selectors as news_selectors
from tickets import selectors as ticket_selectors

from .health import health_report


@login_required
def home(request):
    """The start page; contacts and partner consultants see their latest open tickets, and everyone
    the news about their products and the next tira-dúvidas events (SELF-4, SELF-7)."""
    user = request.user
    context = {}
    contact = access.contact_of(user)
    if access.partner_unit_id(user) is not None:
        context["served_companies"] = list(access.companies_actable_by(user).order_by("trade_name"))
    if contact is not None or "served_companies" in context:
        context["now"] = timezone.now()
        # Tickets waiting for the client first (with what to do), then the newest; unread marked;
        # the columns of the list's table, which these rows show too.
        context["recent_tickets"] = list(
            ticket_selectors.tickets_waiting_first(
                ticket_selectors.tickets_with_news(
                    ticket_selectors.tickets_list_page(
                        ticket_selectors.tickets_list(user, scope="mine", open_only=True)
                    ),
                    user,
                )
            )[:5]
        )
        context["can_open_ticket"] = (
            contact.can_open_tickets if contact is not None else bool(context["served_companies"])
        )
    if contact is not None or "served_companies" in context:
        context["home_news"] = news_selectors.home_news(user)
        context["home_events"] = news_selectors.home_events(user, now=timezone.now())
    return render(request, "portal/home.html", context)


@require_POST
def set_language(request):
    """Choose the interface language; saved on the user's profile when logged in (POST + CSRF)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        user_set_language(actor=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


@require_GET
@never_cache
def healthz(request):
    """For monitors (anonymous): database, cache, broker, beat; 200 or 503 (portal/health.py)."""
    body, status = health_report()
    return JsonResponse(body, status=status)


def _api_error(request, error: api_errors.APIException, detail: str = "") -> JsonResponse | None:
    """Under /api/ an error answers in the API's shape (`{"detail", "code"}`), not a page."""
    if not request.path.startswith("/api/"):
        return None
    body = {"detail": detail or str(error.default_detail), "code": error.default_code}
    return JsonResponse(body, status=error.status_code)


def error_403(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return _api_error(request, api_errors.PermissionDenied(), message) or render(
        request, "403.html", {"message": message}, status=403
    )


def error_404(request, exception=None):
    return _api_error(request, api_errors.NotFound()) or render(request, "404.html", status=404)


def error_500(request):
    return _api_error(request, api_errors.APIException()) or render(request, "500.html", status=500)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages that link no icon (the back-office, files): the
    portal's icon. A temporary redirect, since the static file's name changes with its content."""
    return HttpResponseRedirect(static("img/favicon.svg"))
