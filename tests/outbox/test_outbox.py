"""OPS-2: e-mails recorded in the transaction, sent after commit, retried, never lost."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from outbox.models import OutboxEmail
from outbox.services import email_enqueue, outbox_deliver
from outbox.tasks import outbox_drain

pytestmark = pytest.mark.django_db

CONTEXT = {
    "contact_name": "Ana",
    "company_name": "Alfa",
    "invited_by": "Bia",
    "activation_url": "http://x/ativar/t/",
    "valid_days": 7,
}


def test_ops2_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        email_enqueue(to="a@x.example", template="accounts/invitation", context=CONTEXT)
        raise RuntimeError
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def test_ops2_sent_after_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to="a@x.example", template="accounts/invitation", context=CONTEXT, language="pt-br")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Ative seu acesso")
    assert message.alternatives and "Ativar meu acesso" in message.alternatives[0][0]
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_ops2_broker_down_keeps_the_email_for_the_drain(django_capture_on_commit_callbacks):
    with (
        mock.patch("outbox.tasks.outbox_send.delay", side_effect=OSError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        row = email_enqueue(to="a@x.example", template="accounts/invitation", context=CONTEXT)
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.PENDING and mail.outbox == []
    assert outbox_drain() == 1
    assert outbox_drain() == 0  # idempotent: sent once
    assert len(mail.outbox) == 1


def test_ops2_smtp_failure_is_retried_with_backoff_and_sent_once(django_capture_on_commit_callbacks):
    with mock.patch("outbox.tasks.outbox_send.delay"), django_capture_on_commit_callbacks(execute=True):
        row = email_enqueue(to="a@x.example", template="accounts/invitation", context=CONTEXT)
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        outbox_deliver(row.pk)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxEmail.Status.PENDING, 1)
    assert row.next_attempt_at is not None and "smtp down" in row.last_error
    assert outbox_deliver(row.pk) is True
    assert outbox_deliver(row.pk) is False
    assert len(mail.outbox) == 1


def test_ops2_dedupe_key_records_a_notification_once():
    first = email_enqueue(to="a@x.example", template="accounts/invitation", context=CONTEXT, dedupe_key="k1")
    second = email_enqueue(to="a@x.example", template="accounts/invitation", context=CONTEXT, dedupe_key="k1")
    assert first is not None and second is None
    assert OutboxEmail.objects.count() == 1


def test_ops2_a_batch_stores_what_to_send_and_the_worker_renders_it_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    from datetime import UTC, datetime

    from django.utils.translation import gettext_lazy

    from outbox.services import batched_dispatch, drain_after_commit

    deadline = datetime(2026, 3, 25, 15, tzinfo=UTC)  # 12:00 in São Paulo
    context = {
        "name": "Ana",
        "number": "12345678",
        "summary": "Nota rejeitada",
        "deadline": deadline,
        "status": gettext_lazy("Validação Cliente"),
        "ticket_path": "/chamados/12345678/",
    }
    with (
        mock.patch("outbox.services.render", side_effect=AssertionError("rendered in the batch")),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        transaction.atomic(),
        batched_dispatch(),
    ):
        email_enqueue(
            to="a@x.example", template="tickets/acceptance_reminder", context=context, language="en"
        )
        drain_after_commit()
    row = OutboxEmail.objects.get()
    assert (row.subject, row.body_text, row.language, row.thread) == ("", "", "en", "12345678")
    assert row.context["deadline"] == {"$datetime": deadline.isoformat()}
    assert isinstance(row.context["status"], str)  # a lazy label: stored resolved, in the language
    for callback in callbacks:
        callback()  # the drain: the worker renders, then sends
    [message] = mail.outbox
    assert message.subject.startswith("Reminder") and "12345678" in message.subject
    assert "25/03/2026 12:00" in message.body
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT and row.context is None and row.subject == message.subject
