"""Which holidays a calendar closes on (CAL-2): the `holidays` package's years kept imported, and
the national, state, municipal and company dates that apply to a client's place."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import UF, Company
from core.errors import DomainError

from ..holiday_sources import package_holidays
from ..models import Calendar, CalendarException, Holiday


def normalize_place(value: str) -> str:
    """Municipality names compared without case or accents ("Sao Paulo" == "São Paulo")."""
    text = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


@transaction.atomic
def holidays_import_year(*, year: int) -> int:
    """Import one year of public holidays from the `holidays` package; returns rows created.

    Idempotent: rows already present are kept as they are (a deadline may have used them).
    """
    if not 1900 <= year <= 2200:
        raise DomainError(_("Ano fora do intervalo aceito (1900–2200)."), field="year")
    before = Holiday.objects.filter(date__year=year, source=Holiday.Source.PACKAGE).count()
    Holiday.objects.bulk_create(
        [Holiday(source=Holiday.Source.PACKAGE, **row) for row in package_holidays(year)],
        ignore_conflicts=True,
    )
    return Holiday.objects.filter(date__year=year, source=Holiday.Source.PACKAGE).count() - before


def holidays_ensure_years(years: Iterable[int]) -> None:
    """Import the package's holidays for any year that has none yet (first use of a far year)."""
    wanted = set(years)
    present = set(
        Holiday.objects.filter(
            scope=Holiday.Scope.NATIONAL, date__year__in=wanted, source=Holiday.Source.PACKAGE
        )
        .values_list("date__year", flat=True)
        .distinct()
    )
    for year in sorted(wanted - present):
        holidays_import_year(year=year)


@dataclass(frozen=True)
class Place:
    """Where local holidays come from: a state and, optionally, a municipality (and company)."""

    state: str = ""
    municipality: str = ""
    company_id: int | None = None

    @classmethod
    def of_company(cls, company: Company) -> Place:
        return cls(company.state, company.municipality, company.pk)

    @classmethod
    def parse(cls, text: str) -> Place:
        """'SP' or 'SP/São Paulo' (CLI --local)."""
        state, _sep, municipality = (text or "").partition("/")
        state = state.strip().upper()
        if state not in UF.values:
            raise DomainError(
                _("UF desconhecida: %(uf)s. Use a sigla, como SP ou SP/São Paulo.") % {"uf": state or "?"}
            )
        return cls(state, municipality.strip())


def holidays_applied(
    *,
    calendar: Calendar,
    first_year: int,
    last_year: int,
    place: Place | None = None,
    add_local: bool = False,
    import_missing: bool = True,
) -> list[tuple[date, str, str]]:
    """(date, name, scope) of every holiday a calendar closes on, for the years given.

    National holidays unless the policy is "none"; the client's state, municipal and company
    dates when the policy is "local" (or `add_local`, the CLI's --local); plus the calendar's own
    closed dates. Special working dates are not removed here (see `calendar_snapshot`).
    `import_missing=False` for pages (no write on GET): the beat job keeps upcoming years imported.
    """
    rows: list[tuple[date, str, str]] = []
    policy = calendar.holiday_policy
    years = range(first_year, last_year + 1)
    if policy != Calendar.HolidayPolicy.NONE:
        if import_missing:
            holidays_ensure_years(years)
        queryset = Holiday.objects.filter(date__year__gte=first_year, date__year__lte=last_year)
        local = place is not None and (policy == Calendar.HolidayPolicy.LOCAL or add_local)
        for row in queryset.filter(scope=Holiday.Scope.NATIONAL):
            rows.append((row.date, row.name, row.scope))
        if local and place is not None and place.state:  # `local` already says `place` is given
            for row in queryset.filter(scope=Holiday.Scope.STATE, state=place.state):
                rows.append((row.date, row.name, row.scope))
            if place.municipality:
                wanted = normalize_place(place.municipality)
                for row in queryset.filter(scope=Holiday.Scope.MUNICIPAL, state=place.state):
                    if normalize_place(row.municipality) == wanted:
                        rows.append((row.date, row.name, row.scope))
            if place.company_id:
                for row in queryset.filter(scope=Holiday.Scope.COMPANY, company_id=place.company_id):
                    rows.append((row.date, row.name, row.scope))
    for exception in calendar.exceptions.filter(
        kind=CalendarException.Kind.CLOSED, date__year__gte=first_year, date__year__lte=last_year
    ):
        rows.append((exception.date, exception.description or _("Fechado"), "calendar"))
    rows.sort()
    unique: dict[date, tuple[date, str, str]] = {}
    for item in rows:
        unique.setdefault(item[0], item)
    return list(unique.values())
