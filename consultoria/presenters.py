"""A consultancy in words for the portal (CON-3, CON-4, CON-6): its status as the client reads it,
who pays, the term's figures, an entry's times and a leader's correction. Presentation only: the
amounts come from consultoria/billing.py through the selectors, who may act from accounts/access."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.periods import format_local

from .models import Consultancy, TimeEntry, TimeEntryCorrection

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

C = Consultancy.Status

# The status as the client reads it (the model's labels are the back-office's words).
CLIENT_STATUS: dict[str, StrOrPromise] = {
    C.REQUESTED: gettext_lazy("Em análise pela equipe de atendimento"),
    C.REFUSED: gettext_lazy("Não aprovada"),
    C.OFFERED: gettext_lazy("Termo aguardando resposta"),
    C.DECLINED: gettext_lazy("Termo recusado: o chamado voltou ao suporte padrão"),
    C.ACCEPTED: gettext_lazy("Termo aceito: em atendimento"),
    C.FINISHED: gettext_lazy("Concluída"),
}
STATUS_BADGES: dict[str, str] = {
    C.OFFERED: "text-bg-warning",
    C.ACCEPTED: "text-bg-success",
    C.FINISHED: "text-bg-secondary",
    C.DECLINED: "text-bg-light border",
}


def status_text(consultancy: Consultancy) -> str:
    return str(CLIENT_STATUS.get(consultancy.status, consultancy.get_status_display()))


def status_badge(consultancy: Consultancy) -> str:
    return STATUS_BADGES.get(consultancy.status, "text-bg-light border")


def payer_text(consultancy: Consultancy) -> str:
    """Who pays (CON-4): the client company, or the partner unit (then nothing is charged to the client)."""
    if consultancy.payer == Consultancy.Payer.UNIT and consultancy.payer_unit is not None:
        return _("A unidade parceira %(unit)s (nada é cobrado da empresa cliente)") % {
            "unit": consultancy.payer_unit.name
        }
    return _("A empresa cliente (%(company)s)") % {"company": consultancy.ticket.company.trade_name}


def percent_text(value: Decimal) -> str:
    """14,25 % (no trailing zeros, decimal comma)."""
    return f"{value.normalize():f}".replace(".", ",") + " %"


def minimum_text(minutes: int) -> str:
    if not minutes:
        return _("Sem mínimo")
    return _("%(n)d minutos por sessão") % {"n": minutes}


def interval_text(started_at: datetime, ended_at: datetime) -> str:
    """10/11/2026 09:00–09:20 in Brasília time."""
    return f"{format_local(started_at)}–{format_local(ended_at, '%H:%M')}"


def entry_interval(entry: TimeEntry) -> str:
    return interval_text(entry.started_at, entry.ended_at)


def correction_text(correction: TimeEntryCorrection) -> str:
    """“corrigido por Júlia Lima em 11/11/2026 09:00: antes 10/11/2026 09:00–09:20, 20 min, “…””."""
    return _("corrigido por %(who)s em %(when)s: antes %(interval)s, %(minutes)d min, “%(what)s”") % {
        "who": correction.corrected_by.full_name,
        "when": format_local(correction.corrected_at),
        "interval": interval_text(correction.old_started_at, correction.old_ended_at),
        "minutes": correction.old_minutes,
        "what": correction.old_description,
    }
