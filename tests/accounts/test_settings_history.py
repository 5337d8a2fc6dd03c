"""Partner units, partner consultants and product lines are settings leaders edit in the back-office:
every save goes through a service that records who changed what, when, from what to what
(core.history); analysts only look (accounts/backends.py)."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import PartnerConsultant, PartnerUnit, ProductLine
from core.errors import DomainError, ForbiddenError
from core.models import ChangeRecord
from tests.factories import PartnerUnitFactory, ProductLineFactory

pytestmark = pytest.mark.django_db

VALID_CNPJ = "12ABC34501DE35"


def _records_of(instance) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(object_id=str(instance.pk)).order_by("pk"))


# --- Partner units -----------------------------------------------------------------------------------------


def test_leader_adds_and_changes_a_partner_unit_and_both_are_recorded(world, client_for):
    client = client_for(world.leader)

    response = client.post(
        reverse("admin:accounts_partnerunit_add"),
        {"name": "Unidade Sorocaba", "cnpj": VALID_CNPJ.lower(), "kind": "unit", "is_active": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    unit = PartnerUnit.objects.get(name="Unidade Sorocaba")
    assert unit.cnpj == VALID_CNPJ  # stored bare and upper-cased by the service
    [created] = _records_of(unit)
    assert created.action == ChangeRecord.Action.CREATED
    assert created.actor == world.leader
    assert created.object_repr == "Unidade Sorocaba"
    assert created.changes == {
        "name": {"label": "nome", "from": "", "to": "Unidade Sorocaba"},
        "cnpj": {"label": "CNPJ", "from": "", "to": VALID_CNPJ},
        "kind": {"label": "tipo", "from": "", "to": "Unidade / franquia"},
        "is_active": {"label": "ativa", "from": "", "to": "sim"},
    }

    response = client.post(
        reverse("admin:accounts_partnerunit_change", args=[unit.pk]),
        {"name": "Unidade Sorocaba Centro", "cnpj": VALID_CNPJ, "kind": "project", "is_active": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    unit.refresh_from_db()
    assert (unit.name, unit.kind) == ("Unidade Sorocaba Centro", PartnerUnit.Kind.PROJECT)
    created_again, changed = _records_of(unit)
    assert created_again == created
    assert changed.action == ChangeRecord.Action.CHANGED
    assert changed.actor == world.leader
    assert changed.changes == {
        "name": {"label": "nome", "from": "Unidade Sorocaba", "to": "Unidade Sorocaba Centro"},
        "kind": {"label": "tipo", "from": "Unidade / franquia", "to": "Projeto"},
    }


def test_saving_a_partner_unit_unchanged_records_nothing(world, client_for):
    unit = world.company.partner_unit

    response = client_for(world.leader).post(
        reverse("admin:accounts_partnerunit_change", args=[unit.pk]),
        {"name": unit.name, "cnpj": unit.cnpj, "kind": unit.kind, "is_active": "on"},
    )

    assert response.status_code == 302
    assert not ChangeRecord.objects.exists()


def test_analyst_may_not_add_or_change_a_partner_unit_and_nothing_is_recorded(world, client_for):
    client = client_for(world.analyst)
    unit = world.company.partner_unit
    name = unit.name

    added = client.post(
        reverse("admin:accounts_partnerunit_add"),
        {"name": "Unidade Intrusa", "cnpj": VALID_CNPJ, "kind": "unit", "is_active": "on"},
    )
    changed = client.post(
        reverse("admin:accounts_partnerunit_change", args=[unit.pk]),
        {"name": "Nome Trocado", "cnpj": unit.cnpj, "kind": "ams", "is_active": "on"},
    )

    assert (added.status_code, changed.status_code) == (403, 403)
    assert not PartnerUnit.objects.filter(name="Unidade Intrusa").exists()
    unit.refresh_from_db()
    assert (unit.name, unit.kind) == (name, PartnerUnit.Kind.UNIT)
    assert not ChangeRecord.objects.exists()


def test_partner_unit_save_refuses_an_analyst_and_writes_nothing(world):
    existing = world.company.partner_unit
    name = existing.name

    with pytest.raises(ForbiddenError):
        services.partner_unit_save(actor=world.analyst, unit=PartnerUnit(name="Nova", cnpj=VALID_CNPJ))
    existing.name = "Nome Trocado"
    with pytest.raises(ForbiddenError):
        services.partner_unit_save(actor=world.analyst, unit=existing)

    assert not PartnerUnit.objects.filter(cnpj=VALID_CNPJ).exists()
    assert PartnerUnit.objects.get(pk=existing.pk).name == name
    assert not ChangeRecord.objects.exists()


def test_partner_unit_save_stores_a_formatted_cnpj_bare_and_refuses_an_invalid_one(world):
    unit = services.partner_unit_save(
        actor=world.leader, unit=PartnerUnit(name="Unidade Formatada", cnpj="12.abc.345/01de-35")
    )

    assert PartnerUnit.objects.get(pk=unit.pk).cnpj == VALID_CNPJ
    with pytest.raises(DomainError, match="CNPJ inválido") as refused:
        services.partner_unit_save(
            actor=world.leader, unit=PartnerUnit(name="Unidade Errada", cnpj="11.222.333/0001-00")
        )
    assert refused.value.field == "cnpj"
    assert not PartnerUnit.objects.filter(name="Unidade Errada").exists()
    assert [record.object_repr for record in ChangeRecord.objects.all()] == ["Unidade Formatada"]


# --- Partner consultants -----------------------------------------------------------------------------------


def test_leader_changes_a_consultants_phone_and_it_is_recorded(world, client_for):
    consultant = world.partner.partner_consultant

    response = client_for(world.leader).post(
        reverse("admin:accounts_partnerconsultant_change", args=[consultant.pk]),
        {"unit": consultant.unit_id, "cpf": "", "phone": "(11) 91234-5678"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    consultant.refresh_from_db()
    assert consultant.phone == "(11) 91234-5678"
    [record] = _records_of(consultant)
    assert record.action == ChangeRecord.Action.CHANGED
    assert record.actor == world.leader
    assert record.content_type.model == "partnerconsultant"
    assert record.changes == {"phone": {"label": "telefone", "from": "", "to": "(11) 91234-5678"}}


def test_partner_consultant_update_stores_the_cpf_as_digits(world):
    consultant = world.partner.partner_consultant
    consultant.cpf = "529.982.247-25"

    services.partner_consultant_update(actor=world.leader, consultant=consultant)

    assert PartnerConsultant.objects.get(pk=consultant.pk).cpf == "52998224725"
    [record] = _records_of(consultant)
    assert record.changes == {"cpf": {"label": "CPF", "from": "", "to": "52998224725"}}


def test_partner_consultant_update_refuses_a_wrong_cpf_and_writes_nothing(world):
    consultant = world.partner.partner_consultant
    consultant.cpf = "529.982.247-26"

    with pytest.raises(DomainError, match="CPF inválido") as refused:
        services.partner_consultant_update(actor=world.leader, consultant=consultant)

    assert refused.value.field == "cpf"
    assert PartnerConsultant.objects.get(pk=consultant.pk).cpf == ""
    assert not ChangeRecord.objects.exists()


def test_analyst_may_not_change_a_consultant_and_nothing_is_recorded(world, client_for):
    consultant = world.partner.partner_consultant

    response = client_for(world.analyst).post(
        reverse("admin:accounts_partnerconsultant_change", args=[consultant.pk]),
        {"unit": consultant.unit_id, "cpf": "", "phone": "(11) 91234-5678"},
    )
    consultant.phone = "(11) 91234-5678"
    with pytest.raises(ForbiddenError):
        services.partner_consultant_update(actor=world.analyst, consultant=consultant)

    assert response.status_code == 403
    assert PartnerConsultant.objects.get(pk=consultant.pk).phone == ""
    assert not ChangeRecord.objects.exists()


# --- Product lines -----------------------------------------------------------------------------------------


def test_leader_adds_and_renames_a_product_line_and_both_are_recorded(world, client_for):
    client = client_for(world.leader)

    added = client.post(reverse("admin:accounts_productline_add"), {"name": "Vitrine", "slug": "vitrine"})
    line = ProductLine.objects.get(slug="vitrine")
    changed = client.post(
        reverse("admin:accounts_productline_change", args=[line.pk]),
        {"name": "Vitrine e PDV", "slug": "vitrine"},
    )

    assert (added.status_code, changed.status_code) == (302, 302)
    created, renamed = _records_of(line)
    assert (created.action, created.actor) == (ChangeRecord.Action.CREATED, world.leader)
    assert created.changes == {
        "name": {"label": "nome", "from": "", "to": "Vitrine"},
        "slug": {"label": "identificador", "from": "", "to": "vitrine"},
    }
    assert (renamed.action, renamed.actor) == (ChangeRecord.Action.CHANGED, world.leader)
    assert renamed.changes == {"name": {"label": "nome", "from": "Vitrine", "to": "Vitrine e PDV"}}


def test_analyst_may_not_add_or_change_a_product_line_and_nothing_is_recorded(world, client_for):
    client = client_for(world.analyst)
    line = ProductLineFactory(name="ERP", slug="erp")

    added = client.post(reverse("admin:accounts_productline_add"), {"name": "Vitrine", "slug": "vitrine"})
    changed = client.post(
        reverse("admin:accounts_productline_change", args=[line.pk]), {"name": "Trocado", "slug": "erp"}
    )

    assert (added.status_code, changed.status_code) == (403, 403)
    assert not ProductLine.objects.filter(slug="vitrine").exists()
    assert ProductLine.objects.get(pk=line.pk).name == "ERP"
    assert not ChangeRecord.objects.exists()


def test_leader_reads_a_partner_units_history_in_the_back_office(world, client_for):
    unit = PartnerUnitFactory(name="Unidade Histórica")
    unit.name = "Unidade Histórica Renomeada"
    services.partner_unit_save(actor=world.leader, unit=unit)

    response = client_for(world.leader).get(reverse("admin:core_changerecord_changelist"))

    assert response.status_code == 200
    assert [record.object_repr for record in response.context["cl"].result_list] == [
        "Unidade Histórica Renomeada"
    ]
