"""CON-3 and CON-6 under real races (PostgreSQL, threads): leaders correcting one entry at once, an
entry recorded while the term is being declined, and one analyst's overlapping entries."""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.db import connection

from consultoria import services
from consultoria.models import Consultancy, Session, TimeEntry, TimeEntryCorrection
from core.errors import ConflictError, DomainError
from tests.factories import LeaderFactory
from tests.helpers import at, race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]
ROUNDS = 15


def test_con6_two_leaders_correcting_one_entry_keep_both_corrections_in_order(world, accepted, session_of):
    second_leader = LeaderFactory()
    session = session_of(accepted("technical"), 30)
    entry = session.entries.get()
    start = entry.started_at
    for round_ in range(ROUNDS):
        outcomes = race(
            lambda round_=round_: services.entry_correct(
                actor=world.leader,
                entry=entry,
                started_at=start,
                ended_at=start + timedelta(minutes=10 + 2 * round_),
                description=f"Correção A {round_}",
                reason="Ajuste do líder A",
            ),
            lambda round_=round_: services.entry_correct(
                actor=second_leader,
                entry=entry,
                started_at=start,
                ended_at=start + timedelta(minutes=11 + 2 * round_),
                description=f"Correção B {round_}",
                reason="Ajuste do líder B",
            ),
            timeout=60,
        )
        assert outcomes == [None, None]
    corrections = list(TimeEntryCorrection.objects.filter(entry=entry).order_by("pk"))
    assert len(corrections) == 2 * ROUNDS
    # Serialised by the entry's lock: each correction starts from the values the previous one left.
    for previous, following in pairwise(corrections):
        assert (following.old_ended_at, following.old_minutes, following.old_description) == (
            previous.new_ended_at,
            previous.new_minutes,
            previous.new_description,
        )
    entry.refresh_from_db()
    assert (entry.ended_at, entry.minutes) == (corrections[-1].new_ended_at, corrections[-1].new_minutes)
    assert [c.corrected_at for c in corrections] == sorted(c.corrected_at for c in corrections)


def test_con3_an_entry_recorded_while_the_term_is_being_declined_never_lands(world, offered):
    for round_ in range(ROUNDS):
        consultancy = offered("technical")
        # A session agreed with the client before the answer (made here directly: the service only
        # schedules sessions on an accepted term).
        session = Session.objects.create(
            consultancy=consultancy,
            scheduled_for=at(2026, 11, 10, 9),
            created_by=world.analyst,
            created_at=at(2026, 11, 9, 12),
        )
        outcomes = race(
            lambda consultancy=consultancy, round_=round_: services.term_decline(
                actor=world.admin.user, consultancy=consultancy, reason=f"Sem orçamento ({round_})"
            ),
            lambda session=session: services.entry_record(
                actor=world.analyst,
                session=session,
                started_at=at(2026, 11, 10, 9),
                ended_at=at(2026, 11, 10, 9, 30),
                description="Análise",
            ),
            timeout=60,
        )
        errors = [outcome for outcome in outcomes if outcome is not None]
        assert len(errors) == 1 and isinstance(errors[0], ConflictError)
        consultancy.refresh_from_db()
        assert consultancy.status == Consultancy.Status.DECLINED
        assert not TimeEntry.objects.filter(session=session).exists()


def test_con6_one_analysts_overlapping_entries_at_once_only_one_lands(world, accepted, session_of):
    session = session_of(accepted("technical"))
    for round_ in range(ROUNDS):
        start = at(2026, 11, 10, 8) + timedelta(hours=round_ % 9, minutes=round_)
        outcomes = race(
            lambda start=start: services.entry_record(
                actor=world.analyst,
                session=session,
                started_at=start,
                ended_at=start + timedelta(minutes=20),
                description="Primeiro",
            ),
            lambda start=start: services.entry_record(
                actor=world.analyst,
                session=session,
                started_at=start + timedelta(minutes=10),
                ended_at=start + timedelta(minutes=30),
                description="Segundo",
            ),
            timeout=60,
        )
        errors = [outcome for outcome in outcomes if outcome is not None]
        assert len(errors) == 1 and isinstance(errors[0], DomainError) and errors[0].code == "entries_overlap"
        TimeEntry.objects.filter(session=session).delete()
