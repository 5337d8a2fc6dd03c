"""Billable consultancy through its services (CON-1..8, ACC-5, TKT-11): approval, terms, sessions,
time entries, corrections, who pays, rates and statements, to the centavo."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from accounts import access
from accounts.models import PartnerUnit
from consultoria import services
from consultoria.models import Consultancy, Modality, Rate, Term, TimeEntry, TimeEntryCorrection
from consultoria.selectors import consultancy_statement
from core.errors import ConflictError, DomainError, ForbiddenError
from statements.selectors import tickets_statement
from tests.helpers import answers, at
from tickets import selectors as ticket_selectors
from tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db
C = Consultancy.Status
NOVEMBER = date(2026, 11, 1)


# --- Approval (CON-2) ---------------------------------------------------------------------------------------


def test_con2_an_analyst_asks_and_nothing_reaches_the_client_before_a_leader_approves(
    world, ticket, requested, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consultancy = requested()
    assert consultancy.status == C.REQUESTED and consultancy.requested_by == world.analyst
    assert mail.outbox == []
    assert list(access.consultancies_visible_to(world.admin.user)) == []
    assert not any(
        e.kind == TicketEvent.Kind.CONSULTANCY
        for e in ticket_selectors.ticket_events(world.admin.user, ticket)
    )
    assert [
        e.to_value for e in ticket_selectors.ticket_events(world.analyst, ticket) if e.kind == "consultancy"
    ] == [C.REQUESTED]
    assert list(access.consultancies_visible_to(world.leader)) == [consultancy]


def test_con2_only_leaders_decide_and_a_refusal_needs_a_reason(world, requested):
    consultancy = requested()
    with pytest.raises(ForbiddenError):
        services.consultancy_approve(actor=world.analyst, consultancy=consultancy)
    with pytest.raises(DomainError, match="motivo"):
        services.consultancy_refuse(actor=world.leader, consultancy=consultancy, reason=" ")
    services.consultancy_refuse(actor=world.leader, consultancy=consultancy, reason="Reproduzido no padrão.")
    consultancy.refresh_from_db()
    assert consultancy.status == C.REFUSED and consultancy.decided_by == world.leader
    assert not Term.objects.exists()
    with pytest.raises(ConflictError):
        services.consultancy_approve(actor=world.leader, consultancy=consultancy)


def test_con2_one_consultancy_at_a_time_and_never_on_a_closed_or_telephone_request(
    world, requested, modality
):
    requested()
    with pytest.raises(ConflictError):
        requested("technical")
    with pytest.raises(DomainError, match="telefônica"):
        services.consultancy_request(
            actor=world.analyst,
            ticket=Ticket.objects.get(),
            modality=modality("telephone"),
            situation=Consultancy.Situation.URGENT,
        )


# --- Terms (CON-3, ACC-5) ---------------------------------------------------------------------------------


def test_con3_the_approved_term_is_rendered_and_sent_to_who_may_accept_it(
    world, offered, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    consultancy = offered()
    term = consultancy.term
    assert consultancy.status == C.OFFERED
    assert (term.template.variant, term.template.version) == ("end_client", 1)
    assert term.price_per_minute == Decimal("3.50") and term.minimum_minutes == 10
    assert term.tax_percentage == Decimal("14.250")
    assert "R$ 3,50 por minuto" in term.text and "10 minutos por sessão" in term.text
    assert "14,25 %" in term.text and world.company.legal_name in term.text
    assert [message.to for message in mail.outbox] == [[world.admin.user.email]]  # ACC-5: who may accept


def test_con3_a_legal_name_ending_in_a_period_closes_the_sentence_once(world, offered):
    world.company.legal_name = "Alfa Sistemas Ltda."
    world.company.save(update_fields=["legal_name"])
    text = offered().term.text
    assert "Alfa Sistemas Ltda. " in text or "Alfa Sistemas Ltda.\n" in text
    assert "Ltda.." not in text


def test_acc5_a_contact_without_the_permission_cannot_accept_and_nothing_changes(world, offered):
    consultancy = offered()
    with pytest.raises(ForbiddenError, match="autoriza consultoria"):
        services.term_accept(actor=world.contact.user, consultancy=consultancy)
    with pytest.raises(ForbiddenError):
        services.term_accept(actor=world.other_admin.user, consultancy=consultancy)
    consultancy.refresh_from_db()
    assert consultancy.status == C.OFFERED and consultancy.term.accepted_at is None


def test_con3_acceptance_freezes_who_when_where_and_the_text(world, accepted):
    consultancy = accepted()
    term = consultancy.term
    assert consultancy.status == C.ACCEPTED
    assert (term.accepted_by, term.accepted_at, term.accepted_from) == (
        world.admin.user,
        at(2026, 11, 9, 13),
        "203.0.113.7",
    )
    ticket = consultancy.ticket
    ticket.refresh_from_db()
    assert ticket.modality == Ticket.Modality.CONSULTANCY
    assert ticket.summary.startswith("[CONSULTORIA DO MODULO] ")  # CON-5


def test_con3_declining_needs_a_reason_and_returns_the_ticket_to_standard_support(world, offered):
    consultancy = offered("technical")
    with pytest.raises(DomainError):
        services.term_decline(actor=world.admin.user, consultancy=consultancy, reason="")
    services.term_decline(actor=world.admin.user, consultancy=consultancy, reason="Sem orçamento agora.")
    consultancy.refresh_from_db()
    assert consultancy.status == C.DECLINED and consultancy.term.decline_reason == "Sem orçamento agora."
    assert consultancy.ticket.modality == Ticket.Modality.STANDARD


def test_con3_no_billable_minute_exists_before_acceptance(world, offered):
    consultancy = offered()
    with pytest.raises(ConflictError):
        services.session_schedule(
            actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 9)
        )
    assert not consultancy.sessions.exists()


# --- Telephone and who pays (CON-1, CON-4) ------------------------------------------------------------------


def test_con1_telephone_chosen_at_opening_needs_no_approval(world, open_ticket):
    ticket = open_ticket(world.admin.user, modality=Ticket.Modality.CONSULTANCY, now=at(2026, 11, 9, 10))
    consultancy = Consultancy.objects.get(ticket=ticket)
    assert consultancy.modality.code == "telephone" and consultancy.status == C.OFFERED
    assert consultancy.decided_by is None and consultancy.term.price_per_minute == Decimal("3.90")


def test_con4_a_partner_requested_consultancy_is_billed_to_the_unit_and_charges_the_client_nothing(
    world, open_ticket, modality, session_of
):
    unit = world.company.partner_unit
    unit.kind = PartnerUnit.Kind.PROJECT
    unit.save()
    ticket = open_ticket(world.partner, company=world.company, now=at(2026, 11, 9, 10))
    consultancy = services.consultancy_request(
        actor=world.analyst,
        ticket=ticket,
        modality=modality("technical"),
        situation=Consultancy.Situation.ISOLATED,
    )
    services.consultancy_approve(actor=world.leader, consultancy=consultancy)
    consultancy.refresh_from_db()
    assert (consultancy.payer, consultancy.payer_unit) == (Consultancy.Payer.UNIT, unit)
    assert consultancy.term.template.variant == "project"
    assert access.consultancy_term_acceptors(consultancy) == [world.partner]
    with pytest.raises(ForbiddenError):
        services.term_accept(actor=world.admin.user, consultancy=consultancy)
    services.term_accept(actor=world.partner, consultancy=consultancy)
    session_of(Consultancy.objects.get(pk=consultancy.pk), 30)

    for_company = consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company)
    [row] = for_company.lines
    assert row.line.billable_minutes == 30 and row.amount == row.total == Decimal("0.00")
    assert row.billed_to_unit == unit and for_company.totals.total == Decimal("0.00")
    for_unit = consultancy_statement(world.partner, month=NOVEMBER, unit=unit)
    [row] = for_unit.lines
    assert row.amount == Decimal("126.00") and row.taxes == Decimal("17.96")  # 30 × 4,20; 14,25 %
    assert for_unit.totals.total == Decimal("143.96")


def test_con4_on_site_work_is_recorded_for_the_unit(world, requested):
    consultancy = requested("onsite")
    assert (consultancy.payer, consultancy.payer_unit) == (Consultancy.Payer.UNIT, world.company.partner_unit)
    world.other_company.partner_unit = None
    other = Ticket.objects.filter(company=world.other_company)
    assert not other.exists()  # (the other company has no unit: on-site is refused there)


# --- Sessions, entries and corrections (CON-5, CON-6) -------------------------------------------------------


def test_con5_sessions_follow_the_consultancy_calendar(world, accepted):
    consultancy = accepted()
    with pytest.raises(DomainError, match="Fora do horário"):
        services.session_schedule(
            actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 19)
        )
    with pytest.raises(DomainError, match="Fora do horário"):
        services.session_schedule(
            actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 15, 10)
        )
    services.session_schedule(actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 8))


def test_con6_entries_round_up_never_overlap_and_reach_the_timeline_and_the_client(
    world, accepted, session_of, django_capture_on_commit_callbacks
):
    consultancy = accepted()
    session = session_of(consultancy)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_record(
            actor=world.analyst,
            session=session,
            started_at=at(2026, 11, 10, 9),
            ended_at=at(2026, 11, 10, 9, 6, 30),
            description="Conferência dos parâmetros.",
        )
    assert entry.minutes == 7
    assert [message.to for message in mail.outbox] == [[world.contact.user.email]]
    assert "Conferência dos parâmetros." in mail.outbox[0].body
    events = ticket_selectors.ticket_events(world.contact.user, consultancy.ticket)
    assert [e.to_value for e in events if e.kind == TicketEvent.Kind.TIME_ENTRY] == ["7"]
    with pytest.raises(DomainError, match="sobrepõe"):
        services.entry_record(
            actor=world.analyst,
            session=session,
            started_at=at(2026, 11, 10, 9, 5),
            ended_at=at(2026, 11, 10, 9, 20),
            description="Outra coisa.",
        )
    with pytest.raises(DomainError, match="depois do início"):
        services.entry_record(
            actor=world.analyst,
            session=session,
            started_at=at(2026, 11, 10, 10),
            ended_at=at(2026, 11, 10, 10),
            description="Nada.",
        )
    with pytest.raises(DomainError, match="não pode estar no futuro"):  # work not done yet
        services.entry_record(
            actor=world.analyst,
            session=session,
            started_at=at(2026, 11, 10, 10),
            ended_at=at(2026, 11, 10, 10, 6),
            description="Ainda não feito.",
            now=at(2026, 11, 10, 10),
        )
    services.entry_record(  # typed rounded up a little after the clock: fine
        actor=world.analyst,
        session=session,
        started_at=at(2026, 11, 10, 10),
        ended_at=at(2026, 11, 10, 10, 5),
        description="Fechamento.",
        now=at(2026, 11, 10, 10, 1),
    )
    with pytest.raises(DomainError, match="não pode estar no futuro"):
        services.entry_correct(
            actor=world.leader,
            entry=entry,
            started_at=entry.started_at,
            ended_at=at(2026, 11, 10, 9, 30),
            description=entry.description,
            reason="Terminou mais tarde.",
            now=at(2026, 11, 10, 9, 10),
        )
    assert TimeEntry.objects.count() == 2


def test_con6_a_leader_correction_changes_the_statement_and_keeps_the_history(world, accepted, session_of):
    consultancy = accepted("technical")
    session = session_of(consultancy, 20)
    entry = session.entries.get()
    before = consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company)
    assert before.totals.amount == Decimal("84.00")  # 20 × 4,20
    with pytest.raises(ForbiddenError):
        services.entry_correct(
            actor=world.analyst,
            entry=entry,
            started_at=entry.started_at,
            ended_at=entry.ended_at - timedelta(minutes=5),
            description=entry.description,
            reason="x",
        )
    services.entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=entry.started_at,
        ended_at=entry.started_at + timedelta(minutes=15),
        description="Análise do dicionário (15 min).",
        reason="Pausa para reunião não descontada.",
        now=at(2026, 11, 11, 9),
    )
    correction = TimeEntryCorrection.objects.get()
    assert (correction.old_minutes, correction.new_minutes, correction.corrected_by) == (20, 15, world.leader)
    assert correction.old_description == "Análise do dicionário de dados."
    after = consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company)
    assert after.totals.amount == Decimal("63.00") and after.totals.taxes == Decimal("8.98")
    texts = [entry.text for entry in _timeline(world.contact.user, consultancy.ticket)]
    assert any("Apontamento corrigido por" in text and "11/11/2026 09:00" in text for text in texts)


def _timeline(user, ticket):
    from tickets.presenters.timeline import ticket_timeline

    return ticket_timeline(
        ticket_selectors.ticket_messages(user, ticket), ticket_selectors.ticket_events(user, ticket)
    )


def _finished_reason(user, ticket, language):
    with translation.override(language):
        (entry,) = [e for e in _timeline(user, ticket) if e.event and e.event.to_value == C.FINISHED]
        return entry.reason


def test_tkt6_a_finished_consultancys_finding_reads_in_each_readers_language(world, accepted):
    consultancy = accepted()
    world.analyst.language = "en"
    world.analyst.save(update_fields=["language"])
    with translation.override("en"):
        services.consultancy_finish(
            actor=world.analyst, consultancy=consultancy, finding="documentation_defect"
        )
    finished = consultancy.ticket.events.filter(kind="consultancy").last()
    with translation.override(None):
        source = str(Consultancy.Finding.DOCUMENTATION_DEFECT.label)
    assert finished.reason == source
    with translation.override("en"):
        english = str(Consultancy.Finding.DOCUMENTATION_DEFECT.label)
    assert english != source
    assert _finished_reason(world.analyst, consultancy.ticket, "en") == english
    assert _finished_reason(world.admin.user, consultancy.ticket, "pt-br") == source


# --- Statements (CON-1, CON-8, TKT-11) --------------------------------------------------------------------


def test_con1_con8_a_finished_module_consultancy_with_a_defect_waives_its_minutes(
    world, accepted, session_of
):
    consultancy = accepted()
    session_of(consultancy, 7)
    statement = consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company)
    assert (statement.totals.billable_minutes, statement.totals.amount) == (10, Decimal("35.00"))
    services.consultancy_finish(actor=world.analyst, consultancy=consultancy, finding="documentation_defect")
    statement = consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company)
    assert (statement.totals.recorded_minutes, statement.totals.waived_minutes) == (7, 7)
    assert statement.totals.total == Decimal("0.00")


def test_con7_an_igpm_adjustment_in_the_middle_of_the_month_keeps_old_sessions_at_the_old_rate(
    world, accepted, session_of, requested, ticket, open_ticket, modality
):
    old = accepted("technical")
    session_of(old, 10, day=10)
    services.igpm_adjust(actor=world.leader, percentage=Decimal("4.250"), valid_from=date(2026, 11, 16))
    assert Rate.objects.get(
        modality__code="technical", valid_from=date(2026, 11, 16)
    ).price_per_minute == Decimal("4.38")  # 4,20 × 1,0425 = 4,3785
    session_of(old, 10, day=17)  # the accepted term keeps its rate
    newer = open_ticket(world.admin.user, now=at(2026, 11, 17, 9), answers=answers(cosmetic=True))
    consultancy = services.consultancy_request(
        actor=world.analyst,
        ticket=newer,
        modality=modality("technical"),
        situation=Consultancy.Situation.URGENT,
    )
    services.consultancy_approve(actor=world.leader, consultancy=consultancy, now=at(2026, 11, 17, 10))
    services.term_accept(actor=world.admin.user, consultancy=consultancy, now=at(2026, 11, 17, 11))
    session_of(Consultancy.objects.get(pk=consultancy.pk), 10, day=18)
    statement = consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company)
    assert [row.line.amount for row in statement.lines] == [
        Decimal("42.00"),
        Decimal("42.00"),
        Decimal("43.80"),
    ]
    with pytest.raises(ForbiddenError):
        services.igpm_adjust(actor=world.analyst, percentage=Decimal("1"), valid_from=date(2027, 1, 1))
    with pytest.raises(ConflictError):
        services.igpm_adjust(actor=world.leader, percentage=Decimal("1"), valid_from=date(2026, 11, 16))


@pytest.mark.parametrize("percentage", ["-50.001", "-99.999", "100", "250"])
def test_con7_an_igpm_beyond_the_plausible_is_refused_and_no_rate_changes(world, percentage):
    before = list(Rate.objects.values_list("pk", "price_per_minute"))
    with pytest.raises(DomainError, match="entre -50 e 100"):
        services.igpm_adjust(actor=world.leader, percentage=Decimal(percentage), valid_from=date(2027, 1, 1))
    assert list(Rate.objects.values_list("pk", "price_per_minute")) == before


def test_con7_a_deflation_lowers_the_rates_half_up(world):
    services.igpm_adjust(actor=world.leader, percentage=Decimal("-3.180"), valid_from=date(2027, 1, 1))
    assert Rate.objects.get(modality__code="module", valid_from=date(2027, 1, 1)).price_per_minute == Decimal(
        "3.39"
    )  # 3,50 × 0,9682 = 3,3887


def test_con8_statements_are_scoped_to_the_company_or_the_unit(world, accepted, session_of):
    session_of(accepted("technical"), 10)
    assert len(consultancy_statement(world.admin.user, month=NOVEMBER, company=world.company).lines) == 1
    assert consultancy_statement(world.other_admin.user, month=NOVEMBER, company=world.company).lines == []
    assert (
        consultancy_statement(world.partner, month=NOVEMBER, company=world.company).lines == []
    )  # not unit-paid
    assert consultancy_statement(
        world.analyst, month=NOVEMBER, company=world.company
    ).totals.amount == Decimal("42.00")
    assert consultancy_statement(world.admin.user, month=date(2026, 12, 1), company=world.company).lines == []


def test_tkt11_the_ticket_statement_shows_the_real_consultancy_minutes(world, accepted, session_of):
    consultancy = accepted("technical")
    session_of(consultancy, 12, 8)
    rows = tickets_statement(world.admin.user, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert [(row.number, row.consultancy_minutes) for row in rows] == [(consultancy.ticket.number, 20)]


def test_con1_modalities_are_data_with_their_billing_rule():
    rules = {
        m.code: (
            m.minimum_minutes,
            m.waived_on_product_defect,
            m.waived_on_documentation_defect,
            m.needs_approval,
        )
        for m in Modality.objects.all()
    }
    assert rules == {
        "module": (10, True, True, True),
        "technical": (0, False, False, True),
        "investigative": (0, True, False, True),
        "telephone": (0, False, False, False),
        "onsite": (0, False, False, True),
    }
