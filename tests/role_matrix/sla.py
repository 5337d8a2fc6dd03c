"""Service calendars, holidays and targets (CAL, SEV, SLA)."""

from django.utils import timezone

from sla import services as sla_services
from sla.models import Calendar, Holiday, PrimeContract, SeverityTarget

from . import VIEW, everyone

PORTAL = {
    "holiday-calendar": (lambda o: {}, everyone(200)),
}

ADMIN_SITE = {
    # Importing holidays adds rows (leaders); the deadline simulation stores nothing (any staff).
    "admin:sla_holiday_import": {"analyst": 403, "leader": 200},
    "admin:sla_calendar_simulate": {"analyst": 200, "leader": 200},
}

# Calendars, holidays and targets: analysts look, leaders edit; snapshots are frozen (CAL-2a).
ADMIN_MODELS = {
    "sla_calendar": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_holiday": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_severitytarget": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_primecontract": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_calendarsnapshot": {"analyst": VIEW, "leader": VIEW},
}


def objects(world) -> dict:
    cst = Calendar.objects.get(slug="cst")
    return {
        "sla_calendar": cst,
        "sla_holiday": Holiday.objects.filter(scope=Holiday.Scope.NATIONAL).first(),
        "sla_severitytarget": SeverityTarget.objects.get(severity="critical"),
        "sla_primecontract": PrimeContract.objects.create(
            company=world.company, calendar=Calendar.objects.get(slug="prime"), starts_on=timezone.localdate()
        ),
        "sla_calendarsnapshot": sla_services.calendar_snapshot(calendar=cst, around=timezone.now()),
    }
