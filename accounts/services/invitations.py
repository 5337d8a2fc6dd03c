"""Invitations and first access (ACC-2): invited users, one-time activation links, the first password.

Contacts, partner consultants and staff are all invited the same way: a user without a usable
password and an e-mail (through the outbox) with a signed link that dies once used or re-sent.
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

from core.errors import DomainError
from outbox.services import email_enqueue

from ..models import User

_INVITATION_SALT = "accounts.invitation"


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


def invitation_send(user: User, *, actor: User, organisation: str) -> None:
    """E-mail `user` a new activation link on behalf of `actor`; any earlier link stops working."""
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


def email_normalize(email: str) -> str:
    return User.objects.normalize_email(email).strip().lower()


def create_invited_user(
    *, email: str, full_name: str, role: str, language: str, is_staff: bool = False
) -> User:
    """A user who still has to activate their access (no usable password); one per e-mail address."""
    email = email_normalize(email)
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


def invitation_conflict_report(*, actor: User, email: str, organisation: str) -> None:
    """Tell the back-office (the active leaders, through the outbox) that `actor` tried to invite an
    address that already belongs to someone outside their company; the actor is told nothing more
    than after a normal invitation, so the form cannot be used to find out who has an account."""
    leaders = list(
        User.objects.filter(role=User.Role.LEADER, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if not leaders:
        return
    email_enqueue(
        to=leaders,
        template="accounts/invitation_conflict",
        context={
            "invited_email": email,
            "invited_by": actor.full_name,
            "invited_by_email": actor.email,
            "company_name": organisation,
        },
        thread="",
    )
