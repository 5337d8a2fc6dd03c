"""The ticket page: SLA forecast in words, timeline, reply (TKT-6, TKT-7, SLA-1/5/7); downloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from accounts import access
from accounts.models import Company, User
from core.errors import DomainError
from core.forms import add_domain_error
from sla.models import Severity

from .. import deadlines, selectors, services
from ..downloads import attachment_for_download, attachment_response
from ..forms import TicketReplyForm
from ..forms_lifecycle import FollowUpForm, RejectForm
from ..models import Message, Ticket, TicketEvent
from ..templatetags.tickets_tags import br_datetime, duration
from .access import ClientRequiredMixin

S = Ticket.Status

# --- Detail, timeline and reply (TKT-6, TKT-7, SLA-1/5/7) -------------------------------------------------


@dataclass
class SlaExplanation:
    """The ticket's deadline in words (SLA-1, SLA-5, SLA-7)."""

    state: str  # ok, risk, breached, paused, closed
    headline: str
    details: list[str] = field(default_factory=list)
    note: str = ""


def _sla_explanation(ticket: Ticket, sla, calendar_name: str) -> SlaExplanation:
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
    used = duration(target.consumed_seconds)
    if target.left_seconds >= 0:
        usage = _("usadas %(used)s, restam %(left)s.") % {"used": used, "left": duration(target.left_seconds)}
    else:
        usage = _("usadas %(used)s, %(over)s além da meta.") % {
            "used": used,
            "over": duration(-target.left_seconds),
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
        closed_at = br_datetime(ticket.closed_at) if ticket.closed_at else ""
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
        if ticket.status == S.AWAITING_VALIDATION:
            headline = _(
                "O relógio está parado enquanto aguardamos a sua validação da solução proposta: "
                "o tempo de espera não conta no prazo."
            )
        else:
            headline = _(
                "O relógio está parado enquanto aguardamos a sua resposta: "
                "o tempo de espera não conta no prazo."
            )
        details.append(_("Uma nova data aparece aqui assim que o chamado voltar para análise."))
        return SlaExplanation("paused", headline, details, note)

    due = br_datetime(target.due_at)
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


@dataclass
class TimelineEntry:
    at: datetime
    message: Message | None = None
    event: TicketEvent | None = None
    text: str = ""
    reason: str = ""
    icon: str = "bi-circle"


def _status_label(value: str) -> str:
    return S(value).label if value in S.values else value


def _severity_label(value: str) -> str:
    return Severity(value).label if value in Severity.values else value


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return _("o sistema (automático)")
    if actor.is_staff:
        return _("%(name)s (equipe de atendimento)") % {"name": actor.full_name}
    return actor.full_name


def _event_entry(event: TicketEvent, public_reasons: set) -> TimelineEntry:
    who = _actor_label(event.actor)
    reason = event.reason
    kind = event.kind
    if kind == TicketEvent.Kind.OPENED:
        return TimelineEntry(
            event.created_at,
            event=event,
            text=_("Chamado aberto por %(who)s.") % {"who": who},
            icon="bi-flag",
        )
    if kind == TicketEvent.Kind.STATUS:
        values = {"from": _status_label(event.from_value), "to": _status_label(event.to_value), "who": who}
        if event.actor is None:
            text = _("Situação alterada automaticamente de “%(from)s” para “%(to)s”.") % values
        else:
            text = _("Situação alterada de “%(from)s” para “%(to)s” por %(who)s.") % values
        if (event.created_at, event.actor_id, reason) in public_reasons:
            reason = ""  # the analyst's reason is the message right next to it
        return TimelineEntry(
            event.created_at, event=event, text=text, reason=reason, icon="bi-arrow-left-right"
        )
    if kind == TicketEvent.Kind.SEVERITY:
        text = _("Severidade reclassificada de %(from)s para %(to)s por %(who)s.") % {
            "from": _severity_label(event.from_value),
            "to": _severity_label(event.to_value),
            "who": who,
        }
        return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-speedometer2")
    if kind == TicketEvent.Kind.TRANSFER:
        text = _("Chamado transferido da equipe %(from)s para a equipe %(to)s por %(who)s.") % {
            "from": event.from_value,
            "to": event.to_value,
            "who": who,
        }
        return TimelineEntry(
            event.created_at, event=event, text=text, reason=reason, icon="bi-signpost-split"
        )
    if kind == TicketEvent.Kind.ASSIGNMENT:
        if event.to_value:
            text = _("Analista responsável: %(name)s.") % {"name": event.to_value}
        else:
            text = _("O chamado voltou para a fila da equipe.")
        return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-person-check")
    if kind == TicketEvent.Kind.POSTPONED:
        try:
            until = br_datetime(datetime.fromisoformat(event.to_value))
        except ValueError:
            until = event.to_value
        text = _("Validação adiada até %(when)s por %(who)s.") % {"when": until, "who": who}
        return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-calendar-plus")
    # A kind added later still shows in the history, with its label.
    text = _("%(what)s, por %(who)s.") % {"what": event.get_kind_display(), "who": who}
    return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-dot")


def _timeline(messages_: list[Message], events: list[TicketEvent]) -> list[TimelineEntry]:
    """Messages and history events in time order; at the same instant the message comes first."""
    public_reasons = {(m.created_at, m.author_id, m.body) for m in messages_ if not m.is_internal}
    entries = [TimelineEntry(m.created_at, message=m) for m in messages_]
    entries += [_event_entry(event, public_reasons) for event in events]
    entries.sort(key=lambda entry: entry.at)  # stable: messages before events at equal instants
    return entries


class TicketDetailView(ClientRequiredMixin, View):
    """The ticket with its forecast in words, the timeline and the reply form (constant queries)."""

    template_name = "tickets/detail.html"

    def get(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        return render(request, self.template_name, detail_context(request, ticket, TicketReplyForm()))


def detail_context(request, ticket: Ticket, reply_form: TicketReplyForm) -> dict:
    user = request.user
    events = list(selectors.ticket_events(ticket))
    # The history the SLA counts pauses from, taken from the events already loaded (SLA-4).
    history = [(ticket.created_at, S.NEW)] + [
        (event.created_at, event.to_value) for event in events if event.kind == TicketEvent.Kind.STATUS
    ]
    sla = deadlines.ticket_sla(ticket, history=history)
    calendar_name = ticket.sla_snapshot.calendar.name
    messages_ = list(selectors.ticket_messages(user, ticket))
    follow_ups = []
    if ticket.is_closed:
        follow_ups = list(
            access.tickets_visible_to(user).filter(follow_up_of=ticket).only("number", "summary", "status")
        )
    return {
        "original": ticket.follow_up_of if ticket.follow_up_of_id else None,
        "follow_ups": follow_ups,
        "reject_form": RejectForm(),
        "follow_up_form": FollowUpForm(),
        "ticket": ticket,
        "sla": _sla_explanation(ticket, sla, calendar_name),
        "timeline": _timeline(messages_, events),
        "opening_attachments": list(selectors.ticket_opening_attachments(ticket)),
        "download_blocked": not user.is_analyst and ticket.company.has_financial_pendency,
        "reply_form": reply_form,
        "files_lost": reply_form.is_bound and bool(request.FILES),
        "show_company": not access.contact_of(user),
    }


class TicketReplyView(ClientRequiredMixin, View):
    """POST a message (TKT-7); on "Pendência do cliente" the ticket goes back to analysis."""

    http_method_names = ["post"]

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        form = TicketReplyForm(request.POST, request.FILES)
        if form.is_valid():
            waiting = ticket.status in (S.PENDING_CLIENT, S.AWAITING_VALIDATION)
            try:
                message = services.ticket_reply(
                    actor=request.user,
                    ticket=ticket,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if message.ticket_id != ticket.pk:
                    # TKT-9: the ticket closed before the reply arrived; it never reopens, and the
                    # service turned the words into a follow-up with a new number.
                    follow_up = message.ticket
                    messages.info(
                        request,
                        _(
                            "O chamado %(original)s foi encerrado e não pode ser reaberto. Sua mensagem "
                            "abriu o acompanhamento %(number)s."
                        )
                        % {"original": ticket.number, "number": follow_up.number},
                    )
                    return HttpResponseRedirect(reverse("ticket-detail", kwargs={"number": follow_up.number}))
                if waiting:
                    messages.success(
                        request,
                        _(
                            "Resposta enviada. O chamado voltou para análise e o relógio do prazo "
                            "voltou a contar."
                        ),
                    )
                else:
                    messages.success(request, _("Mensagem enviada."))
                url = reverse("ticket-detail", kwargs={"number": ticket.number})
                return HttpResponseRedirect(f"{url}#mensagem-{message.pk}")
        return render(
            request, TicketDetailView.template_name, detail_context(request, ticket, form), status=400
        )


# --- Attachments (TKT-10, ACC-6) -------------------------------------------------------------------------


@login_required
@require_GET
def attachment_download(request, pk: int):
    """Serve a file after the same check as its ticket (404 otherwise), never rendered inline."""
    return attachment_response(attachment_for_download(request.user, pk))
