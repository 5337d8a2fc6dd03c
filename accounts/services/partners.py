"""Partner units and their consultants (TEN-3): who acts for the companies a unit serves."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from .. import access
from ..models import PartnerConsultant, PartnerUnit, User
from .identifiers import clean_cpf
from .invitations import create_invited_user, invitation_send


@transaction.atomic
def partner_consultant_create(
    *, actor: User, unit: PartnerUnit, email: str, full_name: str, cpf: str = "", phone: str = ""
) -> PartnerConsultant:
    """A leader registers a partner unit's consultant, who receives an activation e-mail (TEN-3)."""
    access.require_leader(actor, _("Somente líderes cadastram consultores de parceiros."))
    user = create_invited_user(email=email, full_name=full_name, role=User.Role.PARTNER, language="pt-br")
    consultant = PartnerConsultant.objects.create(
        user=user, unit=unit, cpf=clean_cpf(cpf) if cpf else "", phone=phone
    )
    invitation_send(user, actor=actor, organisation=unit.name)
    return consultant
