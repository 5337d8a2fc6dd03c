"""TEN-1 CNPJ and ACC-3 CPF validation by check digits."""

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import (
    CharacterClassesPasswordValidator,
    cnpj_is_valid,
    cpf_is_valid,
    format_cnpj,
    format_cpf,
    validate_cep,
    validate_phone,
)


@pytest.mark.parametrize(
    "value",
    [
        "11.222.333/0001-81",
        "11222333000181",
        "12.ABC.345/01DE-35",  # the Receita Federal's alphanumeric example (valid from July 2026)
        "12abc34501de35",
    ],
)
def test_ten1_valid_cnpjs_pass(value):
    assert cnpj_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "11.222.333/0001-82",
        "11222333000191",
        "00000000000000",
        "1122233300018",
        "12.ABC.345/01DE-3A",
        "",
        "abc",
    ],
)
def test_ten1_invalid_cnpjs_fail(value):
    assert not cnpj_is_valid(value)


@pytest.mark.parametrize("value", ["529.982.247-25", "52998224725", "111.444.777-35"])
def test_acc3_valid_cpfs_pass(value):
    assert cpf_is_valid(value)


@pytest.mark.parametrize("value", ["529.982.247-24", "11111111111", "5299822472", "529x982y247z25", ""])
def test_acc3_invalid_cpfs_fail(value):
    assert not cpf_is_valid(value)


@pytest.mark.parametrize("value", ["８６２８８３６６７５７", "٥٢٩٩٨٢٢٤٧٢٥", "529.982.247-2５"])
def test_acc3_a_cpf_in_digits_of_another_script_is_refused(value):
    """Stored as typed, a fullwidth copy of a CPF is another string: it escaped the unique CPF."""
    assert not cpf_is_valid(value)


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_cep, "０１３１０-１００"),
        (validate_phone, "(١١) ٩١٢٣٤-٥٦٧٨"),
        (validate_phone, "(11) 91234-5678 ٣"),
    ],
)
def test_a_cep_or_phone_in_digits_of_another_script_is_refused(validator, value):
    with pytest.raises(ValidationError):
        validator(value)


def test_formatting_round_trip():
    assert format_cnpj("11222333000181") == "11.222.333/0001-81"
    assert format_cpf("52998224725") == "529.982.247-25"


def test_cep_and_phone_messages_are_portuguese():
    with pytest.raises(ValidationError, match="CEP inválido"):
        validate_cep("0131")
    with pytest.raises(ValidationError, match="Telefone inválido"):
        validate_phone("1234")
    validate_cep("01310-100")
    validate_phone("(11) 91234-5678")


def test_acc2_strong_password_mixes_letters_and_other_characters():
    validator = CharacterClassesPasswordValidator()
    with pytest.raises(ValidationError):
        validator.validate("somenteletras")
    validator.validate("letras-e-123")
