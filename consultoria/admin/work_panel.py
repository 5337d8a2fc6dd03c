"""The "Consultoria" panel of the ticket work page (CON-2..6): the ticket's consultancy in words (its
status, term, sessions, entries and corrections) and the forms that ask for one, schedule a
session, record a time entry and finish it. The forms post to the work page's `act_view`
(tickets/admin/panels.py); every write is a consultoria service."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.periods import format_local
from tickets.admin.forms import TicketActionForm
from tickets.admin.panels import WorkPanel, register_work_panel
from tickets.models import Ticket

from .. import selectors, services
from ..models import Consultancy
from ..workflow import BILLABLE_STATUSES, OPEN_STATUSES
from .display import MEDIA, payer_text, person, session_views, status_html, term_facts, term_of
from .forms import (
    CONSULTANCY_FORMS,
    ConsultancyAskForm,
    ConsultancyFinishForm,
    EntryRecordForm,
    SessionScheduleForm,
)

C = Consultancy.Status
ANCHOR = "consultoria"
NAMES = {  # the panel's forms by action, as the templates name them
    ConsultancyAskForm.action: "ask",
    SessionScheduleForm.action: "schedule",
    EntryRecordForm.action: "entry",
    ConsultancyFinishForm.action: "finish",
}


class ConsultancyPanel(WorkPanel):
    forms = CONSULTANCY_FORMS
    main_template = "admin/consultoria/work/panel.html"
    side_template = "admin/consultoria/work/ask.html"
    media = MEDIA

    def context(
        self, request: HttpRequest, ticket: Ticket, *, may_change: bool, bound: dict[str, TicketActionForm]
    ) -> dict[str, Any]:
        user: User = request.user  # type: ignore[assignment]  # the admin site lets only staff in
        consultancies = selectors.ticket_consultancies(user, ticket)
        current = consultancies[0] if consultancies else None
        is_open = current is not None and current.status in OPEN_STATUSES
        forms: dict[str, TicketActionForm] = {}
        lines = []
        if (
            may_change
            and not is_open
            and not ticket.is_closed
            and ticket.modality == Ticket.Modality.STANDARD
        ):
            forms["ask"] = ConsultancyAskForm(ticket=ticket, user=user)
        if current is not None and current.status in BILLABLE_STATUSES:
            lines = selectors.consultancy_session_lines(user, current)
        if may_change and current is not None and current.status == C.ACCEPTED:
            kwargs: dict[str, Any] = {"ticket": ticket, "user": user, "consultancy": current}
            forms["schedule"] = SessionScheduleForm(**kwargs)
            if lines:
                forms["entry"] = EntryRecordForm(**kwargs)
            forms["finish"] = ConsultancyFinishForm(**kwargs)
        # A refused form is shown with its errors, even where the page would not offer it now.
        forms.update({NAMES[action]: form for action, form in bound.items() if action in NAMES})
        term = term_of(current) if current is not None else None
        return {
            "consultancy": current,
            "status_badge": status_html(current) if current is not None else "",
            "term": term,
            "term_facts": term_facts(term),
            "payer": payer_text(current) if current is not None else "",
            "acceptors": [person(u) for u in access.consultancy_term_acceptors(current)]
            if current is not None and current.status == C.OFFERED
            else [],
            "sessions": session_views(lines),
            "earlier": consultancies[1:],
            "forms": forms,
            "may_decide": access.is_leader(user),
            "anchor": ANCHOR,
        }

    def apply(
        self, request: HttpRequest, action: str, ticket: Ticket, data: dict[str, Any]
    ) -> tuple[str, str]:
        actor: User = request.user  # type: ignore[assignment]
        if action == ConsultancyAskForm.action:
            services.consultancy_request(
                actor=actor,
                ticket=ticket,
                modality=data["modality"],
                situation=data["situation"],
                note=data["note"],
            )
            return _(
                "Consultoria pedida: aguarda a aprovação de um líder. Nada foi enviado ao cliente."
            ), ANCHOR
        consultancy = data["consultancy"]
        if action == SessionScheduleForm.action:
            session = services.session_schedule(
                actor=actor, consultancy=consultancy, scheduled_for=data["scheduled_for"], note=data["note"]
            )
            return _("Sessão agendada para %(when)s; o cliente recebe um e-mail.") % {
                "when": format_local(session.scheduled_for)
            }, ANCHOR
        if action == EntryRecordForm.action:
            entry = services.entry_record(
                actor=actor,
                session=data["session"],
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                description=data["description"],
            )
            return _("Apontamento de %(minutes)d minutos registrado; o cliente recebe um e-mail.") % {
                "minutes": entry.minutes
            }, ANCHOR
        if action == ConsultancyFinishForm.action:
            finished = services.consultancy_finish(
                actor=actor, consultancy=consultancy, finding=data["finding"]
            )
            return _("Consultoria concluída: %(finding)s.") % {
                "finding": finished.get_finding_display()
            }, ANCHOR
        raise NotImplementedError(action)  # pragma: no cover - CONSULTANCY_FORMS lists them


register_work_panel(ConsultancyPanel())
