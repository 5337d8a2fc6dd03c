"""The phone desk's caller card (CHN-2, ACC-3, ACC-4, ACC-6): who is calling, found by CPF or
e-mail, with their company's financial status, their permissions and their open tickets.

Reads for staff only, in a constant number of queries whatever the number of callers or tickets:
the contacts, the partner consultants, the companies their units serve, and the open tickets (the
latest few per caller, with each caller's total, in one windowed query).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company, Contact, PartnerConsultant, User
from accounts.validators import cpf_is_valid, format_cpf, normalize_digits

from ..models import Ticket

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser

CPF_LIKE = re.compile(r"[\d.\-\s]+")
OPEN_TICKETS_SHOWN = 10  # per caller; the card says how many there are in all
MAX_CALLERS = 20  # a CPF is unique per company: a few matches at most, never a list to page


@dataclass
class Caller:
    """One person the term identifies: a client contact or a partner consultant."""

    user: User
    contact: Contact | None = None
    consultant: PartnerConsultant | None = None
    companies: list[Company] = field(default_factory=list)  # the contact's, or the unit's served ones
    open_tickets: list[Ticket] = field(default_factory=list)
    open_count: int = 0

    @property
    def is_active(self) -> bool:
        return self.user.is_active

    @property
    def cpf_display(self) -> str:
        record = self.contact or self.consultant
        return format_cpf(record.cpf) if record is not None and record.cpf else ""

    @property
    def phone(self) -> str:
        record = self.contact or self.consultant
        return record.phone if record is not None else ""

    @property
    def refusal(self) -> str:
        """Why no ticket can be opened in this caller's name (ACC-4, ACC-7), or ""."""
        if not self.user.is_active:
            return _("Contato inativo: não é possível abrir chamados em nome dele.")
        if self.contact is not None and not self.contact.can_open_tickets:
            return _(
                "Este contato não tem permissão para abrir chamados. O administrador da empresa "
                "pode concedê-la no portal."
            )
        if not any(company.is_active for company in self.companies):
            return _("Nenhuma empresa ativa para abrir chamados.")
        return ""


@dataclass
class CallerSearch:
    """What the analyst typed, how it was read ("cpf", "email" or ""), and who it found."""

    term: str = ""
    kind: str = ""
    value: str = ""  # the CPF's 11 digits or the e-mail in lower case
    error: str = ""
    callers: list[Caller] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return format_cpf(self.value) if self.kind == "cpf" else self.value


def read_caller_term(term: str) -> CallerSearch:
    """A CPF (with or without punctuation: its check digits are verified) or an e-mail address."""
    term = (term or "").strip()[:254]
    search = CallerSearch(term=term)
    if not term:
        return search
    if "@" in term:
        try:
            validate_email(term)
        except ValidationError:
            search.error = _("E-mail inválido: confira o endereço digitado.")
            return search
        search.kind, search.value = "email", term.lower()
        return search
    if CPF_LIKE.fullmatch(term):
        if not cpf_is_valid(term):
            search.error = _("CPF inválido: confira os 11 dígitos e os dígitos verificadores.")
            return search
        search.kind, search.value = "cpf", normalize_digits(term)
        return search
    search.error = _("Digite o CPF (11 dígitos, com ou sem pontuação) ou o e-mail de quem está ligando.")
    return search


def callers_search(user: AnyUser | None, term: str) -> CallerSearch:
    """The callers a CPF or e-mail identifies (ACC-3), for staff only; inactive ones included and
    shown as such (ACC-7)."""
    search = read_caller_term(term)
    if search.error or not search.kind or not access.is_staff(user):
        return search
    if search.kind == "cpf":
        contact_filter, consultant_filter = Q(cpf=search.value), Q(cpf=search.value)
    else:
        contact_filter = Q(user__email__iexact=search.value)
        consultant_filter = Q(user__email__iexact=search.value)
    search.callers = _callers(contact_filter, consultant_filter)
    return search


def phone_caller(user: AnyUser | None, person_id: int) -> Caller | None:
    """One caller by their user id (the opening page's link), or None."""
    if not access.is_staff(user):
        return None
    callers = _callers(Q(user_id=person_id), Q(user_id=person_id))
    return callers[0] if callers else None


def _callers(contact_filter: Q, consultant_filter: Q) -> list[Caller]:
    contacts = list(
        Contact.objects.filter(contact_filter, user__role=User.Role.CONTACT)
        .select_related("user", "company")
        .order_by("user__full_name", "pk")[:MAX_CALLERS]
    )
    served = Prefetch(
        "unit__companies", queryset=Company.objects.filter(is_active=True).order_by("trade_name")
    )
    consultants = list(
        PartnerConsultant.objects.filter(consultant_filter, user__role=User.Role.PARTNER)
        .select_related("user", "unit")
        .prefetch_related(served)
        .order_by("user__full_name", "pk")[:MAX_CALLERS]
    )
    callers = [Caller(user=c.user, contact=c, companies=[c.company]) for c in contacts]
    callers += [
        Caller(user=c.user, consultant=c, companies=list(c.unit.companies.all())) for c in consultants
    ]
    _attach_open_tickets(callers)
    return callers


def _attach_open_tickets(callers: list[Caller]) -> None:
    """The latest open tickets each caller requested, and how many, in one query."""
    if not callers:
        return
    by_user: defaultdict[int, list[Ticket]] = defaultdict(list)
    totals: dict[int, int] = {}
    rows = (
        Ticket.objects.filter(requester__in=[caller.user.pk for caller in callers])
        .exclude(status=Ticket.Status.CLOSED)
        .annotate(
            _row=Window(RowNumber(), partition_by=[F("requester_id")], order_by=F("created_at").desc()),
            _total=Window(Count("pk"), partition_by=[F("requester_id")]),
        )
        .filter(_row__lte=OPEN_TICKETS_SHOWN)
        .select_related("company")
        .only("number", "summary", "status", "created_at", "requester_id", "company__trade_name")
        .order_by("requester_id", "-created_at")
    )
    for ticket in rows:
        by_user[ticket.requester_id].append(ticket)
        totals[ticket.requester_id] = ticket._total
    for caller in callers:
        caller.open_tickets = list(by_user.get(caller.user.pk, []))
        caller.open_count = totals.get(caller.user.pk, 0)
