"""Who reads the knowledge base and who may say a suggestion solved their problem (SELF-1, SELF-2).

Every signed-in, active user reads the published articles (client contacts, partner consultants,
staff); drafts are the staff's only: for anyone else a draft is *not found*, like a missing one.
A deflection ("resolveu, não preciso abrir chamado") is recorded by who opens tickets in the portal:
client contacts and partner consultants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.errors import ForbiddenError, NotFoundError
from core.ids import as_id
from knowledge.models import Article

from ..models import Company
from .companies import companies_actable_by
from .roles import contact_of, is_client, is_staff

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .roles import AnyUser


def articles_visible_to(user: AnyUser | None) -> QuerySet[Article]:
    """The articles the user may read: every one for staff, the published ones for anyone signed in."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Article.objects.none()
    if is_staff(user):
        return Article.objects.all()
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def access_article(user: AnyUser | None, slug: str) -> Article:
    article = (
        articles_visible_to(user).select_related("product", "routine", "author").filter(slug=slug).first()
    )
    if article is None:
        raise NotFoundError
    return article


def deflection_company(user: AnyUser | None, company_id: str | int | None) -> Company | None:
    """The company a deflection counts for: a contact's own; for a partner consultant, the served company
    chosen on the new-ticket page (none when none or another one is named). Staff record none (403)."""
    if not is_client(user):
        raise ForbiddenError(_("Só contatos de empresas clientes e consultores de parceiros abrem chamados."))
    contact = contact_of(user)
    if contact is not None:
        return contact.company
    if (pk := as_id(company_id)) is None:
        return None
    return companies_actable_by(user).filter(pk=pk).first()
