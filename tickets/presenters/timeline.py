"""The ticket's timeline (TKT-6, TKT-7): its messages and history events in time order, one builder
for the portal and the back-office. The messages are those the viewer may read (internal notes
for staff only: accounts/access.py through tickets.selectors)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from consultoria.models import Consultancy
from core.periods import format_local

from ..models import Attachment, Message, TicketEvent
from ..workflow.table import shown_reason
from .labels import severity_label, status_label

Kind = TicketEvent.Kind
CONSULTANCY_STATUS_LABELS = Consultancy.Status.choices
ICONS: dict[str, str] = {
    Kind.OPENED: "bi-flag",
    Kind.STATUS: "bi-arrow-left-right",
    Kind.SEVERITY: "bi-speedometer2",
    Kind.TRANSFER: "bi-signpost-split",
    Kind.ASSIGNMENT: "bi-person-check",
    Kind.POSTPONED: "bi-calendar-plus",
    Kind.CONSULTANCY: "bi-briefcase",
    Kind.TIME_ENTRY: "bi-stopwatch",
    Kind.TIME_ENTRY_CORRECTED: "bi-pencil-square",
}
CONSULTANCY_SENTENCES = {
    "requested": _lazy("%(who)s pediu %(what)s; aguarda a aprovação de um líder."),
    "refused": _lazy("Pedido de %(what)s recusado por %(who)s."),
    "offered": _lazy("Termo de %(what)s enviado para aceite."),
    "accepted": _lazy("Termo de %(what)s aceito por %(who)s."),
    "declined": _lazy("Termo de %(what)s recusado por %(who)s: o chamado segue no suporte padrão."),
    "finished": _lazy("%(what)s concluída por %(who)s."),
}


@dataclass
class TimelineEntry:
    """A message, or an event told two ways: a sentence for the client (`text`) and the
    back-office's "title: from → to" (`title`, `change`), with who did it (`actor_name`)."""

    at: datetime
    message: Message | None = None
    event: TicketEvent | None = None
    text: str = ""
    title: str = ""
    change: str = ""
    actor_name: str = ""
    reason: str = ""
    # The reason is also the message right next to it (a staff move the client must read).
    reason_is_a_message: bool = False
    icon: str = "bi-circle"
    files: list[Attachment] = field(default_factory=list)  # a message's attachments

    @property
    def reason_label(self) -> str:
        """A time entry's text says what was done; every other event's, why."""
        if self.event is not None and self.event.kind == Kind.TIME_ENTRY:
            return _("O que foi feito")
        return _("Motivo")

    @property
    def client_reason(self) -> str:
        """The reason as the portal shows it: not twice when it is the message beside it."""
        return "" if self.reason_is_a_message else self.reason


def _who(actor: User | None) -> str:
    """The actor in the client's sentence."""
    if actor is None:
        return _("o sistema (automático)")
    if actor.is_staff:
        return _("%(name)s (equipe de atendimento)") % {"name": actor.full_name}
    return actor.full_name


def _sentence(event: TicketEvent) -> str:
    who = _who(event.actor)
    if event.kind == Kind.OPENED:
        return _("Chamado aberto por %(who)s.") % {"who": who}
    if event.kind == Kind.STATUS:
        values = {"from": status_label(event.from_value), "to": status_label(event.to_value), "who": who}
        if event.actor is None:
            return _("Situação alterada automaticamente de “%(from)s” para “%(to)s”.") % values
        return _("Situação alterada de “%(from)s” para “%(to)s” por %(who)s.") % values
    if event.kind == Kind.SEVERITY:
        return _("Severidade reclassificada de %(from)s para %(to)s por %(who)s.") % {
            "from": severity_label(event.from_value),
            "to": severity_label(event.to_value),
            "who": who,
        }
    if event.kind == Kind.TRANSFER:
        return _("Chamado transferido da equipe %(from)s para a equipe %(to)s por %(who)s.") % {
            "from": event.from_value,
            "to": event.to_value,
            "who": who,
        }
    if event.kind == Kind.ASSIGNMENT:
        if event.to_value:
            return _("Analista responsável: %(name)s.") % {"name": event.to_value}
        return _("O chamado voltou para a fila da equipe.")
    if event.kind == Kind.POSTPONED:
        return _("Validação adiada até %(when)s por %(who)s.") % {"when": _local(event.to_value), "who": who}
    if event.kind == Kind.CONSULTANCY:
        sentence = CONSULTANCY_SENTENCES.get(event.to_value)
        if sentence is not None:
            return str(sentence) % {"what": event.from_value.lower(), "who": who}
    if event.kind == Kind.TIME_ENTRY:
        return _("Apontamento de consultoria de %(who)s: %(when)s, %(minutes)s min.") % {
            "who": who,
            "when": event.from_value,
            "minutes": event.to_value,
        }
    if event.kind == Kind.TIME_ENTRY_CORRECTED:
        return _("Apontamento corrigido por %(who)s em %(at)s: agora %(when)s, %(minutes)s min.") % {
            "who": who,
            "at": format_local(event.created_at),
            "when": event.from_value,
            "minutes": event.to_value,
        }
    # A kind added later still shows in the history, with its label.
    return _("%(what)s, por %(who)s.") % {"what": event.get_kind_display(), "who": who}


def _local(value: str) -> str:
    """An instant stored in an event's from/to value, as the reader's local date and time."""
    try:
        return format_local(datetime.fromisoformat(value))
    except ValueError:
        return value


def _finding_labels() -> dict[str, str]:
    """A finished consultancy's reason is its finding's label, stored in the source language."""
    with translation.override(None):
        sources = [str(label) for label in Consultancy.Finding.labels]
    return {source: str(label) for source, label in zip(sources, Consultancy.Finding.labels, strict=True)}


def _shown_reason(event: TicketEvent) -> str:
    if event.kind == Kind.CONSULTANCY and event.to_value == Consultancy.Status.FINISHED:
        return _finding_labels().get(event.reason, event.reason)
    return shown_reason(event.reason)


def _title_and_change(event: TicketEvent) -> tuple[str, str]:
    """The back-office's "title" and "from → to" of an event."""
    if event.kind == Kind.OPENED:
        return _("Chamado aberto"), ""
    if event.kind == Kind.STATUS:
        return _("Situação"), f"{status_label(event.from_value)} → {status_label(event.to_value)}"
    if event.kind == Kind.SEVERITY:
        change = f"{severity_label(event.from_value)} → {severity_label(event.to_value)}"
        return _("Severidade reclassificada"), change
    if event.kind == Kind.TRANSFER:
        return _("Transferência de equipe"), f"{event.from_value} → {event.to_value}"
    if event.kind == Kind.ASSIGNMENT:
        queue = _("fila da equipe")
        return _("Responsável"), f"{event.from_value or queue} → {event.to_value or queue}"
    if event.kind == Kind.CONSULTANCY:
        status = dict(CONSULTANCY_STATUS_LABELS).get(event.to_value, event.to_value)
        return event.from_value, str(status)
    if event.kind in (Kind.TIME_ENTRY, Kind.TIME_ENTRY_CORRECTED):
        return str(event.get_kind_display()), f"{event.from_value} · {event.to_value} min"
    if event.kind == Kind.POSTPONED:
        return _("Prazo de validação adiado"), f"{_local(event.from_value)} → {_local(event.to_value)}"
    return str(event.get_kind_display()), f"{event.from_value} → {event.to_value}"


def _event_entry(event: TicketEvent, public_reasons: set[tuple[datetime, int | None, str]]) -> TimelineEntry:
    title, change = _title_and_change(event)
    actor = event.actor
    return TimelineEntry(
        at=event.created_at,
        event=event,
        text=_sentence(event),
        title=title,
        change=change,
        actor_name=(actor.full_name or actor.email) if actor is not None else _("Sistema"),
        reason=_shown_reason(event),
        reason_is_a_message=event.kind == Kind.STATUS
        and (event.created_at, event.actor_id, event.reason) in public_reasons,
        icon=ICONS.get(event.kind, "bi-dot"),
    )


def ticket_timeline(
    messages: Iterable[Message],
    events: Iterable[TicketEvent],
    files: Mapping[int, list[Attachment]] | None = None,
) -> list[TimelineEntry]:
    """Messages and history events in time order; at the same instant the message comes first.
    Each message's `files` come from `files` (by message) when given, else from its attachments."""
    messages = list(messages)
    public_reasons: set[tuple[datetime, int | None, str]] = {
        (m.created_at, m.author_id, m.body) for m in messages if not m.is_internal
    }
    entries = [
        TimelineEntry(
            at=message.created_at,
            message=message,
            files=files.get(message.pk, []) if files is not None else list(message.attachments.all()),
        )
        for message in messages
    ]
    entries += [_event_entry(event, public_reasons) for event in events]
    entries.sort(key=lambda entry: entry.at)  # stable: messages before events at equal instants
    return entries
