"""Brazilian identifiers as the services take them: checked, then stored as bare digits."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import DomainError

from ..validators import cpf_is_valid, normalize_digits


def clean_cpf(cpf: str) -> str:
    """The CPF's 11 digits; a `DomainError` on the "cpf" field when its check digits are wrong."""
    if not cpf_is_valid(cpf):
        raise DomainError(_("CPF inválido: confira os 11 dígitos e os dígitos verificadores."), field="cpf")
    return normalize_digits(cpf)
