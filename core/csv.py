"""The one CSV writer of the portal's exports (TKT-11, CON-8): `;`-separated, UTF-8 with a BOM so
spreadsheets open the accents right, and every cell guarded against formula injection."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

# A cell starting with one of these is read as a formula by spreadsheets (CSV injection, OWASP):
# such a cell is written with a leading apostrophe, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """A cell's text, never a formula: None is empty; anything else is its text, quoted with a
    leading apostrophe when it starts like a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]) -> HttpResponse:
    """A CSV download: the header row, then the rows, every cell through `csv_safe`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: spreadsheets open the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return response
