"""A company's contacts (ACC-1..3, ACC-7): invited, changed, promoted and demoted, deactivated and
reactivated by the company's administrators or the back-office; never without an active administrator.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError

from .. import access
from ..models import Company, Contact, User
from .identifiers import clean_cpf
from .invitations import create_invited_user, email_normalize, invitation_conflict_report, invitation_send
from .locks import lock_company
from .tokens import api_token_revoke

CONTACT_PERMISSION_FIELDS = ("can_open_tickets", "can_see_company_tickets", "can_authorize_consultancy")


def _active_admin_count(company_id: int) -> int:
    return Contact.objects.filter(company_id=company_id, is_company_admin=True, user__is_active=True).count()


@transaction.atomic
def contact_invite(
    *,
    actor: User,
    company: Company,
    email: str,
    full_name: str,
    cpf: str,
    phone: str = "",
    can_open_tickets: bool = True,
    can_see_company_tickets: bool = False,
    can_authorize_consultancy: bool = False,
    is_company_admin: bool = False,
    language: str = "pt-br",
) -> Contact | None:
    """Register a contact and e-mail them a one-time activation link (ACC-2).

    An address already used outside the company is not revealed to a company administrator
    (no account enumeration): nothing is created or sent to it, the back-office is told, and the
    view answers as after a normal invitation (returns None). A contact of the same company, or
    a staff actor, is still told that the address is in use.
    """
    access.require_company_admin(actor, company.pk)
    cpf = clean_cpf(cpf)
    if Contact.objects.filter(company=company, cpf=cpf).exists():
        raise DomainError(
            _("Já existe um contato com este CPF nesta empresa."), field="cpf", code="cpf_taken"
        )
    existing = User.objects.filter(email__iexact=email_normalize(email)).select_related("contact").first()
    if existing is not None and not actor.is_staff:
        same_company = (
            getattr(existing, "contact", None) is not None and existing.contact.company_id == company.pk
        )
        if not same_company:
            invitation_conflict_report(actor=actor, email=existing.email, organisation=company.trade_name)
            return None
    user = create_invited_user(email=email, full_name=full_name, role=User.Role.CONTACT, language=language)
    contact = Contact.objects.create(
        user=user,
        company=company,
        cpf=cpf,
        phone=phone,
        can_open_tickets=can_open_tickets,
        can_see_company_tickets=can_see_company_tickets or is_company_admin,
        can_authorize_consultancy=can_authorize_consultancy,
        is_company_admin=is_company_admin,
    )
    invitation_send(user, actor=actor, organisation=company.trade_name)
    return contact


@transaction.atomic
def contact_resend_invitation(*, actor: User, contact: Contact) -> None:
    access.require_company_admin(actor, contact.company_id)
    if contact.user.activated_at is not None:
        raise DomainError(_("Este contato já ativou o acesso; use “Esqueci minha senha” se preciso."))
    if not contact.user.is_active:
        raise DomainError(_("Reative o contato antes de reenviar o convite."))
    invitation_send(contact.user, actor=actor, organisation=contact.company.trade_name)


@transaction.atomic
def contact_update(
    *,
    actor: User,
    contact: Contact,
    full_name: str,
    phone: str,
    cpf: str,
    email: str | None = None,
    can_open_tickets: bool,
    can_see_company_tickets: bool,
    can_authorize_consultancy: bool,
) -> Contact:
    """Change a contact's data and permissions (ACC-3). Administrators always see all tickets."""
    access.require_company_admin(actor, contact.company_id)
    cpf = clean_cpf(cpf)
    if Contact.objects.filter(company_id=contact.company_id, cpf=cpf).exclude(pk=contact.pk).exists():
        raise DomainError(
            _("Já existe um contato com este CPF nesta empresa."), field="cpf", code="cpf_taken"
        )
    user = contact.user
    user.full_name = full_name.strip()
    email_changed = email is not None and _contact_email_change(user, email)
    user.save(update_fields=["full_name", "email"])
    if email_changed and user.activated_at is None and user.is_active:
        # The pending invitation went to the old address: the new one gets a fresh link.
        invitation_send(user, actor=actor, organisation=contact.company.trade_name)
    contact.cpf = cpf
    contact.phone = phone
    contact.can_open_tickets = can_open_tickets
    contact.can_see_company_tickets = can_see_company_tickets or contact.is_company_admin
    contact.can_authorize_consultancy = can_authorize_consultancy
    contact.save(update_fields=["cpf", "phone", *CONTACT_PERMISSION_FIELDS])
    return contact


def _contact_email_change(user: User, email: str) -> bool:
    """Change the login e-mail. An address already in use (here or in any other company) gets the same
    neutral answer, so the form tells nobody which addresses exist elsewhere."""
    email = User.objects.normalize_email(email).strip().lower()
    if email == user.email.lower():
        return False
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise DomainError(
            _("Não foi possível usar este e-mail. Confira o endereço ou fale com o suporte."),
            field="email",
            code="email_unavailable",
        )
    user.email = email
    # allauth also logs people in by its own address records: the old address must stop working.
    EmailAddress.objects.filter(user=user).delete()
    return True


@transaction.atomic
def contact_set_admin(*, actor: User, contact: Contact, is_admin: bool) -> Contact:
    """Promote or demote a company administrator; never leave the company without one (ACC-1).

    The company row is locked first, so two administrators demoting each other at the same
    instant are serialised: the second sees the first's change and is refused.
    """
    access.require_company_admin(actor, contact.company_id)
    lock_company(contact.company_id, actor=actor)
    contact = Contact.objects.select_related("user").get(pk=contact.pk)
    if is_admin == contact.is_company_admin:
        return contact
    if is_admin and not contact.user.is_active:
        raise DomainError(_("Reative o contato antes de torná-lo administrador."))
    if not is_admin and contact.user.is_active and _active_admin_count(contact.company_id) <= 1:
        raise DomainError(
            _("A empresa precisa de pelo menos um administrador ativo. Promova outro contato antes."),
            code="last_admin",
        )
    contact.is_company_admin = is_admin
    if is_admin:
        contact.can_see_company_tickets = True
    contact.save(update_fields=["is_company_admin", "can_see_company_tickets"])
    return contact


@transaction.atomic
def contact_deactivate(*, actor: User, contact: Contact) -> Contact:
    """Block a contact's access at their next request; tickets stay with the company (ACC-7)."""
    access.require_company_admin(actor, contact.company_id)
    lock_company(contact.company_id, actor=actor)
    contact = Contact.objects.select_related("user").get(pk=contact.pk)
    if not contact.user.is_active:
        return contact
    if contact.is_company_admin and _active_admin_count(contact.company_id) <= 1:
        raise DomainError(
            _("Este é o último administrador ativo da empresa. Promova outro contato antes de desativá-lo."),
            code="last_admin",
        )
    contact.user.is_active = False
    contact.user.save(update_fields=["is_active"])
    api_token_revoke(user=contact.user)
    return contact


@transaction.atomic
def contact_reactivate(*, actor: User, contact: Contact) -> Contact:
    access.require_company_admin(actor, contact.company_id)
    contact = Contact.objects.select_for_update().select_related("user").get(pk=contact.pk)
    if contact.user.is_active:
        return contact
    contact.user.is_active = True
    contact.user.save(update_fields=["is_active"])
    return contact
