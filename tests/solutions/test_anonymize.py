"""Anonymisation of the published texts (SELF-3): documents, contacts, names and numbers become
neutral placeholders; the rest of the text stays as written."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from solutions.anonymize import anonymize, cpf_is_valid
from tests.factories import make_cpf

COMPANIES = ("Metalúrgica Alfa", "Metalúrgica Alfa Indústria e Comércio Ltda.")
NAMES = ("João da Silva Pereira", "Ana Beatriz Souza")


def clean(text: str) -> str:
    return anonymize(text, companies=COMPANIES, names=NAMES)


def test_company_names_whatever_case_and_accents():
    text = "A METALURGICA ALFA e a Metalúrgica Alfa Indústria e Comércio Ltda. usam o módulo."
    assert clean(text) == "A [empresa] e a [empresa] usam o módulo."


def test_a_company_named_by_its_distinctive_word_only():
    """Clients shorten their company's name ("na Alfa"); the generic words stay."""
    assert clean("Na Alfa, a metalúrgica usa o módulo de comércio.") == (
        "Na [empresa], a metalúrgica usa o módulo de comércio."
    )


def test_a_title_before_a_name_goes_with_it():
    assert (
        anonymize("O Dr. Lucas Sampaio acompanhou.", names=("Dr. Lucas Sampaio",)) == "O [nome] acompanhou."
    )
    assert anonymize("Falei com a sra Maria Lima.", names=("Maria Lima",)) == "Falei com a [nome]."


def test_cpf_with_and_without_punctuation():
    assert clean("CPF 529.982.247-25 e 52998224725.") == "CPF [CPF] e [CPF]."


def test_cnpj_with_and_without_punctuation():
    assert clean("CNPJ 12.345.678/0001-95 ou 12345678000195") == "CNPJ [CNPJ] ou [CNPJ]"


def test_email_and_url_with_credentials():
    text = "Escreva para joao.silva@alfa.com.br; acesso https://admin:S3nha!@erp.alfa.local/login."
    assert clean(text) == "Escreva para [e-mail]; acesso [url]."


def test_brazilian_phone_numbers():
    for phone in (
        "(11) 98765-4321",
        "(11) 3456-7890",
        "11 98765-4321",
        "11987654321",
        "+55 11 98765-4321",
        "+55 (11) 98765-4321",
        "+5511987654321",
        "98765-4321",
    ):
        assert clean(f"Ligue {phone} hoje") == "Ligue [telefone] hoje", phone


def test_names_first_name_and_any_surname_whole_words():
    text = (
        "O analista Joao Pereira falou com ANA SOUZA e com João da Silva Pereira; "
        "Ana Beatriz confirmou. Joãozinho Silva e Mariana não são removidos."
    )
    assert clean(text) == (
        "O analista [nome] falou com [nome] e com [nome]; "
        "[nome] confirmou. Joãozinho Silva e Mariana não são removidos."
    )


def test_a_title_before_the_name_is_not_the_first_name():
    assert anonymize("Falei com Lucas Sampaio.", names=["Sr. Lucas Sampaio"]) == "Falei com [nome]."


def test_ticket_numbers_and_technical_text_stay():
    text = "Igual ao chamado 26004321. Atualize para a versão 12.1.2410 e rode o UPDDISTR; erro 539."
    assert (
        clean(text)
        == "Igual ao chamado [chamado]. Atualize para a versão 12.1.2410 e rode o UPDDISTR; erro 539."
    )


def test_a_contact_name_inside_a_solution_text():
    solution = "Conforme combinado com Ana Souza (ana@alfa.com.br, (11) 3456-7890), reprocessamos a folha."
    assert clean(solution) == "Conforme combinado com [nome] ([e-mail], [telefone]), reprocessamos a folha."


def test_cpf_check_digits():
    assert cpf_is_valid("52998224725") and not cpf_is_valid("52998224726") and not cpf_is_valid("11111111111")


words = st.text(alphabet=st.sampled_from("abcdeéçã ÁRQ.,;:\n"), max_size=40)
cpf_bases = st.integers(min_value=1_000_000, max_value=999_999_999)


@given(before=words, after=words, base=cpf_bases, punctuated=st.booleans())
def test_any_cpf_inside_any_text_is_removed(before, after, base, punctuated):
    cpf = make_cpf(base)
    written = f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" if punctuated else cpf
    result = clean(f"{before} {written} {after}")
    assert cpf not in re.sub(r"\D", "", result)
    # a valid CPF is "[CPF]"; 999.999.999-99 and the like are no CPF (and look like a phone)
    assert "[CPF]" in result if cpf_is_valid(cpf) else "[telefone]" in result or "[CPF]" in result


@given(
    user=st.from_regex(r"[a-z][a-z0-9._]{0,15}", fullmatch=True),
    domain=st.from_regex(r"[a-z]{2,10}\.(com|com\.br|net)", fullmatch=True),
    before=words,
)
def test_any_email_is_removed(user, domain, before):
    email = f"{user}@{domain}"
    assert email not in clean(f"{before} {email} fim")


@given(text=st.text(max_size=200))
def test_anonymising_twice_changes_nothing_more(text):
    once = clean(text)
    assert clean(once) == once
