"""Consultancy reads (CON-2..8), on top of accounts/access.py: the rate and taxes of a day, the
leaders' approval queue, a ticket's consultancies, and the sessions of a statement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Sum, Value, When

from accounts import access
from accounts.models import Company, PartnerUnit, User
from core.periods import period_bounds
from tickets.models import Ticket

from .billing import BillingRule, Line, Totals, session_line
from .models import Consultancy, Modality, Rate, Session, TaxRate, TermTemplate, TimeEntry

C = Consultancy.Status


def rate_on(modality: Modality, day: date) -> Rate | None:
    """The modality's price per minute in force on `day` (the latest rate from that day or before)."""
    return Rate.objects.filter(modality=modality, valid_from__lte=day).order_by("-valid_from").first()


def tax_on(day: date) -> TaxRate | None:
    return TaxRate.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


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
    """A ticket's consultancies the user may see, newest first, with their term, sessions and
    entries (and each entry's corrections) read up front."""
    entries = TimeEntry.objects.select_related("analyst").prefetch_related("corrections__corrected_by")
    return list(
        access.consultancies_visible_to(user)
        .filter(ticket=ticket)
        .select_related("modality", "term", "term__template", "requested_by", "decided_by", "payer_unit")
        .prefetch_related(
            Prefetch(
                "sessions", queryset=Session.objects.prefetch_related(Prefetch("entries", queryset=entries))
            )
        )
        .order_by("-requested_at", "-pk")
    )


def consultancies_list(user: User) -> QuerySet[Consultancy]:
    """The portal's list of consultancies (CON-3): those the user may see, terms waiting for an answer
    first, then the newest, with what a row shows read up front."""
    waiting_first = Case(When(status=C.OFFERED, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        access.consultancies_visible_to(user)
        .select_related("ticket__company", "modality", "term", "payer_unit")
        .annotate(waiting_first=waiting_first)
        .order_by("waiting_first", "-requested_at", "-pk")
    )


def consultancy_session_lines(user: User, consultancy: Consultancy) -> tuple[list[StatementLine], Totals]:
    """A consultancy's sessions as `ticket_consultancies` read them (entries prefetched: no query),
    each with its line as the user's statement shows it, and their totals: a session billed to a
    partner unit is R$ 0,00 for anyone but that unit's consultants (CON-4)."""
    sessions = list(consultancy.sessions.all())
    for session in sessions:
        setattr(session, "recorded", sum(entry.minutes for entry in session.entries.all()))  # noqa: B010
    unit_pays = consultancy.payer == Consultancy.Payer.UNIT
    lines = session_lines(
        sessions, charged_to_unit=unit_pays and access.partner_unit_id(user) == consultancy.payer_unit_id
    )
    totals = Totals()
    for row in lines:
        totals.add(row.line, charged=row.charged)
    return lines, totals


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
    billed to a unit at R$ 0,00, CON-4) or one partner unit (the sessions it pays). One query."""
    since, until = month_bounds(month)
    sessions = (
        access.consultancy_sessions_visible_to(user)
        .filter(
            consultancy__status__in=[C.ACCEPTED, C.FINISHED],
            scheduled_for__gte=since,
            scheduled_for__lt=until,
        )
        .select_related(
            "consultancy__ticket__company",
            "consultancy__modality",
            "consultancy__term",
            "consultancy__payer_unit",
        )
        .annotate(recorded=Sum("entries__minutes"))
        .order_by("scheduled_for", "pk")
    )
    if unit is not None:
        sessions = sessions.filter(consultancy__payer=Consultancy.Payer.UNIT, consultancy__payer_unit=unit)
    elif company is not None:
        sessions = sessions.filter(consultancy__ticket__company=company)
    statement = Statement(month=month.replace(day=1), company=company, unit=unit)
    statement.lines = session_lines(sessions, charged_to_unit=unit is not None)
    for row in statement.lines:
        statement.totals.add(row.line, charged=row.charged)
    return statement


# --- Back-office reads ----------------------------------------------------------------------------------


def consultancy_billing_lines(user: User, consultancy: Consultancy) -> list[StatementLine]:
    """A consultancy's sessions the user may see, in order, each with its statement line as billed to
    whoever pays it (the company, or the partner unit: CON-4), and its entries with their
    corrections read up front."""
    entries = TimeEntry.objects.select_related("analyst").prefetch_related("corrections__corrected_by")
    sessions = (
        access.consultancy_sessions_visible_to(user)
        .filter(consultancy=consultancy)
        .select_related("consultancy__term", "consultancy__modality", "consultancy__payer_unit", "created_by")
        .annotate(recorded=Sum("entries__minutes"))
        .prefetch_related(Prefetch("entries", queryset=entries))
        .order_by("scheduled_for", "pk")
    )
    return session_lines(sessions, charged_to_unit=consultancy.payer == Consultancy.Payer.UNIT)


def time_entries_visible_to(user: User) -> QuerySet[TimeEntry]:
    """The time entries of the consultancies the user may see, with their analyst, session and ticket."""
    return TimeEntry.objects.filter(
        session__consultancy__in=access.consultancies_visible_to(user)
    ).select_related("analyst", "session__consultancy__ticket__company", "session__consultancy__modality")
