"""CAL-3 calendars with their exact slugs, SEV-1 targets, and public holidays 2015-2035 (CAL-2)."""

from datetime import time

from django.db import migrations

WEEKDAYS = range(5)
CALENDARS = [
    # slug, name, description, policy, {weekdays: [(start, end), ...]}
    (
        "suporte-tecnico",
        "Suporte técnico",
        "Padrão dos chamados técnicos; atende em feriados locais.",
        "national",
        {WEEKDAYS: [("07:00", "19:00")]},
    ),
    (
        "prime",
        "Prime (SLA)",
        "Contratos Prime; atende em feriados locais.",
        "national",
        {WEEKDAYS: [("07:00", "19:00")]},
    ),
    (
        "prime-24x7",
        "Prime 24x7",
        "Contratos Prime com atendimento 24x7.",
        "none",
        {range(7): [("00:00", "00:00")]},
    ),
    (
        "cst",
        "CST (administrativo/financeiro)",
        "Centro de Serviços.",
        "national",
        {WEEKDAYS: [("08:00", "12:00"), ("13:30", "18:00")]},
    ),
    ("e-learning", "E-learning", "", "national", {WEEKDAYS: [("08:30", "12:00"), ("13:30", "18:00")]}),
    ("cloud", "Cloud computing", "24x7, sem feriados.", "none", {range(7): [("00:00", "00:00")]}),
    ("bpo", "BPO", "", "national", {WEEKDAYS: [("08:00", "18:00")]}),
    ("first", "First", "", "national", {WEEKDAYS: [("07:30", "19:00")]}),
    ("vitrine", "Vitrine", "", "national", {WEEKDAYS: [("08:00", "19:00")], (5,): [("09:00", "15:00")]}),
    ("consultorio", "Consultório", "", "national", {WEEKDAYS: [("07:00", "19:00")]}),
    ("consultoria", "Consultoria", "", "national", {WEEKDAYS: [("08:00", "18:00")]}),
    ("ouvidoria", "Ouvidoria", "", "national", {WEEKDAYS: [("08:00", "12:00"), ("13:30", "17:30")]}),
]
TARGETS = [("critical", 10, 4), ("high", 20, 10), ("medium", 30, 30), ("low", 40, 45)]
HOLIDAY_YEARS = range(2015, 2036)


def _time(text):
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def seed_calendars_and_targets(apps):
    """The CAL-3 calendars and SEV-1 targets (idempotent; the test suite calls it after a flush)."""
    Calendar = apps.get_model("sla", "Calendar")
    CalendarInterval = apps.get_model("sla", "CalendarInterval")
    SeverityTarget = apps.get_model("sla", "SeverityTarget")
    for slug, name, description, policy, schedule in CALENDARS:
        calendar, created = Calendar.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "holiday_policy": policy}
        )
        if created:
            CalendarInterval.objects.bulk_create(
                CalendarInterval(calendar=calendar, weekday=day, start=_time(start), end=_time(end))
                for days, intervals in schedule.items()
                for day in days
                for start, end in intervals
            )
    for severity, hours, days in TARGETS:
        SeverityTarget.objects.get_or_create(
            severity=severity, defaults={"response_hours": hours, "maintenance_days": days}
        )


def seed(apps, schema_editor):
    from sla.holiday_sources import package_holidays

    seed_calendars_and_targets(apps)
    Holiday = apps.get_model("sla", "Holiday")
    rows = [Holiday(source="package", **row) for year in HOLIDAY_YEARS for row in package_holidays(year)]
    Holiday.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
