"""The dashboard's figures on a small crafted dataset (SRV-3, SLA-5, SELF-2): each panel counts
exactly the tickets, surveys and deflections it says, in Brasília months."""

from datetime import date, timedelta

import pytest
from django.db.models import Q

from core.errors import ForbiddenError
from dashboards import selectors
from dashboards.selectors import Filters
from knowledge.models import ArticleFeedback, Deflection
from sla import services as sla_services
from sla.models import Calendar, CalendarException
from surveys.models import Survey
from tests.factories import AnalystFactory
from tests.helpers import at
from tickets.deadlines import SlaState, sla_state_conditions
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

NOW = at(2026, 11, 19, 10)  # a Thursday; Friday 20/11 is a national holiday (Consciência Negra)
S = Ticket.Status


def filters(months=6, team=None, now=NOW):
    return Filters(months=months, team=team, now=now)


def test_the_period_is_the_last_months_the_current_one_included():
    assert filters(3).month_starts == [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]
    assert filters(12, now=at(2026, 1, 1, 0, 30)).month_starts[0] == date(2025, 2, 1)
    assert filters(3).since == at(2026, 9, 1)


def test_sla_compliance_counts_closed_tickets_per_team_and_brasilia_month(world, catalogue, make_ticket):
    fiscal = catalogue.fiscal_team
    closed = {"status": S.CLOSED, "created_at": at(2026, 10, 1, 9)}
    make_ticket(**closed, closed_at=at(2026, 10, 5, 10))
    make_ticket(**closed, closed_at=at(2026, 10, 6, 10), sla_breached_at=at(2026, 10, 6, 9))
    # 31/10 22:30 in Brasília is 1/11 in UTC: still October's.
    make_ticket(**closed, closed_at=at(2026, 10, 31, 22, 30))
    make_ticket(**closed, closed_at=at(2026, 11, 3, 10), team=fiscal, sla_breached_at=at(2026, 11, 2, 9))
    make_ticket(**closed, closed_at=at(2026, 4, 30, 10))  # before the period
    make_ticket(status=S.IN_ANALYSIS, created_at=at(2026, 11, 1, 9))  # open: not counted

    rows = selectors.sla_compliance(world.leader, filters())

    assert [(r.team, r.month, r.closed, r.met) for r in rows] == [
        ("Backoffice", date(2026, 10, 1), 3, 2),
        ("Fiscal", date(2026, 11, 1), 1, 0),
    ]
    only_fiscal = selectors.sla_compliance(world.leader, filters(team=fiscal))
    assert [(r.team, r.closed) for r in only_fiscal] == [("Fiscal", 1)]


def test_backlog_counts_open_tickets_per_status_and_age_bucket(world, make_ticket):
    for days, status in [
        (0, S.NEW),
        (2, S.NEW),
        (3, S.IN_ANALYSIS),  # three whole days old: the 3–7 bucket
        (7, S.IN_ANALYSIS),
        (8, S.PENDING_CLIENT),
        (30, S.PENDING_CLIENT),
        (31, S.IN_MAINTENANCE),
        (400, S.IN_MAINTENANCE),
    ]:
        make_ticket(status=status, created_at=NOW - timedelta(days=days))
    make_ticket(status=S.NEW, created_at=NOW - timedelta(days=3) + timedelta(seconds=1))  # still 2 days
    make_ticket(status=S.CLOSED, created_at=NOW - timedelta(days=1), closed_at=NOW)

    rows = selectors.backlog(world.leader, filters())

    assert [(r.status, r.by_age, r.total) for r in rows] == [
        (S.NEW, {"0-2": 3, "3-7": 0, "8-30": 0, "31+": 0}, 3),
        (S.IN_ANALYSIS, {"0-2": 0, "3-7": 2, "8-30": 0, "31+": 0}, 2),
        (S.PENDING_CLIENT, {"0-2": 0, "3-7": 0, "8-30": 2, "31+": 0}, 2),
        (S.IN_MAINTENANCE, {"0-2": 0, "3-7": 0, "8-30": 0, "31+": 2}, 2),
    ]


def test_the_next_business_day_skips_the_weekend_and_national_holidays(db):
    sla_services.holidays_ensure_years([2026])
    # Thursday: Friday is a holiday, so Monday 23/11 until 19:00 (technical support: 07:00–19:00).
    assert selectors.next_business_day_end(NOW) == at(2026, 11, 23, 19)
    # Monday evening: Tuesday.
    assert selectors.next_business_day_end(at(2026, 11, 23, 22)) == at(2026, 11, 24, 19)
    calendar = Calendar.objects.get(slug=selectors.HORIZON_CALENDAR)
    CalendarException.objects.create(calendar=calendar, date=date(2026, 11, 24), kind="closed")
    assert selectors.next_business_day_end(at(2026, 11, 23, 22)) == at(2026, 11, 25, 19)


def test_the_horizon_calendar_is_the_technical_supports():
    assert selectors.HORIZON_CALENDAR == sla_services.TECHNICAL_CALENDAR


def test_breaches_coming_until_the_end_of_the_next_business_day(world, catalogue, make_ticket):
    sla_services.holidays_ensure_years([2026])
    opened = {"created_at": at(2026, 11, 17, 9)}
    soon = make_ticket(**opened, sla_due_at=at(2026, 11, 19, 15))
    monday = make_ticket(**opened, sla_due_at=at(2026, 11, 23, 18, 59), team=catalogue.fiscal_team)
    make_ticket(**opened, sla_due_at=at(2026, 11, 23, 19))  # the horizon itself: not before it
    make_ticket(**opened, sla_due_at=at(2026, 11, 19, 9))  # already breached
    make_ticket(**opened, sla_due_at=at(2026, 11, 19, 15), sla_paused=True)  # waiting on the client
    make_ticket(**opened, sla_due_at=None)

    found = selectors.breaches_coming(world.leader, filters())

    assert found.horizon == at(2026, 11, 23, 19)
    assert [(r.team, r.coming, r.breached) for r in found.by_team] == [("Backoffice", 1, 1), ("Fiscal", 1, 0)]
    assert found.tickets == [soon, monday]
    assert found.total == 2


def test_breached_and_running_agree_with_the_sla_states_of_the_queue(world, make_ticket):
    """The dashboard's conditions are the queue's (tickets.deadlines): the same tickets match."""
    for due, paused, status in [
        (NOW - timedelta(hours=1), False, S.IN_ANALYSIS),
        (NOW + timedelta(hours=1), False, S.NEW),
        (NOW + timedelta(hours=1), True, S.PENDING_CLIENT),
        (NOW - timedelta(hours=1), False, S.CLOSED),
    ]:
        make_ticket(status=status, created_at=NOW - timedelta(days=1), sla_due_at=due, sla_paused=paused)
    states = sla_state_conditions(NOW)
    found = selectors.breaches_coming(world.leader, filters(now=NOW))
    queue_breached = Ticket.objects.filter(states[SlaState.BREACHED]).count()
    queue_coming = (
        Ticket.objects.filter(states[SlaState.ON_TIME] | states[SlaState.AT_RISK])
        .filter(Q(sla_due_at__lt=found.horizon))
        .count()
    )
    assert (sum(r.breached for r in found.by_team), found.total) == (queue_breached, queue_coming) == (1, 1)


def test_satisfaction_per_team_and_analyst_per_month_with_the_latest_comments(world, catalogue, make_ticket):
    first, other = AnalystFactory(full_name="Alice Prado"), AnalystFactory(full_name="Otávio Souza")
    surveys = [
        (first, catalogue.team, at(2026, 10, 5, 10), 4, ""),
        (first, catalogue.team, at(2026, 10, 20, 10), 2, "Demorou."),
        (other, catalogue.team, at(2026, 11, 2, 10), 5, "Ótimo atendimento."),
        (other, catalogue.fiscal_team, at(2026, 11, 3, 10), 3, ""),
        (other, catalogue.fiscal_team, at(2026, 11, 4, 10), None, ""),  # sent, not answered
        (other, catalogue.fiscal_team, at(2026, 3, 4, 10), 1, "Antigo."),  # before the period
    ]
    for analyst, team, answered_at, rating, comment in surveys:
        ticket = make_ticket(
            status=S.CLOSED, created_at=answered_at - timedelta(days=2), closed_at=answered_at
        )
        Survey.objects.create(
            ticket=ticket,
            analyst=analyst,
            team=team,
            sent_at=answered_at - timedelta(days=1),
            answered_at=answered_at if rating else None,
            rating=rating,
            comment=comment,
        )

    found = selectors.satisfaction(world.leader, filters())

    assert [(r.team, r.month, r.answered, r.average) for r in found.by_team] == [
        ("Backoffice", date(2026, 10, 1), 2, 3.0),
        ("Backoffice", date(2026, 11, 1), 1, 5.0),
        ("Fiscal", date(2026, 11, 1), 1, 3.0),
    ]
    assert [(r.analyst, r.team, r.month, r.answered, r.average) for r in found.by_analyst] == [
        ("Alice Prado", "Backoffice", date(2026, 10, 1), 2, 3.0),
        ("Otávio Souza", "Backoffice", date(2026, 11, 1), 1, 5.0),
        ("Otávio Souza", "Fiscal", date(2026, 11, 1), 1, 3.0),
    ]
    assert [s.comment for s in found.comments] == ["Ótimo atendimento.", "Demorou."]


def test_deflection_per_month_beside_the_tickets_opened_in_the_portal(world, catalogue, make_ticket):
    from knowledge.models import Article

    for when in (at(2026, 10, 3, 10), at(2026, 11, 3, 10), at(2026, 11, 4, 10)):
        deflection = Deflection.objects.create(user=world.contact.user, company=world.company)
        Deflection.objects.filter(pk=deflection.pk).update(created_at=when)
    make_ticket(created_at=at(2026, 11, 5, 10))
    make_ticket(created_at=at(2026, 11, 6, 10), channel=Ticket.Channel.PHONE)  # not the portal
    article = Article.objects.create(title="Férias", slug="ferias", body="Texto.")
    ArticleFeedback.objects.create(article=article, user=world.contact.user, helpful=True)
    ArticleFeedback.objects.create(article=article, user=world.admin.user, helpful=False)
    ArticleFeedback.objects.filter().update(updated_at=at(2026, 11, 10, 10))

    rows = selectors.deflection(world.leader, filters(3))

    assert [(r.month, r.deflected, r.opened, r.helpful, r.not_helpful) for r in rows] == [
        (date(2026, 9, 1), 0, 0, 0, 0),
        (date(2026, 10, 1), 1, 0, 0, 0),
        (date(2026, 11, 1), 2, 1, 1, 1),
    ]


@pytest.mark.parametrize(
    "read",
    [
        selectors.sla_compliance,
        selectors.backlog,
        selectors.breaches_coming,
        selectors.satisfaction,
        selectors.deflection,
    ],
)
def test_every_figure_is_the_leaders(world, read):
    with pytest.raises(ForbiddenError):
        read(world.analyst, filters())
