"""The audit trail (leaders read it in the back-office), remote-access credentials (the client
gives them, POST only; the ticket team's analysts reveal them), and the health check's beat."""

from . import LOGIN, VIEW, logged_in, open_ticket_for, row

PORTAL = {
    "ticket-remote-access": (lambda o: {"number": o["remote_ticket"].number}, logged_in(405)),
    # Staff of the ticket's team only (the matrix's analyst is in it, its leader is not).
    "ticket-remote-access-reveal": (
        lambda o: {"number": o["remote_ticket"].number},
        row(LOGIN, 403, 403, 403, 403, 200, 403),
    ),
}
ADMIN_MODELS = {"audit_auditentry": {"analyst": set(), "leader": VIEW}}


def objects(world) -> dict:
    from django.utils import timezone
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from audit.models import AuditEntry

    # /healthz/ answers 200 only while beat runs (tests/ops/test_health.py).
    every, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="matrix-heartbeat",
        defaults={"task": "outbox.tasks.outbox_drain", "interval": every, "last_run_at": timezone.now()},
    )
    entry = AuditEntry.objects.create(
        kind=AuditEntry.Kind.LOGIN, actor=world.leader, actor_label=world.leader.email
    )
    return {"remote_ticket": open_ticket_for(world, "remoto"), "audit_auditentry": entry}
