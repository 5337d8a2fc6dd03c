"""The request's part of the audit trail.

- On PostgreSQL, the logged-in user's id goes to the connection setting `audit.actor` just before
  a statement that changes audited rows, so the triggers (audit/triggers.py) name who did it; it
  is cleared when the request ends (the connection outlives the request). The setting is written
  on the driver's cursor: it is not one of the page's queries.
- Every export (a CSV or PDF download) is one audit row: the one shared place every export view
  passes through.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse

from .services import Kind, audit_record

AUDITED_WRITES = tuple(
    f'{verb} "{table}"'
    for verb, tables in (
        ("UPDATE", ("tickets_ticket", "accounts_user", "accounts_contact")),
        ("INSERT INTO", ("accounts_user_groups", "accounts_user_user_permissions", "tickets_ticketevent")),
        ("DELETE FROM", ("accounts_user_groups", "accounts_user_user_permissions")),
    )
    for table in tables
)
EXPORT_TYPES = ("text/csv", "application/pdf")


class _ActorSetter:
    def __init__(self, user_id: int) -> None:
        self.user_id = str(user_id)
        self.used = False

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        # Before every audited write, not once: a rolled-back transaction undoes the setting.
        if sql.lstrip().startswith(AUDITED_WRITES):
            context["cursor"].cursor.execute("SELECT set_config('audit.actor', %s, false)", [self.user_id])
            self.used = True
        return execute(sql, params, many, context)

    def clear(self) -> None:
        if self.used and connection.connection is not None:
            with connection.connection.cursor() as cursor:
                cursor.execute("SELECT set_config('audit.actor', '', false)")


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        setter = None
        with ExitStack() as stack:
            if connection.vendor == "postgresql" and user is not None and user.is_authenticated:
                setter = _ActorSetter(user.pk)
                stack.enter_context(connection.execute_wrapper(setter))
                stack.callback(setter.clear)
            response = self.get_response(request)
        if response.status_code == 200 and _is_export(response):
            audit_record(
                kind=Kind.EXPORT, actor=user, request=request, detail=_export_detail(request, response)
            )
        return response


def _is_export(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in EXPORT_TYPES and response.get("Content-Disposition", "").startswith("attachment")


def _export_detail(request: HttpRequest, response: HttpResponse) -> str:
    disposition = response.get("Content-Disposition", "")
    filename = disposition.split("filename=", 1)[-1].strip('"') if "filename=" in disposition else ""
    return f"{request.path} {filename}".strip()
