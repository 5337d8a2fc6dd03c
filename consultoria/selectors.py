"""Consultancy reads (CON-2..8), on top of accounts/access: the rate and taxes of a day, the leaders'
approval queue, a ticket's consultancies, a consultancy's sessions with their lines, the sessions of
a statement and whose statement a user reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company, PartnerUnit, User
from core.errors import DomainError, NotFoundError
from core.periods import period_bounds
from core.prepared import prepared_fetch
from tickets.models import Ticket

from .billing import BillingRule, Line, Totals, session_line
from .models import (
    Consultancy,
    Modality,
    Rate,
    Session,
    TaxRate,
    TermTemplate,
    TimeEntry,
    TimeEntryCorrection,
)

C = Consultancy.Status


def rate_on(modality: Modality, day: date) -> Rate | None:
    """The modality's price per minute in force on `day` (the latest rate from that day or before)."""
    return Rate.objects.filter(modality=modality, valid_from__lte=day).order_by("-valid_from").first()


def tax_on(day: date) -> TaxRate | None:
    return TaxRate.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def rates_in_force(day: date) -> list[tuple[Modality, Rate | None]]:
    """Every modality with its price per minute in force on `day` (None: no rate yet)."""
    return [(modality, rate_on(modality, day)) for modality in Modality.objects.order_by("pk")]


def term_template_current(variant: str) -> TermTemplate | None:
    """The latest version of a term's variant."""
    return TermTemplate.objects.filter(variant=variant).order_by("-version").first()


def approval_queue(user: User) -> QuerySet[Consultancy]:
    """The consultancies waiting for a leader's approval, oldest first (CON-2)."""
    return (
        access.consultancies_visible_to(user)
        .filter(status=C.REQUESTED)
        .select_related("ticket__company", "modality", "requested_by")
        .order_by("requested_at", "pk")
    )


def ticket_consultancies(user: User, ticket: Ticket) -> list[Consultancy]:
    """The consultancies of a ticket the user opened (`access.access_ticket`), newest first, with
    their term, sessions and entries (and each entry's corrections) read up front. Most tickets
    have none: a one-column read answers them without building the seven-table query (prepared,
    `core.prepared`: it runs on every ticket page; per kind of reader, what the visibility reads)."""
    if not prepared_fetch(
        ("ticket_has_consultancy", access.is_staff(user)),
        lambda ticket_id: access.ticket_consultancies_visible(user, ticket_id).only("pk").order_by()[:1],
        {"ticket_id": ticket.pk},
    ):
        return []
    visible = access.ticket_consultancies_visible(user, ticket)
    entries = TimeEntry.objects.select_related("analyst").prefetch_related("corrections__corrected_by")
    return list(
        visible.select_related(
            "modality", "term", "term__template", "requested_by", "decided_by", "payer_unit"
        )
        .prefetch_related(
            Prefetch(
                "sessions", queryset=Session.objects.prefetch_related(Prefetch("entries", queryset=entries))
            )
        )
        .order_by("-requested_at", "-pk")
    )


def consultancies_list(
    user: User, *, status: str = "", ticket_number: str = "", waiting_first: bool = False
) -> QuerySet[Consultancy]:
    """The consultancies the user may see, newest first (the portal's list: terms waiting for an
    answer first), with what a row shows read up front."""
    queryset = access.consultancies_visible_to(user).select_related(
        "ticket__company", "modality", "term", "payer_unit"
    )
    if status:
        queryset = queryset.filter(status=status)
    if ticket_number:
        queryset = queryset.filter(ticket__number=ticket_number)
    if waiting_first:
        waiting = Case(When(status=C.OFFERED, then=Value(0)), default=Value(1), output_field=IntegerField())
        return queryset.annotate(waiting_first=waiting).order_by("waiting_first", "-requested_at", "-pk")
    return queryset.order_by("-requested_at", "-pk")


# --- One consultancy's sessions (CON-4, CON-6) -------------------------------------------------------------


def charged_to(user: User, consultancy: Consultancy) -> bool:
    """Whether the user's statement carries the consultancy's money: staff always; a partner
    consultant when their unit pays; a company's contact when the company pays (CON-4)."""
    if access.is_staff(user):
        return True
    unit_id = access.partner_unit_id(user)
    if unit_id is not None:
        return consultancy.payer == Consultancy.Payer.UNIT and consultancy.payer_unit_id == unit_id
    return consultancy.payer == Consultancy.Payer.COMPANY


def consultancy_session_lines(
    user: User, consultancy: Consultancy, *, sessions: Iterable[Session] | None = None
) -> list[StatementLine]:
    """A consultancy's sessions, oldest first, each with its line as the user's statement shows it: a
    session billed to someone else is R$ 0,00 with the unit it is billed to (CON-4). `consultancy` is
    one the user may see (`access.access_consultancy`, or `ticket_consultancies`, whose prefetched
    `sessions` may be passed: then no query). Entries and their corrections are read up front."""
    if sessions is None:
        corrections = TimeEntryCorrection.objects.select_related("corrected_by")
        entries = TimeEntry.objects.select_related("analyst").prefetch_related(
            Prefetch("corrections", queryset=corrections)
        )
        sessions = (
            Session.objects.filter(consultancy=consultancy)
            .select_related("created_by")
            .annotate(recorded=Sum("entries__minutes"))
            .prefetch_related(Prefetch("entries", queryset=entries))
            .order_by("scheduled_for", "pk")
        )
    rows = list(sessions)
    for session in rows:
        session.consultancy = consultancy
        if not hasattr(session, "recorded"):
            session.recorded = sum(entry.minutes for entry in session.entries.all())  # type: ignore[attr-defined]
    unit_pays = consultancy.payer == Consultancy.Payer.UNIT
    # session_lines charges a line when "the unit pays" equals `charged_to_unit`.
    return session_lines(rows, charged_to_unit=unit_pays == charged_to(user, consultancy))


def lines_totals(lines: Iterable[StatementLine]) -> Totals:
    """Sums of the rounded lines (money only where the line is charged to the reader)."""
    totals = Totals()
    for row in lines:
        totals.add(row.line, charged=row.charged)
    return totals


def open_consultancy(ticket: Ticket) -> Consultancy | None:
    return Consultancy.objects.filter(ticket=ticket, status__in=[C.REQUESTED, C.OFFERED, C.ACCEPTED]).first()


# --- Statements (CON-8) -----------------------------------------------------------------------------------


@dataclass
class StatementLine:
    """One session of a statement: its minutes and money, and who it is billed to."""

    session: Session
    line: Line
    charged: bool  # False: billed to someone else (a partner unit), shown as R$ 0,00 here

    @property
    def consultancy(self) -> Consultancy:
        return self.session.consultancy

    @property
    def billed_to_unit(self) -> PartnerUnit | None:
        consultancy = self.session.consultancy
        return consultancy.payer_unit if consultancy.payer == Consultancy.Payer.UNIT else None

    @property
    def amount(self) -> Decimal:
        return self.line.amount if self.charged else Decimal("0.00")

    @property
    def taxes(self) -> Decimal:
        return self.line.taxes if self.charged else Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.amount + self.taxes


@dataclass
class Statement:
    month: date
    company: Company | None
    unit: PartnerUnit | None
    lines: list[StatementLine] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class StatementChoices:
    """Whose statement a user reads (CON-8): fixed for a client, chosen by staff."""

    company: Company | None = None  # a contact's own company
    unit: PartnerUnit | None = None  # a partner consultant's own unit
    companies: list[Company] | None = None  # staff choose among these...
    units: list[PartnerUnit] | None = None  # ...or these

    @property
    def is_empty(self) -> bool:
        return self.company is None and self.unit is None and self.companies is None


def statement_choices(user: User) -> StatementChoices:
    """A contact reads their company's statement, a partner consultant their unit's; staff choose
    any company or unit; anyone else nothing."""
    if access.is_staff(user):
        return StatementChoices(
            companies=list(access.companies_actable_by(user).order_by("trade_name", "pk")),
            units=list(PartnerUnit.objects.order_by("name", "pk")),
        )
    contact = access.contact_of(user)
    if contact is not None and user.is_active:
        return StatementChoices(company=contact.company)
    unit_id = access.partner_unit_id(user)
    if unit_id is not None and user.is_active:
        return StatementChoices(unit=PartnerUnit.objects.get(pk=unit_id))
    return StatementChoices()


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """[since, until) of a calendar month in Brasília (a session belongs to the month it starts in)."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return period_bounds(first, following - timedelta(days=1))


def session_lines(sessions: Iterable[Session], *, charged_to_unit: bool) -> list[StatementLine]:
    """Each session's line: recorded minutes summed from its entries (annotated `recorded`), the
    modality's rule, the consultancy's finding, the accepted term's price and taxes."""
    lines = []
    for session in sessions:
        consultancy = session.consultancy
        term = consultancy.term
        modality = consultancy.modality
        rule = BillingRule(
            minimum_minutes=term.minimum_minutes,
            waived_on_product_defect=modality.waived_on_product_defect,
            waived_on_documentation_defect=modality.waived_on_documentation_defect,
        )
        line = session_line(
            rule=rule,
            recorded_minutes=getattr(session, "recorded", None) or 0,
            finding=consultancy.finding,
            price_per_minute=term.price_per_minute,
            tax_percentage=term.tax_percentage,
        )
        unit_pays = consultancy.payer == Consultancy.Payer.UNIT
        lines.append(StatementLine(session=session, line=line, charged=unit_pays == charged_to_unit))
    return lines


def consultancy_statement(
    user: User, *, month: date, company: Company | None = None, unit: PartnerUnit | None = None
) -> Statement:
    """CON-8: the billable sessions of a month, for one company (every session of its tickets; those
    billed to a unit at R$ 0,00, CON-4) or one partner unit (the sessions it pays). Two queries: the
    sessions as plain rows, then their consultancies (a few hundred for thousands of sessions) with
    what a line needs, so a long month builds one small object per session."""
    since, until = month_bounds(month)
    sessions = access.consultancy_sessions_visible_to(user).filter(
        consultancy__status__in=[C.ACCEPTED, C.FINISHED],
        scheduled_for__gte=since,
        scheduled_for__lt=until,
    )
    if unit is not None:
        sessions = sessions.filter(consultancy__payer=Consultancy.Payer.UNIT, consultancy__payer_unit=unit)
    elif company is not None:
        sessions = sessions.filter(consultancy__ticket__company=company)
    rows = list(
        sessions.annotate(recorded=Sum("entries__minutes"))
        .order_by("scheduled_for", "pk")
        .values_list("pk", "scheduled_for", "consultancy_id", "recorded")
    )
    consultancies = {
        consultancy.pk: consultancy
        for consultancy in Consultancy.objects.filter(
            pk__in=sessions.values("consultancy_id")
        ).select_related("ticket__company", "modality", "term", "payer_unit")
    }
    light = []
    for pk, scheduled_for, consultancy_id, recorded in rows:
        session = Session(pk=pk, scheduled_for=scheduled_for, consultancy_id=consultancy_id)
        session.consultancy = consultancies[consultancy_id]
        session.recorded = recorded  # type: ignore[attr-defined]
        light.append(session)
    statement = Statement(month=month.replace(day=1), company=company, unit=unit)
    statement.lines = session_lines(light, charged_to_unit=unit is not None)
    for line in statement.lines:
        statement.totals.add(line.line, charged=line.charged)
    return statement


def statement_scope(
    user: User, *, company_id: int | None = None, unit_id: int | None = None
) -> tuple[Company | None, PartnerUnit | None]:
    """Whose statement the user reads, from the ids they ask for (CON-8), by `statement_choices`: a
    contact their own company and a partner consultant their own unit, whatever they ask; staff the
    one company or unit they choose. Another company or unit is refused like a missing one."""
    choices = statement_choices(user)
    if choices.company is not None:
        if unit_id is not None:
            raise DomainError(
                _("O extrato de uma unidade parceira é dos seus consultores: informe só o mês."),
                field="unit",
                code="statement_scope",
            )
        if company_id is not None and company_id != choices.company.pk:
            raise DomainError(_("Empresa não encontrada."), field="company", code="company_not_found")
        return choices.company, None
    if choices.unit is not None:
        if company_id is not None:
            raise DomainError(
                _("Consultores parceiros consultam o extrato da sua unidade: informe só o mês."),
                field="company",
                code="statement_scope",
            )
        if unit_id is not None and unit_id != choices.unit.pk:
            raise DomainError(_("Unidade não encontrada."), field="unit", code="unit_not_found")
        return None, choices.unit
    if choices.companies is None:
        raise NotFoundError
    if (company_id is None) == (unit_id is None):
        raise DomainError(
            _("Escolha a empresa ou a unidade parceira do extrato (uma das duas)."), code="statement_scope"
        )
    if company_id is not None:
        company = next((c for c in choices.companies if c.pk == company_id), None)
        if company is None:
            raise DomainError(_("Empresa não encontrada."), field="company", code="company_not_found")
        return company, None
    unit = next((u for u in choices.units or [] if u.pk == unit_id), None)
    if unit is None:
        raise DomainError(_("Unidade não encontrada."), field="unit", code="unit_not_found")
    return None, unit


def time_entries_visible_to(user: User) -> QuerySet[TimeEntry]:
    """The time entries of the consultancies the user may see, with their analyst, session and ticket."""
    return TimeEntry.objects.filter(
        session__consultancy__in=access.consultancies_visible_to(user)
    ).select_related("analyst", "session__consultancy__ticket__company", "session__consultancy__modality")
