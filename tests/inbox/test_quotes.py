"""CHN-1: only what the client wrote reaches the ticket — quoted history and signatures of the
usual mail clients, in Portuguese and English, are stripped (inbox/quotes.py, a pure function)."""

import pytest

from inbox.quotes import strip_quotes

CASES = {
    "gmail_pt": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "Em ter., 1 de dez. de 2026 às 10:15, Portal do Cliente <\nsuporte+123@portal.example> escreveu:\n\n"
        "> Olá, Bruno.\n> Há uma nova mensagem no chamado 12345678.\n"
    ),
    "gmail_en": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "On Tue, Dec 1, 2026 at 10:15 AM Portal do Cliente <suporte+123@portal.example>\nwrote:\n\n"
        "> Hello, Bruno.\n"
    ),
    "outlook_pt": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "________________________________\n"
        "De: Portal do Cliente <nao-responda@portal.example>\n"
        "Enviado: terça-feira, 1 de dezembro de 2026 10:15\n"
        "Para: Bruno <bruno@horizonte.example>\n"
        "Assunto: Chamado 12345678\n\nOlá, Bruno.\n"
    ),
    "outlook_en": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "-----Original Message-----\nFrom: Portal do Cliente\nSent: Tuesday, December 1, 2026 10:15 AM\n"
        "To: Bruno\nSubject: Ticket 12345678\n\nHello.\n"
    ),
    "outlook_pt_original": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "-----Mensagem original-----\nDe: Portal\nEnviada em: terça\n\nOlá.\n"
    ),
    "outlook_en_header_block": (
        "Segue o log do erro.\n\nObrigado!\n\nFrom: Portal do Cliente <nao-responda@portal.example>\n"
        "Sent: Tuesday, December 1, 2026 10:15 AM\nTo: Bruno\nSubject: RE: Ticket\n\nHello.\n"
    ),
    "apple_pt": (
        "Segue o log do erro.\n\nObrigado!\n\nEnviado do meu iPhone\n\n"
        "Em 1 de dez. de 2026, à(s) 10:15, Portal do Cliente <suporte+1@portal.example> escreveu:\n\n"
        "> Olá, Bruno.\n"
    ),
    "apple_en": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "On Dec 1, 2026, at 10:15, Portal do Cliente <suporte+1@portal.example> wrote:\n\n> Hello.\n"
    ),
    "thunderbird_pt": (
        "Segue o log do erro.\n\nObrigado!\n\n"
        "Em 01/12/2026 10:15, Portal do Cliente escreveu:\n> Olá, Bruno.\n>\n> -- \n> Portal\n"
    ),
    "thunderbird_en_signature": (
        "Segue o log do erro.\n\nObrigado!\n\n-- \nBruno Souza\nMetalúrgica Horizonte\n(11) 5555-0000\n\n"
        "On 12/1/26 10:15 AM, Portal do Cliente wrote:\n> Hello.\n"
    ),
}


@pytest.mark.parametrize("style", sorted(CASES))
def test_quoted_history_and_signature_are_stripped(style):
    assert strip_quotes(CASES[style]) == "Segue o log do erro.\n\nObrigado!"


def test_interleaved_quotes_are_dropped_and_the_answers_kept():
    text = "> Qual a versão?\n12.1.2410\n> E o ambiente?\nProdução\n"
    assert strip_quotes(text) == "12.1.2410\nProdução"


def test_plain_text_without_quotes_is_kept_as_is():
    text = "Em anexo o log.\nOn the screen the error 539 appears.\nDe fato, desde ontem."
    assert strip_quotes(text) == text


def test_windows_line_endings_and_empty_replies():
    assert strip_quotes("Ok, obrigado.\r\n\r\nOn Mon, X wrote:\r\n> y\r\n") == "Ok, obrigado."
    assert strip_quotes("> só citação\n") == ""
