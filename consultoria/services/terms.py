"""The consultancy term (CON-3, CON-4, ACC-5): rendered from the current version of its variant's
template with the price per minute, the minimum, the taxes, the modality and who pays; accepted
only by who may (a contact with the consultancy permission, or the partner consultant who asked),
with the exact text, version, who, when and from which address frozen; or declined with a reason,
which returns the ticket to standard support."""

from __future__ import annotations

import re
from datetime import datetime
from string import Template

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import PartnerUnit, User
from core.errors import DomainError
from core.money import brl
from core.periods import local
from tickets.models import Ticket

from ..events import consultancy_event
from ..locks import consultancy_lock
from ..models import Consultancy, Term, TermTemplate
from ..notifications import notify_term_answered, notify_term_offered
from ..selectors import rate_on, tax_on, term_template_current
from ..workflow import check_move

C = Consultancy.Status
ROLE = access.ActorRole
MODULE_PREFIX = "[CONSULTORIA DO MODULO]"  # CON-5: a module-consultancy ticket's text starts with it

VARIANT_OF_UNIT: dict[str, str] = {
    PartnerUnit.Kind.UNIT: TermTemplate.Variant.UNIT,
    PartnerUnit.Kind.PROJECT: TermTemplate.Variant.PROJECT,
    PartnerUnit.Kind.CERTIFIED: TermTemplate.Variant.CERTIFIED,
    PartnerUnit.Kind.AMS: TermTemplate.Variant.AMS,
}


def term_variant(consultancy: Consultancy) -> str:
    """The end client's term, or the unit's kind's when a partner unit pays (CON-3)."""
    if consultancy.payer == Consultancy.Payer.UNIT and consultancy.payer_unit is not None:
        return VARIANT_OF_UNIT[consultancy.payer_unit.kind]
    return TermTemplate.Variant.END_CLIENT


def _payer_text(consultancy: Consultancy) -> str:
    if consultancy.payer == Consultancy.Payer.UNIT and consultancy.payer_unit is not None:
        return _("a unidade %(unit)s (nada é cobrado da empresa cliente)") % {
            "unit": consultancy.payer_unit.name
        }
    return consultancy.ticket.company.legal_name


def term_offer(consultancy: Consultancy, *, now: datetime) -> Term:
    """Render and send the term (inside the caller's transaction, the consultancy locked)."""
    day = local(now).date()
    rate = rate_on(consultancy.modality, day)
    tax = tax_on(day)
    template = term_template_current(term_variant(consultancy))
    if rate is None or tax is None or template is None:
        raise DomainError(
            _("Falta configurar a tarifa, os impostos ou o modelo de termo desta consultoria."),
            code="consultancy_not_configured",
        )
    minimum = consultancy.modality.minimum_minutes
    text = Template(template.body).safe_substitute(
        modalidade=str(consultancy.modality),
        preco_por_minuto=brl(rate.price_per_minute),
        minimo=_("%(n)d minutos por sessão") % {"n": minimum} if minimum else _("sem mínimo"),
        impostos=f"{tax.percentage.normalize():f} %".replace(".", ","),
        pagador=_payer_text(consultancy),
        chamado=consultancy.ticket.number,
        empresa=consultancy.ticket.company.legal_name,
    )
    text = re.sub(r"(?<=\w)\.\.(?=\s|$)", ".", text)  # "… Ltda." closing a sentence: one period
    term = Term.objects.create(
        consultancy=consultancy,
        template=template,
        text=f"{template.title}\n\n{text}",
        rate=rate,
        price_per_minute=rate.price_per_minute,
        minimum_minutes=minimum,
        tax_percentage=tax.percentage,
        offered_at=now,
    )
    consultancy.status = C.OFFERED
    consultancy.save(update_fields=["status"])
    consultancy_event(consultancy, actor=None, now=now, to_value=C.OFFERED)
    notify_term_offered(consultancy)
    return term


@transaction.atomic
def term_accept(
    *, actor: User, consultancy: Consultancy, address: str | None = None, now: datetime | None = None
) -> Consultancy:
    """Only who may accept accepts (ACC-5); from now on the consultancy takes billable minutes."""
    now = now or timezone.now()
    consultancy = consultancy_lock(consultancy)
    access.require_term_acceptor(actor, consultancy)
    check_move(consultancy, C.ACCEPTED, ROLE.CLIENT)
    term = consultancy.term
    term.accepted_by, term.accepted_at, term.accepted_from = actor, now, address
    term.save(update_fields=["accepted_by", "accepted_at", "accepted_from"])
    consultancy.status = C.ACCEPTED
    consultancy.save(update_fields=["status"])
    ticket = consultancy.ticket
    ticket.modality = Ticket.Modality.CONSULTANCY
    fields = ["modality", "updated_at"]
    if consultancy.modality.code == consultancy.modality.Code.MODULE and not ticket.summary.startswith(
        MODULE_PREFIX
    ):
        ticket.summary = f"{MODULE_PREFIX} {ticket.summary}"[: Ticket._meta.get_field("summary").max_length]
        fields.append("summary")
    ticket.save(update_fields=fields)
    consultancy_event(consultancy, actor=actor, now=now, to_value=C.ACCEPTED)
    notify_term_answered(consultancy)
    return consultancy


@transaction.atomic
def term_decline(
    *, actor: User, consultancy: Consultancy, reason: str, now: datetime | None = None
) -> Consultancy:
    """Declining needs a reason and returns the ticket to standard support (CON-3)."""
    now = now or timezone.now()
    consultancy = consultancy_lock(consultancy)
    access.require_term_acceptor(actor, consultancy)
    check_move(consultancy, C.DECLINED, ROLE.CLIENT)
    if not reason.strip():
        raise DomainError(_("Diga por que o termo foi recusado."), field="reason", code="reason_required")
    term = consultancy.term
    term.declined_by, term.declined_at, term.decline_reason = actor, now, reason.strip()
    term.save(update_fields=["declined_by", "declined_at", "decline_reason"])
    consultancy.status = C.DECLINED
    consultancy.save(update_fields=["status"])
    ticket = consultancy.ticket
    if ticket.modality != Ticket.Modality.STANDARD:
        ticket.modality = Ticket.Modality.STANDARD
        ticket.save(update_fields=["modality", "updated_at"])
    consultancy_event(consultancy, actor=actor, now=now, to_value=C.DECLINED, reason=term.decline_reason)
    notify_term_answered(consultancy)
    return consultancy
