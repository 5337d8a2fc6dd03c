"""Brazilian identifiers (CPF, CNPJ, CEP, phone) and the portal's password rule.

CNPJ accepts the alphanumeric format in force since July 2026 (IN RFB 2.229/2024): the first 12
positions may be letters or digits, the two check digits stay numeric, and each character counts
as its ASCII code minus 48 in the same modulo-11 weights as the numeric CNPJ.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# ASCII only: `\d` also matches "８" or "٣", which would be kept as typed and escape the unique
# CPF (a fullwidth copy of a CPF is another string).
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
_NON_DIGIT = re.compile(r"[^0-9]")


def normalize_cnpj(value: str) -> str:
    return _NON_ALNUM.sub("", value or "").upper()


def normalize_digits(value: str) -> str:
    return _NON_DIGIT.sub("", value or "")


def _mod11_digit(values: list[int], weights: list[int]) -> int:
    remainder = sum(v * w for v, w in zip(values, weights, strict=True)) % 11
    return 0 if remainder < 2 else 11 - remainder


def cnpj_is_valid(value: str) -> bool:
    cnpj = normalize_cnpj(value)
    if not re.fullmatch(r"[0-9A-Z]{12}[0-9]{2}", cnpj) or len(set(cnpj)) == 1:
        return False
    values = [ord(char) - 48 for char in cnpj]
    first = _mod11_digit(values[:12], [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    second = _mod11_digit([*values[:12], first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    return values[12] == first and values[13] == second


def cpf_is_valid(value: str) -> bool:
    if re.search(r"[^0-9.\-\s]", value or "", re.ASCII):
        return False
    cpf = normalize_digits(value)
    if len(cpf) != 11 or len(set(cpf)) == 1:
        return False
    digits = [int(c) for c in cpf]
    first = _mod11_digit(digits[:9], list(range(10, 1, -1)))
    second = _mod11_digit(digits[:10], list(range(11, 1, -1)))
    return digits[9] == first and digits[10] == second


def validate_cnpj(value: str) -> None:
    if not cnpj_is_valid(value):
        raise ValidationError(
            _("CNPJ inválido: confira os 14 caracteres e os dígitos verificadores."), code="invalid_cnpj"
        )


def validate_cpf(value: str) -> None:
    if not cpf_is_valid(value):
        raise ValidationError(
            _("CPF inválido: confira os 11 dígitos e os dígitos verificadores."), code="invalid_cpf"
        )


def _other_digits(value: str) -> bool:
    """Digits of another script ("８", "٣"): stored as typed, they would read as another number."""
    return any(char.isdigit() and not char.isascii() for char in value or "")


def validate_cep(value: str) -> None:
    if value and (_other_digits(value) or not re.fullmatch(r"[0-9]{8}", normalize_digits(value))):
        raise ValidationError(_("CEP inválido: informe 8 dígitos, como 01310-100."), code="invalid_cep")


def validate_phone(value: str) -> None:
    digits = normalize_digits(value)
    if value and (_other_digits(value) or not 10 <= len(digits) <= 13):
        raise ValidationError(
            _("Telefone inválido: informe DDD e número, como (11) 91234-5678."), code="invalid_phone"
        )


def format_cnpj(value: str) -> str:
    v = normalize_cnpj(value)
    return f"{v[:2]}.{v[2:5]}.{v[5:8]}/{v[8:12]}-{v[12:]}" if len(v) == 14 else value


def format_cpf(value: str) -> str:
    v = normalize_digits(value)
    return f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}" if len(v) == 11 else value


class CharacterClassesPasswordValidator:
    """A strong password mixes letters with digits or symbols (ACC-2 "senha forte")."""

    def validate(self, password: str, user=None) -> None:
        has_letter = any(c.isalpha() for c in password)
        has_other = any(not c.isalpha() for c in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("A senha precisa misturar letras com números ou símbolos."),
                code="password_character_classes",
            )

    def get_help_text(self) -> str:
        return str(gettext_lazy("Misture letras com números ou símbolos."))
