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
