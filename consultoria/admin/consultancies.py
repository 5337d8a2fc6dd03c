"""The leaders' approval queue (CON-2) and the consultancy page: the Consultancy changelist opens on
the consultancies waiting for a leader; "Aprovar e enviar o termo" and "Recusar…" call the
services per row and report refusals. Analysts look (no actions). A consultancy is never added,
edited or deleted here: analysts ask on the ticket's work page, clients answer in the portal."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import SelectedRowsAdminMixin, run_for_each
from core.ids import as_id
from core.periods import format_local

from .. import selectors, services
from ..models import Consultancy
from ..workflow import BILLABLE_STATUSES
from .base import ConsultoriaModelAdmin
from .display import (
    payer_text,
    person,
    session_views,
    status_html,
    term_facts,
    term_of,
    ticket_link,
    totals_view,
)
from .forms import RefuseForm

C = Consultancy.Status


class StatusFilter(admin.SimpleListFilter):
    """The leaders' queue unless another status is chosen; a search looks at every status."""

    title = _("situação")
    parameter_name = "situacao"
    ALL = "todas"

    def lookups(self, request, model_admin):
        return [
            *((value, label) for value, label in C.choices if value != C.REQUESTED),
            (self.ALL, _("Todas")),
        ]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Todas (pesquisa)") if changelist.query else C.REQUESTED.label,
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value in C.values:
            return queryset.filter(status=value)
        if value is None and not request.GET.get(SEARCH_VAR, "").strip():
            return queryset.filter(status=C.REQUESTED)
        return queryset


@admin.register(Consultancy)
class ConsultancyAdmin(SelectedRowsAdminMixin, ConsultoriaModelAdmin):
    list_display = (
        "ticket_number",
        "company",
        "modality",
        "situation_text",
        "asked",
        "payer_text",
        "status_badge",
    )
    list_display_links = None
    list_filter = (StatusFilter, "modality", "payer")
    search_fields = ("=ticket__number", "ticket__company__trade_name", "ticket__company__legal_name")
    search_help_text = _("Número do chamado ou nome da empresa.")
    list_select_related = ("ticket__company", "modality", "requested_by", "payer_unit")
    list_per_page = 50
    show_full_result_count = False
    actions = ["approve", "refuse"]
    wide_list = True

    def get_queryset(self, request):
        return access.consultancies_visible_to(request.user)

    def get_list_display(self, request):
        # In the queue every row waits for a leader: the status column would only repeat it.
        if self._is_queue(request):
            return tuple(name for name in self.list_display if name != "status_badge")
        return self.list_display

    @staticmethod
    def _is_queue(request) -> bool:
        return (
            request.GET.get(StatusFilter.parameter_name) in (None, C.REQUESTED)
            and not request.GET.get(SEARCH_VAR, "").strip()
        )

    def get_ordering(self, request):
        # The queue is first come, first served; any other list shows the newest first.
        if self._is_queue(request):
            return ["requested_at", "pk"]
        return ["-requested_at", "-pk"]

    def changelist_view(self, request, extra_context=None):
        queue = self._is_queue(request)
        title = _("Consultorias aguardando aprovação do líder") if queue else _("Consultorias")
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    # Asked on the work page, answered by the client: never added, edited or deleted here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # "change" is the right to decide (the list's actions); the page itself is read-only.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    # --- Columns ------------------------------------------------------------------------------------------

    @admin.display(description=_("chamado"), ordering="ticket__number")
    def ticket_number(self, obj):
        return format_html(
            '{}<br><a class="quiet" href="{}">{}</a>',
            ticket_link(obj),
            reverse("admin:consultoria_consultancy_change", args=[obj.pk]),
            _("ver consultoria"),
        )

    @admin.display(description=_("empresa"), ordering="ticket__company__trade_name")
    def company(self, obj):
        return obj.ticket.company.trade_name

    @admin.display(description=_("situação recomendada"), ordering="situation")
    def situation_text(self, obj):
        if not obj.request_note:
            return obj.get_situation_display() or "—"
        return format_html(
            '{}<div class="quiet" title="{}">{}</div>',
            obj.get_situation_display() or "—",
            obj.request_note,
            Truncator(obj.request_note).chars(90),
        )

    @admin.display(description=_("pedida por"), ordering="requested_at")
    def asked(self, obj):
        return format_html(
            '{}<div class="quiet">{}</div>', person(obj.requested_by), format_local(obj.requested_at)
        )

    @admin.display(description=_("quem paga"), ordering="payer")
    def payer_text(self, obj):
        return payer_text(obj)

    @admin.display(description=_("situação"), ordering="status")
    def status_badge(self, obj):
        return status_html(obj)

    # --- The leaders' decisions (services per row; refusals reported, the rest proceeds) ---------------

    @admin.action(description=_("Aprovar e enviar o termo"), permissions=["change"])
    def approve(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.order_by("requested_at", "pk"),
            lambda consultancy: services.consultancy_approve(actor=request.user, consultancy=consultancy),
            _("%(count)d consultoria(s) aprovada(s): o termo foi enviado a quem pode aceitá-lo."),
        )

    @admin.action(description=_("Recusar…"), permissions=["change"])
    def refuse(self, request, queryset):
        form = RefuseForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            run_for_each(
                self,
                request,
                queryset.order_by("requested_at", "pk"),
                lambda consultancy: services.consultancy_refuse(
                    actor=request.user, consultancy=consultancy, reason=reason
                ),
                _("%(count)d consultoria(s) recusada(s): os chamados seguem no suporte padrão."),
            )
            return None
        consultancies = list(queryset.select_related("ticket__company", "modality", "requested_by"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Recusar consultorias"),
            "subtitle": None,
            "consultancies": consultancies,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": ["reason"]})], {}),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "form_url": request.get_full_path(),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/consultoria/consultancy/refuse.html", context)

    # --- The consultancy page (read-only) -----------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])
        object_id = unquote(object_id)
        pk = as_id(object_id)
        if pk is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        consultancy = (
            self.get_queryset(request)
            .select_related(
                "ticket__company", "modality", "requested_by", "decided_by", "payer_unit", "term__template"
            )
            .select_related("term__accepted_by", "term__declined_by")
            .filter(pk=pk)
            .first()
        )
        if consultancy is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, consultancy):
            raise PermissionDenied
        term = term_of(consultancy)
        rows = (
            selectors.consultancy_session_lines(request.user, consultancy)
            if consultancy.status in BILLABLE_STATUSES
            else []
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Consultoria do chamado %(number)s") % {"number": consultancy.ticket.number},
            "subtitle": None,
            "original": consultancy,
            "consultancy": consultancy,
            "status_badge": status_html(consultancy),
            "ticket_link": ticket_link(consultancy),
            "term": term,
            "term_facts": term_facts(term),
            "payer": payer_text(consultancy),
            "acceptors": [person(u) for u in access.consultancy_term_acceptors(consultancy)]
            if consultancy.status == C.OFFERED
            else [],
            "sessions": session_views(rows),
            "totals": totals_view(rows),
            "can_decide": consultancy.status == C.REQUESTED and self.has_change_permission(request),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "has_view_permission": True,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/consultoria/consultancy/detail.html", context)
