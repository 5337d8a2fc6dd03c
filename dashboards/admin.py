"""The leaders' dashboard in the back-office, where leaders work: /admin/painel/ and one CSV file per
table (/admin/painel/<painel>.csv). Leaders only: an analyst gets 403, anyone else the back-office's
login page (`admin_view`).

The dashboard has no model of its own, so the back-office site gets its URLs and its entry in the
app list (index page and side menu) here, when the admin modules are discovered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts import access
from core.csv import csv_response
from core.errors import DomainError
from core.forms import form_errors_text

from .forms import DEFAULT_MONTHS, DashboardFilterForm
from .panels import PANEL_KEYS, csv_filename, dashboard_panel, dashboard_panels


def _filter_form(request: HttpRequest) -> DashboardFilterForm:
    data = request.GET.copy()
    if not data.get("meses"):
        data["meses"] = str(DEFAULT_MONTHS)
    return DashboardFilterForm(data)


def dashboard_view(request: HttpRequest) -> HttpResponse:
    access.require_leader(request.user)
    form = _filter_form(request)
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": _("Painel dos líderes"),
        "form": form,
        "query": request.GET.urlencode(),
    }
    if not form.is_valid():
        return TemplateResponse(request, "admin/dashboards/dashboard.html", context, status=400)
    panels = dashboard_panels(request.user, form.filters(timezone.now()))  # type: ignore[arg-type]
    context["panels"] = panels
    context["charts"] = {panel.chart_id: panel.chart for panel in panels if panel.chart and panel.rows}
    return TemplateResponse(request, "admin/dashboards/dashboard.html", context)


def panel_csv_view(request: HttpRequest, key: str) -> HttpResponse:
    access.require_leader(request.user)
    form = _filter_form(request)
    if not form.is_valid():
        raise DomainError(form_errors_text(form))
    filters = form.filters(timezone.now())
    panel = dashboard_panel(request.user, filters, key)  # type: ignore[arg-type]
    return csv_response(csv_filename(key, filters), panel.header, panel.csv_rows)


def dashboard_urls() -> list[URLPattern]:
    return [
        path("painel/", admin.site.admin_view(dashboard_view), name="dashboards"),
        *(
            path(
                f"painel/{key}.csv",
                admin.site.admin_view(panel_csv_view),
                {"key": key},
                name=f"dashboards-{key}",
            )
            for key in PANEL_KEYS
        ),
    ]


def dashboard_app(request: HttpRequest) -> dict[str, Any]:
    """The dashboard as the back-office's app list shows an app with one page."""
    url = reverse("admin:dashboards")
    return {
        "name": _("Painel dos líderes"),
        "app_label": "dashboards",
        "app_url": url,
        "has_module_perms": True,
        "models": [
            {
                "name": _("Indicadores do atendimento"),
                "object_name": "Dashboard",
                "admin_url": url,
                "add_url": None,
                "view_only": True,
                "perms": {"add": False, "change": False, "delete": False, "view": True},
            }
        ],
    }


_site_urls: Callable[[], list[Any]] = admin.site.get_urls
_site_app_list: Callable[..., list[Any]] = admin.site.get_app_list


def _get_urls() -> list[Any]:
    return [*dashboard_urls(), *_site_urls()]


def _app_list(request: HttpRequest, app_label: str | None) -> list[Any]:
    apps = _site_app_list(request, app_label)
    if app_label is None and access.is_leader(request.user):
        return [dashboard_app(request), *apps]
    return apps


def _get_app_list(request: HttpRequest, app_label: str | None = None) -> list[Any]:
    """The site's app list with the dashboard, built when first read: every back-office page's
    context carries it (`each_context`), but only the index, an app's page and the side menu show
    it, and building it (every model's permissions and URLs) cost the queue a tenth of its time."""
    return cast(list[Any], SimpleLazyObject(lambda: _app_list(request, app_label)))


admin.site.get_urls = _get_urls  # type: ignore[method-assign]
admin.site.get_app_list = _get_app_list  # type: ignore[method-assign]
