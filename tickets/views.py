"""Ticket pages of client contacts and partner consultants (TKT-1..10, SEV-1, SLA-1/5/7, ACC-3/6, TEN-2/3).

Thin views: input through forms, reads through tickets.selectors (another company's ticket is a
404), writes through tickets.services. Analysts work the tickets in the back-office; here they can
only download attachments (the back-office links to them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_GET

from accounts import selectors as account_selectors
from accounts.models import Company, User
from accounts.services import company_assert_can_download, contact_assert_can_open_ticket
from portal.exceptions import DomainError
from portal.views import add_domain_error
from sla import services as sla_services
from sla.models import Severity

from . import selectors, services
from .forms import CLOSED, OPEN, SeverityQuestionsForm, TicketFilterForm, TicketOpenForm, TicketReplyForm
from .forms_lifecycle import FollowUpForm, RejectForm
from .models import Message, Ticket, TicketEvent
from .templatetags.tickets_tags import br_datetime, duration

S = Ticket.Status
PAGE_SIZE = 25
SCOPE_MINE, SCOPE_COMPANY = "meus", "empresa"

SEVERITY_IN_WORDS = {
    Severity.CRITICAL: gettext_lazy(
        "A função não pode ser usada e o impacto na operação é crítico: não há contorno, "
        "ou há dados sendo corrompidos."
    ),
    Severity.HIGH: gettext_lazy(
        "A função pode ser usada, mas com restrições severas; pode exigir intervenção manual ou contorno."
    ),
    Severity.MEDIUM: gettext_lazy("A função pode ser usada com pequenas restrições; não é crítico."),
    Severity.LOW: gettext_lazy("Pouco impacto: ortografia, navegação ou exibição."),
}


# --- Who may use these pages -----------------------------------------------------------------------------


def _is_partner(user: User) -> bool:
    return user.role == User.Role.PARTNER and hasattr(user, "partner_consultant")


class ClientRequiredMixin(LoginRequiredMixin):
    """Pages of client contacts and partner consultants; staff are told where they work (403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contact = account_selectors.user_contact(request.user)
        self.is_partner = self.contact is None and _is_partner(request.user)
        if self.contact is None and not self.is_partner:
            raise PermissionDenied(
                _(
                    "Esta página é para contatos de empresas clientes e consultores de parceiros. "
                    "A equipe de atendimento trabalha os chamados no back-office."
                )
            )
        return super().dispatch(request, *args, **kwargs)


class OpeningMixin(ClientRequiredMixin):
    """Pages used to open a ticket: the company it is opened for, and the right to open it (ACC-4, TEN-3)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            contact = account_selectors.user_contact(request.user)
            if contact is not None:
                try:
                    contact_assert_can_open_ticket(contact=contact)
                except DomainError as error:
                    raise PermissionDenied(error.message) from error
        return super().dispatch(request, *args, **kwargs)

    def served_companies(self) -> list[Company]:
        return list(account_selectors.companies_visible_to(self.request.user).order_by("trade_name"))

    def opening_company(
        self, raw_id: str | None, *, companies: list[Company] | None = None
    ) -> Company | None:
        """A contact's own company; for a partner, the served company chosen (404 for any other one),
        the only one when the unit serves just one, or None while none is chosen."""
        if self.contact is not None:
            return self.contact.company
        companies = self.served_companies() if companies is None else companies
        if raw_id:
            for company in companies:
                if str(company.pk) == str(raw_id).strip():
                    return company
            raise Http404
        return companies[0] if len(companies) == 1 else None


# --- List ---------------------------------------------------------------------------------------------


class TicketListView(ClientRequiredMixin, View):
    """ "Meus chamados" / "Chamados da empresa" (ACC-3) with filters, search and pagination; htmx
    refreshes only the table. A page costs the same number of queries whatever its size."""

    template_name = "tickets/list.html"
    partial_template_name = "tickets/_ticket_table.html"

    def get(self, request):
        user = request.user
        can_see_company = self.is_partner or (
            self.contact.can_see_company_tickets or self.contact.is_company_admin
        )
        scope = request.GET.get("escopo", "")
        if not can_see_company:
            scope = SCOPE_MINE
        elif scope not in (SCOPE_MINE, SCOPE_COMPANY):
            scope = SCOPE_COMPANY if self.is_partner else SCOPE_MINE
        companies = self.served_companies_or_none()
        filters = TicketFilterForm(request.GET, companies=companies)
        filters.is_valid()
        state = filters.value("situacao")
        tickets = selectors.tickets_list(
            user,
            scope="mine" if scope == SCOPE_MINE else "",
            status=S.CLOSED if state == CLOSED else state,
            severity=filters.value("severidade"),
            kind=filters.value("tipo"),
            search=filters.value("q"),
            open_only=state == OPEN,
        )
        if companies is not None and filters.value("empresa"):
            tickets = tickets.filter(company_id=filters.value("empresa"))
        page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
        filtered = any(filters.value(name) for name in ("q", "situacao", "severidade", "tipo", "empresa"))
        context = {
            "page": page,
            "filters": filters,
            "filtered": filtered,
            "scope": scope,
            "can_see_company": can_see_company,
            "show_company": companies is not None,
            "can_open": self._can_open(),
            "now": timezone.now(),
        }
        template = self.partial_template_name if request.htmx else self.template_name
        return render(request, template, context)

    def served_companies_or_none(self) -> list[Company] | None:
        if not self.is_partner:
            return None
        return list(account_selectors.companies_visible_to(self.request.user).order_by("trade_name"))

    def _can_open(self) -> bool:
        return self.is_partner or self.contact.can_open_tickets


# --- Opening (TKT-1, TKT-2, SEV-1, ACC-6) ----------------------------------------------------------------


class TicketCreateView(OpeningMixin, View):
    template_name = "tickets/new.html"
    company_template_name = "tickets/new_company.html"

    def get(self, request):
        companies = None if self.contact else self.served_companies()
        company = self.opening_company(request.GET.get("empresa"), companies=companies)
        if company is None:
            return render(request, self.company_template_name, {"companies": companies})
        form = TicketOpenForm(company=company)
        return render(request, self.template_name, self._context(form, company, companies))

    def post(self, request):
        companies = None if self.contact else self.served_companies()
        company = self.opening_company(request.POST.get("empresa"), companies=companies)
        if company is None:
            return render(request, self.company_template_name, {"companies": companies}, status=400)
        form = TicketOpenForm(request.POST, request.FILES, company=company)
        if not form.is_valid():
            return render(request, self.template_name, self._context(form, company, companies), status=400)
        data = form.cleaned_data
        similar = selectors.tickets_similar_open(
            request.user, company_id=company.pk, summary=data["summary"], product_id=data["product"].pk
        )
        if similar and not data["not_duplicate"]:
            # TKT-1: nothing is created until the user says it is another occurrence.
            context = self._context(form, company, companies, similar=similar, confirm_duplicate=True)
            return render(request, self.template_name, context)
        try:
            ticket = services.ticket_open(
                actor=request.user,
                company=company,
                product=data["product"],
                routine=data["routine"],
                version=data["version"],
                environment=data["environment"],
                summary=data["summary"],
                description=data["description"],
                answers=form.answers(),
                kind=data["kind"],
                modality=data["modality"],
                environment_details=data["environment_details"],
                error_message=data["error_message"],
                particularities=data["particularities"],
                files=data["attachments"],
            )
        except DomainError as error:
            if error.code == "financial_pendency":
                form.add_error("kind", error.message)
            else:
                add_domain_error(form, error)
            return render(request, self.template_name, self._context(form, company, companies), status=400)
        messages.success(request, _opened_message(ticket))
        return HttpResponseRedirect(reverse("ticket-detail", kwargs={"number": ticket.number}))

    def _context(self, form, company, companies, *, similar=(), confirm_duplicate=False) -> dict:
        request = self.request
        answers = form.partial_answers() if form.is_bound else None
        _wire_htmx(form, partner=companies is not None)
        return {
            "form": form,
            "kind_hints": KIND_HINTS,
            "modality_hints": MODALITY_HINTS,
            "company": company,
            "companies": companies,
            "similar": similar,
            "confirm_duplicate": confirm_duplicate,
            "files_lost": form.is_bound and bool(request.FILES),
            "severity_preview": _severity_preview(company, answers) if answers else None,
        }


KIND_HINTS = [
    (Ticket.Kind.TECHNICAL, gettext_lazy("Dúvidas e problemas no uso do produto.")),
    (Ticket.Kind.ADMINISTRATIVE, gettext_lazy("Cadastro, contrato e acessos (Centro de Serviços, CST).")),
    (Ticket.Kind.FINANCIAL, gettext_lazy("Boletos, cobranças e notas fiscais (Centro de Serviços, CST).")),
]
MODALITY_HINTS = [
    (Ticket.Modality.STANDARD, gettext_lazy("Análise pela equipe de suporte, incluída no contrato.")),
    (
        Ticket.Modality.CONSULTANCY,
        gettext_lazy(
            "Consultoria por telefone, cobrada por minuto. Você recebe um termo para aceitar antes "
            "de qualquer cobrança."
        ),
    ),
]


def _wire_htmx(form: TicketOpenForm, *, partner: bool) -> None:
    """Dependent selects, duplicate warning: htmx attributes of the form's widgets."""
    company = ", [name=empresa]" if partner else ""
    options = reverse("ticket-catalogue-options")
    for name, wanted in (("routine", "rotina"), ("version", "versao")):
        form.fields[name].widget.attrs.update(
            {
                "hx-get": f"{options}?campo={wanted}",
                "hx-trigger": "change from:#id_product",
                "hx-include": f"#id_product{company}",
                "hx-target": "this",
                "hx-swap": "innerHTML",
            }
        )
    form.fields["summary"].widget.attrs.update(
        {
            "hx-get": reverse("ticket-similar"),
            "hx-trigger": "load, input changed delay:600ms, change from:#id_product",
            "hx-target": "#similar-tickets",
            "hx-include": f"#id_product{company}",
            "autocomplete": "off",
        }
    )


def _opened_message(ticket: Ticket) -> str:
    number = ticket.number
    if ticket.sla_due_at is None:
        return _("Chamado %(number)s aberto. Acompanhe o atendimento por esta página.") % {"number": number}
    if ticket.company.support_offer == Company.SupportOffer.PRIME:
        text = _(
            "Chamado %(number)s aberto. Prazo contratual de atendimento: %(due)s (horário de Brasília). "
            "Acompanhe o atendimento por esta página."
        )
    else:
        text = _(
            "Chamado %(number)s aberto. Previsão de atendimento: %(due)s (horário de Brasília). "
            "Acompanhe o atendimento por esta página."
        )
    return text % {"number": number, "due": br_datetime(ticket.sla_due_at)}


def _severity_preview(company: Company, answers: services.SeverityAnswers) -> dict:
    severity = services.severity_classify(answers)
    targets = sla_services.targets_for(
        company=company, severity=severity, on=timezone.localdate(timezone=sla_services.SAO_PAULO)
    )
    return {
        "severity": severity,
        "label": Severity(severity).label,
        "description": SEVERITY_IN_WORDS[severity],
        "response_hours": targets.response_hours,
    }


class CatalogueOptionsView(OpeningMixin, View):
    """The <option>s of the routine or version select for one product (htmx, read-only)."""

    def get(self, request):
        company = self.opening_company(request.GET.get("empresa"))
        wanted = request.GET.get("campo")
        items = []
        product_id = request.GET.get("product", "")
        chosen = bool(product_id.isdigit() and company is not None)
        if chosen and selectors.catalogue_products(company.pk).filter(pk=product_id).exists():
            if wanted == "versao":
                items = list(selectors.catalogue_versions(product_id))
            else:
                items = list(selectors.catalogue_routines(product_id))
        if wanted == "versao":
            empty = _("Selecione a versão") if chosen else _("Escolha o produto primeiro")
        else:
            empty = _("Selecione a rotina") if chosen else _("Escolha o produto primeiro")
        return render(request, "tickets/_catalogue_options.html", {"items": items, "empty_label": empty})


class SimilarTicketsView(OpeningMixin, View):
    """TKT-1 while the summary is typed: open tickets of the company that look the same (read-only)."""

    def get(self, request):
        company = self.opening_company(request.GET.get("empresa"))
        summary = request.GET.get("summary", "")[:200]
        product_id = request.GET.get("product", "")
        similar = []
        if company is not None and summary.strip():
            similar = selectors.tickets_similar_open(
                request.user,
                company_id=company.pk,
                summary=summary,
                product_id=int(product_id) if product_id.isdigit() else None,
            )
        return render(request, "tickets/_similar.html", {"similar": similar, "confirm_duplicate": False})


class SeverityPreviewView(OpeningMixin, View):
    """SEV-1: the severity the four answers give, shown before submitting (htmx, read-only)."""

    def get(self, request):
        company = self.opening_company(request.GET.get("empresa"))
        answers = SeverityQuestionsForm(request.GET).partial_answers()
        preview = _severity_preview(company, answers) if answers and company else None
        return render(request, "tickets/_severity_preview.html", {"severity_preview": preview})


# --- Detail, timeline and reply (TKT-6, TKT-7, SLA-1/5/7) -------------------------------------------------


@dataclass
class SlaExplanation:
    """The ticket's deadline in words (SLA-1, SLA-5, SLA-7)."""

    state: str  # ok, risk, breached, paused, closed
    headline: str
    details: list[str] = field(default_factory=list)
    note: str = ""


def _sla_explanation(ticket: Ticket, sla, calendar_name: str) -> SlaExplanation:
    target = sla.current
    contractual = sla.targets_source == "prime" or ticket.company.support_offer == Company.SupportOffer.PRIME
    maintenance = sla.active == "maintenance"
    severity = ticket.get_severity_display()
    if maintenance:
        goal = _(
            "Meta de %(target)s para severidade %(severity)s no calendário %(calendar)s, "
            "contados desde a abertura do chamado"
        )
    else:
        goal = _("Meta de %(target)s para severidade %(severity)s no calendário %(calendar)s")
    goal %= {"target": target.target_text, "severity": severity, "calendar": calendar_name}
    used = duration(target.consumed_seconds)
    if target.left_seconds >= 0:
        usage = _("usadas %(used)s, restam %(left)s.") % {"used": used, "left": duration(target.left_seconds)}
    else:
        usage = _("usadas %(used)s, %(over)s além da meta.") % {
            "used": used,
            "over": duration(-target.left_seconds),
        }
    details = [f"{goal}; {usage}"]
    if contractual:
        note = _("Prazo contratual do seu suporte Prime (SLA), em horas úteis do calendário de atendimento.")
    else:
        note = _(
            "Suporte Standard: a data é uma previsão de atendimento, não um compromisso contratual. "
            "Ela pode mudar se a severidade for reclassificada, e o tempo em que o chamado aguarda você "
            "não conta."
        )

    if ticket.is_closed:
        closed_at = br_datetime(ticket.closed_at) if ticket.closed_at else ""
        headline = _("Chamado encerrado em %(when)s (horário de Brasília).") % {"when": closed_at}
        if target.left_seconds >= 0:
            details = [
                _("Atendido dentro da meta de %(target)s (usadas %(used)s).")
                % {"target": target.target_text, "used": used}
            ]
        else:
            details = [
                _("Encerrado depois da meta de %(target)s (usadas %(used)s).")
                % {"target": target.target_text, "used": used}
            ]
        return SlaExplanation("closed", headline, details)

    if target.paused:
        if ticket.status == S.AWAITING_VALIDATION:
            headline = _(
                "O relógio está parado enquanto aguardamos a sua validação da solução proposta: "
                "o tempo de espera não conta no prazo."
            )
        else:
            headline = _(
                "O relógio está parado enquanto aguardamos a sua resposta: "
                "o tempo de espera não conta no prazo."
            )
        details.append(_("Uma nova data aparece aqui assim que o chamado voltar para análise."))
        return SlaExplanation("paused", headline, details, note)

    due = br_datetime(target.due_at)
    if maintenance:
        label = _("Prazo contratual de manutenção") if contractual else _("Previsão de manutenção")
    else:
        label = _("Prazo contratual de atendimento") if contractual else _("Previsão de atendimento")
    if target.breached:
        headline = _("%(label)s: %(due)s (horário de Brasília) — prazo ultrapassado.") % {
            "label": label,
            "due": due,
        }
        details.append(_("O chamado continua em atendimento; pedimos desculpas pela demora."))
        return SlaExplanation("breached", headline, details, note)
    headline = _("%(label)s: %(due)s (horário de Brasília).") % {"label": label, "due": due}
    if maintenance:
        details.insert(0, _("O chamado foi encaminhado à manutenção do produto (desenvolvimento)."))
    if target.at_risk:
        details.append(_("Atenção: resta menos de 20 % do prazo."))
        return SlaExplanation("risk", headline, details, note)
    return SlaExplanation("ok", headline, details, note)


@dataclass
class TimelineEntry:
    at: datetime
    message: Message | None = None
    event: TicketEvent | None = None
    text: str = ""
    reason: str = ""
    icon: str = "bi-circle"


def _status_label(value: str) -> str:
    return S(value).label if value in S.values else value


def _severity_label(value: str) -> str:
    return Severity(value).label if value in Severity.values else value


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return _("o sistema (automático)")
    if actor.is_staff:
        return _("%(name)s (equipe de atendimento)") % {"name": actor.full_name}
    return actor.full_name


def _event_entry(event: TicketEvent, public_reasons: set) -> TimelineEntry:
    who = _actor_label(event.actor)
    reason = event.reason
    kind = event.kind
    if kind == TicketEvent.Kind.OPENED:
        return TimelineEntry(
            event.created_at,
            event=event,
            text=_("Chamado aberto por %(who)s.") % {"who": who},
            icon="bi-flag",
        )
    if kind == TicketEvent.Kind.STATUS:
        values = {"from": _status_label(event.from_value), "to": _status_label(event.to_value), "who": who}
        if event.actor is None:
            text = _("Situação alterada automaticamente de “%(from)s” para “%(to)s”.") % values
        else:
            text = _("Situação alterada de “%(from)s” para “%(to)s” por %(who)s.") % values
        if (event.created_at, event.actor_id, reason) in public_reasons:
            reason = ""  # the analyst's reason is the message right next to it
        return TimelineEntry(
            event.created_at, event=event, text=text, reason=reason, icon="bi-arrow-left-right"
        )
    if kind == TicketEvent.Kind.SEVERITY:
        text = _("Severidade reclassificada de %(from)s para %(to)s por %(who)s.") % {
            "from": _severity_label(event.from_value),
            "to": _severity_label(event.to_value),
            "who": who,
        }
        return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-speedometer2")
    if kind == TicketEvent.Kind.TRANSFER:
        text = _("Chamado transferido da equipe %(from)s para a equipe %(to)s por %(who)s.") % {
            "from": event.from_value,
            "to": event.to_value,
            "who": who,
        }
        return TimelineEntry(
            event.created_at, event=event, text=text, reason=reason, icon="bi-signpost-split"
        )
    if kind == TicketEvent.Kind.ASSIGNMENT:
        if event.to_value:
            text = _("Analista responsável: %(name)s.") % {"name": event.to_value}
        else:
            text = _("O chamado voltou para a fila da equipe.")
        return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-person-check")
    if kind == TicketEvent.Kind.POSTPONED:
        try:
            until = br_datetime(datetime.fromisoformat(event.to_value))
        except ValueError:
            until = event.to_value
        text = _("Validação adiada até %(when)s por %(who)s.") % {"when": until, "who": who}
        return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-calendar-plus")
    # A kind added later still shows in the history, with its label.
    text = _("%(what)s, por %(who)s.") % {"what": event.get_kind_display(), "who": who}
    return TimelineEntry(event.created_at, event=event, text=text, reason=reason, icon="bi-dot")


def _timeline(messages_: list[Message], events: list[TicketEvent]) -> list[TimelineEntry]:
    """Messages and history events in time order; at the same instant the message comes first."""
    public_reasons = {(m.created_at, m.author_id, m.body) for m in messages_ if not m.is_internal}
    entries = [TimelineEntry(m.created_at, message=m) for m in messages_]
    entries += [_event_entry(event, public_reasons) for event in events]
    entries.sort(key=lambda entry: entry.at)  # stable: messages before events at equal instants
    return entries


class TicketDetailView(ClientRequiredMixin, View):
    """The ticket with its forecast in words, the timeline and the reply form (constant queries)."""

    template_name = "tickets/detail.html"

    def get(self, request, number: str):
        ticket = selectors.ticket_get(request.user, number)
        return render(request, self.template_name, detail_context(request, ticket, TicketReplyForm()))


def detail_context(request, ticket: Ticket, reply_form: TicketReplyForm) -> dict:
    user = request.user
    events = list(selectors.ticket_events(ticket))
    # The history the SLA counts pauses from, taken from the events already loaded (SLA-4).
    history = [(ticket.created_at, S.NEW)] + [
        (event.created_at, event.to_value) for event in events if event.kind == TicketEvent.Kind.STATUS
    ]
    sla = services.ticket_sla(ticket, history=history)
    calendar_name = ticket.sla_snapshot.calendar.name
    messages_ = list(selectors.ticket_messages(user, ticket))
    follow_ups = []
    if ticket.is_closed:
        follow_ups = list(
            selectors.tickets_visible_to(user).filter(follow_up_of=ticket).only("number", "summary", "status")
        )
    return {
        "original": ticket.follow_up_of if ticket.follow_up_of_id else None,
        "follow_ups": follow_ups,
        "reject_form": RejectForm(),
        "follow_up_form": FollowUpForm(),
        "ticket": ticket,
        "sla": _sla_explanation(ticket, sla, calendar_name),
        "timeline": _timeline(messages_, events),
        "opening_attachments": list(selectors.ticket_opening_attachments(ticket)),
        "download_blocked": not user.is_analyst and ticket.company.has_financial_pendency,
        "reply_form": reply_form,
        "files_lost": reply_form.is_bound and bool(request.FILES),
        "show_company": not account_selectors.user_contact(user),
    }


class TicketReplyView(ClientRequiredMixin, View):
    """POST a message (TKT-7); on "Pendência do cliente" the ticket goes back to analysis."""

    http_method_names = ["post"]

    def post(self, request, number: str):
        ticket = selectors.ticket_get(request.user, number)
        form = TicketReplyForm(request.POST, request.FILES)
        if form.is_valid():
            waiting = ticket.status in (S.PENDING_CLIENT, S.AWAITING_VALIDATION)
            try:
                message = services.ticket_reply(
                    actor=request.user,
                    ticket=ticket,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if message.ticket_id != ticket.pk:
                    # TKT-9: the ticket closed before the reply arrived; it never reopens, and the
                    # service turned the words into a follow-up with a new number.
                    follow_up = message.ticket
                    messages.info(
                        request,
                        _(
                            "O chamado %(original)s foi encerrado e não pode ser reaberto. Sua mensagem "
                            "abriu o acompanhamento %(number)s."
                        )
                        % {"original": ticket.number, "number": follow_up.number},
                    )
                    return HttpResponseRedirect(reverse("ticket-detail", kwargs={"number": follow_up.number}))
                if waiting:
                    messages.success(
                        request,
                        _(
                            "Resposta enviada. O chamado voltou para análise e o relógio do prazo "
                            "voltou a contar."
                        ),
                    )
                else:
                    messages.success(request, _("Mensagem enviada."))
                url = reverse("ticket-detail", kwargs={"number": ticket.number})
                return HttpResponseRedirect(f"{url}#mensagem-{message.pk}")
        return render(
            request, TicketDetailView.template_name, detail_context(request, ticket, form), status=400
        )


# --- Attachments (TKT-10, ACC-6) -------------------------------------------------------------------------


@login_required
@require_GET
def attachment_download(request, pk: int):
    """Serve a file after the same check as its ticket (404 otherwise), never rendered inline."""
    attachment = selectors.attachment_get(request.user, pk)
    if not request.user.is_analyst:
        try:
            company_assert_can_download(company=attachment.ticket.company)
        except DomainError as error:
            raise PermissionDenied(error.message) from error
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
