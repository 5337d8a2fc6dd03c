"""Every write on billable consultancy (CON-1..8), one module per subject: asking and deciding
(requests), the term (terms), sessions and time entries (sessions), rates, taxes and term
templates (rates), statement PDFs made in the background (statements). Who may act is
accounts/access; how a consultancy moves, consultoria/workflow.
"""

from .rates import igpm_adjust, term_template_new_version
from .requests import (
    consultancy_approve,
    consultancy_finish,
    consultancy_open_telephone,
    consultancy_refuse,
    consultancy_request,
)
from .sessions import entry_correct, entry_record, session_schedule
from .statements import statement_pdf_request
from .terms import term_accept, term_decline

__all__ = [
    "consultancy_approve",
    "consultancy_finish",
    "consultancy_open_telephone",
    "consultancy_refuse",
    "consultancy_request",
    "entry_correct",
    "entry_record",
    "igpm_adjust",
    "session_schedule",
    "statement_pdf_request",
    "term_accept",
    "term_decline",
    "term_template_new_version",
]
