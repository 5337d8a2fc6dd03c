"""Sessions and time entries (CON-5, CON-6): sessions at a date agreed with the client, inside the
Consultancy calendar's hours (CAL-3); entries of whole minutes that never overlap for one analyst,
each in the ticket's timeline and e-mailed to the client; a leader's correction keeps the old
values, who and why."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import DomainError
from core.periods import format_local
from sla import services as sla_services
from sla.models import Calendar
from sla.presenters import schedule_summary
from tickets.models import TicketEvent

from ..billing import entry_minutes
from ..locks import analyst_lock, consultancy_lock, entry_lock
from ..models import Consultancy, Session, TimeEntry, TimeEntryCorrection
from ..notifications import notify_session_scheduled, notify_time_entry
from ..workflow import require_billable

CONSULTANCY_CALENDAR = "consultoria"  # CAL-3: consultancy work follows its own calendar
# An entry records work done: it may end a little after the clock (typed rounded up), not later.
CLOCK_TOLERANCE = timedelta(minutes=5)


def _check_working_time(instant: datetime) -> None:
    calendar = Calendar.objects.prefetch_related("intervals").get(slug=CONSULTANCY_CALENDAR)
    clock = sla_services.data_clock(sla_services.calendar_snapshot_data(calendar=calendar, around=instant))
    if clock.next_working_instant(instant) != instant:
        raise DomainError(
            _("Fora do horário da consultoria (%(hours)s, exceto feriados). Escolha outro horário.")
            % {"hours": schedule_summary(calendar.intervals.all())},
            field="scheduled_for",
        )


@transaction.atomic
def session_schedule(
    *,
    actor: User,
    consultancy: Consultancy,
    scheduled_for: datetime,
    note: str = "",
    now: datetime | None = None,
) -> Session:
    """Staff schedule a session at the date agreed with the client (CON-5)."""
    access.require_staff(actor)
    now = now or timezone.now()
    consultancy = consultancy_lock(consultancy)
    require_billable(consultancy)
    _check_working_time(scheduled_for)
    session = Session.objects.create(
        consultancy=consultancy,
        scheduled_for=scheduled_for,
        note=note.strip(),
        created_by=actor,
        created_at=now,
    )
    notify_session_scheduled(session)
    return session


def _check_entry(
    analyst: User, started_at: datetime, ended_at: datetime, *, now: datetime, exclude: int | None = None
) -> int:
    if ended_at <= started_at:
        raise DomainError(_("O fim do apontamento deve ser depois do início."), field="ended_at")
    if ended_at > now + CLOCK_TOLERANCE:
        raise DomainError(
            _("O apontamento registra trabalho já feito: o fim não pode estar no futuro."),
            field="ended_at",
            code="entry_in_future",
        )
    overlapping = TimeEntry.objects.filter(analyst=analyst, started_at__lt=ended_at, ended_at__gt=started_at)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    clash = overlapping.select_related("session__consultancy__ticket").first()
    if clash is not None:
        raise DomainError(
            _("Este horário se sobrepõe a outro apontamento do analista (%(start)s–%(end)s, chamado %(n)s).")
            % {
                "start": format_local(clash.started_at),
                "end": format_local(clash.ended_at, "%H:%M"),
                "n": clash.session.consultancy.ticket.number,
            },
            field="started_at",
            code="entries_overlap",
        )
    return entry_minutes(started_at, ended_at)


def _entry_event(entry: TimeEntry, *, kind: str, actor: User, now: datetime, reason: str = "") -> None:
    TicketEvent.objects.create(
        ticket=entry.session.consultancy.ticket,
        kind=kind,
        actor=actor,
        created_at=now,
        from_value=f"{format_local(entry.started_at)}–{format_local(entry.ended_at, '%H:%M')}",
        to_value=str(entry.minutes),
        reason=reason or entry.description,
    )


@transaction.atomic
def entry_record(
    *,
    actor: User,
    session: Session,
    started_at: datetime,
    ended_at: datetime,
    description: str,
    now: datetime | None = None,
) -> TimeEntry:
    """An analyst records what they did in a session, from when to when (CON-6). The consultancy is
    locked first: an entry never lands on a term that is being declined (CON-3)."""
    access.require_staff(actor)
    now = now or timezone.now()
    consultancy = consultancy_lock(session.consultancy)
    require_billable(consultancy)
    if not description.strip():
        raise DomainError(_("Descreva o que foi feito."), field="description")
    analyst_lock(actor)
    minutes = _check_entry(actor, started_at, ended_at, now=now)
    entry = TimeEntry.objects.create(
        session=session,
        analyst=actor,
        started_at=started_at,
        ended_at=ended_at,
        minutes=minutes,
        description=description.strip(),
        created_at=now,
    )
    entry.session.consultancy = consultancy
    _entry_event(entry, kind=TicketEvent.Kind.TIME_ENTRY, actor=actor, now=now)
    notify_time_entry(entry)
    return entry


@transaction.atomic
def entry_correct(
    *,
    actor: User,
    entry: TimeEntry,
    started_at: datetime,
    ended_at: datetime,
    description: str,
    reason: str,
    now: datetime | None = None,
) -> TimeEntry:
    """A leader corrects an entry with a reason (CON-6): the old values, who and why are kept."""
    access.require_leader(actor, _("Somente líderes corrigem apontamentos."))
    entry = entry_lock(entry)
    now = now or timezone.now()  # after the lock: corrections of one entry are in time order
    if not reason.strip():
        raise DomainError(_("Informe o motivo da correção."), field="reason", code="reason_required")
    if not description.strip():
        raise DomainError(_("Descreva o que foi feito."), field="description")
    analyst_lock(entry.analyst)
    minutes = _check_entry(entry.analyst, started_at, ended_at, now=now, exclude=entry.pk)
    if (entry.started_at, entry.ended_at, entry.description) == (started_at, ended_at, description.strip()):
        raise DomainError(_("Nada mudou neste apontamento."), code="nothing_changed")
    TimeEntryCorrection.objects.create(
        entry=entry,
        corrected_by=actor,
        corrected_at=now,
        reason=reason.strip(),
        old_started_at=entry.started_at,
        old_ended_at=entry.ended_at,
        old_minutes=entry.minutes,
        old_description=entry.description,
        new_started_at=started_at,
        new_ended_at=ended_at,
        new_minutes=minutes,
        new_description=description.strip(),
    )
    entry.started_at, entry.ended_at, entry.minutes = started_at, ended_at, minutes
    entry.description = description.strip()
    entry.save(update_fields=["started_at", "ended_at", "minutes", "description"])
    _entry_event(
        entry, kind=TicketEvent.Kind.TIME_ENTRY_CORRECTED, actor=actor, now=now, reason=reason.strip()
    )
    notify_time_entry(entry, corrected=True)
    return entry
