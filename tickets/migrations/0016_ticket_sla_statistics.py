"""PostgreSQL: statistics on how the queue's SLA columns go together (issue 13).

The status, the stored risk rank and the paused flag are far from independent: a running clock is
an open ticket with a rank of 0-2, a paused one has rank 3, a closed one rank 5. Multiplying their
separate selectivities, the planner took the breached tickets of the queue (`?prazo=estourado`)
for a handful of rows, joined them all and sorted them; with the joint distribution it reads the
queue's index in order and stops at the page (20 → 0.4 ms at 80,000 tickets). SQLite has no such
statistics: nothing to do there.
"""

from django.db import migrations

STATISTICS = "tickets_ticket_sla_state"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv, dependencies) "
            "ON status, sla_rank, sla_paused FROM tickets_ticket"
        )
        cursor.execute("ANALYZE tickets_ticket")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0015_fewer_ticket_indexes_statement_triggers")]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
