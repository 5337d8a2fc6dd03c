"""Row locks that serialise changes to a company's invariants (ACC-1: an active administrator)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import ForbiddenError

from .. import access
from ..models import Company, User


def lock_company(company_id: int, *, actor: User | None = None) -> Company:
    """Serialise changes that must keep the company's invariants (ACC-1: an active administrator).

    With `actor`, re-checks under the lock that the actor is still an active administrator:
    an administrator demoted a moment ago by a concurrent request can no longer act.
    """
    company = Company.objects.select_for_update().get(pk=company_id)
    if actor is not None and not access.is_still_company_admin(actor, company_id):
        raise ForbiddenError(_("Somente um administrador da empresa pode fazer isto."))
    return company
