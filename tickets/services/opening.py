"""Opening a ticket (TKT-1..4, SEV-1, SLA-1, ACC-4, ACC-6, TEN-3)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company, ProductLine, User
from consultoria.services.requests import consultancy_open_telephone
from core.errors import DomainError

from .. import deadlines
from ..attachments import check_uploads
from ..models import Product, ProductVersion, Routine, Team, Ticket, TicketEvent
from ..notifications import notify_requester
from .files import store_attachments
from .severity import SeverityAnswers, severity_classify

S = Ticket.Status

# Administrative and financial tickets (TKT-3, ACC-6) go to the service centre (CST): the client picks
# a subject instead of the product, routine, version and environment of a technical ticket. The
# subjects are the routines of the CST's own catalogue entry (created on first use), so routing,
# lists and statements treat them like any other ticket. Key -> stored name (Portuguese data).
CST_KINDS = frozenset({Ticket.Kind.ADMINISTRATIVE, Ticket.Kind.FINANCIAL})
CST_SUBJECTS: dict[str, str] = {
    "boleto": "Boleto: segunda via ou vencimento",
    "nota_fiscal": "Nota fiscal",
    "cobranca": "Cobrança ou pagamento",
    "cadastro": "Cadastro da empresa",
    "contrato": "Contrato",
    "senha": "Senha e acesso ao portal",
    "outro": "Outro assunto",
}
CST_LINE_SLUG, CST_LINE_NAME = "cst", "Centro de Serviços (CST)"
CST_TEAM_SLUG, CST_PRODUCT_NAME, CST_VERSION_NAME = "cst", "Centro de Serviços (CST)", "—"
# No technical impact questions: the CST's tickets take the middle severity of the table.
CST_ANSWERS = SeverityAnswers(
    function_unusable=False, has_workaround=False, data_corruption=False, cosmetic=False
)


def cst_catalogue(subject: str) -> tuple[Product, Routine, ProductVersion]:
    """The CST's catalogue entry for a subject (TKT-3): its product, the subject's routine, its version."""
    if subject not in CST_SUBJECTS:
        raise DomainError(_("Escolha o assunto do chamado."), field="subject")
    line, _created = ProductLine.objects.get_or_create(slug=CST_LINE_SLUG, defaults={"name": CST_LINE_NAME})
    team, _created = Team.objects.get_or_create(slug=CST_TEAM_SLUG, defaults={"name": CST_LINE_NAME})
    product, _created = Product.objects.get_or_create(
        line=line, name=CST_PRODUCT_NAME, defaults={"default_team": team}
    )
    routine, _created = Routine.objects.get_or_create(product=product, name=CST_SUBJECTS[subject])
    version, _created = ProductVersion.objects.get_or_create(product=product, name=CST_VERSION_NAME)
    return product, routine, version


def _new_number() -> str:
    # 8 random digits (not a sequence other companies could walk); uniqueness by the DB constraint.
    return f"{10_000_000 + secrets.randbelow(90_000_000)}"


def _check_catalogue(company: Company, product: Product, routine: Routine, version: ProductVersion) -> None:
    if not product.is_active:
        raise DomainError(_("Este produto não está disponível para chamados."), field="product")
    if not company.product_lines.filter(pk=product.line_id).exists():
        raise DomainError(_("Sua empresa não contratou a linha deste produto."), field="product")
    if routine.product_id != product.pk or not routine.is_active:
        raise DomainError(_("Escolha uma rotina do produto selecionado."), field="routine")
    if version.product_id != product.pk or not version.is_active:
        raise DomainError(_("Escolha uma versão do produto selecionado."), field="version")


@transaction.atomic
def ticket_open(
    *,
    actor: User,
    company: Company,
    summary: str,
    description: str,
    product: Product | None = None,
    routine: Routine | None = None,
    version: ProductVersion | None = None,
    environment: str = "",
    answers: SeverityAnswers | None = None,
    kind: str = Ticket.Kind.TECHNICAL,
    subject: str = "",
    modality: str = Ticket.Modality.STANDARD,
    environment_details: str = "",
    error_message: str = "",
    particularities: str = "",
    files: Iterable[UploadedFile[bytes]] = (),
    now: datetime | None = None,
    follow_up_of: Ticket | None = None,
    skip_financial_guard: bool = False,
    channel: str = Ticket.Channel.PORTAL,
    on_behalf_of: User | None = None,
) -> Ticket:
    """Open a ticket with its forecast (SLA-1): severity from the answers, team from the routine.

    `follow_up_of` links a follow-up to its closed original (TKT-9, see `ticket_follow_up`).
    `on_behalf_of`: staff register the ticket for a caller (the phone channel, CHN-2, ACC-4): the
    caller is the requester and gets the e-mails; `actor` is who registered it and opened it in
    the history. Without it, the actor opens in their own name.

    Administrative and financial tickets (TKT-3) may come with a `subject` (a key of
    `CST_SUBJECTS`) instead of product, routine, version, environment and answers: they go to the
    CST's catalogue entry, without an environment, at medium severity. A technical ticket needs the
    four (TKT-2) and the answers (SEV-1); consultancy is for technical tickets only (CON-1).
    """
    now = now or timezone.now()
    if on_behalf_of is None:
        requester = actor
        contact = access.ticket_opening_contact(actor, company)
    else:
        requester = on_behalf_of
        contact = access.ticket_opening_on_behalf(actor, on_behalf_of, company)
    if not skip_financial_guard:
        access.company_assert_can_open_ticket(company=company, kind=kind, for_staff=on_behalf_of is not None)
    if kind not in Ticket.Kind.values:
        raise DomainError(_("Tipo de chamado desconhecido."), field="kind")
    if channel not in Ticket.Channel.values:
        raise DomainError(_("Canal desconhecido."), field="channel")
    if modality not in Ticket.Modality.values:
        raise DomainError(_("Modalidade desconhecida."), field="modality")
    if kind in CST_KINDS and modality == Ticket.Modality.CONSULTANCY:
        raise DomainError(
            _("Consultoria é só para chamados técnicos; chamados administrativos e financeiros são do CST."),
            field="modality",
        )
    if not summary.strip() or not description.strip():
        raise DomainError(_("Informe o resumo e a descrição do problema."), field="summary")
    if kind in CST_KINDS and (subject or product is None):
        product, routine, version = cst_catalogue(subject)
        environment, answers = "", CST_ANSWERS
    elif kind in CST_KINDS and product is not None and product.line.slug == CST_LINE_SLUG:
        # A follow-up of a CST ticket (TKT-9) carries its subject's catalogue entry.
        if routine is None or version is None or routine.product_id != product.pk:
            raise DomainError(_("Escolha o assunto do chamado."), field="subject")
        environment, answers = "", answers or CST_ANSWERS
    else:
        if product is None or routine is None or version is None:
            raise DomainError(_("Informe o produto, a rotina e a versão."), field="product")
        if environment not in Ticket.Environment.values:
            raise DomainError(_("Ambiente desconhecido."), field="environment")
        if answers is None:
            raise DomainError(_("Responda às quatro perguntas sobre o impacto."), field="function_usable")
        _check_catalogue(company, product, routine, version)
    checked = check_uploads(files)

    ticket = Ticket(
        company=company,
        requester=requester,
        requester_contact=contact,
        kind=kind,
        modality=modality,
        product=product,
        routine=routine,
        version=version,
        environment=environment,
        environment_details=environment_details.strip(),
        summary=" ".join(summary.split()),
        description=description.strip(),
        error_message=error_message.strip(),
        particularities=particularities.strip(),
        answer_function_unusable=answers.function_unusable,
        answer_has_workaround=answers.has_workaround,
        answer_data_corruption=answers.data_corruption,
        answer_cosmetic=answers.cosmetic,
        severity=severity_classify(answers),
        status=S.NEW,
        team=routine.team or product.default_team,
        created_at=now,
        status_changed_at=now,
        follow_up_of=follow_up_of,
        channel=channel,
        registered_by=actor,
    )
    sla = deadlines.ticket_sla_compute(
        company=company, severity=ticket.severity, kind=kind, opened_at=now, history=[(now, S.NEW)], now=now
    )
    deadlines.apply_sla(ticket, sla)
    for _attempt in range(10):
        ticket.number = _new_number()
        try:
            with transaction.atomic():
                ticket.save(force_insert=True)
            break
        except IntegrityError:
            if not Ticket.objects.filter(number=ticket.number).exists():
                raise
            ticket.pk = None
    else:  # pragma: no cover - 10 collisions among 90 million numbers
        raise DomainError(_("Não foi possível numerar o chamado; tente de novo."))
    TicketEvent.objects.create(
        ticket=ticket, kind=TicketEvent.Kind.OPENED, actor=actor, created_at=now, to_value=S.NEW
    )
    store_attachments(ticket, checked, actor=actor, message=None, now=now)
    notify_requester(ticket, "tickets/opened", due_at=ticket.sla_due_at)
    if modality == Ticket.Modality.CONSULTANCY:
        # CON-1: telephone consultancy chosen at opening needs no approval; its term goes out now.
        consultancy_open_telephone(ticket=ticket, now=now)
    return ticket
