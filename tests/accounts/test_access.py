"""The one access rule (accounts/access.py): who may see and act, one test per rule."""

import pytest
from django.http import Http404

from accounts import access, services
from accounts.models import Company, User
from core.errors import DomainError, ForbiddenError, NotFoundError
from surveys.services import survey_send
from tests.factories import AnalystFactory, ContactFactory, TeamFactory
from tests.helpers import upload
from tickets import services as ticket_services
from tickets.models import Ticket

pytestmark = pytest.mark.django_db
ROLE = access.ActorRole


def test_acc6_financial_pendency_allows_only_cst_tickets(world):
    services.company_set_financial_status(
        actor=world.analyst,
        company=world.company,
        status=Company.FinancialStatus.PENDENCY,
        note="Boleto em aberto",
    )
    world.company.refresh_from_db()
    assert world.company.has_financial_pendency
    with pytest.raises(DomainError, match="pendência financeira") as error:
        access.company_assert_can_open_ticket(company=world.company, kind="technical")
    assert error.value.code == "financial_pendency"
    access.company_assert_can_open_ticket(company=world.company, kind="financial")
    access.company_assert_can_open_ticket(company=world.company, kind="administrative")
    with pytest.raises(DomainError, match="Downloads bloqueados"):
        access.company_assert_can_download(company=world.company)

    services.company_set_financial_status(actor=world.analyst, company=world.company, status="regular")
    world.company.refresh_from_db()
    access.company_assert_can_open_ticket(company=world.company, kind="technical")
    assert world.company.financial_note == ""


def test_acc4_inactive_or_unauthorised_contacts_cannot_open_tickets(world):
    world.contact.can_open_tickets = False
    with pytest.raises(DomainError, match="não tem permissão"):
        access.contact_assert_can_open_ticket(contact=world.contact)
    world.contact.user.is_active = False
    with pytest.raises(DomainError, match="inativo"):
        access.contact_assert_can_open_ticket(contact=world.contact)


# --- Who the user is ------------------------------------------------------------------------------------


def test_ten2_staff_are_active_analysts_and_leaders(world):
    assert access.is_staff(world.analyst) and access.is_staff(world.leader)
    assert not access.is_staff(world.admin.user) and not access.is_staff(world.partner)
    assert not access.is_staff(None)
    world.analyst.is_active = False
    assert not access.is_staff(world.analyst)


def test_leaders_are_a_role_of_their_own(world):
    assert access.is_leader(world.leader)
    assert not access.is_leader(world.analyst) and not access.is_leader(world.admin.user)
    with pytest.raises(ForbiddenError):
        access.require_leader(world.analyst)
    access.require_leader(world.leader)


def test_require_staff_refuses_clients_with_the_message_given(world):
    with pytest.raises(ForbiddenError, match="Só a equipe"):
        access.require_staff(world.admin.user, "Só a equipe")
    access.require_staff(world.analyst)


def test_profiles_contact_and_partner_unit(world):
    assert access.contact_of(world.contact.user) == world.contact
    assert access.contact_of(world.partner) is None and access.contact_of(world.analyst) is None
    assert access.partner_unit_id(world.partner) == world.company.partner_unit_id
    assert access.partner_unit_id(world.contact.user) is None
    assert access.is_client(world.contact.user) and access.is_client(world.partner)
    assert not access.is_client(world.analyst)


def test_acc3_who_sees_more_than_their_own_tickets(world):
    assert not access.sees_company_tickets(world.contact.user)
    assert access.sees_company_tickets(world.admin.user)
    assert access.sees_company_tickets(world.partner) and access.sees_company_tickets(world.analyst)
    world.contact.can_see_company_tickets = True
    assert access.sees_company_tickets(world.contact.user)


def test_tkt7_internal_notes_are_for_staff(world):
    assert access.sees_internal_notes(world.analyst) and access.sees_internal_notes(world.leader)
    assert not access.sees_internal_notes(world.admin.user) and not access.sees_internal_notes(world.partner)


# --- Companies and contacts -----------------------------------------------------------------------------


def test_ten3_companies_a_user_may_act_for(world):
    assert set(access.companies_actable_by(world.admin.user)) == {world.company}
    assert set(access.companies_actable_by(world.partner)) == {world.company}
    assert set(access.companies_actable_by(world.analyst)) == {world.company, world.other_company}
    world.company.is_active = False
    world.company.save()
    assert set(access.companies_actable_by(world.partner)) == set()  # only active served companies
    world.admin.user.is_active = False
    assert set(access.companies_actable_by(world.admin.user)) == set()  # ACC-7


def test_company_page_is_a_contacts_own_company(world):
    assert access.company_of_contact(world.contact.user) == world.company
    with pytest.raises(NotFoundError):
        access.company_of_contact(world.partner)


def test_acc1_an_administrator_manages_the_contacts_of_their_company(world):
    assert set(access.contacts_managed_by(world.admin.user)) == {world.admin, world.contact}
    assert set(access.contacts_managed_by(world.contact.user)) == set()
    access.require_company_admin(world.admin.user, world.company.pk)
    access.require_company_admin(world.analyst, world.company.pk)
    with pytest.raises(ForbiddenError):
        access.require_company_admin(world.other_admin.user, world.company.pk)
    with pytest.raises(ForbiddenError):
        access.require_company_admin(world.contact.user, world.company.pk)


def test_acc1_a_demoted_administrator_is_no_longer_one_under_the_lock(world):
    assert access.is_still_company_admin(world.admin.user, world.company.pk)
    world.admin.is_company_admin = False
    world.admin.save()
    assert not access.is_still_company_admin(world.admin.user, world.company.pk)
    assert access.is_still_company_admin(world.analyst, world.company.pk)


# --- Tickets ----------------------------------------------------------------------------------------------


def test_acc3_visibility_own_or_company(world, open_ticket):
    own = open_ticket(world.contact.user)
    admins = open_ticket(world.admin.user)
    other = open_ticket(world.other_contact.user)
    assert set(access.tickets_visible_to(world.contact.user)) == {own}
    assert set(access.tickets_visible_to(world.admin.user)) == {own, admins}
    assert set(access.tickets_visible_to(world.partner)) == {own, admins}
    assert set(access.tickets_visible_to(world.analyst)) == {own, admins, other}
    assert set(access.tickets_visible_to(world.other_admin.user)) == {other}


def test_attachment_of_an_internal_note_is_for_analysts_only(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    message = ticket_services.ticket_reply(
        actor=world.analyst,
        ticket=ticket,
        body="log",
        internal=True,
        files=[upload("server.log", b"trace")],
    )
    attachment = message.attachments.get()
    assert access.access_attachment(world.analyst, attachment.pk) == attachment
    with pytest.raises(Http404):
        access.access_attachment(world.admin.user, attachment.pk)
    with pytest.raises(Http404):
        access.access_attachment(world.other_admin.user, attachment.pk)


def test_ten2_a_ticket_by_number_missing_or_not_yours_is_not_found(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    assert access.access_ticket(world.admin.user, ticket.number) == ticket
    for user, number in (
        (world.other_admin.user, ticket.number),
        (world.admin.user, "00000000"),
        (world.admin.user, "12"),
        (None, ticket.number),
    ):
        with pytest.raises(NotFoundError):
            access.access_ticket(user, number)


def test_the_role_in_which_a_user_acts_on_a_ticket(world, open_ticket):
    ticket = Ticket.objects.select_related("company").get(pk=open_ticket(world.contact.user).pk)
    assert access.ticket_actor_role(None, ticket) == ROLE.SYSTEM
    assert access.ticket_actor_role(world.leader, ticket) == ROLE.LEADER
    assert access.ticket_actor_role(world.analyst, ticket) == ROLE.ANALYST
    assert access.ticket_actor_role(world.contact.user, ticket) == ROLE.CLIENT
    assert access.ticket_actor_role(world.partner, ticket) == ROLE.CLIENT
    with pytest.raises(ForbiddenError):
        access.ticket_actor_role(world.other_admin.user, ticket)


def test_acc3_a_contact_who_sees_only_their_own_tickets_cannot_act_on_a_colleagues(world, open_ticket):
    colleague = ContactFactory(company=world.company)
    ticket = Ticket.objects.select_related("company").get(pk=open_ticket(colleague.user).pk)
    with pytest.raises(ForbiddenError):
        access.ticket_actor_role(world.contact.user, ticket)
    assert access.ticket_actor_role(world.admin.user, ticket) == ROLE.CLIENT


def test_ten3_a_partner_acts_only_for_active_served_companies(world, open_ticket):
    ticket = Ticket.objects.select_related("company").get(pk=open_ticket(world.contact.user).pk)
    ticket.company.is_active = False
    with pytest.raises(ForbiddenError):
        access.ticket_actor_role(world.partner, ticket)


def test_acc4_ten3_whom_a_ticket_is_opened_in_the_name_of(world):
    assert access.ticket_opening_contact(world.contact.user, world.company) == world.contact
    assert access.ticket_opening_contact(world.partner, world.company) is None
    for user, company in (
        (world.contact.user, world.other_company),
        (world.partner, world.other_company),
        (world.analyst, world.company),
    ):
        with pytest.raises(ForbiddenError):
            access.ticket_opening_contact(user, company)


def test_tkt7_internal_notes_are_hidden_from_clients(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    ticket_services.ticket_reply(actor=world.analyst, ticket=ticket, body="nota", internal=True)
    ticket_services.ticket_reply(actor=world.analyst, ticket=ticket, body="resposta")
    assert [m.body for m in access.messages_visible_to(world.admin.user, ticket)] == ["resposta"]
    assert {m.body for m in access.messages_visible_to(world.analyst, ticket)} == {"nota", "resposta"}


def test_tkt10_a_tickets_files_are_those_of_a_visible_ticket(world, open_ticket):
    ticket = open_ticket(world.contact.user, files=[upload("tela.txt", b"texto")])
    assert access.attachments_visible_to(world.admin.user, ticket).count() == 1
    assert access.attachments_visible_to(world.other_admin.user, ticket).count() == 0
    assert access.attachments_visible_to(world.other_admin.user).count() == 0


# --- Survey results and who is told ----------------------------------------------------------------------


def test_srv3_survey_results_are_the_leaders(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    survey = survey_send(ticket, now=ticket.created_at)
    assert list(access.surveys_visible_to(world.leader)) == [survey]
    assert list(access.surveys_visible_to(world.analyst)) == []
    assert list(access.surveys_visible_to(world.admin.user)) == []


def test_acc7_a_deactivated_requester_is_not_emailed(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    assert access.ticket_notice_recipient(ticket) == world.contact.user
    User.objects.filter(pk=world.contact.user.pk).update(is_active=False)
    ticket.refresh_from_db()
    assert access.ticket_notice_recipient(ticket) is None


def test_sla5_team_notices_go_to_its_active_analysts(world):
    team = TeamFactory()
    inactive = AnalystFactory(is_active=False)
    team.members.add(world.analyst, inactive)
    assert access.team_notice_recipients(team) == [world.analyst.email]
