"""Every write on tickets (TKT-1..11, SEV-1, SLA-3, ACP-3), one module per subject.

The portal, the back-office, the API and the jobs call these functions, so a rule lives in one
place. Who may act is decided by accounts/access.py, how a ticket moves by tickets/workflow/;
rules raise `core.errors` errors, which forms, pages and the API map in one place each.
"""

from .acceptance import ticket_accept_solution, ticket_postpone_acceptance, ticket_reject_solution
from .conversation import ticket_reply
from .follow_ups import ticket_follow_up
from .opening import CST_KINDS, CST_SUBJECTS, ticket_open
from .seen import ticket_mark_seen
from .severity import SeverityAnswers, SeverityDecision, SeverityReason, severity_classify, severity_decide
from .staging import uploads_discard, uploads_restore, uploads_stage, uploads_staged_names
from .triage import ticket_assign, ticket_reclassify, ticket_transfer, ticket_transition

__all__ = [
    "CST_KINDS",
    "CST_SUBJECTS",
    "SeverityAnswers",
    "SeverityDecision",
    "SeverityReason",
    "severity_classify",
    "severity_decide",
    "ticket_accept_solution",
    "ticket_assign",
    "ticket_follow_up",
    "ticket_mark_seen",
    "ticket_open",
    "ticket_postpone_acceptance",
    "ticket_reclassify",
    "ticket_reject_solution",
    "ticket_reply",
    "ticket_transfer",
    "ticket_transition",
    "uploads_discard",
    "uploads_restore",
    "uploads_stage",
    "uploads_staged_names",
]
