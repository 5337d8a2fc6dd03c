"""The indexes dropped for the writes' sake (issue 13): foreign keys stay enforced, the unique
e-mail key stays unique, and no index remains that only a catalogue deletion would use."""

import pytest
from django.db import IntegrityError, connection, transaction

from outbox.models import OutboxEmail

pytestmark = pytest.mark.django_db


def _constraints(table: str) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def _indexed_alone(table: str, column: str) -> list[str]:
    return [
        name
        for name, info in _constraints(table).items()
        if info["index"] and not info["primary_key"] and info["columns"] == [column]
    ]


@pytest.mark.parametrize(
    "table,column",
    [
        ("tickets_ticket", "product_id"),
        ("tickets_ticket", "routine_id"),
        ("tickets_ticket", "version_id"),
        ("tickets_ticket", "sla_snapshot_id"),
        ("tickets_ticket", "acceptance_policy_id"),
        ("tickets_ticketevent", "ticket_id"),
        ("tickets_message", "ticket_id"),
        ("surveys_survey", "analyst_id"),
    ],
)
def test_the_key_has_no_index_of_its_own_but_stays_a_foreign_key(table, column):
    assert _indexed_alone(table, column) == []
    assert any(info["foreign_key"] and info["columns"] == [column] for info in _constraints(table).values())


def test_the_events_and_messages_of_a_ticket_are_still_read_through_an_index():
    for table in ("tickets_ticketevent", "tickets_message"):
        assert any(
            info["index"] and info["columns"][:2] == ["ticket_id", "created_at"]
            for info in _constraints(table).values()
        )


def test_the_e_mail_key_keeps_one_unique_index_and_refuses_a_second_row():
    on_key = {
        name: info
        for name, info in _constraints("outbox_outboxemail").items()
        if info["columns"] == ["dedupe_key"]
    }
    assert [info["unique"] for info in on_key.values()] == [True]  # no LIKE-pattern twin
    if connection.vendor == "postgresql":
        assert list(on_key) == ["outbox_dedupe_key_unique"]
    OutboxEmail.objects.create(to=["a@example.com"], subject="s", body_text="b", template="t", dedupe_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxEmail.objects.create(
            to=["b@example.com"], subject="s", body_text="b", template="t", dedupe_key="k"
        )
