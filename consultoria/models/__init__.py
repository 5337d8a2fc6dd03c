"""The consultancy's models (CON-1..8): modalities, rates and taxes, term templates, consultancies
and their terms, sessions, time entries and corrections; and statement PDFs made in the background."""

from .consultancy import (
    Consultancy,
    Modality,
    Rate,
    RateAdjustment,
    Session,
    TaxRate,
    Term,
    TermTemplate,
    TimeEntry,
    TimeEntryCorrection,
)
from .statements import StatementPdf

__all__ = [
    "Consultancy",
    "Modality",
    "Rate",
    "RateAdjustment",
    "Session",
    "StatementPdf",
    "TaxRate",
    "Term",
    "TermTemplate",
    "TimeEntry",
    "TimeEntryCorrection",
]
