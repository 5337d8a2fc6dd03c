"""`manage.py sla`: business-time deadlines and the holidays a calendar applies, from the shell.

    manage.py sla deadline --calendar cst --start 2026-11-19T17:00 --hours 2
    manage.py sla deadline --calendar suporte-tecnico --start 2026-03-10T10:00 --days 4 \\
        --pause 2026-03-10T12:00/2026-03-10T15:00 --local SP/São Paulo
    manage.py sla holidays --calendar cst --year 2026 --local SP/São Paulo

The last line of `deadline` is the deadline in ISO-8601 with its America/Sao_Paulo offset, or
`paused` when an open pause stops the clock before the target is reached.
"""

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats

from core.errors import DomainError
from core.periods import SAO_PAULO
from sla import services
from sla.models import Calendar, Holiday

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _instant(text: str, what: str) -> datetime:
    """ISO-8601 with or without offset ('Z' accepted); without one it is Brasília local time."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise CommandError(
            f"{what}: data/hora inválida '{text}'. "
            "Use ISO-8601, como 2026-11-23T09:00 ou 2026-11-23T09:00:00-03:00."
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=SAO_PAULO)
    return value


def _show(value: datetime) -> str:
    local = value.astimezone(SAO_PAULO)
    return local.isoformat(timespec="seconds" if not local.microsecond else "microseconds")


class Command(BaseCommand):
    help = "Prazos em tempo útil (SLA) e feriados aplicados por um calendário de atendimento."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="ações")
        deadline = actions.add_parser("deadline", help="calcula um prazo em tempo útil")
        deadline.add_argument("--calendar", required=True, help="identificador do calendário (ex.: cst)")
        deadline.add_argument(
            "--start", required=True, help="abertura, ISO-8601 (sem fuso: horário de Brasília)"
        )
        target = deadline.add_mutually_exclusive_group(required=True)
        target.add_argument("--hours", help="meta em horas úteis (aceita frações, ex.: 1.5)")
        target.add_argument("--days", help="meta em dias úteis")
        deadline.add_argument(
            "--pause", action="append", default=[], metavar="INICIO/FIM", help="pausa encerrada (repetível)"
        )
        deadline.add_argument("--pause-open", metavar="INICIO", help="pausa ainda aberta")
        deadline.add_argument(
            "--local", metavar="UF[/Município]", help="soma os feriados estaduais e municipais"
        )

        listing = actions.add_parser("holidays", help="lista os feriados aplicados num ano")
        listing.add_argument("--calendar", required=True)
        listing.add_argument("--year", required=True, type=int)
        listing.add_argument("--local", metavar="UF[/Município]")

    def handle(self, *args, **options):
        try:
            calendar = Calendar.objects.prefetch_related("intervals").get(slug=options["calendar"])
        except Calendar.DoesNotExist:
            known = ", ".join(Calendar.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"Calendário desconhecido: '{options['calendar']}'. Calendários: {known}."
            ) from None
        try:
            place = services.Place.parse(options["local"]) if options.get("local") else None
            if options["action"] == "holidays":
                self._holidays(calendar, options["year"], place)
            else:
                self._deadline(calendar, options, place)
        except DomainError as error:
            raise CommandError(error.message) from error

    def _holidays(self, calendar: Calendar, year: int, place) -> None:
        if not 1900 <= year <= 2200:
            raise CommandError("Ano fora do intervalo aceito (1900–2200).")
        rows = services.holidays_applied(
            calendar=calendar, first_year=year, last_year=year, place=place, add_local=place is not None
        )
        self.stdout.write(
            f"{calendar.name} ({calendar.slug}) · {calendar.get_holiday_policy_display()} · {year}"
        )
        scopes: dict[str, StrOrPromise] = {**dict(Holiday.Scope.choices), "calendar": "calendário"}
        for day, name, scope in rows:
            weekday = formats.date_format(day, "l")
            self.stdout.write(f"{day.isoformat()}  {weekday:<14} {name} [{scopes[scope].lower()}]")
        self.stdout.write(f"{len(rows)} feriado(s)")

    def _deadline(self, calendar: Calendar, options, place) -> None:
        start = _instant(options["start"], "--start")
        pauses: list[tuple[datetime, datetime | None]] = []
        for text in options["pause"]:
            begin, sep, end = text.partition("/")
            if not sep:
                raise CommandError(
                    f"--pause: use INICIO/FIM, como 2026-11-23T10:00/2026-11-23T12:00 (recebido '{text}')."
                )
            pause = (_instant(begin, "--pause"), _instant(end, "--pause"))
            if pause[1] <= pause[0]:
                raise CommandError(f"--pause: o fim deve ser depois do início ('{text}').")
            pauses.append(pause)
        if options.get("pause_open"):
            pauses.append((_instant(options["pause_open"], "--pause-open"), None))

        data = services.calendar_snapshot_data(
            calendar=calendar, around=start, place=place, add_local=place is not None
        )
        clock = services.data_clock(data)
        if options["hours"] is not None:
            try:
                hours = Decimal(options["hours"].replace(",", "."))
            except InvalidOperation:
                raise CommandError(f"--hours: número inválido '{options['hours']}'.") from None
            if hours < 0 or not hours.is_finite():
                raise CommandError("--hours: informe um número de horas maior ou igual a zero.")
            result = clock.deadline(start, hours=hours, pauses=pauses)
            target = f"{options['hours']} hora(s) útil(eis)"
        else:
            try:
                days = int(options["days"])
            except ValueError:
                raise CommandError(f"--days: número inteiro inválido '{options['days']}'.") from None
            if days < 0:
                raise CommandError("--days: informe um número de dias maior ou igual a zero.")
            result = clock.deadline(start, days=days, pauses=pauses)
            target = f"{days} dia(s) útil(eis)"

        local = f" + feriados locais de {options['local']}" if place else ""
        self.stdout.write(
            f"Calendário: {calendar.name} ({calendar.slug}) · {calendar.get_holiday_policy_display()}{local}"
        )
        self.stdout.write(
            f"Abertura: {_show(start)} · contagem a partir de {_show(clock.next_working_instant(start))}"
        )
        self.stdout.write(f"Meta: {target} = {result.target_seconds} segundos úteis")
        for begin, end in pauses:
            self.stdout.write(f"Pausa: {_show(begin)} → {_show(end) if end else 'em aberto'}")
        if result.due_at is None:
            self.stdout.write("A pausa em aberto parou o relógio antes da meta.")
            self.stdout.write("paused")
            return
        names = services.holiday_names(data)
        for day in clock.closed_dates_between(start, result.due_at):
            self.stdout.write(f"Feriado no caminho: {day.strftime('%d/%m/%Y')} {names.get(day, '')}".rstrip())
        self.stdout.write(_show(result.due_at))
