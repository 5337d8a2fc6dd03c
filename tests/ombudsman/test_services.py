"""The Ombudsman's services (OMB-1): evidence of an earlier contact (tickets the user may see, one
message for any other number), the deadline in business hours on the Ouvidoria calendar, the
moves, messages, and the e-mail when answered."""

import pytest

from core.errors import ConflictError, DomainError, ForbiddenError
from ombudsman import services
from ombudsman.models import Case, CaseEntry
from outbox.models import OutboxEmail
from tests.helpers import at

pytestmark = pytest.mark.django_db
C = Case.Status
NOT_FOUND = "Chamado não encontrado entre os da sua empresa"


def _open(actor, numbers, **extra):
    data = {
        "kind": Case.Kind.COMPLAINT,
        "subject": "Demora no atendimento",
        "description": "O chamado ficou dias sem resposta.",
        **extra,
    }
    return services.case_open(actor=actor, ticket_numbers=numbers, **data)


def test_omb1_a_contact_cites_their_own_ticket(world, evidence):
    case = _open(world.contact.user, [evidence.own.number])
    assert case.company == world.company
    assert list(case.tickets.all()) == [evidence.own]
    assert case.status == C.OPENED
    assert case.protocol == f"OUV-{case.opened_at.year}-{case.pk:06d}"


def _refusal(actor, numbers) -> str:
    with pytest.raises(DomainError) as error:
        _open(actor, numbers)
    assert error.value.field == "tickets"
    return str(error.value.message)


def test_omb1_another_company_ticket_and_an_unknown_number_get_the_same_message(world, evidence):
    foreign = _refusal(world.admin.user, [evidence.foreign.number])
    unknown = _refusal(world.admin.user, ["99999999"])
    assert foreign.startswith(NOT_FOUND) and unknown.startswith(NOT_FOUND)
    assert foreign.replace(evidence.foreign.number, "N") == unknown.replace("99999999", "N")
    assert not Case.objects.exists()


def test_omb1_a_see_own_contact_cannot_cite_a_colleagues_ticket(world, evidence):
    assert _refusal(world.contact.user, [evidence.colleague.number]).startswith(NOT_FOUND)
    # The administrator sees every ticket of the company and may cite both.
    case = _open(world.admin.user, [evidence.colleague.number, evidence.own.number])
    assert case.tickets.count() == 2


def test_omb1_one_bad_number_among_good_ones_refuses_the_case(world, evidence):
    message = _refusal(world.admin.user, [evidence.own.number, "12ab", evidence.foreign.number])
    assert "12ab" in message and evidence.foreign.number in message and evidence.own.number not in message


def test_omb1_at_least_one_ticket_is_needed(world, evidence):
    with pytest.raises(DomainError) as error:
        _open(world.contact.user, [])
    assert error.value.field == "tickets"


def test_omb1_staff_do_not_open_cases(world, evidence):
    with pytest.raises(ForbiddenError):
        _open(world.analyst, [evidence.own.number])


def test_omb1_a_partner_cites_tickets_of_a_served_company(world, evidence):
    case = _open(world.partner, [evidence.own.number])
    assert case.company == world.company
    assert _refusal(world.partner, [evidence.foreign.number]).startswith(NOT_FOUND)


def test_omb1_the_deadline_is_40_business_hours_on_the_ouvidoria_calendar(world, evidence):
    # Tuesday 10/03/2026 10:00: 6 h that day, Wednesday to Friday 24 h, Monday 8 h, Tuesday 2 h.
    case = _open(world.contact.user, [evidence.own.number], now=at(2026, 3, 10, 10))
    assert case.due_at == at(2026, 3, 17, 10)
    assert case.calendar_snapshot.data["calendar"] == "ouvidoria"
    assert case.target_business_hours == 40


def test_omb1_the_deadline_skips_national_holidays_and_the_lunch_break(world, evidence):
    # Monday 20/04/2026 12:30 (lunch: counts from 13:30); Tuesday 21/04 is Tiradentes.
    case = _open(world.contact.user, [evidence.own.number], now=at(2026, 4, 20, 12, 30))
    assert case.due_at == at(2026, 4, 28, 12)


def test_omb1_late_while_waiting_past_the_deadline(world, evidence):
    case = _open(world.contact.user, [evidence.own.number], now=at(2026, 3, 10, 10))
    assert not case.is_late(at(2026, 3, 17, 10))
    assert case.is_late(at(2026, 3, 17, 10, 1))


def _team(world, case, status, answer=""):
    return services.case_move(actor=world.leader, case=case, to_status=status, answer=answer)


def test_omb1_the_team_moves_it_and_answering_emails_the_client(
    world, evidence, django_capture_on_commit_callbacks
):
    case = _open(world.contact.user, [evidence.own.number])
    with pytest.raises(ConflictError):
        _team(world, case, C.ANSWERED, "Resposta.")
    case = _team(world, case, C.IN_ANALYSIS)
    with pytest.raises(DomainError) as error:
        _team(world, case, C.ANSWERED, "  ")
    assert error.value.field == "answer"
    case = _team(world, case, C.ANSWERED, "Apuramos o atraso e reforçamos a equipe.")
    assert case.answer == "Apuramos o atraso e reforçamos a equipe." and case.answered_at is not None
    email = OutboxEmail.objects.get(template="ombudsman/answered")
    assert email.to == ["contato@alfa.example"]
    assert case.protocol in email.subject
    assert "reforçamos a equipe" in email.body_text
    case = _team(world, case, C.CLOSED)
    assert case.closed_at is not None
    with pytest.raises(ConflictError):
        _team(world, case, C.IN_ANALYSIS)
    kinds = list(CaseEntry.objects.filter(case=case).values_list("to_status", flat=True))
    assert kinds == [C.IN_ANALYSIS, C.ANSWERED, C.CLOSED]


def test_omb1_clients_do_not_move_cases(world, evidence):
    case = _open(world.contact.user, [evidence.own.number])
    with pytest.raises(ForbiddenError):
        services.case_move(actor=world.admin.user, case=case, to_status=C.IN_ANALYSIS)


def test_omb1_messages_from_both_sides_until_closed(world, evidence):
    case = _open(world.contact.user, [evidence.own.number])
    client_message = services.case_message(actor=world.contact.user, case=case, body="Alguma novidade?")
    team_message = services.case_message(actor=world.analyst, case=case, body="Estamos apurando.")
    assert (client_message.from_team, team_message.from_team) == (False, True)
    with pytest.raises(DomainError):
        services.case_message(actor=world.contact.user, case=case, body=" ")
    case = _team(world, _team(world, _team(world, case, C.IN_ANALYSIS), C.ANSWERED, "Resolvido."), C.CLOSED)
    with pytest.raises(ConflictError):
        services.case_message(actor=world.contact.user, case=case, body="Mais uma coisa")
