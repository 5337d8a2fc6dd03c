"""Every write on companies, contacts and consultants (ACC-1..7, TEN-1).

Views, admin actions and tasks call these functions; none of them saves a model itself.
Rules raise `DomainError` with a message for the user; missing rights raise `ForbiddenError`;
who may act is decided by accounts/access.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from core.errors import DomainError, ForbiddenError
from outbox.services import email_enqueue

from . import access
from .models import Company, Contact, PartnerConsultant, PartnerUnit, User
from .validators import cpf_is_valid, normalize_cnpj, normalize_digits

_INVITATION_SALT = "accounts.invitation"

# Registration fields a company administrator may change (ACC-1); the rest is the vendor's.
COMPANY_REGISTRATION_FIELDS = (
    "trade_name",
    "address",
    "postal_code",
    "billing_address",
    "billing_email",
    "phone",
)
CONTACT_PERMISSION_FIELDS = ("can_open_tickets", "can_see_company_tickets", "can_authorize_consultancy")


# --- Locks -------------------------------------------------------------------------------------------


def _lock_company(company_id: int, *, actor: User | None = None) -> Company:
    """Serialise changes that must keep the company's invariants (ACC-1: an active administrator).

    With `actor`, re-checks under the lock that the actor is still an active administrator:
    an administrator demoted a moment ago by a concurrent request can no longer act.
    """
    company = Company.objects.select_for_update().get(pk=company_id)
    if actor is not None and not access.is_still_company_admin(actor, company_id):
        raise ForbiddenError(_("Somente um administrador da empresa pode fazer isto."))
    return company


def _active_admin_count(company_id: int) -> int:
    return Contact.objects.filter(company_id=company_id, is_company_admin=True, user__is_active=True).count()


# --- Invitations and first access (ACC-2) ----------------------------------------------------------


def _invitation_state(user: User) -> str:
    # The token dies when the password is set (hash changes) or a newer invitation is sent.
    invited = user.invited_at.isoformat() if user.invited_at else ""
    return salted_hmac(_INVITATION_SALT, f"{user.password}|{invited}|{user.is_active}").hexdigest()


def invitation_token_make(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _invitation_state(user)}, salt=_INVITATION_SALT, compress=True)


def invitation_token_read(token: str) -> User | None:
    """The user a valid, unused, unexpired invitation token belongs to; None otherwise."""
    max_age = settings.INVITATION_TIMEOUT_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=_INVITATION_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    user = User.objects.select_related("contact__company").filter(pk=data.get("u")).first()
    if user is None or user.activated_at is not None or not user.is_active:
        return None
    if not constant_time_compare(str(data.get("s")), _invitation_state(user)):
        return None
    return user


def _invitation_send(user: User, *, actor: User, organisation: str) -> None:
    user.invited_at = timezone.now()
    user.invited_by = actor
    user.save(update_fields=["invited_at", "invited_by"])
    link = settings.SITE_URL + reverse("contact-activate", kwargs={"token": invitation_token_make(user)})
    email_enqueue(
        to=user.email,
        template="accounts/invitation",
        language=user.language,
        context={
            "contact_name": user.full_name,
            "company_name": organisation,
            "invited_by": actor.full_name,
            "activation_url": link,
            "valid_days": settings.INVITATION_TIMEOUT_DAYS,
        },
    )


@transaction.atomic
def user_activate(*, token: str, password: str) -> User:
    """Set the first password from an invitation link; the link then stops working."""
    user = invitation_token_read(token)
    if user is None:
        raise DomainError(
            _("Este link de ativação é inválido, já foi usado ou expirou. Peça um novo convite.")
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.activated_at is not None:
        raise DomainError(_("Este link de ativação já foi usado."))
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password1", code="weak_password") from error
    user.set_password(password)
    user.activated_at = timezone.now()
    user.save(update_fields=["password", "activated_at"])
    return user


def _create_invited_user(
    *, email: str, full_name: str, role: str, language: str, is_staff: bool = False
) -> User:
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("Já existe um usuário com este e-mail."), field="email", code="email_taken")
    return User.objects.create_user(
        email=email,
        password=None,
        full_name=full_name.strip(),
        role=role,
        language=language,
        is_staff=is_staff,
    )


# --- Contacts ---------------------------------------------------------------------------------------


def _clean_cpf(cpf: str) -> str:
    if not cpf_is_valid(cpf):
        raise DomainError(_("CPF inválido: confira os 11 dígitos e os dígitos verificadores."), field="cpf")
    return normalize_digits(cpf)


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
) -> Contact:
    """Register a contact and e-mail them a one-time activation link (ACC-2)."""
    access.require_company_admin(actor, company.pk)
    cpf = _clean_cpf(cpf)
    if Contact.objects.filter(company=company, cpf=cpf).exists():
        raise DomainError(
            _("Já existe um contato com este CPF nesta empresa."), field="cpf", code="cpf_taken"
        )
    user = _create_invited_user(email=email, full_name=full_name, role=User.Role.CONTACT, language=language)
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
    _invitation_send(user, actor=actor, organisation=company.trade_name)
    return contact


@transaction.atomic
def contact_resend_invitation(*, actor: User, contact: Contact) -> None:
    access.require_company_admin(actor, contact.company_id)
    if contact.user.activated_at is not None:
        raise DomainError(_("Este contato já ativou o acesso; use “Esqueci minha senha” se preciso."))
    if not contact.user.is_active:
        raise DomainError(_("Reative o contato antes de reenviar o convite."))
    _invitation_send(contact.user, actor=actor, organisation=contact.company.trade_name)


@transaction.atomic
def contact_update(
    *,
    actor: User,
    contact: Contact,
    full_name: str,
    phone: str,
    cpf: str,
    can_open_tickets: bool,
    can_see_company_tickets: bool,
    can_authorize_consultancy: bool,
) -> Contact:
    """Change a contact's data and permissions (ACC-3). Administrators always see all tickets."""
    access.require_company_admin(actor, contact.company_id)
    cpf = _clean_cpf(cpf)
    if Contact.objects.filter(company_id=contact.company_id, cpf=cpf).exclude(pk=contact.pk).exists():
        raise DomainError(
            _("Já existe um contato com este CPF nesta empresa."), field="cpf", code="cpf_taken"
        )
    contact.user.full_name = full_name.strip()
    contact.user.save(update_fields=["full_name"])
    contact.cpf = cpf
    contact.phone = phone
    contact.can_open_tickets = can_open_tickets
    contact.can_see_company_tickets = can_see_company_tickets or contact.is_company_admin
    contact.can_authorize_consultancy = can_authorize_consultancy
    contact.save(update_fields=["cpf", "phone", *CONTACT_PERMISSION_FIELDS])
    return contact


@transaction.atomic
def contact_set_admin(*, actor: User, contact: Contact, is_admin: bool) -> Contact:
    """Promote or demote a company administrator; never leave the company without one (ACC-1).

    The company row is locked first, so two administrators demoting each other at the same
    instant are serialised: the second sees the first's change and is refused.
    """
    access.require_company_admin(actor, contact.company_id)
    _lock_company(contact.company_id, actor=actor)
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
    _lock_company(contact.company_id, actor=actor)
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
    # Token API access ends with the session (TEN-2): drop any API token.
    Token.objects.filter(user=contact.user).delete()
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


@transaction.atomic
def user_update_profile(*, actor: User, full_name: str, phone: str | None, language: str) -> User:
    """A user edits their own name, phone and language."""
    actor.full_name = full_name.strip()
    actor.language = language
    actor.save(update_fields=["full_name", "language"])
    contact = getattr(actor, "contact", None)
    if contact is not None and phone is not None:
        contact.phone = phone
        contact.save(update_fields=["phone"])
    return actor


def user_set_language(*, actor: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Idioma não suportado."))
    if actor.is_authenticated and actor.language != language:
        actor.language = language
        actor.save(update_fields=["language"])


# --- Companies ----------------------------------------------------------------------------------------


@transaction.atomic
def company_update_registration(*, actor: User, company: Company, **fields: str) -> Company:
    """A company administrator updates the company's registration data (ACC-1)."""
    access.require_company_admin(actor, company.pk)
    unknown = set(fields) - set(COMPANY_REGISTRATION_FIELDS)
    if unknown:
        raise DomainError(_("Campos não editáveis: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    company = _lock_company(company.pk)
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
    company = _lock_company(company.pk)
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
    product_lines=(),
    **fields,
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
def company_update(*, actor: User, company: Company, product_lines=None, **fields) -> Company:
    """The back-office changes any registration field of a company (financial status has its own service)."""
    access.require_staff(actor, _("Somente a equipe de atendimento altera estes dados."))
    fields.pop("financial_status", None)
    company = _lock_company(company.pk)
    for name, value in fields.items():
        setattr(company, name, value)
    company.cnpj = normalize_cnpj(company.cnpj)
    _full_clean_or_domain_error(company)
    company.save()
    if product_lines is not None:
        company.product_lines.set(product_lines)
    return company


def _full_clean_or_domain_error(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from error


@transaction.atomic
def partner_consultant_create(
    *, actor: User, unit: PartnerUnit, email: str, full_name: str, cpf: str = "", phone: str = ""
) -> PartnerConsultant:
    """A leader registers a partner unit's consultant, who receives an activation e-mail (TEN-3)."""
    access.require_leader(actor, _("Somente líderes cadastram consultores de parceiros."))
    user = _create_invited_user(email=email, full_name=full_name, role=User.Role.PARTNER, language="pt-br")
    consultant = PartnerConsultant.objects.create(
        user=user, unit=unit, cpf=_clean_cpf(cpf) if cpf else "", phone=phone
    )
    _invitation_send(user, actor=actor, organisation=unit.name)
    return consultant


@transaction.atomic
def staff_user_create(*, actor: User, email: str, full_name: str, role: str) -> User:
    """A leader registers an analyst or leader, who receives an activation e-mail."""
    access.require_leader(actor, _("Somente líderes cadastram analistas."))
    if role not in (User.Role.ANALYST, User.Role.LEADER):
        raise DomainError(_("Papel inválido para a equipe de atendimento."), field="role")
    user = _create_invited_user(email=email, full_name=full_name, role=role, language="pt-br", is_staff=True)
    _invitation_send(user, actor=actor, organisation=_("Equipe de atendimento"))
    return user


@transaction.atomic
def staff_user_set_active(*, actor: User, user: User, active: bool) -> User:
    """A leader blocks or restores a staff or partner account (contacts belong to their company)."""
    access.require_leader(actor, _("Somente líderes bloqueiam acessos da equipe."))
    if user.role == User.Role.CONTACT:
        raise DomainError(_("Contatos são desativados pelo administrador da empresa ou na tela de contatos."))
    if user.pk == actor.pk and not active:
        raise DomainError(_("Você não pode bloquear o próprio acesso."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


# --- API tokens (API-1) ---------------------------------------------------------------------------------


def api_token_issue(*, user: User) -> str:
    """The user's API token (`Authorization: Token …`), created on first use."""
    token, _created = Token.objects.get_or_create(user=user)
    return token.key
