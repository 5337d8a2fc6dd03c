"""What a ticket's people are told by e-mail (OPS-2), through the outbox: the requester about
their ticket, a team about its tickets' deadlines (SLA-5). Recipients come from accounts/access.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from accounts import access
from outbox.services import email_enqueue

from .models import Team, Ticket

S = Ticket.Status


def notify_requester(
    ticket: Ticket, template: str, *, dedupe_key: str | None = None, **context: object
) -> None:
    """E-mail the ticket's requester in their language through the outbox (OPS-2)."""
    requester = access.ticket_notice_recipient(ticket)
    if requester is None:
        return
    email_enqueue(
        to=requester.email,
        template=template,
        language=requester.language,
        context={
            "name": requester.get_short_name(),
            "number": ticket.number,
            "summary": ticket.summary,
            "status": S(ticket.status).label,  # lazy: rendered in the recipient's language
            "status_code": ticket.status,
            "ticket_path": f"/chamados/{ticket.number}/",
            **context,
        },
        dedupe_key=dedupe_key,
    )


def notify_status(
    ticket: Ticket, *, reason: str = "", survey_path: str = "", by_the_portal: bool = False
) -> None:
    """Tell the requester about the status just entered (OPS-2): a proposed solution carries the
    acceptance deadline (ACP-1), or says the wait for them ended (`by_the_portal`: TKT-8's move,
    no solution was written); a closure carries the survey link, when the move created the
    survey (SRV-1): one e-mail, not two at the same instant. A survey on another status (the
    retail line surveys on validation) goes in its own e-mail."""
    if ticket.status == S.CLOSED:
        notify_requester(
            ticket,
            "tickets/closed",
            survey_path=survey_path,
            dedupe_key=_survey_dedupe_key(ticket) if survey_path else None,
        )
        return
    if ticket.status == S.AWAITING_VALIDATION:
        policy = ticket.acceptance_policy
        notify_requester(
            ticket,
            "tickets/solution_proposed",
            reason=reason,
            by_the_portal=by_the_portal,
            deadline=ticket.acceptance_deadline,
            can_postpone=ticket.can_postpone,
            postponement_days=policy.postponement_days if policy else 0,
        )
    else:
        notify_requester(ticket, "tickets/status_changed", reason=reason)
    if survey_path:
        notify_survey(ticket, survey_path)


def notify_survey(ticket: Ticket, survey_path: str) -> None:
    """The survey link alone (SRV-1, SRV-2): when no status e-mail carries it."""
    notify_requester(ticket, "tickets/survey", survey_path=survey_path, dedupe_key=_survey_dedupe_key(ticket))


def _survey_dedupe_key(ticket: Ticket) -> str:
    return f"survey:{ticket.pk}"  # one survey e-mail per ticket, whichever carries it


def notify_team(team: Team, kind: str, tickets: list[Ticket], *, now: datetime) -> None:
    """E-mail a team's active analysts the tickets whose deadline is at risk or breached (SLA-5);
    once per (kind, team, run): the dedupe key names the batch."""
    recipients = access.team_notice_recipients(team)
    if not recipients or not tickets:
        return
    # Tickets at risk or breached all have a deadline (`sla_state_conditions`).
    batch = sorted(tickets, key=lambda ticket: cast(datetime, ticket.sla_due_at))
    email_enqueue(
        to=recipients,
        template=f"tickets/team_{kind}",
        language="pt-br",
        context={"team": team.name, "tickets": [(t.number, t.summary, t.sla_due_at) for t in batch]},
        dedupe_key=f"{kind}:{team.pk}:{now.isoformat()}:{batch[0].pk}",
    )
