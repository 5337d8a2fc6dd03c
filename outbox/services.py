"""Transactional e-mail through the outbox (OPS-2; ARCHITECTURE convention 6).

`email_enqueue` stores the message in the caller's transaction; after commit a Celery task sends
it. A user's action renders it at once, in the recipient's language; inside `batched_dispatch()` (the
periodic jobs) it is stored as template + JSON context + language and the worker renders it when it
sends it (outbox/rendering.py): a sweep never renders a template. If the broker cannot take the task, the row
stays pending and `outbox_drain` (Celery beat) sends it when the worker runs again.

The services never import the tasks: `outbox.tasks` registers the dispatcher that queues them
(`register_dispatcher`, called when the app is ready).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from inbox.tokens import mail_domain, reply_address, thread_message_id

from .models import OutboxEmail
from .rendering import context_from_json, context_to_json, render

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
TICKET_NUMBER = re.compile(r"[1-9]\d{7}")
REPLYING_ROLES = ("contact", "partner")  # who may answer a ticket by e-mail (inbox.services)
_local = threading.local()


@dataclass
class Dispatcher:
    """How the services queue work: `send(outbox_id)` one e-mail, `drain()` everything pending."""

    send: Callable[[int], object]
    drain: Callable[[], object]


def _not_ready(*_args: object) -> None:
    raise RuntimeError("outbox: no dispatcher registered (outbox.apps.OutboxConfig.ready)")


_dispatcher = Dispatcher(send=_not_ready, drain=_not_ready)


def register_dispatcher(dispatcher: Dispatcher) -> None:
    global _dispatcher  # one per process, set when the app is ready
    _dispatcher = dispatcher


@contextmanager
def batched_dispatch() -> Iterator[None]:
    """Within this block, e-mails are collected, not rendered, and recorded with one INSERT when it
    ends (still inside the caller's transaction), and no task is queued per e-mail: the caller
    queues one drain after commit. Periodic jobs writing thousands of e-mails use it."""
    previous = getattr(_local, "batch", None)
    _local.batch = []
    try:
        yield
        rows: list[OutboxEmail] = _local.batch
        for language in {row.language for row in rows}:  # one translation override per language
            same = [row for row in rows if row.language == language and row.context is not None]
            encoded = [context_to_json(row.context, language) for row in same]  # type: ignore[arg-type]
            for row, context in zip(same, encoded, strict=True):
                row.context = context
        OutboxEmail.objects.bulk_create(rows, ignore_conflicts=True)  # dedupe keys stay unique
    finally:
        _local.batch = previous


STALE_CLAIM = timedelta(minutes=10)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def email_enqueue(
    *,
    to: str | list[str],
    template: str,
    context: Mapping[str, object],
    language: str = "pt-br",
    dedupe_key: str | None = None,
    thread: str | None = None,
) -> OutboxEmail | None:
    """Record an e-mail to send after the current transaction commits.

    `template` names `templates/emails/<template>_subject.txt`, `.txt` and `.html`.
    With a `dedupe_key` already used, nothing new is recorded (returns None): idempotent jobs.
    `thread`: the ticket number the e-mail is about (CHN-1); by default the context's `number`
    (every ticket e-mail carries it), so it threads per ticket and its reply comes back to it.
    `thread=""` says the e-mail belongs to no ticket.
    """
    if thread is None:
        number = context.get("number")
        thread = number if isinstance(number, str) and TICKET_NUMBER.fullmatch(number) else ""
    recipients = [to] if isinstance(to, str) else list(to)
    batch = getattr(_local, "batch", None)
    if batch is not None:  # rendered by the worker at send time; encoded when the batch ends
        row = OutboxEmail(
            to=recipients,
            subject="",
            body_text="",
            template=template,
            language=language,
            context=dict(context),
            dedupe_key=dedupe_key,
            thread=thread,
        )
        batch.append(row)
        return row
    rendered = render(template, context, language)
    return email_enqueue_rendered(
        to=recipients,
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        template=template,
        dedupe_key=dedupe_key,
        thread=thread,
    )


def email_enqueue_rendered(
    *,
    to: str | list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    template: str,
    dedupe_key: str | None = None,
    thread: str = "",
) -> OutboxEmail | None:
    """Record an already rendered e-mail (see `email_enqueue`). Inside `batched_dispatch()` the
    row is only collected (returned unsaved) and written when the block ends."""
    row = OutboxEmail(
        to=[to] if isinstance(to, str) else list(to),
        subject=" ".join(subject.split())[:250],
        body_text=body_text,
        body_html=body_html,
        template=template,
        dedupe_key=dedupe_key,
        thread=thread,
    )
    batch = getattr(_local, "batch", None)
    if batch is not None:
        batch.append(row)  # written by batched_dispatch() when its block ends
        return row
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        if dedupe_key and OutboxEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    transaction.on_commit(lambda: _dispatch(row.pk))
    return row


def _dispatch(outbox_id: int) -> None:
    try:
        _dispatcher.send(outbox_id)
    except Exception:  # broker down: the drain job will send it (OPS-2)
        logger.warning(
            "outbox: could not queue e-mail %s; the periodic drain will send it", outbox_id, exc_info=True
        )


def drain_after_commit() -> None:
    """Queue one drain after the current transaction commits (periodic jobs writing many e-mails
    inside `batched_dispatch`); if the broker is down, beat runs the drain again later (OPS-2)."""

    def drain() -> None:
        try:
            _dispatcher.drain()
        except Exception:
            logger.warning("outbox: could not queue the drain", exc_info=True)

    transaction.on_commit(drain)


def outbox_deliver(outbox_id: int) -> bool:
    """Send one pending e-mail once. Returns True when this call sent it.

    The row is claimed with a compare-and-set, so two workers never send the same e-mail.
    """
    now = timezone.now()
    claimed = OutboxEmail.objects.filter(
        Q(status=OutboxEmail.Status.PENDING)
        | Q(status=OutboxEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM),
        pk=outbox_id,
    ).update(status=OutboxEmail.Status.SENDING, claimed_at=now)
    if not claimed:
        return False
    row = OutboxEmail.objects.get(pk=outbox_id)
    try:
        if row.context is not None:  # a periodic job's e-mail: rendered now, by the worker
            _render_stored(row)
        outbox_message(row).send()
    except Exception as error:
        attempts = row.attempts + 1
        OutboxEmail.objects.filter(pk=row.pk).update(
            status=OutboxEmail.Status.FAILED if attempts >= MAX_ATTEMPTS else OutboxEmail.Status.PENDING,
            attempts=attempts,
            last_error=repr(error)[:2000],
            next_attempt_at=timezone.now() + _backoff(attempts),
        )
        raise
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now(), attempts=row.attempts + 1, last_error=""
    )
    return True


def _render_stored(row: OutboxEmail) -> None:
    """Render an e-mail stored as template + context (a periodic job's) and keep the result: a
    retried send sends the same text."""
    rendered = render(row.template, context_from_json(row.context or {}), row.language)
    row.subject, row.body_text, row.body_html, row.context = (
        rendered.subject,
        rendered.body_text,
        rendered.body_html,
        None,
    )
    OutboxEmail.objects.filter(pk=row.pk).update(
        subject=row.subject, body_text=row.body_text, body_html=row.body_html, context=None
    )


def outbox_message(row: OutboxEmail) -> EmailMultiAlternatives:
    """The e-mail of an outbox row: plain text with its HTML alternative and the headers that
    thread it (CHN-1). Its Message-ID is stable per row, so a retried send is the same message;
    a ticket e-mail names the ticket's thread root in In-Reply-To/References and, sent to one client
    (a contact or partner consultant), answers to that recipient's signed reply address."""
    domain = mail_domain()
    headers = {"Message-ID": f"<outbox-{row.pk}@{domain}>", "Auto-Submitted": "auto-generated"}
    reply_to: list[str] = []
    if row.thread:
        root = thread_message_id(row.thread)
        headers["In-Reply-To"] = root
        headers["References"] = root
        if len(row.to) == 1:
            user_id = (
                get_user_model()
                .objects.filter(email__iexact=row.to[0], role__in=REPLYING_ROLES, is_active=True)
                .values_list("pk", flat=True)
                .first()
            )
            if user_id is not None:
                reply_to = [reply_address(row.thread, user_id)]
    message = EmailMultiAlternatives(
        row.subject, row.body_text, settings.DEFAULT_FROM_EMAIL, row.to, headers=headers, reply_to=reply_to
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def outbox_due_ids(*, limit: int = 200) -> list[int]:
    now = timezone.now()
    return list(
        OutboxEmail.objects.filter(
            Q(status=OutboxEmail.Status.PENDING, next_attempt_at__isnull=True)
            | Q(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
