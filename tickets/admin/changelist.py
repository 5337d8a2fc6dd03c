"""The ticket queue of the back-office (TKT-5, SLA-5): sorted by SLA risk with a constant number of
queries whatever the page size; bulk actions call the services per ticket and report refusals.
Tickets are never added or deleted here: clients open them (TKT-2, ACC-4) and their history is
kept. The ticket page is the work page (tickets/admin/work.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Case, DateTimeField, F, IntegerField, Q, Value, When
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import SelectedRowsAdminMixin, count_message, run_for_each
from core.durations import Style, format_duration
from core.periods import format_local
from core.search import contains_folded, typed_digits
from sla.models import SEVERITY_ORDER

from .. import services
from ..deadlines import SlaState, sla_state
from ..models import Ticket
from ..presenters.sla import business_seconds_left
from ..selectors import ticket_number_in
from .badges import severity_html, sla_html, status_html
from .filters import AssigneeFilter, CompanyFilter, SlaFilter, StatusFilter, TeamFilter
from .forms import BulkAssignForm, BulkTransferForm
from .queue_page import CappedPaginator, QueueChangeList
from .work import TicketWorkPageMixin

# The order of `ticket_queue` (tickets/models/ticket.py); PostgreSQL's ascending index keeps NULLs last.
QUEUE_ORDERING = ["sla_rank", F("sla_due_at").asc(nulls_last=True), "created_at", "pk"]
BULK_LIMIT = 500  # each ticket is locked and changed by a service: keep a batch human-sized


@cache
def row_texts(language: str | None) -> dict[str, str]:
    """The words every row repeats, translated once per language (not 50 times a page)."""
    return {
        "queue": format_html('<span class="quiet">{}</span>', gettext("fila")),
        "overdue": gettext("Estourado há %(time)s úteis"),
        "left": gettext("%(time)s úteis até o prazo"),
    }


@admin.register(Ticket)
class TicketAdmin(SelectedRowsAdminMixin, TicketWorkPageMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "summary_short",
        "company_name",
        "status_badge",
        "severity_badge",
        "team",
        "assignee_name",
        "deadline",
        "time_left",
        "sla_badge",
    )
    list_display_links = ("number", "summary_short")
    list_filter = (
        StatusFilter,
        SlaFilter,
        AssigneeFilter,
        TeamFilter,
        "severity",
        "kind",
        "channel",
        CompanyFilter,
    )
    search_fields = ("=number", "summary", "company__trade_name", "company__legal_name", "company__cnpj")
    search_help_text = _("Número do chamado (vai direto a ele), palavras do resumo, nome ou CNPJ da empresa.")
    list_select_related = ("company", "team", "assignee")
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedPaginator
    show_facets = admin.ShowFacets.NEVER
    actions = ["assign_to_me", "assign_to", "transfer_to_team", "put_in_analysis", "reply_with_canned"]
    change_list_template = "admin/tickets/ticket/change_list.html"

    class Media:
        css = {"all": ("css/admin-tickets.css",)}

    def changelist_view(self, request, extra_context=None):
        jump = self._number_jump(request)
        if jump is not None:
            return jump
        # Ten columns need the width: the app menu stays one click away (breadcrumbs, "«").
        extra_context = {
            "title": _("Fila de chamados"),
            "is_nav_sidebar_enabled": False,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def _number_jump(self, request):
        """A searched ticket number goes straight to its work page (TKT-4, CHN-2); a number no
        ticket has stays an (empty) search, with a word saying so."""
        number = ticket_number_in(request.GET.get(SEARCH_VAR, "")) if request.method == "GET" else None
        if number is None:
            return None
        ticket = access.tickets_visible_to(request.user).filter(number=number).only("pk").first()
        if ticket is not None:
            return HttpResponseRedirect(reverse("admin:tickets_ticket_change", args=[ticket.pk]))
        self.message_user(
            request, _("Nenhum chamado tem o número %(number)s.") % {"number": number}, messages.WARNING
        )
        return None

    # Tickets are opened by clients (TKT-2, ACC-4) and their history is never deleted.
    def has_add_permission(self, request):
        return False

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        now = timezone.now()
        severity_rank = Case(
            *(When(severity=value, then=Value(rank)) for value, rank in SEVERITY_ORDER.items()),
            output_field=IntegerField(),
        )
        return (
            access.tickets_visible_to(request.user)
            .annotate(_sla_now=Value(now, output_field=DateTimeField()), _severity_rank=severity_rank)
            # One query for the page's distinct snapshots (usually one or two), for "time left".
            .prefetch_related("sla_snapshot")
        )

    def get_ordering(self, request):
        """SLA-5: breached first, then at risk, then the nearest deadline; paused and closed last.
        The stored rank (`Ticket.sla_rank`), so that the partial indexes `ticket_queue*` serve the
        open queue: an index scan that stops at the page, whatever the number of open tickets."""
        return QUEUE_ORDERING

    def get_search_results(self, request, queryset, search_term):
        """A ticket number (TKT-4) is exact, on the unique index (the page jumped to it already when
        it exists); digits otherwise are a whole or partial CNPJ, formatted or not, or the start of a
        number; words are looked up in the summary and the company's names, accents and case aside."""
        term = search_term.strip()
        if not term:
            return queryset, False
        number = ticket_number_in(term)
        if number is not None and queryset.filter(number=number).exists():
            return queryset.filter(number=number), False
        if digits := typed_digits(term):
            return queryset.filter(Q(company__cnpj__contains=digits) | Q(number__startswith=digits)), False
        return contains_folded(
            queryset, ("summary", "company__trade_name", "company__legal_name"), term
        ), False

    # --- Columns ------------------------------------------------------------------------------------------

    def _now(self, obj) -> datetime:
        return getattr(obj, "_sla_now", None) or timezone.now()

    def _state(self, obj) -> SlaState:
        # The badge says the state at this instant (the stored rank may lag the clock by one run
        # of the marking job, a minute at most).
        return sla_state(obj, self._now(obj))

    @admin.display(description=_("resumo"), ordering="summary")
    def summary_short(self, obj):
        return format_html('<span title="{}">{}</span>', obj.summary, Truncator(obj.summary).chars(70))

    @admin.display(description=_("empresa"), ordering="company__trade_name")
    def company_name(self, obj):
        return obj.company.trade_name

    @admin.display(description=_("situação"), ordering="status")
    def status_badge(self, obj):
        return status_html(obj, short=True)

    @admin.display(description=_("severidade"), ordering="_severity_rank")
    def severity_badge(self, obj):
        return severity_html(obj, short=True)

    @admin.display(description=_("responsável"), ordering="assignee__full_name")
    def assignee_name(self, obj):
        if obj.assignee is None:
            return row_texts(get_language())["queue"]
        return obj.assignee.full_name or obj.assignee.email

    @admin.display(description=_("prazo"), ordering="sla_due_at")
    def deadline(self, obj):
        if obj.sla_due_at is None:
            return "—"
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.sla_due_at.isoformat(),
            format_local(obj.sla_due_at, "%d/%m/%Y %H:%M:%S (Brasília)"),
            format_local(obj.sla_due_at, "%d/%m %H:%M"),
        )

    @admin.display(description=_("restante"))
    def time_left(self, obj):
        left = business_seconds_left(obj, self._now(obj))
        if left is None:
            return "—"
        texts = row_texts(get_language())
        if left < 0:
            return format_html(
                '<span class="tk-overdue" title="{}">−{}</span>',
                texts["overdue"] % {"time": format_duration(left, Style.CLOCK)},
                format_duration(left, Style.COMPACT),
            )
        return format_html(
            '<span title="{}">{}</span>',
            texts["left"] % {"time": format_duration(left, Style.CLOCK)},
            format_duration(left, Style.COMPACT),
        )

    @admin.display(description=_("SLA"), ordering="sla_rank")
    def sla_badge(self, obj):
        return sla_html(self._state(obj), short=True)

    # --- Bulk actions (services per ticket; refusals reported, the rest proceeds) ----------------------

    def _too_many(self, request, queryset) -> bool:
        if queryset.count() > BULK_LIMIT:
            self.message_user(
                request,
                _("Selecione no máximo %(limit)d chamados por vez.") % {"limit": BULK_LIMIT},
                messages.ERROR,
            )
            return True
        return False

    @admin.action(description=_("Atribuir a mim"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        if self._too_many(request, queryset):
            return
        run_for_each(
            self,
            request,
            queryset,
            lambda ticket: services.ticket_assign(actor=request.user, ticket=ticket, assignee=request.user),
            _("%(count)d chamado(s) atribuídos a você."),
        )

    @admin.action(description=_("Atribuir a…"), permissions=["change"])
    def assign_to(self, request, queryset):
        if self._too_many(request, queryset):
            return None
        form = BulkAssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            assignee = form.cleaned_data["assignee"]
            run_for_each(
                self,
                request,
                queryset,
                lambda ticket: services.ticket_assign(actor=request.user, ticket=ticket, assignee=assignee),
                count_message(
                    _("%(count)d chamado(s) atribuídos a %(name)s."),
                    name=assignee.full_name or assignee.email,
                ),
            )
            return None
        return self._action_page(
            request,
            queryset,
            form,
            action="assign_to",
            title=_("Atribuir chamados a um analista"),
            submit=_("Atribuir"),
        )

    @admin.action(description=_("Transferir para equipe…"), permissions=["change"])
    def transfer_to_team(self, request, queryset):
        if self._too_many(request, queryset):
            return None
        form = BulkTransferForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            team, reason = form.cleaned_data["team"], form.cleaned_data["reason"]
            run_for_each(
                self,
                request,
                queryset,
                lambda ticket: services.ticket_transfer(
                    actor=request.user, ticket=ticket, team=team, reason=reason
                ),
                count_message(_("%(count)d chamado(s) transferidos para %(name)s."), name=team.name),
            )
            return None
        return self._action_page(
            request,
            queryset,
            form,
            action="transfer_to_team",
            title=_("Transferir chamados para outra equipe"),
            submit=_("Transferir"),
            note=_("Os responsáveis atuais são liberados: os chamados vão para a fila da equipe de destino."),
        )

    @admin.action(description=_("Colocar em análise"), permissions=["change"])
    def put_in_analysis(self, request, queryset):
        if self._too_many(request, queryset):
            return
        run_for_each(
            self,
            request,
            queryset,
            lambda ticket: services.ticket_transition(
                actor=request.user, ticket=ticket, to_status=Ticket.Status.IN_ANALYSIS
            ),
            _("%(count)d chamado(s) colocados em análise."),
        )

    def _action_page(self, request, queryset, form, *, action, title, submit, note=""):
        """The intermediate page of an action that needs input (like Django's delete confirmation)."""
        tickets = list(queryset.select_related("company", "team", "assignee").order_by("number"))
        fieldsets = [(None, {"fields": list(form.fields)})]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": None,
            "tickets": tickets,
            "form": form,
            "adminform": helpers.AdminForm(form, fieldsets, {}),
            "action": action,
            "submit": submit,
            "note": note,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "form_url": request.get_full_path(),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/tickets/ticket/action_form.html", context)
