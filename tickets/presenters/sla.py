"""The SLA of a ticket as people see it (SLA-1, SLA-5, SLA-7): the queue's order and badges, the
time left, the portal's forecast column and the ticket page's deadline in words. The states
themselves are defined once in tickets.deadlines (`SlaState`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Company
from core.durations import format_duration
from core.periods import format_local
from sla import services as sla_services

from ..deadlines import SlaState, sla_state
from ..models import Ticket

# The portal's forecast column and ticket card (CSS classes and icons of templates/tickets/).
PORTAL_STATE = {
    SlaState.BREACHED: "breached",
    SlaState.AT_RISK: "risk",
    SlaState.ON_TIME: "ok",
    SlaState.PAUSED: "paused",
    SlaState.NO_DEADLINE: "paused",
    SlaState.CLOSED: "closed",
}


def portal_state(ticket: Ticket, now: datetime) -> str:
    """closed, paused, breached, risk or ok: the portal's words for the stored SLA state."""
    return PORTAL_STATE[sla_state(ticket, now)]


def business_seconds_left(ticket: Ticket, now: datetime) -> int | None:
    """Business time from `now` to the stored deadline (negative once breached), from the frozen
    calendar alone: with the clock running no pause lies ahead, so this is exactly what
    `ticket_sla(...).current.left_seconds` would say, without reading the history. Tickets of a
    page share their prefetched snapshot rows: each engine clock is built once."""
    if ticket.status == Ticket.Status.CLOSED or ticket.sla_paused or ticket.sla_due_at is None:
        return None
    snapshot = ticket.sla_snapshot
    clock = getattr(snapshot, "_clock", None)
    if clock is None:
        # A cache on the row (not a model field): the page's tickets share their snapshot rows.
        clock = snapshot._clock = sla_services.snapshot_clock(snapshot)  # type: ignore[attr-defined]
    if ticket.sla_due_at >= now:
        return clock.between(now, ticket.sla_due_at)
    return -clock.between(ticket.sla_due_at, now)


@dataclass
class SlaExplanation:
    """The ticket's deadline in words (SLA-1, SLA-5, SLA-7)."""

    state: str  # ok, risk, breached, paused, closed
    headline: str
    details: list[str] = field(default_factory=list)
    note: str = ""


def paused_forecast(ticket: Ticket, left_seconds: int, now: datetime | None = None) -> list[str]:
    """What is known while the clock waits on the client (SLA-4): when it resumes, and the forecast
    it would give if it resumed now (the time left, from now, on the ticket's frozen calendar)."""
    if ticket.status == Ticket.Status.AWAITING_VALIDATION:
        resumes = _("O relógio retoma se você recusar a solução ou escrever uma mensagem.")
    else:
        resumes = _("O relógio retoma quando você responder.")
    if left_seconds <= 0:
        return [resumes]
    clock = sla_services.snapshot_clock(ticket.sla_snapshot)
    due = clock.add(now or timezone.now(), left_seconds)
    if ticket.status == Ticket.Status.AWAITING_VALIDATION:
        if_now = _("Se retomasse agora, a previsão seria %(due)s (horário de Brasília).")
    else:
        if_now = _("Se você responder agora, a previsão passa a ser %(due)s (horário de Brasília).")
    return [resumes, if_now % {"due": format_local(due)}]


def sla_explanation(ticket: Ticket, sla, calendar_name: str) -> SlaExplanation:
    target = sla.current
    contractual = sla.targets_source == "prime" or ticket.company.support_offer == Company.SupportOffer.PRIME
    maintenance = sla.active == "maintenance"
    severity = ticket.get_severity_display()
    if maintenance:
        goal = _(
            "Meta de %(target)s para severidade %(severity)s no calendário %(calendar)s, "
            "contados desde a abertura do chamado"
        )
    else:
        goal = _("Meta de %(target)s para severidade %(severity)s no calendário %(calendar)s")
    goal %= {"target": target.target_text, "severity": severity, "calendar": calendar_name}
    used = format_duration(target.consumed_seconds)
    if target.left_seconds >= 0:
        usage = _("usadas %(used)s, restam %(left)s.") % {
            "used": used,
            "left": format_duration(target.left_seconds),
        }
    else:
        usage = _("usadas %(used)s, %(over)s além da meta.") % {
            "used": used,
            "over": format_duration(-target.left_seconds),
        }
    details = [f"{goal}; {usage}"]
    if contractual:
        note = _("Prazo contratual do seu suporte Prime (SLA), em horas úteis do calendário de atendimento.")
    else:
        note = _(
            "Suporte Standard: a data é uma previsão de atendimento, não um compromisso contratual. "
            "Ela pode mudar se a severidade for reclassificada, e o tempo em que o chamado aguarda você "
            "não conta."
        )

    if ticket.is_closed:
        closed_at = format_local(ticket.closed_at) if ticket.closed_at else ""
        headline = _("Chamado encerrado em %(when)s (horário de Brasília).") % {"when": closed_at}
        if target.left_seconds >= 0:
            details = [
                _("Atendido dentro da meta de %(target)s (usadas %(used)s).")
                % {"target": target.target_text, "used": used}
            ]
        else:
            details = [
                _("Encerrado depois da meta de %(target)s (usadas %(used)s).")
                % {"target": target.target_text, "used": used}
            ]
        return SlaExplanation("closed", headline, details)

    if target.paused:
        if ticket.status == Ticket.Status.AWAITING_VALIDATION:
            headline = _(
                "O relógio está parado enquanto aguardamos a sua validação da solução proposta: "
                "o tempo de espera não conta no prazo."
            )
        else:
            headline = _(
                "O relógio está parado enquanto aguardamos a sua resposta: "
                "o tempo de espera não conta no prazo."
            )
        details += paused_forecast(ticket, target.left_seconds)
        return SlaExplanation("paused", headline, details, note)

    due = format_local(target.due_at)
    if maintenance:
        label = _("Prazo contratual de manutenção") if contractual else _("Previsão de manutenção")
    else:
        label = _("Prazo contratual de atendimento") if contractual else _("Previsão de atendimento")
    if target.breached:
        headline = _("%(label)s: %(due)s (horário de Brasília) — prazo ultrapassado.") % {
            "label": label,
            "due": due,
        }
        details.append(_("O chamado continua em atendimento; pedimos desculpas pela demora."))
        return SlaExplanation("breached", headline, details, note)
    headline = _("%(label)s: %(due)s (horário de Brasília).") % {"label": label, "due": due}
    if maintenance:
        details.insert(0, _("O chamado foi encaminhado à manutenção do produto (desenvolvimento)."))
    if target.at_risk:
        details.append(_("Atenção: resta menos de 20 % do prazo."))
        return SlaExplanation("risk", headline, details, note)
    return SlaExplanation("ok", headline, details, note)
