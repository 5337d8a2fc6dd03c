"""Ticket deadlines (SEV-1/2, SLA-1..8, CAL-3): which targets and calendar apply to a ticket, and its
deadlines from the opening instant (SLA-3) with the business time of its pauses not counted (SLA-4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Company
from core.errors import DomainError
from core.periods import SAO_PAULO
from core.prepared import prepared_fetch

from .. import engine
from ..models import Calendar, CalendarSnapshot, PrimeContract, Severity, SeverityTarget
from .holidays import Place
from .snapshots import calendar_snapshot, snapshot_clock

AT_RISK_FRACTION = 0.20  # SLA-5: "at risk" when less than 20 % of the target is left
Pause = tuple[datetime, datetime | None]  # (start, end); end None while the pause is open


# --- Targets and calendars per ticket (SEV-1, SLA-8, TKT-1 routing of calendars) -------------------------


@dataclass(frozen=True)
class Targets:
    response_hours: int
    maintenance_days: int
    source: str  # "standard" or "prime"


def prime_contract_in_force(company: Company, on: date) -> PrimeContract | None:
    contract = PrimeContract.objects.filter(company=company).select_related("calendar").first()
    return contract if contract and contract.is_in_force(on) else None


def _check_severity(severity: str) -> None:
    if severity not in Severity.values:
        raise DomainError(_("Severidade desconhecida."), field="severity")


class TargetsBook:
    """The targets of a set of companies, read once (a periodic job's batch): SEV-1's, overridden
    per severity by each company's Prime contract in force (SLA-8)."""

    def __init__(self, company_ids: Iterable[int]) -> None:
        ids = set(company_ids)
        # One company (a ticket's page): prepared reads (`core.prepared`); a batch: by `IN`.
        standard = prepared_fetch("sla_standard_targets", lambda: SeverityTarget.objects.all(), {})
        self._standard = {target.severity: target for target in standard}
        if len(ids) == 1:
            contracts = prepared_fetch(
                "sla_company_contracts",
                lambda company_id: PrimeContract.objects.filter(company_id=company_id),
                {"company_id": next(iter(ids))},
            )
            prefetch_related_objects(contracts, "targets")
        else:
            contracts = list(PrimeContract.objects.filter(company_id__in=ids).prefetch_related("targets"))
        self._contracts = {contract.company_id: contract for contract in contracts}

    def targets(self, *, company_id: int, severity: str, on: date) -> Targets:
        _check_severity(severity)
        contract = self._contracts.get(company_id)
        if contract is not None and contract.is_in_force(on):
            for target in contract.targets.all():
                if target.severity == severity:
                    return Targets(target.response_hours, target.maintenance_days, "prime")
        if severity not in self._standard:
            raise SeverityTarget.DoesNotExist(severity)
        standard = self._standard[severity]
        return Targets(standard.response_hours, standard.maintenance_days, "standard")


def targets_for(*, company: Company, severity: str, on: date) -> Targets:
    """SEV-1 targets, overridden per severity by a Prime contract in force (SLA-8)."""
    _check_severity(severity)
    return TargetsBook([company.pk]).targets(company_id=company.pk, severity=severity, on=on)


TECHNICAL_CALENDAR, CST_CALENDAR = "suporte-tecnico", "cst"


def calendar_for(*, company: Company, kind: str, on: date) -> Calendar:
    """Technical tickets follow the technical-support calendar, or the Prime contract's; administrative
    and financial tickets follow the CST's (CAL-3)."""
    if kind == "technical":
        contract = prime_contract_in_force(company, on)
        if contract is not None:
            return contract.calendar
        return Calendar.objects.get(slug=TECHNICAL_CALENDAR)
    return Calendar.objects.get(slug=CST_CALENDAR)


# --- Ticket deadlines (SEV-2, SLA-1..7) ------------------------------------------------------------------


@dataclass(frozen=True)
class TargetStatus:
    """One target of a ticket: its deadline and how much business time is used and left."""

    name: str  # "response" or "maintenance"
    target_seconds: int
    target_text: str  # "10 horas úteis", "4 dias úteis"
    due_at: datetime | None  # None while an open pause stops the clock before the deadline
    # When less than 20 % of the target will be left (SLA-5); None once the clock has stopped for
    # good (closing): the clock never runs into it.
    risk_at: datetime | None
    consumed_seconds: int
    left_seconds: int  # negative once breached
    breached: bool
    at_risk: bool
    paused: bool


@dataclass(frozen=True)
class TicketSla:
    calendar_slug: str
    snapshot: CalendarSnapshot
    severity: str
    targets_source: str
    response: TargetStatus
    maintenance: TargetStatus
    active: str  # which target currently governs: "maintenance" while in maintenance (SEV-2)

    @property
    def current(self) -> TargetStatus:
        return self.maintenance if self.active == "maintenance" else self.response


def _target_status(
    clock: engine.BusinessClock,
    *,
    name: str,
    opened_at: datetime,
    seconds: int,
    text: str,
    pauses: Sequence[Pause],
    until: datetime,
    stopped: bool,
) -> TargetStatus:
    result = clock.deadline(opened_at, seconds=seconds, pauses=pauses)
    risk = None
    if not stopped:
        risk = clock.deadline(opened_at, seconds=seconds - int(AT_RISK_FRACTION * seconds), pauses=pauses)
    consumed = clock.consumed(opened_at, until, pauses)
    left = seconds - consumed
    breached = result.due_at is not None and until > result.due_at
    return TargetStatus(
        name=name,
        target_seconds=seconds,
        target_text=text,
        due_at=result.due_at,
        risk_at=risk.due_at if risk else None,
        consumed_seconds=consumed,
        left_seconds=left,
        breached=breached,
        at_risk=not breached and left < AT_RISK_FRACTION * seconds,
        paused=result.paused,
    )


def ticket_sla_compute(
    *,
    company: Company,
    severity: str,
    kind: str,
    opened_at: datetime,
    pauses: Sequence[Pause],
    stopped_at: datetime | None = None,
    maintenance: bool = False,
    now: datetime | None = None,
    snapshot: CalendarSnapshot | None = None,
    book: TargetsBook | None = None,
) -> TicketSla:
    """Deadlines of a ticket, always from its opening instant (SLA-3), with the business time of
    `pauses` not counted (SLA-4). A batch passes the `book` of its companies' targets.

    The ticket side (tickets/deadlines.py) turns the ticket's history into `pauses`, the instant
    its clock stopped for good (`stopped_at`: closing) and whether the maintenance target governs
    now (SEV-2): which statuses pause the clock is the workflow's rule, not this module's. Pass
    the ticket's stored `snapshot` to recompute with the calendar it was promised under (CAL-2a);
    without one, the calendar for the company and kind is frozen now and returned for the caller
    to keep.
    """
    if timezone.is_naive(opened_at):
        raise DomainError(_("Instante de abertura sem fuso horário."))
    now = now or timezone.now()
    opened_on = timezone.localtime(opened_at, SAO_PAULO).date()
    if book is not None:
        targets = book.targets(company_id=company.pk, severity=severity, on=opened_on)
    else:
        targets = targets_for(company=company, severity=severity, on=opened_on)
    if snapshot is None:
        calendar = calendar_for(company=company, kind=kind, on=opened_on)
        snapshot = calendar_snapshot(calendar=calendar, around=opened_at, place=Place.of_company(company))
    clock = snapshot_clock(snapshot)
    until = min(now, stopped_at) if stopped_at is not None else now
    stopped = stopped_at is not None and stopped_at <= now
    response_seconds = targets.response_hours * 3600
    maintenance_seconds = clock.days_to_seconds(opened_at, targets.maintenance_days)
    return TicketSla(
        calendar_slug=snapshot.data["calendar"],
        snapshot=snapshot,
        severity=severity,
        targets_source=targets.source,
        response=_target_status(
            clock,
            name="response",
            opened_at=opened_at,
            seconds=response_seconds,
            text=_("%(n)d horas úteis") % {"n": targets.response_hours},
            pauses=pauses,
            until=until,
            stopped=stopped,
        ),
        maintenance=_target_status(
            clock,
            name="maintenance",
            opened_at=opened_at,
            seconds=maintenance_seconds,
            text=_("%(n)d dias úteis") % {"n": targets.maintenance_days},
            pauses=pauses,
            until=until,
            stopped=stopped,
        ),
        active="maintenance" if maintenance else "response",
    )
