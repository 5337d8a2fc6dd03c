"""The one CSV writer (core/csv.py): BOM, `;`, and no cell that a spreadsheet reads as a formula."""

import csv
import io

import pytest

from core.csv import csv_response, csv_safe
from core.money import brl, centavos_text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SOMA(A1:A9)", "'=SOMA(A1:A9)"),
        ("+5511999990000", "'+5511999990000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Nota = 5", "Nota = 5"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_written_as_text(value, written):
    assert csv_safe(value) == written


def test_every_cell_of_header_and_rows_is_guarded_and_the_file_opens_in_a_spreadsheet():
    response = csv_response("x.csv", ["=Cabeçalho", "B"], [["=1+1", 7], ["ok", "@x"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["'=Cabeçalho", "B"], ["'=1+1", "7"], ["ok", "'@x"]]


def test_money_text_with_and_without_the_currency_sign():
    from decimal import Decimal

    assert brl(Decimal("1234.5")) == "R$ 1.234,50"
    assert brl(Decimal("-0.005")) == "-R$ 0,01"
    assert centavos_text(Decimal("1234567.891")) == "1.234.567,89"
    assert centavos_text(Decimal("4.9875")) == "4,99"
