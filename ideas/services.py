"""Every write of the suggestion channel (SELF-5): a client proposes, supports once and withdraws
their support; an analyst moves a suggestion through its triage with a reason, kept as history,
and the proposer is told by e-mail (through the outbox, sent after commit)."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError
from outbox.services import email_enqueue
from tickets.models import Product

from .models import Suggestion, SuggestionStatusChange, SuggestionSupport

S = Suggestion.Status
TITLE_MAX = 150
DESCRIPTION_MAX = 5000


def _clean_text(value: str, *, field: str, label: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(_("Informe %(label)s.") % {"label": label}, field=field)
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s: no máximo %(n)s caracteres.") % {"label": label.capitalize(), "n": max_length},
            field=field,
        )
    return text


@transaction.atomic
def suggestion_propose(*, actor: User, product: Product, title: str, description: str) -> Suggestion:
    """A client proposes an improvement for one of the products their company uses."""
    access.require_suggestion_client(actor)
    if not access.suggestion_products_of(actor).filter(pk=product.pk).exists():
        raise DomainError(_("Escolha um dos produtos que a sua empresa usa."), field="product")
    contact = access.contact_of(actor)
    return Suggestion.objects.create(
        product=product,
        company_id=contact.company_id if contact is not None else None,
        proposer=actor,
        title=_clean_text(title, field="title", label=_("o título"), max_length=TITLE_MAX),
        description=_clean_text(
            description, field="description", label=_("a descrição"), max_length=DESCRIPTION_MAX
        ),
    )


def check_move(from_status: str, to_status: str, reason: str) -> str:
    """The triage's rule, for the service and the back-office form: an allowed move, with a reason."""
    if to_status not in S.values:
        raise DomainError(_("Situação desconhecida."), field="to_status")
    if to_status not in Suggestion.MOVES[from_status]:
        if from_status in Suggestion.FINAL:
            raise ConflictError(
                _("Sugestão %(status)s é definitiva: a situação não muda mais.")
                % {"status": S(from_status).label.lower()},
                code="suggestion_final",
            )
        raise ConflictError(
            _("Uma sugestão %(from)s não passa para %(to)s.")
            % {"from": S(from_status).label.lower(), "to": S(to_status).label.lower()},
            code="move_refused",
        )
    text = (reason or "").strip()
    if not text:
        raise DomainError(_("Informe o motivo da mudança: o proponente o recebe."), field="reason")
    return text


@transaction.atomic
def suggestion_move(
    *, actor: User, suggestion: Suggestion, to_status: str, reason: str, now: datetime | None = None
) -> Suggestion:
    """An analyst moves a suggestion (history kept); the proposer is told by e-mail."""
    access.require_staff(actor, _("Somente a equipe de atendimento faz a triagem das sugestões."))
    now = now or timezone.now()
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    text = check_move(locked.status, to_status, reason)
    SuggestionStatusChange.objects.create(
        suggestion=locked,
        from_status=locked.status,
        to_status=to_status,
        reason=text,
        actor=actor,
        created_at=now,
    )
    locked.status, locked.status_reason, locked.status_changed_at = to_status, text, now
    locked.save(update_fields=["status", "status_reason", "status_changed_at"])
    _notify_proposer(locked)
    return locked


def _notify_proposer(suggestion: Suggestion) -> None:
    proposer = User.objects.get(pk=suggestion.proposer_id)
    if not proposer.is_active or not proposer.email:
        return
    email_enqueue(
        to=proposer.email,
        template="ideas/status_changed",
        language=proposer.language,
        context={
            "name": proposer.get_short_name(),
            "title": suggestion.title,
            "status": S(suggestion.status).label,
            "reason": suggestion.status_reason,
            "path": f"/sugestoes/{suggestion.pk}/",
        },
    )


@transaction.atomic
def suggestion_support(*, actor: User, suggestion: Suggestion) -> Suggestion:
    """A client of the product supports the suggestion, once."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    access.require_may_support(actor, locked)
    try:
        with transaction.atomic():
            SuggestionSupport.objects.create(suggestion=locked, user=actor)
    except IntegrityError:
        raise ConflictError(_("Você já apoia esta sugestão."), code="already_supported") from None
    Suggestion.objects.filter(pk=locked.pk).update(support_count=F("support_count") + 1)
    locked.refresh_from_db(fields=["support_count"])
    return locked


@transaction.atomic
def suggestion_withdraw(*, actor: User, suggestion: Suggestion) -> Suggestion:
    """A client withdraws their support."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    access.require_may_support(actor, locked)
    deleted, _rows = SuggestionSupport.objects.filter(suggestion=locked, user=actor).delete()
    if not deleted:
        raise ConflictError(_("Você não apoia esta sugestão."), code="not_supported")
    Suggestion.objects.filter(pk=locked.pk).update(support_count=F("support_count") - 1)
    locked.refresh_from_db(fields=["support_count"])
    return locked
