"""Anonymisation of a published solution's texts (SELF-3): a pure function, no database.

What identifies a company or a person is replaced by a neutral placeholder, so a solution of one
company can be read by every other:

- URLs carrying credentials (``https://user:password@host/...``) -> "[url]"
- e-mail addresses -> "[e-mail]"
- CNPJ (``12.345.678/0001-95`` or 14 digits) -> "[CNPJ]"
- CPF (``123.456.789-09`` or 11 digits) -> "[CPF]"; 11 bare digits that are not a valid CPF but
  look like a mobile number (area code then 9) are a phone
- Brazilian phone numbers (``(11) 98765-4321``, ``11 3456-7890``, ``+55 11 98765 4321``,
  ``11987654321``, ``98765-4321``) -> "[telefone]"
- ticket numbers (8 digits) -> "[chamado]"
- the company's trade and legal names -> "[empresa]"
- people's names (contacts, analysts): the full name, or the first name with any surname, whole
  words, ignoring case and accents -> "[nome]"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

EMAIL, CPF, CNPJ, PHONE, COMPANY, NAME, TICKET, URL = (
    "[e-mail]",
    "[CPF]",
    "[CNPJ]",
    "[telefone]",
    "[empresa]",
    "[nome]",
    "[chamado]",
    "[url]",
)

_URL_WITH_CREDENTIALS = re.compile(
    r"\b[a-z][a-z0-9+.-]*://[^\s/@:]+:[^\s/@]*@[^\s]*[^\s.,;:!?)\]]", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_CNPJ = re.compile(r"(?<![\d])\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}(?!\d)")
_CPF = re.compile(r"(?<![\d.])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d])")
_INTERNATIONAL_PHONE = re.compile(
    r"\+\s?55[\s.-]*(?:\(\s?\d{2}\s?\)|\d{2})[\s.-]*9?\s?\d{4}[\s.-]?\d{4}(?!\d)"
)
_PHONE = re.compile(
    r"""(?<![\w@+])
    (?:
        (?:\(\s?\d{2}\s?\)|\d{2})[\s.-]*9?\d{4}[\s.-]?\d{4}  # with the area code
      | 9?\d{4}[-.\s]\d{4}                                 # local, with a separator
    )(?!\d)""",
    re.VERBOSE,
)
_TICKET = re.compile(r"(?<!\d)\d{8}(?!\d)")
# Particles of Portuguese names ("Maria da Silva"): never a name on their own.
_PARTICLES = frozenset({"da", "das", "de", "do", "dos", "e", "di", "du", "del"})
# Titles some names are stored with ("Sr. Lucas Sampaio"): the name is what follows.
_TITLES = frozenset({"sr", "sra", "srta", "dr", "dra", "prof", "profa", "eng"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def _fold(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char.lower()) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Each unaccented lower-case letter -> a character class of it with every accent."""
    table: dict[str, set[str]] = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        if not char.isalpha():
            continue
        base = _fold(char)
        if len(base) == 1 and base.isascii():
            table.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in table.items()}


def _loose(word: str) -> str:
    """A regex matching `word` whatever its case and accents."""
    variants = _variants()
    return "".join(variants.get(_fold(char), re.escape(char)) for char in word)


def _phrase(words: list[str]) -> str:
    return r"\s+".join(_loose(word) for word in words)


def _whole(alternatives: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(alternatives), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(ordered) + r")(?![\w])", re.UNICODE)


def _name_patterns(full_name: str) -> list[str]:
    """The first name followed by one or more of its surnames (each with its particle or not):
    "Maria Souza Lima", "Maria Lima", "maria souza"; never a single word (too common)."""
    parts = [word for word in _WORD.findall(full_name) if _fold(word) not in _PARTICLES | _TITLES]
    if len(parts) < 2:
        return []
    particle = r"(?:\s+(?:" + "|".join(_loose(p) for p in sorted(_PARTICLES)) + r"))?"
    surnames = "|".join(_loose(surname) for surname in sorted(set(parts[1:]), key=len, reverse=True))
    # A title written before the name goes with it ("o Dr. Lucas Sampaio" -> "o [nome]").
    title = (
        r"(?:(?:" + "|".join(_loose(word) for word in sorted(_TITLES, key=len, reverse=True)) + r")\.?\s+)?"
    )
    return [title + _loose(parts[0]) + r"(?:" + particle + r"\s+(?:" + surnames + r"))+"]


# Words of a company's name that do not tell which company it is: "Comércio Beta" is also "Beta".
_GENERIC_COMPANY_WORDS = frozenset(
    """ltda me epp eireli sa cia companhia comercio comercial industria industrial servicos
    metalurgica distribuidora grupo empresa empresas tecnologia sistemas solucoes brasil
    brasileira nacional do da de dos das e""".split()
)


def _company_patterns(name: str) -> list[str]:
    """The whole name, and each of its distinctive words (clients shorten their company's name)."""
    words = name.split()
    if not words or not any(_WORD.search(word) for word in words):
        return []
    distinctive = {
        word for word in _WORD.findall(name) if len(word) >= 3 and _fold(word) not in _GENERIC_COMPANY_WORDS
    }
    return [_phrase(words), *(_loose(word) for word in sorted(distinctive))]


def cpf_is_valid(digits: str) -> bool:
    """The CPF check digits (11 digits, not all the same)."""
    if len(digits) != 11 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    for size in (9, 10):
        total = sum(
            int(digit) * weight for digit, weight in zip(digits[:size], range(size + 1, 1, -1), strict=True)
        )
        check = (total * 10) % 11 % 10
        if check != int(digits[size]):
            return False
    return True


def _cpf_or_phone(match: re.Match[str]) -> str:
    text = match.group(0)
    if not text.isdigit() or cpf_is_valid(text):
        return CPF
    return PHONE if text[2] == "9" else CPF


def anonymize(text: str, *, companies: Iterable[str] = (), names: Iterable[str] = ()) -> str:
    """`text` without what identifies a company or a person (see the module docstring).

    `companies`: the trade and legal names of the ticket's company; `names`: the full names of its
    contacts and of the analysts. Idempotent: anonymising twice changes nothing more."""
    text = _URL_WITH_CREDENTIALS.sub(URL, text)
    text = _EMAIL.sub(EMAIL, text)
    text = _INTERNATIONAL_PHONE.sub(PHONE, text)
    text = _CNPJ.sub(CNPJ, text)
    text = _CPF.sub(_cpf_or_phone, text)
    text = _PHONE.sub(PHONE, text)
    text = _TICKET.sub(TICKET, text)
    company = _whole(pattern for name in companies for pattern in _company_patterns(name))
    if company is not None:
        text = company.sub(COMPANY, text)
    person = _whole(pattern for name in names for pattern in _name_patterns(name))
    if person is not None:
        text = person.sub(NAME, text)
    return text
