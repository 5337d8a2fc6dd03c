"""Settings edits with history (core.history): every back-office save of a calendar and its rows, a
holiday, a severity target and a Prime contract with its targets records who changed what, when,
from what to what; rows edited inside a calendar or a contract record it as their scope. Analysts
only look: their edits are refused and leave no trace.

The pages are posted the way a browser does: the form data is read from the page the user
opened (management forms included), then the fields the user touches are changed.
"""

from datetime import date, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from core import history
from core.errors import ForbiddenError
from core.models import ChangeRecord
from sla.models import (
    Calendar,
    CalendarException,
    CalendarInterval,
    Holiday,
    PrimeContract,
    PrimeTarget,
    SeverityTarget,
)
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

Action = ChangeRecord.Action


# --- The page's own form data ---------------------------------------------------------------------


def _form_data(form) -> dict:
    """What the browser sends for a rendered form: each field's current value."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue  # an empty input, or an unchecked box (not sent)
        data[field.html_name] = "on" if value is True else value
    return data


def _formset_data(formset) -> dict:
    data = _form_data(formset.management_form)
    for form in formset.forms:
        data.update(_form_data(form))
    return data


def _change_page_data(client, url: str) -> dict:
    """The change form's data as the page shows it: the object's fields and every inline formset."""
    response = client.get(url)
    assert response.status_code == 200
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(_formset_data(inline.formset))
    return data


def _changelist_data(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return {**_formset_data(response.context["cl"].formset), "_save": "Salvar"}


def _add_row(data: dict, prefix: str, **fields) -> None:
    """A new inline row, as the page's "add another" button makes it."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})


def _row_index(data: dict, prefix: str, pk: int) -> int:
    return next(
        index for index in range(int(data[f"{prefix}-TOTAL_FORMS"])) if data.get(f"{prefix}-{index}-id") == pk
    )


def _changes(record: ChangeRecord) -> dict[str, tuple[str, str]]:
    return {name: (change["from"], change["to"]) for name, change in record.changes.items()}


def _scope(record: ChangeRecord):
    return (record.scope_type.model_class(), record.scope_id) if record.scope_type else None


@pytest.fixture
def cst() -> Calendar:
    return Calendar.objects.get(slug="cst")


@pytest.fixture
def contract(world) -> PrimeContract:
    contract = PrimeContract.objects.create(
        company=world.company, calendar=Calendar.objects.get(slug="prime"), starts_on=date(2026, 1, 1)
    )
    PrimeTarget.objects.create(contract=contract, severity="critical", response_hours=4, maintenance_days=2)
    return contract


# --- Severity targets (SEV-1) ---------------------------------------------------------------------


def test_sev1_a_leader_changes_a_target_in_the_list_and_the_history_has_the_old_and_new_hours(
    world, client_for
):
    client = client_for(world.leader)
    url = reverse("admin:sla_severitytarget_changelist")
    target = SeverityTarget.objects.get(severity="critical")
    data = _changelist_data(client, url)
    index = _row_index(data, "form", target.pk)
    data[f"form-{index}-response_hours"] = "8"
    before = timezone.now()

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    target.refresh_from_db()
    assert (target.response_hours, target.maintenance_days) == (8, 4)
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor, record.content_type.model_class()) == (
        Action.CHANGED,
        world.leader,
        SeverityTarget,
    )
    assert (record.object_id, record.object_repr, _scope(record)) == (str(target.pk), "Crítica", None)
    assert record.changes == {
        "response_hours": {"label": "atendimento/solução (horas úteis)", "from": "10", "to": "8"}
    }
    assert before <= record.at <= timezone.now()


def test_sev1_a_leader_changes_a_target_in_its_form_and_the_history_has_the_old_and_new_hours(
    world, client_for
):
    client = client_for(world.leader)
    target = SeverityTarget.objects.get(severity="high")
    url = reverse("admin:sla_severitytarget_change", args=[target.pk])
    data = _change_page_data(client, url)
    data.update(response_hours="16", maintenance_days="8")

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    target.refresh_from_db()
    assert (target.response_hours, target.maintenance_days) == (16, 8)
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor, record.object_repr) == (Action.CHANGED, world.leader, "Alta")
    assert _changes(record) == {"response_hours": ("20", "16"), "maintenance_days": ("10", "8")}


def test_sev1_saving_a_target_unchanged_records_nothing(world, client_for):
    client = client_for(world.leader)
    target = SeverityTarget.objects.get(severity="low")
    url = reverse("admin:sla_severitytarget_change", args=[target.pk])

    response = client.post(url, _change_page_data(client, url))

    assert response.status_code == 302
    assert not ChangeRecord.objects.exists()


# --- Calendars and their rows (CAL-1, CAL-2a) -------------------------------------------------------


def test_cal1_a_leader_adds_changes_and_removes_an_interval_each_recorded_with_the_calendar(
    world, client_for, cst
):
    client = client_for(world.leader)
    url = reverse("admin:sla_calendar_change", args=[cst.pk])

    data = _change_page_data(client, url)
    _add_row(data, "intervals", weekday="5", start="09:00", end="13:00")
    assert client.post(url, data).status_code == 302
    saturday = CalendarInterval.objects.get(calendar=cst, weekday=5)

    data = _change_page_data(client, url)
    data[f"intervals-{_row_index(data, 'intervals', saturday.pk)}-end"] = "12:00"
    assert client.post(url, data).status_code == 302
    saturday.refresh_from_db()
    assert saturday.end == time(12)

    data = _change_page_data(client, url)
    data[f"intervals-{_row_index(data, 'intervals', saturday.pk)}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not CalendarInterval.objects.filter(pk=saturday.pk).exists()

    added, changed, removed = ChangeRecord.objects.order_by("pk")
    for record in (added, changed, removed):
        assert (record.actor, record.content_type.model_class(), record.object_id) == (
            world.leader,
            CalendarInterval,
            str(saturday.pk),
        )
        assert (_scope(record), record.scope_repr) == ((Calendar, str(cst.pk)), cst.name)
    assert (added.action, _changes(added)) == (
        Action.CREATED,
        {
            "calendar": ("", cst.name),
            "weekday": ("", "sábado"),
            "start": ("", "09:00"),
            "end": ("", "13:00"),
        },
    )
    assert (changed.action, _changes(changed)) == (Action.CHANGED, {"end": ("13:00", "12:00")})
    assert (removed.action, _changes(removed)) == (
        Action.DELETED,
        {
            "calendar": (cst.name, ""),
            "weekday": ("sábado", ""),
            "start": ("09:00", ""),
            "end": ("12:00", ""),
        },
    )
    assert removed.object_repr == "sábado 09:00–12:00"
    assert list(history.settings_history(cst)) == [removed, changed, added]


def test_cal2a_a_leader_adds_changes_and_removes_a_closed_date_each_recorded_with_the_calendar(
    world, client_for, cst
):
    client = client_for(world.leader)
    url = reverse("admin:sla_calendar_change", args=[cst.pk])

    data = _change_page_data(client, url)
    _add_row(data, "exceptions", date="24/12/2026", kind="closed", description="Véspera de Natal")
    assert client.post(url, data).status_code == 302
    eve = CalendarException.objects.get(calendar=cst, date=date(2026, 12, 24))

    data = _change_page_data(client, url)
    data[f"exceptions-{_row_index(data, 'exceptions', eve.pk)}-description"] = "Natal"
    assert client.post(url, data).status_code == 302

    data = _change_page_data(client, url)
    data[f"exceptions-{_row_index(data, 'exceptions', eve.pk)}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not CalendarException.objects.filter(pk=eve.pk).exists()

    added, changed, removed = ChangeRecord.objects.order_by("pk")
    assert [(r.action, r.content_type.model_class(), _scope(r)) for r in (added, changed, removed)] == [
        (action, CalendarException, (Calendar, str(cst.pk)))
        for action in (Action.CREATED, Action.CHANGED, Action.DELETED)
    ]
    assert _changes(added) == {
        "calendar": ("", cst.name),
        "date": ("", "24/12/2026"),
        "kind": ("", "Fechado (sem expediente)"),
        "description": ("", "Véspera de Natal"),
    }
    assert _changes(changed) == {"description": ("Véspera de Natal", "Natal")}
    assert _changes(removed) == {
        "calendar": (cst.name, ""),
        "date": ("24/12/2026", ""),
        "kind": ("Fechado (sem expediente)", ""),
        "description": ("Natal", ""),
    }


def test_cal1_a_calendar_field_and_a_row_in_one_save_give_one_record_each(world, client_for, cst):
    client = client_for(world.leader)
    url = reverse("admin:sla_calendar_change", args=[cst.pk])
    data = _change_page_data(client, url)
    data["description"] = "Centro de Serviços (sábados pela manhã)"
    _add_row(data, "intervals", weekday="5", start="08:00", end="12:00")

    assert client.post(url, data).status_code == 302

    calendar_record = ChangeRecord.objects.get(content_type=ContentType.objects.get_for_model(Calendar))
    interval_record = ChangeRecord.objects.get(
        content_type=ContentType.objects.get_for_model(CalendarInterval)
    )
    assert (calendar_record.action, _scope(calendar_record), _changes(calendar_record)) == (
        Action.CHANGED,
        None,
        {"description": ("Centro de Serviços.", "Centro de Serviços (sábados pela manhã)")},
    )
    assert (interval_record.action, _scope(interval_record)) == (Action.CREATED, (Calendar, str(cst.pk)))
    assert ChangeRecord.objects.count() == 2


def test_cal1_a_leader_creates_a_calendar_with_its_intervals(world, client_for):
    client = client_for(world.leader)
    url = reverse("admin:sla_calendar_add")
    data = _change_page_data(client, url)
    data.update(slug="plantao", name="Plantão", holiday_policy="none", time_zone="America/Sao_Paulo")
    _add_row(data, "intervals", weekday="5", start="08:00", end="00:00")

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    calendar = Calendar.objects.get(slug="plantao")
    created = ChangeRecord.objects.order_by("pk")
    assert [(r.action, r.content_type.model_class(), _scope(r)) for r in created] == [
        (Action.CREATED, Calendar, None),
        (Action.CREATED, CalendarInterval, (Calendar, str(calendar.pk))),
    ]
    assert _changes(created[0]) == {
        "slug": ("", "plantao"),
        "name": ("", "Plantão"),
        "holiday_policy": ("", "Sem feriados (24x7)"),
        "time_zone": ("", "America/Sao_Paulo"),
    }


# --- Holidays (CAL-2) -------------------------------------------------------------------------------


def test_cal2_a_leader_registers_and_renames_a_holiday_with_history(world, client_for):
    client = client_for(world.leader)
    add_url = reverse("admin:sla_holiday_add")
    data = _change_page_data(client, add_url)
    data.update(date="08/12/2026", name="Imaculada Conceição", scope="municipal", state="MG")
    data["municipality"] = "Belo Horizonte"

    assert client.post(add_url, data).status_code == 302
    holiday = Holiday.objects.get(date=date(2026, 12, 8), municipality="Belo Horizonte")
    change_url = reverse("admin:sla_holiday_change", args=[holiday.pk])
    data = _change_page_data(client, change_url)
    data["name"] = "Nossa Senhora da Conceição"
    assert client.post(change_url, data).status_code == 302

    added, renamed = ChangeRecord.objects.order_by("pk")
    assert (added.action, added.actor, added.object_id) == (Action.CREATED, world.leader, str(holiday.pk))
    assert _changes(added) == {
        "date": ("", "08/12/2026"),
        "name": ("", "Imaculada Conceição"),
        "scope": ("", "Municipal"),
        "state": ("", "Minas Gerais"),
        "municipality": ("", "Belo Horizonte"),
        "source": ("", "Cadastrado no back-office"),
    }
    assert (renamed.action, _changes(renamed)) == (
        Action.CHANGED,
        {"name": ("Imaculada Conceição", "Nossa Senhora da Conceição")},
    )


def test_cal2_a_holiday_removed_in_the_back_office_keeps_what_it_was(world, client_for):
    # The role table gives no one but a superuser the right to remove holidays.
    superuser = LeaderFactory(email="raiz@suporte.example", is_superuser=True)
    holiday = Holiday.objects.create(
        date=date(2026, 12, 8), name="Conceição", scope="company", company=world.company
    )
    client = client_for(superuser)

    response = client.post(reverse("admin:sla_holiday_delete", args=[holiday.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor, record.object_repr) == (
        Action.DELETED,
        superuser,
        "08/12/2026 Conceição",
    )
    assert _changes(record)["name"] == ("Conceição", "")


def test_cal2_leaders_may_not_remove_a_holiday(world, client_for):
    holiday = Holiday.objects.filter(scope=Holiday.Scope.NATIONAL).first()

    response = client_for(world.leader).post(
        reverse("admin:sla_holiday_delete", args=[holiday.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Holiday.objects.filter(pk=holiday.pk).exists()
    assert not ChangeRecord.objects.exists()


# --- Prime contracts (SLA-8) ------------------------------------------------------------------------


def test_sla8_a_leader_changes_adds_and_removes_contract_targets_each_recorded_with_the_contract(
    world, client_for, contract
):
    client = client_for(world.leader)
    url = reverse("admin:sla_primecontract_change", args=[contract.pk])
    critical = contract.targets.get(severity="critical")

    data = _change_page_data(client, url)
    data[f"targets-{_row_index(data, 'targets', critical.pk)}-response_hours"] = "2"
    _add_row(data, "targets", severity="high", response_hours="6", maintenance_days="3")
    assert client.post(url, data).status_code == 302
    high = contract.targets.get(severity="high")

    data = _change_page_data(client, url)
    data[f"targets-{_row_index(data, 'targets', high.pk)}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302

    assert sorted(contract.targets.values_list("severity", "response_hours")) == [("critical", 2)]
    records = list(ChangeRecord.objects.order_by("pk"))
    assert [(r.action, r.object_id, r.actor) for r in records] == [
        (Action.CHANGED, str(critical.pk), world.leader),
        (Action.CREATED, str(high.pk), world.leader),
        (Action.DELETED, str(high.pk), world.leader),
    ]
    for record in records:
        assert record.content_type.model_class() is PrimeTarget
        assert (_scope(record), record.scope_repr) == ((PrimeContract, str(contract.pk)), str(contract))
    by_action = {record.action: record for record in records}
    assert _changes(by_action[Action.CHANGED]) == {"response_hours": ("4", "2")}
    assert _changes(by_action[Action.CREATED]) == {
        "contract": ("", str(contract)),
        "severity": ("", "Alta"),
        "response_hours": ("", "6"),
        "maintenance_days": ("", "3"),
    }
    assert _changes(by_action[Action.DELETED]) == {
        "contract": (str(contract), ""),
        "severity": ("Alta", ""),
        "response_hours": ("6", ""),
        "maintenance_days": ("3", ""),
    }


def test_sla8_a_contract_field_change_is_recorded_on_the_contract(world, client_for, contract):
    client = client_for(world.leader)
    url = reverse("admin:sla_primecontract_change", args=[contract.pk])
    data = _change_page_data(client, url)
    data["ends_on"] = "31/12/2027"

    assert client.post(url, data).status_code == 302

    record = ChangeRecord.objects.get()
    assert (record.action, record.content_type.model_class(), _scope(record)) == (
        Action.CHANGED,
        PrimeContract,
        None,
    )
    assert _changes(record) == {"ends_on": ("", "31/12/2027")}


# --- Analysts only look -----------------------------------------------------------------------------


def test_sev1_an_analyst_posting_the_target_list_is_refused_and_nothing_changes(world, client_for):
    data = _changelist_data(client_for(world.leader), reverse("admin:sla_severitytarget_changelist"))
    target = SeverityTarget.objects.get(severity="critical")
    data[f"form-{_row_index(data, 'form', target.pk)}-response_hours"] = "1"

    response = client_for(world.analyst).post(reverse("admin:sla_severitytarget_changelist"), data)

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.response_hours == 10
    assert not ChangeRecord.objects.exists()


def test_sev1_an_analyst_posting_a_target_form_is_refused_and_nothing_changes(world, client_for):
    target = SeverityTarget.objects.get(severity="critical")
    url = reverse("admin:sla_severitytarget_change", args=[target.pk])
    data = _change_page_data(client_for(world.leader), url)
    data["response_hours"] = "1"

    response = client_for(world.analyst).post(url, data)

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.response_hours == 10
    assert not ChangeRecord.objects.exists()


def test_cal1_an_analyst_posting_calendar_rows_is_refused_and_nothing_changes(world, client_for, cst):
    url = reverse("admin:sla_calendar_change", args=[cst.pk])
    data = _change_page_data(client_for(world.leader), url)
    first = cst.intervals.order_by("weekday", "start").first()
    data[f"intervals-{_row_index(data, 'intervals', first.pk)}-DELETE"] = "on"
    _add_row(data, "exceptions", date="24/12/2026", kind="closed", description="Véspera de Natal")
    intervals = sorted(cst.intervals.values_list("pk", "weekday", "start", "end"))

    response = client_for(world.analyst).post(url, data)

    assert response.status_code == 403
    assert sorted(cst.intervals.values_list("pk", "weekday", "start", "end")) == intervals
    assert not cst.exceptions.exists()
    assert not ChangeRecord.objects.exists()


def test_sla8_an_analyst_posting_contract_targets_is_refused_and_nothing_changes(world, client_for, contract):
    url = reverse("admin:sla_primecontract_change", args=[contract.pk])
    data = _change_page_data(client_for(world.leader), url)
    critical = contract.targets.get(severity="critical")
    data[f"targets-{_row_index(data, 'targets', critical.pk)}-response_hours"] = "1"

    response = client_for(world.analyst).post(url, data)

    assert response.status_code == 403
    critical.refresh_from_db()
    assert critical.response_hours == 4
    assert not ChangeRecord.objects.exists()


def test_the_history_service_refuses_an_analyst_and_writes_nothing(world):
    target = SeverityTarget.objects.get(severity="critical")
    target.response_hours = 1

    with pytest.raises(ForbiddenError):
        history.settings_save(actor=world.analyst, instance=target)

    assert SeverityTarget.objects.get(pk=target.pk).response_hours == 10
    assert not ChangeRecord.objects.exists()


def test_the_history_service_refuses_an_analyst_a_new_row_and_a_removal(world, cst):
    interval = CalendarInterval(calendar=cst, weekday=5, start=time(9), end=time(13))
    existing = cst.intervals.first()

    with pytest.raises(ForbiddenError):
        history.settings_save(actor=world.analyst, instance=interval, scope=cst)
    with pytest.raises(ForbiddenError):
        history.settings_delete(actor=world.analyst, instance=existing, scope=cst)

    assert interval.pk is None
    assert not cst.intervals.filter(weekday=5).exists()
    assert CalendarInterval.objects.filter(pk=existing.pk).exists()
    assert not ChangeRecord.objects.exists()


def test_leaders_read_the_settings_history_and_analysts_do_not(world, client_for):
    target = SeverityTarget.objects.get(severity="critical")
    target.response_hours = 9
    history.settings_save(actor=world.leader, instance=target)
    url = reverse("admin:core_changerecord_changelist")

    page = client_for(world.leader).get(url, {"q": "Crítica"})
    refused = client_for(world.analyst).get(url)

    assert page.status_code == 200
    assert "atendimento/solução (horas úteis): 10 → 9" in page.content.decode()
    assert refused.status_code == 403
    assert timezone.now() - ChangeRecord.objects.get().at < timedelta(minutes=1)
