"""The vendor's support staff: analysts and leaders registered, and staff or partner accounts
blocked and restored, by leaders."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError

from .. import access
from ..models import User
from .invitations import create_invited_user, invitation_send


@transaction.atomic
def staff_user_create(*, actor: User, email: str, full_name: str, role: str) -> User:
    """A leader registers an analyst or leader, who receives an activation e-mail."""
    access.require_leader(actor, _("Somente líderes cadastram analistas."))
    if role not in (User.Role.ANALYST, User.Role.LEADER):
        raise DomainError(_("Papel inválido para a equipe de atendimento."), field="role")
    user = create_invited_user(email=email, full_name=full_name, role=role, language="pt-br", is_staff=True)
    invitation_send(user, actor=actor, organisation=_("Equipe de atendimento"))
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
