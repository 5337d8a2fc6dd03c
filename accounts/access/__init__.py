"""Who may see and who may act: the one rule, for every page, API route, admin list, export,
download, job and e-mail (TEN-2, TEN-3, ACC-1, ACC-3, ACC-4, ACC-7). Zulip's `access_*_by_*` style.

- Staff (analysts and leaders, active) see every company. Leaders are a role of their own.
- A client contact sees their own company: every ticket with "see all company tickets" or as an
  administrator (ACC-3), otherwise only the tickets they requested.
- A partner consultant sees the active companies their unit serves (TEN-3).
- Anyone else, and any inactive user (ACC-7), sees nothing.

Another company's object is *not found* (`NotFoundError`, 404), exactly like a missing one; a
visible object the user may not act on is *forbidden* (`ForbiddenError`, 403).

One module per subject (roles, companies, tickets, consultancy, notices); every name is
re-exported here: callers write `from accounts import access` and `access.tickets_visible_to(user)`.
"""

from .companies import (
    companies_actable_by,
    company_of_contact,
    contacts_managed_by,
    is_still_company_admin,
    require_company_admin,
)
from .consultancy import (
    access_consultancy,
    access_session,
    access_time_entry,
    company_has_term_acceptor,
    consultancies_visible_to,
    consultancy_sessions_visible_to,
    consultancy_term_acceptors,
    may_accept_term,
    require_term_acceptor,
    statement_pdfs_of,
)
from .notices import (
    surveys_visible_to,
    team_notice_recipients,
    ticket_notice_recipient,
)
from .roles import (
    STAFF_ROLES,
    ActorRole,
    contact_of,
    is_client,
    is_company_admin,
    is_leader,
    is_staff,
    partner_unit_id,
    require_leader,
    require_staff,
    sees_company_tickets,
    sees_internal_notes,
)
from .solutions import may_curate_solutions, may_search_solutions
from .tickets import (
    FINANCIAL_PENDENCY_ALLOWED_KINDS,
    INTERNAL_CONSULTANCY_STEPS,
    TICKET_NUMBER,
    TICKET_RELATED,
    access_attachment,
    access_ticket,
    attachments_visible_to,
    company_assert_can_download,
    company_assert_can_open_ticket,
    contact_assert_can_open_ticket,
    events_visible_to,
    messages_visible_to,
    ticket_actor_role,
    ticket_opening_contact,
    tickets_visible_to,
)

__all__ = [
    "FINANCIAL_PENDENCY_ALLOWED_KINDS",
    "INTERNAL_CONSULTANCY_STEPS",
    "STAFF_ROLES",
    "TICKET_NUMBER",
    "TICKET_RELATED",
    "ActorRole",
    "access_attachment",
    "access_consultancy",
    "access_session",
    "access_ticket",
    "access_time_entry",
    "attachments_visible_to",
    "companies_actable_by",
    "company_assert_can_download",
    "company_assert_can_open_ticket",
    "company_has_term_acceptor",
    "company_of_contact",
    "consultancies_visible_to",
    "consultancy_sessions_visible_to",
    "consultancy_term_acceptors",
    "contact_assert_can_open_ticket",
    "contact_of",
    "contacts_managed_by",
    "events_visible_to",
    "is_client",
    "is_company_admin",
    "is_leader",
    "is_staff",
    "is_still_company_admin",
    "may_accept_term",
    "may_curate_solutions",
    "may_search_solutions",
    "messages_visible_to",
    "partner_unit_id",
    "require_company_admin",
    "require_leader",
    "require_staff",
    "require_term_acceptor",
    "sees_company_tickets",
    "sees_internal_notes",
    "statement_pdfs_of",
    "surveys_visible_to",
    "team_notice_recipients",
    "ticket_actor_role",
    "ticket_notice_recipient",
    "ticket_opening_contact",
    "tickets_visible_to",
]
