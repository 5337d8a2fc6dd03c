"""The back-office of billable consultancy (consultoria/admin/), driven the way an analyst's or a
leader's browser does: the "Consultoria" panel of the ticket work page (ask, schedule, record,
finish), the leaders' approval queue, time entries and their corrections, rates, the IGPM page,
taxes and term templates. Every write goes through consultoria/services; these tests check what
changed, that a refusal is shown next to its field, and that nothing changed when refused.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django import forms as django_forms
from django.core import mail
from django.test import Client

from accounts.models import Contact
from consultoria.models import (
    Consultancy,
    Rate,
    RateAdjustment,
    Session,
    TaxRate,
    TermTemplate,
    TimeEntry,
    TimeEntryCorrection,
)
from consultoria.services import entry_correct, term_decline
from core.models import ChangeRecord
from tests.helpers import at, flash, logged_in
from tickets.admin.panels import panel_for
from tickets.models import TicketEvent

pytestmark = pytest.mark.django_db
C = Consultancy.Status
ACT = "/admin/tickets/ticket/agir/"
QUEUE = "/admin/consultoria/consultancy/"
ENTRIES = "/admin/consultoria/timeentry/"
NOW = at(2026, 11, 16, 10)  # Monday: inside the Consultancy calendar (Mon-Fri 08-18)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def analyst(world):
    return logged_in(Client(), world.analyst)


@pytest.fixture
def leader(world):
    return logged_in(Client(), world.leader)


def work_url(ticket) -> str:
    return f"/admin/tickets/ticket/{ticket.pk}/change/"


def act(client, ticket, action, **fields):
    """POST a form of the consultancy panel: its fields carry the action as prefix."""
    data = {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(ACT, {"ticket": ticket.pk, "action": action, **data})


def errors(response, form: str) -> dict:
    return response.context["panels"][0]["forms"][form].errors


def queue_action(client, action, consultancies, query="", **data):
    return client.post(
        QUEUE + query,
        {"action": action, "index": "0", "_selected_action": [c.pk for c in consultancies], **data},
    )


# --- The panel of the ticket work page: asking (CON-2) ----------------------------------------------------


def test_the_work_page_offers_to_ask_and_the_ask_reaches_no_client(
    world, ticket, analyst, django_capture_on_commit_callbacks
):
    page = analyst.get(work_url(ticket))
    form = page.context["panels"][0]["forms"]["ask"]
    offered = [m.code for m in form.fields["modality"].queryset]
    assert offered == [
        "module",
        "technical",
        "investigative",
        "onsite",
    ]  # telephone: the client's, at opening
    assert 'value="consultancy_ask"' in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            analyst,
            ticket,
            "consultancy_ask",
            modality=form.fields["modality"].queryset.get(code="module").pk,
            situation=Consultancy.Situation.INTERMITTENT,
            note="Só ocorre com as notas de outubro.",
        )
    assert response.status_code == 302 and response["Location"] == work_url(ticket) + "#consultoria"
    assert "aguarda a aprovação de um líder" in flash(response)[0]
    consultancy = Consultancy.objects.get(ticket=ticket)
    assert (
        consultancy.status,
        consultancy.requested_by,
        consultancy.situation,
        consultancy.request_note,
    ) == (
        C.REQUESTED,
        world.analyst,
        "intermittent",
        "Só ocorre com as notas de outubro.",
    )
    assert mail.outbox == []
    page = analyst.get(work_url(ticket)).content.decode()
    assert "Aguardando aprovação do líder" in page and "Nada foi enviado ao cliente" in page
    assert 'value="consultancy_ask"' not in page  # one consultancy at a time


def test_an_ask_refused_by_the_service_is_shown_next_to_its_field_and_nothing_is_saved(
    world, open_ticket, modality, analyst
):
    ticket = open_ticket(world.other_contact.user)  # Beta: no partner unit serves it
    response = act(analyst, ticket, "consultancy_ask", modality=modality("onsite").pk, situation="urgent")
    assert response.status_code == 200
    assert "unidade parceira" in errors(response, "ask")["modality"][0]
    assert "Nada foi alterado" in flash(response)[0]
    response = act(analyst, ticket, "consultancy_ask", modality=modality("module").pk)
    assert "situation" in errors(response, "ask")
    response = act(analyst, ticket, "consultancy_ask", modality=modality("telephone").pk, situation="urgent")
    assert response.status_code == 200  # not offered: telephone consultancy is chosen at opening
    assert not Consultancy.objects.filter(ticket=ticket).exists()


def test_asking_twice_is_refused_while_one_is_open(ticket, requested, modality, analyst):
    requested()
    response = act(analyst, ticket, "consultancy_ask", modality=modality("technical").pk, situation="urgent")
    assert response.status_code == 200
    assert "já tem uma consultoria em andamento" in str(errors(response, "ask"))
    assert Consultancy.objects.filter(ticket=ticket).count() == 1


def test_no_ask_on_a_closed_ticket(world, ticket, analyst):
    from tickets import services as ticket_services

    ticket_services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="awaiting_validation", reason="Feito."
    )
    ticket_services.ticket_transition(actor=None, ticket=ticket, to_status="closed")
    page = analyst.get(work_url(ticket))
    assert page.context["panels"][0]["forms"] == {}


# --- The panel: sessions, entries and the finding (CON-3, CON-5, CON-6) -----------------------------------


def test_sessions_are_scheduled_inside_the_consultancy_hours_only(world, ticket, accepted, analyst):
    consultancy = accepted()
    response = act(analyst, ticket, "consultancy_schedule", scheduled_for="2026-11-17T20:00", note="Remoto")
    assert response.status_code == 200
    assert "Fora do horário da consultoria" in errors(response, "schedule")["scheduled_for"][0]
    assert not Session.objects.exists()
    response = act(analyst, ticket, "consultancy_schedule", scheduled_for="2026-11-17T09:00", note="Remoto")
    assert response.status_code == 302 and "17/11/2026 09:00" in flash(response)[0]
    session = Session.objects.get()
    assert (session.consultancy, session.scheduled_for, session.note, session.created_by) == (
        consultancy,
        at(2026, 11, 17, 9),
        "Remoto",
        world.analyst,
    )


def test_nothing_is_scheduled_or_recorded_before_the_term_is_accepted(ticket, offered, analyst):
    offered()
    page = analyst.get(work_url(ticket))
    assert set(page.context["panels"][0]["forms"]) == set()  # no form until the client accepts
    response = act(analyst, ticket, "consultancy_schedule", scheduled_for="2026-11-17T09:00")
    assert response.status_code == 200
    assert "termo aceito pelo cliente" in str(errors(response, "schedule"))
    response = act(
        analyst,
        ticket,
        "consultancy_entry",
        started_at="2026-11-17T09:00",
        ended_at="2026-11-17T09:30",
        description="Análise",
    )
    assert response.status_code == 200
    assert not Session.objects.exists() and not TimeEntry.objects.exists()


def test_an_entry_is_recorded_in_whole_minutes_and_an_overlapping_one_is_refused(
    world, ticket, accepted, session_of, analyst, django_capture_on_commit_callbacks
):
    session = session_of(accepted())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            analyst,
            ticket,
            "consultancy_entry",
            session=session.pk,
            started_at="2026-11-10T09:00",
            ended_at="2026-11-10T09:47",
            description="Rastreamento do XML rejeitado.",
        )
    assert response.status_code == 302 and "47 minutos" in flash(response)[0]
    entry = TimeEntry.objects.get()
    assert (entry.analyst, entry.minutes, entry.description) == (
        world.analyst,
        47,
        "Rastreamento do XML rejeitado.",
    )
    assert TicketEvent.objects.filter(ticket=ticket, kind=TicketEvent.Kind.TIME_ENTRY).count() == 1
    assert [m.to for m in mail.outbox] == [[world.contact.user.email]]  # the requester is told
    response = act(
        analyst,
        ticket,
        "consultancy_entry",
        session=session.pk,
        started_at="2026-11-10T09:30",
        ended_at="2026-11-10T10:00",
        description="Outra coisa.",
    )
    assert response.status_code == 200
    assert "sobrepõe" in errors(response, "entry")["started_at"][0]
    response = act(
        analyst,
        ticket,
        "consultancy_entry",
        session=session.pk,
        started_at="2026-11-10T11:00",
        ended_at="2026-11-10T10:00",
        description="Ao contrário.",
    )
    assert "depois do início" in errors(response, "entry")["ended_at"][0]
    assert TimeEntry.objects.count() == 1


def test_finishing_needs_a_finding_and_then_takes_no_more_sessions(ticket, accepted, analyst):
    consultancy = accepted()
    response = act(analyst, ticket, "consultancy_finish")
    assert response.status_code == 200 and "finding" in errors(response, "finish")
    response = act(analyst, ticket, "consultancy_finish", finding="product_defect")
    assert response.status_code == 302 and "Defeito de produto" in flash(response)[0]
    consultancy.refresh_from_db()
    assert (consultancy.status, consultancy.finding) == (C.FINISHED, "product_defect")
    assert analyst.get(work_url(ticket)).context["panels"][0]["forms"] == {}
    response = act(analyst, ticket, "consultancy_schedule", scheduled_for="2026-11-17T09:00")
    assert response.status_code == 200 and not Session.objects.exists()


def test_the_panel_tells_the_term_sessions_entries_and_corrections(
    world, ticket, accepted, session_of, analyst
):
    session = session_of(accepted(), 7)
    entry = session.entries.get()
    entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=entry.started_at,
        ended_at=at(2026, 11, 10, 9, 5),
        description=entry.description,
        reason="Saiu mais cedo.",
    )
    page = analyst.get(work_url(ticket)).content.decode()
    assert "Termo aceito: em atendimento" in page and "Cliente final · versão 1" in page
    assert "R$ 3,50 por minuto · mínimo de 10 minutos por sessão · impostos de 14,25 %" in page
    assert "do endereço 203.0.113.7" in page and "Texto do termo enviado" in page
    assert "10/11/2026 09:00" in page and "5 minutos apontados" in page and "10 faturáveis" in page
    assert "corrigido por" in page and "Saiu mais cedo." in page
    assert "antes 10/11/2026 09:00–09:07 (7 min)" in page and "depois 10/11/2026 09:00–09:05 (5 min)" in page
    for action in ("consultancy_schedule", "consultancy_entry", "consultancy_finish"):
        assert f'value="{action}"' in page


def test_the_panel_says_when_nobody_may_accept_the_term_and_shows_a_decline(world, ticket, offered, analyst):
    Contact.objects.filter(company=world.company).update(can_authorize_consultancy=False)
    consultancy = offered()
    page = analyst.get(work_url(ticket)).content.decode()
    assert (
        "ninguém pode aceitar ainda" in page
        and "o administrador da empresa concede a permissão" in page.lower()
    )
    Contact.objects.filter(pk=world.admin.pk).update(can_authorize_consultancy=True)
    assert "pode aceitar " + world.admin.user.full_name in analyst.get(work_url(ticket)).content.decode()
    term_decline(actor=world.admin.user, consultancy=consultancy, reason="Fora do orçamento.")
    page = analyst.get(work_url(ticket))
    assert (
        "Fora do orçamento." in page.content.decode() and "O cliente recusou o termo" in page.content.decode()
    )
    assert "ask" in page.context["panels"][0]["forms"]  # back to standard support: may ask again


def test_the_panel_is_the_work_pages_extension_and_unknown_actions_stay_refused(ticket, analyst):
    assert type(panel_for("consultancy_ask")).__name__ == "ConsultancyPanel"
    assert panel_for("reply") is None
    assert analyst.post(ACT, {"ticket": ticket.pk, "action": "consultancy_nothing"}).status_code == 400


# --- The leaders' approval queue (CON-2) -----------------------------------------------------------------


@pytest.fixture
def two_asked(world, open_ticket, requested, modality):
    from consultoria import services

    first = requested()
    other = open_ticket(world.contact.user, summary="Relatório de estoque travado")
    second = services.consultancy_request(
        actor=world.analyst, ticket=other, modality=modality("technical"), situation="no_it_staff"
    )
    return first, second


def test_the_queue_opens_on_the_consultancies_waiting_for_a_leader(world, two_asked, accepted, leader):
    first, second = two_asked
    assert queue_action(leader, "approve", [second]).status_code == 302  # the term goes out
    response = leader.get(QUEUE)
    assert response.status_code == 200
    assert [c.pk for c in response.context["cl"].result_list] == [first.pk]
    page = response.content.decode()
    assert f'href="/admin/tickets/ticket/{first.ticket.pk}/change/"' in page and first.ticket.number in page
    assert "Metalúrgica Alfa" in page and "Não reproduzido em ambiente padrão atualizado" in page
    assert "Não reproduz no ambiente padrão." in page  # the analyst's note, for the leader to read
    response = leader.get(QUEUE + "?situacao=todas")
    assert {c.pk for c in response.context["cl"].result_list} == {first.pk, second.pk}
    response = leader.get(QUEUE + "?situacao=offered")
    assert [c.pk for c in response.context["cl"].result_list] == [second.pk]


def test_analysts_see_the_queue_read_only(world, two_asked, analyst):
    first, _second = two_asked
    response = analyst.get(QUEUE)
    assert response.status_code == 200 and response.context["action_form"] is None
    queue_action(analyst, "approve", [first])
    first.refresh_from_db()
    assert first.status == C.REQUESTED and not hasattr(first, "term")
    assert analyst.get(f"{QUEUE}{first.pk}/change/").context["can_decide"] is False


def test_a_leader_approves_and_the_term_goes_to_the_contact_who_may_accept(
    world, two_asked, leader, django_capture_on_commit_callbacks
):
    first, second = two_asked
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        queue_action(leader, "approve", [second])
        response = queue_action(leader, "approve", [first, second], "?situacao=todas")
    messages = flash(response)
    assert any(second.ticket.number in m and "não pode passar" in m for m in messages)  # reported
    assert any("1 consultoria(s) aprovada(s)" in m for m in messages)  # and the rest proceeds
    first.refresh_from_db()
    assert (first.status, first.decided_by, first.term.price_per_minute) == (
        C.OFFERED,
        world.leader,
        Decimal("3.50"),
    )
    assert [m.to for m in mail.outbox] == [[world.admin.user.email], [world.admin.user.email]]
    assert first.ticket.number in mail.outbox[1].body


def test_refusing_needs_a_reason_on_an_intermediate_page(world, two_asked, leader):
    first, second = two_asked
    response = queue_action(leader, "refuse", [first])
    assert response.status_code == 200 and first.ticket.number in response.content.decode()
    response = queue_action(leader, "refuse", [first], apply="1", reason="  ")
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    first.refresh_from_db()
    assert first.status == C.REQUESTED
    response = queue_action(leader, "refuse", [first], apply="1", reason="Reproduzido no ambiente padrão.")
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.decision_reason, first.decided_by) == (
        C.REFUSED,
        "Reproduzido no ambiente padrão.",
        world.leader,
    )
    assert TicketEvent.objects.filter(ticket=first.ticket, to_value=C.REFUSED).exists()
    second.refresh_from_db()
    assert second.status == C.REQUESTED


def test_the_consultancy_page_is_read_only_with_its_term_and_statement_lines(
    world, ticket, accepted, session_of, leader, analyst
):
    consultancy = accepted()
    session_of(consultancy, 7)  # a 7-minute module session bills the 10-minute minimum
    response = analyst.get(f"{QUEUE}{consultancy.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "R$ 35,00" in page and "R$ 4,99" in page and "R$ 39,99" in page  # 10 × 3,50; 14,25 %
    assert consultancy.term.text.splitlines()[0] in page and "Faturado à empresa cliente." in page
    assert leader.post(f"{QUEUE}{consultancy.pk}/change/", {"status": "finished"}).status_code == 405
    assert leader.get(f"{QUEUE}{consultancy.pk}/delete/").status_code == 403
    assert leader.get(f"{QUEUE}add/").status_code == 403
    consultancy.refresh_from_db()
    assert consultancy.status == C.ACCEPTED


def test_a_waiting_consultancys_page_lets_a_leader_decide(two_asked, leader):
    first, _second = two_asked
    page = leader.get(f"{QUEUE}{first.pk}/change/")
    assert page.context["can_decide"] is True and "Aprovar e enviar o termo" in page.content.decode()
    response = leader.post(QUEUE, {"action": "approve", "_selected_action": [first.pk]})  # its button
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == C.OFFERED


# --- Time entries and their corrections (CON-6) ----------------------------------------------------------


@pytest.fixture
def entry(accepted, session_of):
    return session_of(accepted(), 47).entries.get()


def correction_data(**overrides):
    data = {
        "started_at": "2026-11-10T09:00",
        "ended_at": "2026-11-10T09:30",
        "description": "Análise do dicionário de dados.",
        "reason": "A sessão terminou às 9h30, conforme a gravação.",
    }
    return {**data, **overrides}


def test_the_entries_list_and_its_filters(world, entry, leader):
    response = leader.get(ENTRIES)
    assert response.status_code == 200 and [e.pk for e in response.context["cl"].result_list] == [entry.pk]
    page = response.content.decode()
    assert "10/11/2026 09:00–09:47" in page and entry.session.consultancy.ticket.number in page
    assert leader.get(ENTRIES + "?corrigido=sim").context["cl"].result_count == 0
    entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=entry.started_at,
        ended_at=at(2026, 11, 10, 9, 30),
        description=entry.description,
        reason="Ajuste.",
    )
    assert leader.get(ENTRIES + "?corrigido=sim").context["cl"].result_count == 1
    assert leader.get(ENTRIES + "?corrigido=nao").context["cl"].result_count == 0
    assert leader.get(ENTRIES + "?mes=2026-11").context["cl"].result_count == 1
    assert leader.get(ENTRIES + "?mes=2026-12").context["cl"].result_count == 0
    assert leader.get(ENTRIES + f"?analista={world.analyst.pk}").context["cl"].result_count == 1
    assert leader.get(ENTRIES + f"?analista={world.leader.pk}").context["cl"].result_count == 0


def test_a_leader_corrects_an_entry_and_the_history_is_kept(
    world, entry, leader, django_capture_on_commit_callbacks
):
    url = f"{ENTRIES}{entry.pk}/change/"
    response = leader.get(url)
    assert response.context["form"].initial["ended_at"] == at(2026, 11, 10, 9, 47)
    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(url, correction_data())
    assert response.status_code == 302 and "30 minutos" in flash(response)[0]
    entry.refresh_from_db()
    assert (entry.ended_at, entry.minutes) == (at(2026, 11, 10, 9, 30), 30)
    fix = TimeEntryCorrection.objects.get()
    assert (fix.corrected_by, fix.old_minutes, fix.new_minutes, fix.old_ended_at) == (
        world.leader,
        47,
        30,
        at(2026, 11, 10, 9, 47),
    )
    page = leader.get(url).content.decode()
    assert "corrigido por" in page and "A sessão terminou às 9h30" in page
    assert (
        "antes 10/11/2026 09:00–09:47 (47 min)" in page and "depois 10/11/2026 09:00–09:30 (30 min)" in page
    )
    # The statement follows the correction: 30 minutes × R$ 3,50.
    consultancy_page = leader.get(f"{QUEUE}{entry.session.consultancy.pk}/change/").content.decode()
    assert "R$ 105,00" in consultancy_page


def test_a_correction_needs_a_reason_and_a_change(world, entry, leader):
    url = f"{ENTRIES}{entry.pk}/change/"
    response = leader.post(url, correction_data(reason=""))
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = leader.post(url, correction_data(ended_at="2026-11-10T09:47", description=entry.description))
    assert response.status_code == 200 and "Nada mudou" in str(response.context["form"].errors)
    response = leader.post(url, correction_data(ended_at="2026-11-10T08:00"))
    assert "depois do início" in response.context["form"].errors["ended_at"][0]
    entry.refresh_from_db()
    assert entry.minutes == 47 and not TimeEntryCorrection.objects.exists()


def test_analysts_read_an_entry_and_cannot_correct_it(world, entry, analyst):
    url = f"{ENTRIES}{entry.pk}/change/"
    response = analyst.get(url)
    assert response.status_code == 200 and response.context["form"] is None
    assert "Somente líderes corrigem apontamentos." in response.content.decode()
    assert analyst.post(url, correction_data()).status_code == 403
    entry.refresh_from_db()
    assert entry.minutes == 47 and not TimeEntryCorrection.objects.exists()


def test_corrections_are_never_edited_or_deleted(world, entry, leader, analyst):
    entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=entry.started_at,
        ended_at=at(2026, 11, 10, 9, 30),
        description=entry.description,
        reason="Ajuste.",
    )
    fix = TimeEntryCorrection.objects.get()
    url = f"/admin/consultoria/timeentrycorrection/{fix.pk}/"
    assert leader.get(url + "change/").status_code == 200
    assert leader.post(url + "change/", {"reason": "Outro motivo"}).status_code == 403
    assert leader.post(url + "delete/", {"post": "yes"}).status_code == 403
    assert analyst.get("/admin/consultoria/timeentrycorrection/").status_code == 403
    fix.refresh_from_db()
    assert fix.reason == "Ajuste."


# --- Rates, IGPM, taxes, term templates, modalities (CON-1, CON-3, CON-7) ---------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_igpm_page_refuses_a_day_outside_the_calendar(leader, day):
    response = leader.post(
        "/admin/consultoria/rateadjustment/add/", {"percentage": "4,5", "valid_from": day, "note": ""}
    )
    assert response.status_code == 200
    assert "Informe uma data entre 01/01/2000 e 31/12/2100." in response.content.decode()
    assert not RateAdjustment.objects.exists()


@pytest.mark.parametrize("month", ["9999-12", "1999-12"])
def test_a_month_outside_the_calendar_is_no_500_on_the_entries_or_the_statement(world, leader, month):
    entries = leader.get("/admin/consultoria/timeentry/", {"mes": month})
    assert entries.status_code == 200
    client = logged_in(Client(), world.admin.user)
    statement = client.get("/consultoria/extrato/", {"mes": month})
    assert statement.status_code < 500
    assert "Informe uma data entre 01/01/2000 e 31/12/2100." in statement.content.decode()


def test_the_igpm_page_creates_the_new_rates_half_up_to_the_centavo(world, leader, analyst):
    assert analyst.get("/admin/consultoria/rateadjustment/add/").status_code == 403
    page = leader.get("/admin/consultoria/rateadjustment/add/")
    assert page.status_code == 200 and "R$ 4,20" in page.content.decode()
    response = leader.post(
        "/admin/consultoria/rateadjustment/add/",
        {"percentage": "2,5", "valid_from": "2027-01-01", "note": "IGPM de 2026"},
    )
    adjustment = RateAdjustment.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/admin/consultoria/rateadjustment/{adjustment.pk}/change/"
    )
    assert "5 tarifas novas a partir de 01/01/2027" in flash(response)[0]
    new = dict(Rate.objects.filter(adjustment=adjustment).values_list("modality__code", "price_per_minute"))
    # 4,20 × 1,025 = 4,305 → 4,31 (half-up, not half-even); 3,90 × 1,025 = 3,9975 → 4,00.
    assert new == {
        "module": Decimal("3.59"),
        "technical": Decimal("4.31"),
        "investigative": Decimal("4.92"),
        "telephone": Decimal("4.00"),
        "onsite": Decimal("5.64"),
    }
    page = leader.get(response["Location"]).content.decode()
    assert "R$ 4,20" in page and "R$ 4,31" in page and "2,5 %" in page
    response = leader.post(
        "/admin/consultoria/rateadjustment/add/", {"percentage": "3", "valid_from": "2027-01-01"}
    )
    assert response.status_code == 200 and "Já há tarifas a partir de 01/01/2027" in str(
        response.context["form"].errors
    )
    response = leader.post(
        "/admin/consultoria/rateadjustment/add/", {"percentage": "150", "valid_from": "2027-02-01"}
    )
    assert "percentage" in response.context["form"].errors
    assert RateAdjustment.objects.count() == 1 and Rate.objects.count() == 10
    assert (
        leader.post(
            f"/admin/consultoria/rateadjustment/{adjustment.pk}/change/", {"percentage": "9"}
        ).status_code
        == 403
    )


def test_leaders_add_rates_and_taxes_with_their_history_and_nothing_is_deleted(
    world, modality, leader, analyst
):
    assert analyst.get("/admin/consultoria/rate/add/").status_code == 403
    assert analyst.get("/admin/consultoria/taxrate/add/").status_code == 403
    response = leader.post(
        "/admin/consultoria/rate/add/",
        {"modality": modality("technical").pk, "price_per_minute": "4,75", "valid_from": "2027-03-01"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    rate = Rate.objects.get(valid_from=date(2027, 3, 1))
    assert rate.price_per_minute == Decimal("4.75") and rate.adjustment is None
    response = leader.post(
        "/admin/consultoria/taxrate/add/", {"percentage": "15,5", "valid_from": "2027-03-01"}
    )
    assert response.status_code == 302
    tax = TaxRate.objects.get(valid_from=date(2027, 3, 1))
    assert tax.percentage == Decimal("15.5")
    recorded = ChangeRecord.objects.filter(actor=world.leader, action=ChangeRecord.Action.CREATED)
    assert {r.content_type.model for r in recorded} == {"rate", "taxrate"}
    assert (
        leader.post(f"/admin/consultoria/rate/{rate.pk}/change/", {"price_per_minute": "1"}).status_code
        == 403
    )
    assert leader.post(f"/admin/consultoria/taxrate/{tax.pk}/delete/", {"post": "yes"}).status_code == 403
    assert TaxRate.objects.filter(pk=tax.pk).exists()


def test_a_new_term_version_keeps_the_old_one_as_it_was(world, leader, analyst, accepted):
    consultancy = accepted()
    old = TermTemplate.objects.get(variant="end_client", version=1)
    assert analyst.get("/admin/consultoria/termtemplate/add/").status_code == 403
    form = leader.get("/admin/consultoria/termtemplate/add/?variant=end_client").context["adminform"].form
    assert form.initial["body"] == old.body  # the current text, to edit
    response = leader.post(
        "/admin/consultoria/termtemplate/add/",
        {
            "variant": "end_client",
            "title": "Termo de consultoria — cliente final",
            "body": old.body + "\n\nCláusula nova.",
        },
    )
    new = TermTemplate.objects.get(variant="end_client", version=2)
    assert response.status_code == 302 and response["Location"] == "/admin/consultoria/termtemplate/"
    assert (
        f"/admin/consultoria/termtemplate/{new.pk}/change/"
        in leader.get(response["Location"]).content.decode()
    )
    assert new.body.endswith("Cláusula nova.")
    old.refresh_from_db()
    assert old.version == 1 and "Cláusula nova." not in old.body
    consultancy.term.refresh_from_db()
    assert consultancy.term.template == old
    assert ChangeRecord.objects.filter(content_type__model="termtemplate", object_id=str(new.pk)).exists()
    assert leader.post(f"/admin/consultoria/termtemplate/{old.pk}/change/", {"title": "x"}).status_code == 403
    listing = leader.get("/admin/consultoria/termtemplate/?variant__exact=end_client").content.decode()
    assert "v2" in listing and "variant=end_client" in listing  # "Nova versão" from the current one


def test_modalities_are_the_billing_rules_read_only(modality, leader, analyst):
    for client in (analyst, leader):
        page = client.get("/admin/consultoria/modality/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "defeito de produto ou defeito de documentação" in text and "R$ 3,50/min" in text
        url = f"/admin/consultoria/modality/{modality('module').pk}/change/"
        assert client.get(url).status_code == 200
        assert client.post(url, {"minimum_minutes": "0"}).status_code == 403
    assert modality("module").minimum_minutes == 10


# --- Every page as analyst and leader (the role table: accounts/backends.py) ------------------------------


@pytest.mark.parametrize(
    ("url", "as_analyst", "as_leader"),
    [
        (QUEUE, 200, 200),
        (ENTRIES, 200, 200),
        ("/admin/consultoria/timeentrycorrection/", 403, 200),
        ("/admin/consultoria/modality/", 200, 200),
        ("/admin/consultoria/modality/add/", 403, 403),
        ("/admin/consultoria/rate/", 200, 200),
        ("/admin/consultoria/rate/add/", 403, 200),
        ("/admin/consultoria/rateadjustment/", 200, 200),
        ("/admin/consultoria/rateadjustment/add/", 403, 200),
        ("/admin/consultoria/taxrate/", 200, 200),
        ("/admin/consultoria/taxrate/add/", 403, 200),
        ("/admin/consultoria/termtemplate/", 200, 200),
        ("/admin/consultoria/termtemplate/add/", 403, 200),
        (QUEUE + "add/", 403, 403),
        (ENTRIES + "add/", 403, 403),
    ],
)
def test_each_list_and_add_page_as_analyst_and_leader(analyst, leader, url, as_analyst, as_leader):
    assert (analyst.get(url).status_code, leader.get(url).status_code) == (as_analyst, as_leader)


def test_object_pages_as_analyst_and_leader_and_nobody_else(world, entry, analyst, leader):
    consultancy = entry.session.consultancy
    pages = [
        f"{QUEUE}{consultancy.pk}/change/",
        f"{ENTRIES}{entry.pk}/change/",
        f"{ENTRIES}{entry.pk}/history/",
    ]
    for url in pages:
        assert (analyst.get(url).status_code, leader.get(url).status_code) == (200, 200), url
        contact = logged_in(Client(), world.admin.user).get(url)
        assert contact.status_code == 302 and contact["Location"].startswith("/admin/login/")
    assert analyst.get(f"{QUEUE}999999/change/").status_code == 302  # missing: back to the index


def test_every_text_of_the_consultancy_forms_is_at_most_a_messages_length():
    """The work page's consultancy forms (the analyst's note, what was done, the leader's reason)
    stop where every other text of a ticket stops."""
    import inspect

    from consultoria.admin import forms as consultancy_forms
    from tickets.models import TEXT_MAX

    texts = [
        (name, field_name, field)
        for name, form in inspect.getmembers(consultancy_forms, inspect.isclass)
        if issubclass(form, django_forms.Form) and form.__module__ == consultancy_forms.__name__
        for field_name, field in form.base_fields.items()
        if isinstance(field, django_forms.CharField) and isinstance(field.widget, django_forms.Textarea)
    ]
    assert len(texts) >= 4
    for name, field_name, field in texts:
        assert field.max_length is not None and field.max_length <= TEXT_MAX, f"{name}.{field_name}"
