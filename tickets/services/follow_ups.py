"""Follow-ups (TKT-9): a closed ticket never reopens; what comes next is a new ticket linked to it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError, ForbiddenError

from ..models import Ticket
from .opening import ticket_open
from .severity import SeverityAnswers

# A reply racing the job that closed its ticket (the page was open while the acceptance window
# ended) still becomes a follow-up under a financial pendency; a reply to a ticket closed longer ago
# meets the pendency like any new ticket (ACC-6).
REPLY_RACE = timedelta(minutes=30)


def _default_summary(actor: User, original: Ticket) -> str:
    """The follow-up's title when the client gave none, in their language (a reply by e-mail is
    read by a worker running in Portuguese)."""
    with translation.override(actor.language or None):
        return _("Acompanhamento do chamado %(number)s: %(summary)s") % {
            "number": original.number,
            "summary": original.summary,
        }


@transaction.atomic
def ticket_follow_up(
    *,
    actor: User,
    original: Ticket,
    body: str,
    summary: str = "",
    files: Iterable[UploadedFile[bytes]] = (),
    now: datetime | None = None,
    from_reply: bool = False,
    channel: str = Ticket.Channel.PORTAL,
) -> Ticket:
    """Open a follow-up of a closed ticket: a new number, linked both ways, with the original's
    product, routine, version and severity answers. The closed ticket never reopens.

    `from_reply`: the client wrote to a ticket that had just closed (ACP-4 racing a reply): their
    words become the follow-up, and within `REPLY_RACE` of the closing the financial guard does
    not stop them.
    """
    now = now or timezone.now()
    original = Ticket.objects.select_related("product", "routine", "version", "company").get(pk=original.pk)
    if access.ticket_actor_role(actor, original) != access.ActorRole.CLIENT:
        raise ForbiddenError(_("Somente o cliente abre acompanhamentos."))
    if not original.is_closed:
        raise ConflictError(
            _("Acompanhamentos são abertos a partir de chamados encerrados."), code="not_closed"
        )
    if not body.strip():
        raise DomainError(_("Descreva o que precisa no acompanhamento."), field="body")
    answers = SeverityAnswers(
        function_unusable=original.answer_function_unusable,
        has_workaround=original.answer_has_workaround,
        data_corruption=original.answer_data_corruption,
        cosmetic=original.answer_cosmetic,
    )
    follow_up = ticket_open(
        actor=actor,
        company=original.company,
        product=original.product,
        routine=original.routine,
        version=original.version,
        environment=original.environment,
        environment_details=original.environment_details,
        kind=original.kind,
        modality=original.modality,
        summary=summary.strip() or _default_summary(actor, original),
        description=body,
        answers=answers,
        files=files,
        now=now,
        follow_up_of=original,
        skip_financial_guard=from_reply
        and original.closed_at is not None
        and original.closed_at >= now - REPLY_RACE,
        channel=channel,
    )
    return follow_up
