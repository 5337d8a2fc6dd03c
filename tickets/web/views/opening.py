"""Opening a ticket (TKT-1, TKT-2, SEV-1, ACC-6) and its htmx helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.models import Company, User
from core.errors import DomainError
from core.forms import add_domain_error
from core.ids import as_id
from core.periods import format_local, local_today
from sla import services as sla_services
from sla.models import Severity

from ... import selectors, services
from ...models import Ticket
from ..forms import SeverityQuestionsForm, TicketOpenForm
from ..mixins import OpeningMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# SEV-1: the answer that decided the severity, in the client's words (the same decision as the ticket's).
REASON_IN_WORDS: dict[str, StrOrPromise] = {
    services.SeverityReason.DATA_CORRUPTION: gettext_lazy(
        "Você respondeu que há dados sendo gravados errados ou corrompidos: isso basta para a "
        "severidade crítica, mesmo que a função possa ser usada."
    ),
    services.SeverityReason.UNUSABLE_NO_WORKAROUND: gettext_lazy(
        "Você respondeu que a função não pode ser usada e que não há solução de contorno: "
        "o impacto na operação é crítico."
    ),
    services.SeverityReason.UNUSABLE_WITH_WORKAROUND: gettext_lazy(
        "Você respondeu que a função não pode ser usada, mas que existe uma solução de contorno: "
        "restrição severa, que exige intervenção manual ou contorno."
    ),
    services.SeverityReason.COSMETIC: gettext_lazy(
        "Você respondeu que a função pode ser usada e que o problema é só visual (texto, navegação "
        "ou exibição): pouco impacto."
    ),
    services.SeverityReason.USABLE: gettext_lazy(
        "Você respondeu que a função pode ser usada, sem dados corrompidos e não só visual: "
        "pequenas restrições, não é crítico."
    ),
}

# --- Opening (TKT-1, TKT-2, SEV-1, ACC-6) ----------------------------------------------------------------


class TicketCreateView(OpeningMixin, View):
    template_name = "tickets/new.html"
    company_template_name = "tickets/new_company.html"

    def get(self, request):
        companies = None if self.contact else self.served_companies()
        company = self.opening_company(request.GET.get("empresa"), companies=companies)
        if company is None:
            return render(request, self.company_template_name, {"companies": companies})
        # `?resumo=` prefills the summary (the link of the reply to an e-mail that opened no ticket).
        form = TicketOpenForm(company=company, initial={"summary": request.GET.get("resumo", "")[:200]})
        return render(request, self.template_name, self._context(form, company, companies))

    def post(self, request):
        companies = None if self.contact else self.served_companies()
        company = self.opening_company(request.POST.get("empresa"), companies=companies)
        if company is None:
            return render(request, self.company_template_name, {"companies": companies}, status=400)
        form = TicketOpenForm(request.POST, request.FILES, company=company)
        valid = form.is_valid()
        # TKT-10: the files chosen survive a round trip (a browser never re-sends them), kept server-side.
        staged = self._stage(form, request)
        if not valid or form.errors:
            return render(
                request,
                self.template_name,
                self._context(form, company, companies, staged=staged),
                status=400,
            )
        data = form.cleaned_data
        similar = selectors.tickets_similar_open(
            request.user,
            company_id=company.pk,
            summary=data["summary"],
            product_id=data["product"].pk if data.get("product") else None,
        )
        if similar and not data["not_duplicate"]:
            # TKT-1: nothing is created until the user says it is another occurrence.
            context = self._context(
                form, company, companies, similar=similar, confirm_duplicate=True, staged=staged
            )
            return render(request, self.template_name, context)
        try:
            files = services.uploads_restore(staged, actor=request.user) if staged else []
            ticket = services.ticket_open(
                actor=request.user,
                company=company,
                product=data.get("product"),
                routine=data.get("routine"),
                version=data.get("version"),
                environment=data.get("environment") or "",
                subject=data.get("subject") or "",
                summary=data["summary"],
                description=data["description"],
                answers=None if form.is_cst else form.answers(),
                kind=data["kind"],
                modality=data.get("modality") or Ticket.Modality.STANDARD,
                environment_details=data["environment_details"],
                error_message=data["error_message"],
                particularities=data["particularities"],
                files=files,
            )
        except DomainError as error:
            if error.code == "financial_pendency":
                form.add_error("kind", error.message)
            else:
                add_domain_error(form, error)
            context = self._context(form, company, companies, staged=staged)
            return render(request, self.template_name, context, status=400)
        if staged:
            services.uploads_discard(staged, actor=request.user)
        messages.success(request, _opened_message(ticket))
        return HttpResponseRedirect(reverse("ticket-detail", kwargs={"number": ticket.number}))

    def _stage(self, form: TicketOpenForm, request) -> str:
        """The token of the files kept so far: the earlier ones plus those of this request."""
        kept = request.POST.get("staged_files", "")
        new = request.FILES.getlist("attachments")
        if not new:
            return kept if kept and services.uploads_staged_names(kept, actor=request.user) else ""
        try:
            return services.uploads_stage(new, actor=request.user, keep=kept)
        except DomainError as error:
            add_domain_error(form, error)
            return kept

    def _context(self, form, company, companies, *, similar=(), confirm_duplicate=False, staged="") -> dict:
        request = self.request
        answers = form.partial_answers() if form.is_bound and not form.is_cst else None
        _wire_htmx(form, partner=companies is not None, confirm_duplicate=confirm_duplicate)
        return {
            "form": form,
            "kind_hints": KIND_HINTS,
            "modality_hints": MODALITY_HINTS,
            "company": company,
            "companies": companies,
            "similar": similar,
            "confirm_duplicate": confirm_duplicate,
            "staged_files": staged,
            "staged_names": services.uploads_staged_names(staged, actor=cast("User", request.user))
            if staged
            else [],
            "cst_kinds": ",".join(sorted(services.CST_KINDS)),
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


def _wire_htmx(form: TicketOpenForm, *, partner: bool, confirm_duplicate: bool = False) -> None:
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
            # Not on load once the duplicate warning lists them: the list is shown once.
            "hx-trigger": ("" if confirm_duplicate else "load, ")
            + "input changed delay:600ms, change from:#id_product",
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
    return text % {"number": number, "due": format_local(ticket.sla_due_at)}


def _severity_preview(company: Company, answers: services.SeverityAnswers) -> dict:
    decision = services.severity_decide(answers)
    severity = decision.severity
    targets = sla_services.targets_for(company=company, severity=severity, on=local_today())
    return {
        "severity": severity,
        "reason": decision.reason.value,
        "label": Severity(severity).label,
        "description": REASON_IN_WORDS[decision.reason],
        "response_hours": targets.response_hours,
    }


class CatalogueOptionsView(OpeningMixin, View):
    """The <option>s of the routine or version select for one product (htmx, read-only)."""

    def get(self, request):
        company = self.opening_company(request.GET.get("empresa"))
        wanted = request.GET.get("campo")
        items = []
        product_id = as_id(request.GET.get("product"))
        chosen = product_id is not None and company is not None
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
                product_id=as_id(product_id),
            )
        return render(request, "tickets/_similar.html", {"similar": similar, "confirm_duplicate": False})


class SeverityPreviewView(OpeningMixin, View):
    """SEV-1: the severity the four answers give, shown before submitting (htmx, read-only)."""

    def get(self, request):
        company = self.opening_company(request.GET.get("empresa"))
        answers = SeverityQuestionsForm(request.GET).partial_answers()
        preview = _severity_preview(company, answers) if answers and company else None
        return render(request, "tickets/_severity_preview.html", {"severity_preview": preview})
