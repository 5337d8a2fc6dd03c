"""Ticket rules through the services (TKT-1..7, TKT-10, SEV-1..2, SLA-1..5, ACC-4, ACC-6, TEN-3)."""

import itertools
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from core.errors import DomainError
from tests.helpers import answers, at, png, upload
from tickets import selectors, services
from tickets.models import Attachment, Message, Ticket, TicketEvent
from tickets.workflow.table import MOVES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "severity"),
    [
        ({"data_corruption": True, "has_workaround": True}, "critical"),
        ({"function_unusable": True}, "critical"),
        ({"function_unusable": True, "has_workaround": True}, "high"),
        ({"cosmetic": True}, "low"),
        ({}, "medium"),
        ({"has_workaround": True}, "medium"),
    ],
)
def test_sev1_severity_is_classified_from_the_four_answers(given, severity):
    assert services.severity_classify(answers(**given)) == severity


def test_tkt2_opening_routes_classifies_and_forecasts(world, catalogue, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10), routine=catalogue.fiscal_routine)
    assert re.fullmatch(r"[1-9]\d{7}", ticket.number)
    assert ticket.company == world.company and ticket.requester == world.contact.user
    assert ticket.requester_contact == world.contact
    assert (ticket.channel, ticket.registered_by) == ("portal", world.contact.user)  # CHN-2
    assert ticket.status == "new" and ticket.severity == "critical"
    assert ticket.team == catalogue.fiscal_team  # TKT-5: the routine's team
    assert ticket.calendar_slug == "suporte-tecnico"
    assert ticket.response_due_at == at(2026, 3, 11, 8)  # SLA-1: 10 business hours
    assert ticket.maintenance_due_at == at(2026, 3, 16, 10)
    assert ticket.sla_due_at == ticket.response_due_at
    assert ticket.sla_risk_at == at(2026, 3, 10, 18)  # 8 h used = 20 % left
    assert TicketEvent.objects.get(ticket=ticket).kind == "opened"
    assert mail.outbox[0].to == [world.contact.user.email]
    assert ticket.number in mail.outbox[0].subject
    assert "11/03/2026 08:00" in mail.outbox[0].body


def test_chn2_an_unknown_channel_is_refused(world, open_ticket):
    with pytest.raises(DomainError, match="Canal desconhecido"):
        open_ticket(world.contact.user, channel="fax")
    assert not Ticket.objects.exists()


def test_tkt5_without_a_routine_team_the_products_team_receives_it(world, catalogue, open_ticket):
    assert open_ticket(world.contact.user).team == catalogue.team


def test_tkt4_numbers_are_unique_and_not_sequential(world, open_ticket):
    numbers = [int(open_ticket(world.contact.user).number) for _ in range(12)]
    assert len(set(numbers)) == 12
    gaps = {b - a for a, b in itertools.pairwise(numbers)}
    assert gaps != {1}


def test_cal3_administrative_tickets_follow_the_cst_calendar(world, open_ticket):
    ticket = open_ticket(world.contact.user, kind="financial", now=at(2026, 11, 19, 17))
    assert ticket.calendar_slug == "cst"
    # critical: 10 business hours on CST: Thu 17-18, Mon 23 8-12 and 13:30-18 (8.5 h), Tue 08:00 + 30 min
    assert ticket.response_due_at == at(2026, 11, 24, 8, 30)


def test_acc4_a_contact_without_permission_cannot_open(world, open_ticket):
    world.contact.can_open_tickets = False
    world.contact.save()
    with pytest.raises(DomainError, match="não tem permissão"):
        open_ticket(world.contact.user)
    assert Ticket.objects.count() == 0


def test_acc6_financial_pendency_allows_only_administrative_and_financial(world, open_ticket):
    world.company.financial_status = "pendency"
    world.company.save()
    with pytest.raises(DomainError, match="pendência financeira"):
        open_ticket(world.contact.user)
    assert open_ticket(world.contact.user, kind="financial").kind == "financial"


def test_ten3_partner_consultant_opens_for_a_served_company_only(world, open_ticket):
    ticket = open_ticket(world.partner, company=world.company)
    assert ticket.requester == world.partner and ticket.requester_contact is None
    with pytest.raises(PermissionDenied):
        open_ticket(world.partner, company=world.other_company)


def test_analysts_do_not_open_tickets_in_a_clients_name(world, open_ticket):
    with pytest.raises(PermissionDenied):
        open_ticket(world.analyst, company=world.company)


def test_tkt2_catalogue_must_be_coherent_and_contracted(world, catalogue, open_ticket):
    with pytest.raises(DomainError, match="não contratou"):
        open_ticket(world.contact.user, product=catalogue.other_product)
    from tests.factories import RoutineFactory

    foreign = RoutineFactory()
    with pytest.raises(DomainError, match="rotina do produto"):
        open_ticket(world.contact.user, routine=foreign)


def test_tkt10_attachments_are_checked_by_extension_and_content(world, open_ticket):
    ticket = open_ticket(world.contact.user, files=[png()])
    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.original_name == "tela.png" and attachment.content_type == "image/png"
    assert "tela.png" not in attachment.file.name  # random stored name
    with pytest.raises(DomainError, match="não corresponde à extensão"):
        open_ticket(world.contact.user, files=[upload("falso.png", b"<html>oi</html>", "image/png")])
    with pytest.raises(DomainError, match="tipo de arquivo não aceito"):
        open_ticket(world.contact.user, files=[upload("x.exe", b"MZ\x90\x00", "application/octet-stream")])
    assert Ticket.objects.count() == 1


def test_tkt10_a_long_file_name_is_shortened_and_keeps_its_extension(world, open_ticket):
    ticket = open_ticket(world.contact.user, files=[upload("a" * 300 + ".txt", b"erro 539")])
    [attachment] = ticket.attachments.all()
    assert len(attachment.original_name) == 200 and attachment.original_name.endswith("aaa.txt")


def test_tkt10_size_limit(world, open_ticket, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(DomainError, match="limite"):
        open_ticket(world.contact.user, files=[upload("log.txt", b"a" * 101)])


def test_tkt6_transitions_follow_the_table(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    with pytest.raises(DomainError, match="Não é possível passar"):
        services.ticket_transition(actor=world.analyst, ticket=ticket, to_status="closed")
    with pytest.raises(DomainError, match="não pode ser feita por você"):
        services.ticket_transition(actor=world.contact.user, ticket=ticket, to_status="in_analysis")
    with pytest.raises(DomainError, match="o que falta"):
        services.ticket_transition(actor=world.analyst, ticket=ticket, to_status="pending_client")
    ticket.refresh_from_db()
    assert ticket.status == "new"
    assert not TicketEvent.objects.filter(ticket=ticket, kind="status").exists()

    services.ticket_transition(actor=world.analyst, ticket=ticket, to_status="in_analysis")
    event = TicketEvent.objects.get(ticket=ticket, kind="status")
    assert (event.actor, event.from_value, event.to_value) == (world.analyst, "new", "in_analysis")


def test_tkt6_every_move_outside_the_table_is_refused(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    statuses = Ticket.Status.values
    for from_status in statuses:
        for to_status in statuses:
            if (from_status, to_status) in MOVES:
                continue
            Ticket.objects.filter(pk=ticket.pk).update(status=from_status)
            with pytest.raises(DomainError):
                services.ticket_transition(
                    actor=world.analyst, ticket=ticket, to_status=to_status, reason="x"
                )


def test_tkt7_client_reply_on_pending_client_goes_back_to_analysis(
    world, open_ticket, django_capture_on_commit_callbacks
):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o XML da nota.",
        now=at(2026, 3, 10, 12),
    )
    ticket.refresh_from_db()
    assert ticket.status == "pending_client" and ticket.sla_paused and ticket.sla_due_at is None
    assert Message.objects.get(ticket=ticket).body == "Envie o XML da nota."  # the reason reaches the client

    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(
            actor=world.contact.user,
            ticket=ticket,
            body="Segue o XML.",
            files=[upload("nota.xml", b"<nfe/>", "text/xml")],
            now=at(2026, 3, 10, 15),
        )
    ticket.refresh_from_db()
    assert ticket.status == "in_analysis"
    # SLA-4: 3 h paused (12:00-15:00) -> due 3 h later than at opening
    assert ticket.response_due_at == at(2026, 3, 11, 11)
    assert not ticket.sla_paused
    assert Attachment.objects.get(message__body="Segue o XML.").content_type == "text/plain"


def test_tkt7_internal_notes_are_hidden_from_clients(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    services.ticket_reply(
        actor=world.analyst, ticket=ticket, body="Cliente usa versão antiga.", internal=True
    )
    services.ticket_reply(actor=world.analyst, ticket=ticket, body="Estamos analisando.")
    assert [m.body for m in selectors.ticket_messages(world.contact.user, ticket)] == ["Estamos analisando."]
    assert len(selectors.ticket_messages(world.analyst, ticket)) == 2
    with pytest.raises(PermissionDenied):
        services.ticket_reply(actor=world.contact.user, ticket=ticket, body="x", internal=True)


def test_analyst_reply_to_a_closed_ticket_is_refused(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    Ticket.objects.filter(pk=ticket.pk).update(status="closed")
    with pytest.raises(DomainError, match="encerrado"):
        services.ticket_reply(actor=world.analyst, ticket=ticket, body="Oi")
    assert not Message.objects.filter(ticket=ticket).exists()


def test_sla3_reclassification_recomputes_from_opening_with_a_reason(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    with pytest.raises(DomainError, match="motivo"):
        services.ticket_reclassify(actor=world.analyst, ticket=ticket, severity="high", reason=" ")
    with pytest.raises(PermissionDenied):
        services.ticket_reclassify(actor=world.contact.user, ticket=ticket, severity="high", reason="x")
    services.ticket_reclassify(
        actor=world.analyst,
        ticket=ticket,
        severity="high",
        reason="Há contorno manual",
        now=at(2026, 3, 11, 9),
    )
    ticket.refresh_from_db()
    assert ticket.severity == "high"
    assert ticket.response_due_at == at(2026, 3, 11, 18)  # 20 h from Tue 10:00, not from Wed 09:00
    event = TicketEvent.objects.get(ticket=ticket, kind="severity")
    assert (event.from_value, event.to_value, event.reason) == ("critical", "high", "Há contorno manual")


def test_tkt5_transfer_is_recorded_and_clears_the_assignee(world, catalogue, open_ticket):
    ticket = open_ticket(world.contact.user)
    services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=world.analyst)
    services.ticket_transfer(
        actor=world.analyst, ticket=ticket, team=catalogue.fiscal_team, reason="É fiscal"
    )
    ticket.refresh_from_db()
    assert ticket.team == catalogue.fiscal_team and ticket.assignee is None
    event = TicketEvent.objects.get(ticket=ticket, kind="transfer")
    assert (event.from_value, event.to_value, event.reason) == ("Backoffice", "Fiscal", "É fiscal")


def test_assignment_only_to_analysts(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    with pytest.raises(DomainError):
        services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=world.contact.user)
    services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=world.leader)
    ticket.refresh_from_db()
    assert ticket.assignee == world.leader


def test_sev2_maintenance_target_governs_in_maintenance(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="in_maintenance", now=at(2026, 3, 10, 11)
    )
    ticket.refresh_from_db()
    assert ticket.sla_due_at == ticket.maintenance_due_at == at(2026, 3, 16, 10)


def test_tkt1_similar_open_tickets_are_found(world, open_ticket):
    first = open_ticket(world.contact.user, summary="Nota fiscal rejeitada na transmissão ao SEFAZ")
    open_ticket(world.contact.user, summary="Relatório de estoque lento")
    similar = selectors.tickets_similar_open(
        world.contact.user, company_id=world.company.pk, summary="Rejeição ao transmitir nota fiscal"
    )
    assert similar == [first]
    assert (
        selectors.tickets_similar_open(
            world.other_contact.user, company_id=world.other_company.pk, summary="nota fiscal rejeitada"
        )
        == []
    )


def test_sla_risk_instant_is_stored_for_sorting(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    assert ticket.sla_risk_at < ticket.sla_due_at
    assert ticket.sla_due_at - ticket.sla_risk_at == timedelta(hours=14)  # 18:00 -> Wed 08:00 (2 h of work)
