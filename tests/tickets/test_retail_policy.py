"""ACP-5 in the default data: the retail line ships with its policy (data migration), so a retail
ticket gets 5 business days to validate (not the default 15 calendar days) and the survey."""

import pytest

from accounts.models import ProductLine
from surveys.models import Survey
from tests.factories import ProductFactory, RoutineFactory, VersionFactory
from tests.helpers import at
from tickets import services
from tickets.models import AcceptancePolicy

pytestmark = pytest.mark.django_db


def test_acp5_the_retail_policy_is_default_data():
    policy = AcceptancePolicy.objects.get(product_line__slug="varejo")
    assert (policy.window_length, policy.window_unit, policy.reminder_before, policy.postponement_days) == (
        5,
        "business",
        1,
        0,
    )
    assert policy.survey_on_validation
    assert AcceptancePolicy.objects.get(is_default=True).window_length == 15


def test_acp5_a_retail_ticket_gets_five_business_days_to_validate(world, catalogue, open_ticket):
    retail = ProductLine.objects.get(slug="varejo")  # from the migration, no test set-up
    world.company.product_lines.add(retail)
    pdv = ProductFactory(line=retail, name="PDV", default_team=catalogue.team)
    ticket = open_ticket(
        world.contact.user,
        product=pdv,
        routine=RoutineFactory(product=pdv, name="Frente de caixa"),
        version=VersionFactory(product=pdv, name="4.0"),
        now=at(2026, 11, 16, 10),
    )
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="Feito.",
        now=at(2026, 11, 18, 10),
    )
    ticket.refresh_from_db()
    assert ticket.acceptance_policy.product_line == retail
    # 5 business days from Wed 18 10:00: Thu 19, (Fri 20 holiday), Mon 23, Tue 24, Wed 25, Thu 26.
    assert ticket.acceptance_deadline == at(2026, 11, 26, 10)  # not the default's 03/12
    assert Survey.objects.filter(ticket=ticket).exists()  # SRV-1: the survey on entering validation


def test_acp5_another_line_keeps_the_default_fifteen_days(world, catalogue, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 16, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="Feito.",
        now=at(2026, 11, 18, 10),
    )
    ticket.refresh_from_db()
    assert ticket.acceptance_deadline == at(2026, 12, 3, 10)
