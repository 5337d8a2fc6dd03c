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

from .chat import (
    access_chat_file,
    access_conversation,
    chat_assert_can_start,
    chat_assert_can_write,
    chat_files_visible_to,
    conversations_visible_to,
)
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
    ticket_consultancies_visible,
)
from .downloads import (
    access_package,
    download_products_of,
    downloads_blocked_for,
    may_manage_packages,
    package_download_company,
    packages_visible_to,
)
from .ideas import (
    access_suggestion,
    own_suggestion_q,
    require_may_support,
    require_suggestion_client,
    suggestion_products_of,
    suggestions_visible_to,
)
from .knowledge import (
    access_article,
    articles_visible_to,
    deflection_company,
)
from .mfa import (
    has_second_factor,
    second_factor_passed,
    second_factor_required,
)
from .news import (
    may_delete_news,
    may_edit_news,
    may_register_interest,
    news_for_products_of,
    news_products_of,
    news_visible_to,
    pages_visible_to,
    require_interest_registrant,
    require_news_editor,
)
from .notices import (
    surveys_visible_to,
    team_notice_recipients,
    ticket_notice_recipient,
)
from .ombudsman import (
    MAX_CITED_TICKETS,
    access_case,
    cases_visible_to,
    cited_tickets,
    require_case_client,
    ticket_numbers,
)
from .remote_access import (
    may_reveal_remote_access,
    require_remote_access_provider,
    require_remote_access_reveal,
)
from .replies import (
    access_canned_reply,
    canned_replies_visible_to,
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
from .solutions import (
    may_curate_solutions,
    may_search_solutions,
)
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
    ticket_opening_on_behalf,
    tickets_visible_to,
)

__all__ = [
    "FINANCIAL_PENDENCY_ALLOWED_KINDS",
    "INTERNAL_CONSULTANCY_STEPS",
    "MAX_CITED_TICKETS",
    "STAFF_ROLES",
    "TICKET_NUMBER",
    "TICKET_RELATED",
    "ActorRole",
    "access_article",
    "access_attachment",
    "access_canned_reply",
    "access_case",
    "access_chat_file",
    "access_consultancy",
    "access_conversation",
    "access_package",
    "access_session",
    "access_suggestion",
    "access_ticket",
    "access_time_entry",
    "articles_visible_to",
    "attachments_visible_to",
    "canned_replies_visible_to",
    "cases_visible_to",
    "chat_assert_can_start",
    "chat_assert_can_write",
    "chat_files_visible_to",
    "cited_tickets",
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
    "conversations_visible_to",
    "deflection_company",
    "download_products_of",
    "downloads_blocked_for",
    "events_visible_to",
    "has_second_factor",
    "is_client",
    "is_company_admin",
    "is_leader",
    "is_staff",
    "is_still_company_admin",
    "may_accept_term",
    "may_curate_solutions",
    "may_delete_news",
    "may_edit_news",
    "may_manage_packages",
    "may_register_interest",
    "may_reveal_remote_access",
    "may_search_solutions",
    "messages_visible_to",
    "news_for_products_of",
    "news_products_of",
    "news_visible_to",
    "own_suggestion_q",
    "package_download_company",
    "packages_visible_to",
    "pages_visible_to",
    "partner_unit_id",
    "require_case_client",
    "require_company_admin",
    "require_interest_registrant",
    "require_leader",
    "require_may_support",
    "require_news_editor",
    "require_remote_access_provider",
    "require_remote_access_reveal",
    "require_staff",
    "require_suggestion_client",
    "require_term_acceptor",
    "second_factor_passed",
    "second_factor_required",
    "sees_company_tickets",
    "sees_internal_notes",
    "statement_pdfs_of",
    "suggestion_products_of",
    "suggestions_visible_to",
    "surveys_visible_to",
    "team_notice_recipients",
    "ticket_actor_role",
    "ticket_consultancies_visible",
    "ticket_notice_recipient",
    "ticket_numbers",
    "ticket_opening_contact",
    "ticket_opening_on_behalf",
    "tickets_visible_to",
]
