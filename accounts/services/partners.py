"""Partner units and their consultants (TEN-3): who acts for the companies a unit serves.

Units and consultants' data are settings leaders edit in the back-office: their saves go through
`core.history`, which checks the back-office right (accounts/backends.py) and records who changed
what, when, from what to what.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import history

from .. import access
from ..models import PartnerConsultant, PartnerUnit, User
from ..validators import cpf_is_valid, normalize_cnpj, normalize_digits
from .identifiers import clean_cpf
from .invitations import create_invited_user, invitation_send


@transaction.atomic
def partner_unit_save(*, actor: User, unit: PartnerUnit) -> PartnerUnit:
    """A leader adds or changes a partner unit; its CNPJ is stored bare (letters upper-cased)."""
    # Only punctuation and case change: an invalid CNPJ stays invalid, and is refused by
    # `settings_save` after the actor's right is checked.
    unit.cnpj = normalize_cnpj(unit.cnpj)
    history.settings_save(actor=actor, instance=unit)
    return unit


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


@transaction.atomic
def partner_consultant_update(*, actor: User, consultant: PartnerConsultant) -> PartnerConsultant:
    """A leader changes a consultant's unit, CPF or phone; the CPF is stored as its 11 digits."""
    # A CPF with wrong check digits is left as typed: `settings_save` refuses it (on the "cpf"
    # field) after the actor's right is checked.
    if cpf_is_valid(consultant.cpf):
        consultant.cpf = normalize_digits(consultant.cpf)
    history.settings_save(actor=actor, instance=consultant)
    return consultant
