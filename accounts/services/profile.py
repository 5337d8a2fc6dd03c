"""A user's own profile: name, phone and language."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError

from ..models import User


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
