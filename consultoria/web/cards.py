"""The consultancy card of the ticket page and who answers a term (CON-3, CON-4, CON-6, ACC-5).

Everything the card shows is read here once: the ticket's consultancies with their sessions,
entries and corrections (a constant number of queries), each session's line from the selectors
(no amount is computed here) and, for a term waiting for an answer, who may give it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts import access
from accounts.models import User
from tickets.models import Ticket

from .. import presenters, selectors
from ..billing import Totals
from ..models import Consultancy, TimeEntry
from ..selectors import StatementLine


@dataclass
class WhoAnswers:
    """Who may answer a term waiting for an answer, as the user sees it (ACC-5)."""

    may_answer: bool
    acceptors: list[User] = field(default_factory=list)
    by_unit: bool = False  # a partner unit pays: its consultant answers
    company_without_acceptor: bool = False  # nobody in the company holds the permission yet
    may_grant: bool = False  # the user is the company's administrator: they can grant it


def who_answers(user: User, consultancy: Consultancy) -> WhoAnswers | None:
    """None unless the term waits for an answer."""
    if consultancy.status != Consultancy.Status.OFFERED:
        return None
    if access.may_accept_term(user, consultancy):
        return WhoAnswers(may_answer=True)
    by_unit = consultancy.payer == Consultancy.Payer.UNIT
    without = not by_unit and not access.company_has_term_acceptor(consultancy.ticket.company_id)
    return WhoAnswers(
        may_answer=False,
        acceptors=access.consultancy_term_acceptors(consultancy),
        by_unit=by_unit,
        company_without_acceptor=without,
        may_grant=without and access.is_company_admin(user),
    )


@dataclass
class EntryRow:
    entry: TimeEntry
    interval: str
    corrections: list[str]


@dataclass
class SessionRow:
    row: StatementLine
    entries: list[EntryRow]

    @property
    def minimum_applied(self) -> bool:
        return self.row.line.billable_minutes > self.row.line.recorded_minutes


@dataclass
class ConsultancyCard:
    consultancy: Consultancy
    status: str
    badge: str
    payer: str
    who: WhoAnswers | None
    sessions: list[SessionRow]
    totals: Totals


def ticket_consultancy_cards(user: User, ticket: Ticket) -> list[ConsultancyCard]:
    """The ticket's consultancies the user may see, newest first, ready for the card."""
    cards = []
    for consultancy in selectors.ticket_consultancies(user, ticket):
        lines = selectors.consultancy_session_lines(user, consultancy, sessions=consultancy.sessions.all())
        totals = selectors.lines_totals(lines)
        sessions = [
            SessionRow(
                row=row,
                entries=[
                    EntryRow(
                        entry=entry,
                        interval=presenters.entry_interval(entry),
                        corrections=[presenters.correction_text(c) for c in entry.corrections.all()],
                    )
                    for entry in row.session.entries.all()
                ],
            )
            for row in lines
        ]
        cards.append(
            ConsultancyCard(
                consultancy=consultancy,
                status=presenters.status_text(consultancy),
                badge=presenters.status_badge(consultancy),
                payer=presenters.payer_text(consultancy),
                who=who_answers(user, consultancy),
                sessions=sessions,
                totals=totals,
            )
        )
    return cards
