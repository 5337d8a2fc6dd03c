"""What the people of a consultancy are told by e-mail (CON-3, CON-5, CON-6), through the outbox:
the contacts who may accept a term, the ticket's requester about sessions and time entries, the
analyst about the client's answer. Recipients come from accounts/access.py."""

from __future__ import annotations

from accounts import access
from core.money import brl
from outbox.services import email_enqueue
from tickets.notifications import notify_requester

from .models import Consultancy, Session, TimeEntry


def notify_term_offered(consultancy: Consultancy) -> None:
    """The term goes to everyone who may accept it: the company's contacts holding the consultancy
    permission, or the partner consultant who asked for it (ACC-5)."""
    ticket = consultancy.ticket
    for user in access.consultancy_term_acceptors(consultancy):
        email_enqueue(
            to=user.email,
            template="consultoria/term_offered",
            language=user.language,
            context={
                "name": user.get_short_name(),
                "number": ticket.number,
                "summary": ticket.summary,
                "modality": str(consultancy.modality),
                "price_per_minute": brl(consultancy.term.price_per_minute),
                "term_path": f"/consultoria/{consultancy.pk}/termo/",
            },
            dedupe_key=f"term-offered:{consultancy.pk}:{user.pk}",
        )


def notify_term_answered(consultancy: Consultancy) -> None:
    """The analyst who asked for the consultancy learns the client's answer."""
    analyst = consultancy.requested_by
    if not access.is_staff(analyst):
        return
    ticket = consultancy.ticket
    email_enqueue(
        to=analyst.email,
        template="consultoria/term_answered",
        language=analyst.language,
        context={
            "name": analyst.get_short_name(),
            "number": ticket.number,
            "accepted": consultancy.status == Consultancy.Status.ACCEPTED,
            "reason": consultancy.term.decline_reason,
        },
    )


def notify_session_scheduled(session: Session) -> None:
    notify_requester(
        session.consultancy.ticket, "consultoria/session_scheduled", scheduled_for=session.scheduled_for
    )


def notify_time_entry(entry: TimeEntry, *, corrected: bool = False) -> None:
    """Every activity is registered in the ticket and sent to the client (CON-6)."""
    notify_requester(
        entry.session.consultancy.ticket,
        "consultoria/time_entry",
        started_at=entry.started_at,
        ended_at=entry.ended_at,
        minutes=entry.minutes,
        description=entry.description,
        corrected=corrected,
    )
