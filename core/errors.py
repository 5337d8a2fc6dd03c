"""The domain's errors: one hierarchy, with a message a user can read.

Services raise them; each is mapped once: to a form error by `core.forms.add_domain_error`, to an
HTTP status by `core.middleware.DomainErrorMiddleware` (pages) and `core.api.exception_handler`
(API). `ForbiddenError` and `NotFoundError` are also Django's `PermissionDenied` and `Http404`, so
Django answers them 403 and 404 wherever they are raised; another company's object is *not
found*, exactly like a missing one (TEN-2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ApplicationError(Exception):
    """Base of the hierarchy. `code` is a stable slug for the API; `field` names the form field
    the message belongs to, when there is one."""

    http_status = 400
    default_code = "invalid"

    def __init__(
        self, message: StrOrPromise = "", *, code: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class DomainError(ApplicationError):
    """Invalid: a rule refuses the action as asked (400)."""


class ConflictError(DomainError):
    """Conflict: the object's current state refuses the action (409); a `DomainError` too, so a
    form shows it like any other refusal."""

    http_status = 409
    default_code = "conflict"


class ForbiddenError(ApplicationError, PermissionDenied):
    """Forbidden: the actor may not do this (403)."""

    http_status = 403
    default_code = "permission_denied"


class NotFoundError(ApplicationError, Http404):
    """Not found, or not visible to the actor (404, with no detail: TEN-2)."""

    http_status = 404
    default_code = "not_found"
