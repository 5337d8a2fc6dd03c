"""Client companies (TEN-1, ACC-1, ACC-6): registered with their first administrator and changed by
the back-office, their registration data changed by their administrators, the financial pendency
marked and cleared by vendor staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.errors import DomainError

from .. import access
from ..models import Company, ProductLine, User
from ..validators import normalize_cnpj, normalize_digits
from .contacts import contact_invite
from .locks import lock_company

# Registration fields a company administrator may change (ACC-1); the rest is the vendor's.
COMPANY_REGISTRATION_FIELDS = (
    "trade_name",
    "address",
    "postal_code",
    "billing_address",
    "billing_email",
    "phone",
)


@transaction.atomic
def company_update_registration(*, actor: User, company: Company, **fields: str) -> Company:
    """A company administrator updates the company's registration data (ACC-1)."""
    access.require_company_admin(actor, company.pk)
    unknown = set(fields) - set(COMPANY_REGISTRATION_FIELDS)
    if unknown:
        raise DomainError(_("Campos não editáveis: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    company = lock_company(company.pk)
    for name, value in fields.items():
        setattr(company, name, value)
    if "postal_code" in fields:
        company.postal_code = normalize_digits(company.postal_code)
    if "phone" in fields:
        company.phone = company.phone.strip()
    try:
        company.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from error
    company.save(update_fields=[*fields, "updated_at"])
    return company


@transaction.atomic
def company_set_financial_status(*, actor: User, company: Company, status: str, note: str = "") -> Company:
    """Vendor staff mark or clear a financial pendency (ACC-6)."""
    access.require_staff(actor, _("Somente a equipe de atendimento altera a situação financeira."))
    if status not in Company.FinancialStatus.values:
        raise DomainError(_("Situação financeira desconhecida."))
    company = lock_company(company.pk)
    company.financial_status = status
    company.financial_note = note if status == Company.FinancialStatus.PENDENCY else ""
    company.save(update_fields=["financial_status", "financial_note", "updated_at"])
    return company


@transaction.atomic
def company_create(
    *,
    actor: User,
    admin_email: str,
    admin_full_name: str,
    admin_cpf: str,
    product_lines: Iterable[ProductLine] = (),
    **fields: Any,
) -> Company:
    """The back-office registers a client company with its first administrator (TEN-1, ACC-1).

    The administrator receives the activation e-mail; the company is never without one.
    """
    access.require_staff(actor, _("Somente a equipe de atendimento cadastra empresas."))
    company = Company(**fields)
    company.cnpj = normalize_cnpj(company.cnpj)
    _full_clean_or_domain_error(company)
    company.save()
    company.product_lines.set(product_lines)
    contact_invite(
        actor=actor,
        company=company,
        email=admin_email,
        full_name=admin_full_name,
        cpf=admin_cpf,
        can_open_tickets=True,
        can_see_company_tickets=True,
        can_authorize_consultancy=True,
        is_company_admin=True,
    )
    return company


@transaction.atomic
def company_update(
    *, actor: User, company: Company, product_lines: Iterable[ProductLine] | None = None, **fields: Any
) -> Company:
    """The back-office changes any registration field of a company (financial status has its own service)."""
    access.require_staff(actor, _("Somente a equipe de atendimento altera estes dados."))
    fields.pop("financial_status", None)
    company = lock_company(company.pk)
    for name, value in fields.items():
        setattr(company, name, value)
    company.cnpj = normalize_cnpj(company.cnpj)
    _full_clean_or_domain_error(company)
    company.save()
    if product_lines is not None:
        company.product_lines.set(product_lines)
    return company


def _full_clean_or_domain_error(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from error
