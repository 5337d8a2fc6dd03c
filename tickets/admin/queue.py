"""Back-office for analysts: ticket triage.

The ticket list sorts by SLA risk (SLA-5) with a constant number of queries whatever the page size;
the ticket page is read-only and every change goes through a button that POSTs to `act_view`,
which calls tickets/services.py (TKT-5..7, SEV-1, SLA-3). Tickets are never added or deleted here:
clients open them (TKT-2, ACC-4) and their history is kept.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Case, DateTimeField, F, IntegerField, Q, TextChoices, Value, When
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.admin import count_message, run_for_each
from core.errors import DomainError
from core.forms import add_domain_error
from sla import services as sla_services
from sla.models import SEVERITY_ORDER, Severity

from .. import deadlines, selectors, services
from ..models import Team, Ticket, TicketEvent
from .forms import (
    WORK_FORMS,
    AssignForm,
    BulkAssignForm,
    BulkTransferForm,
    ReclassifyForm,
    ReplyForm,
    TransferForm,
    TransitionForm,
    analysts,
)

SAO_PAULO = sla_services.SAO_PAULO
CLOSED = Ticket.Status.CLOSED
BULK_LIMIT = 500  # each ticket is locked and changed by a service: keep a batch human-sized


# --- SLA state of a ticket (SLA-5): one definition for the SQL filter, the sort and the badge ---------------


class SlaState(TextChoices):
    BREACHED = "estourado", _("Estourado")
    AT_RISK = "em-risco", _("Em risco")
    ON_TIME = "no-prazo", _("No prazo")
    PAUSED = "parado", _("Relógio parado")
    NO_DEADLINE = "sem-prazo", _("Sem prazo")
    CLOSED = "encerrado", _("Encerrado")


# Risk order of the triage list: breached first, then at risk, on time, paused, closed last.
SLA_RANK = {state: rank for rank, state in enumerate(SlaState.values)}


def sla_state_conditions(now: datetime) -> dict[str, Q]:
    """Mutually exclusive conditions on the stored instants (sargable: column vs. a constant)."""
    running = ~Q(status=CLOSED) & Q(sla_paused=False)
    return {
        SlaState.BREACHED: running & Q(sla_due_at__lt=now),
        SlaState.AT_RISK: running & Q(sla_due_at__gte=now, sla_risk_at__lt=now),
        SlaState.ON_TIME: running
        & Q(sla_due_at__gte=now)
        & (Q(sla_risk_at__gte=now) | Q(sla_risk_at__isnull=True)),
        SlaState.PAUSED: ~Q(status=CLOSED) & Q(sla_paused=True),
        SlaState.NO_DEADLINE: running & Q(sla_due_at__isnull=True),
        SlaState.CLOSED: Q(status=CLOSED),
    }


def sla_rank_expression(now: datetime) -> Case:
    return Case(
        *(
            When(condition, then=Value(SLA_RANK[state]))
            for state, condition in sla_state_conditions(now).items()
        ),
        default=Value(SLA_RANK[SlaState.NO_DEADLINE]),
        output_field=IntegerField(),
    )


def sla_state(ticket: Ticket, now: datetime) -> SlaState:
    """The same states as `sla_state_conditions`, for one ticket already in memory."""
    if ticket.status == CLOSED:
        return SlaState.CLOSED
    if ticket.sla_paused:
        return SlaState.PAUSED
    if ticket.sla_due_at is None:
        return SlaState.NO_DEADLINE
    if ticket.sla_due_at < now:
        return SlaState.BREACHED
    if ticket.sla_risk_at is not None and ticket.sla_risk_at < now:
        return SlaState.AT_RISK
    return SlaState.ON_TIME


def duration_text(seconds: int) -> str:
    """Business time as "12 h 05 min" (or "45 min")."""
    minutes = abs(int(seconds)) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def duration_short(seconds: int) -> str:
    """The list's compact form: "12h05", "45min"."""
    minutes = abs(int(seconds)) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}" if hours else f"{minutes}min"


def local(value: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    return timezone.localtime(value, SAO_PAULO).strftime(fmt) if value else "—"


def _clock(snapshot):
    # Tickets of a page share their prefetched snapshot rows: build each engine clock once.
    clock = getattr(snapshot, "_admin_clock", None)
    if clock is None:
        clock = snapshot._admin_clock = sla_services.snapshot_clock(snapshot)
    return clock


def business_seconds_left(ticket: Ticket, now: datetime) -> int | None:
    """Business time from `now` to the stored deadline (negative once breached), from the frozen
    calendar alone: with the clock running no pause lies ahead, so this is exactly what
    `ticket_sla(...).current.left_seconds` would say, without reading the history."""
    if ticket.status == CLOSED or ticket.sla_paused or ticket.sla_due_at is None:
        return None
    clock = _clock(ticket.sla_snapshot)
    if ticket.sla_due_at >= now:
        return clock.between(now, ticket.sla_due_at)
    return -clock.between(ticket.sla_due_at, now)


def _badge(kind: str, value: str, label) -> str:
    return format_html('<span class="tk-badge tk-{}-{}">{}</span>', kind, value, label)


def sla_badge_html(state: SlaState) -> str:
    return _badge("sla", state.value, state.label)


def status_label(value: str) -> str:
    return str(Ticket.Status(value).label) if value in Ticket.Status.values else value


def severity_label(value: str) -> str:
    return str(Severity(value).label) if value in Severity.values else value


# --- Changelist filters ------------------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """Open tickets unless a status is chosen; a search looks at every status (a closed ticket's
    number must be found too)."""

    title = _("situação")
    parameter_name = "situacao"
    ALL = "todos"

    def lookups(self, request, model_admin):
        return [*Ticket.Status.choices, (self.ALL, _("Todos, inclusive encerrados"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Todos (pesquisa)") if changelist.query else _("Abertos (não encerrados)"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value in Ticket.Status.values:
            return queryset.filter(status=value)
        if value is None and not request.GET.get(SEARCH_VAR, "").strip():
            return queryset.exclude(status=CLOSED)
        return queryset


class TeamFilter(admin.SimpleListFilter):
    """Queues (TKT-5): the teams the analyst belongs to, or one team."""

    title = _("equipe")
    parameter_name = "equipe"
    MINE = "minhas"

    def lookups(self, request, model_admin):
        return [
            (self.MINE, _("Minhas equipes")),
            *((str(pk), name) for pk, name in Team.objects.order_by("name").values_list("pk", "name")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.MINE:
            return queryset.filter(team__in=Team.objects.filter(members=request.user).values("pk"))
        if value and value.isdigit():
            return queryset.filter(team_id=int(value))
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("responsável")
    parameter_name = "responsavel"

    def lookups(self, request, model_admin):
        return [
            ("eu", _("Atribuídos a mim")),
            ("ninguem", _("Sem responsável (na fila)")),
            ("alguem", _("Com responsável")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "eu":
            return queryset.filter(assignee=request.user)
        if value == "ninguem":
            return queryset.filter(assignee__isnull=True)
        if value == "alguem":
            return queryset.filter(assignee__isnull=False)
        return queryset


class SlaFilter(admin.SimpleListFilter):
    title = _("prazo (SLA)")
    parameter_name = "prazo"
    STATES = (SlaState.BREACHED, SlaState.AT_RISK, SlaState.ON_TIME, SlaState.PAUSED)

    def lookups(self, request, model_admin):
        return [(state.value, state.label) for state in self.STATES]

    def queryset(self, request, queryset):
        value = self.value()
        if value in {state.value for state in self.STATES}:
            return queryset.filter(sla_state_conditions(timezone.now())[value])
        return queryset


class CompanyFilter(admin.SimpleListFilter):
    """A drop-down instead of a link per company: clients are many."""

    title = _("empresa")
    parameter_name = "empresa"
    template = "admin/tickets/ticket/select_filter.html"

    def lookups(self, request, model_admin):
        from accounts.models import Company

        return list(Company.objects.order_by("trade_name").values_list("pk", "trade_name"))

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(company_id=int(value)) if value and value.isdigit() else queryset

    def choices(self, changelist):
        hidden = [(key, value) for key, value in changelist.params.items() if key != self.parameter_name]
        yield {
            "selected": self.value() is None,
            "value": "",
            "display": _("Todas"),
            "hidden": hidden,
            "parameter_name": self.parameter_name,
        }
        for lookup, title in self.lookup_choices:
            yield {"selected": self.value() == str(lookup), "value": str(lookup), "display": title}


# --- Tickets -----------------------------------------------------------------------------------------------


WORK_RELATED = (
    "company",
    "requester",
    "requester_contact",
    "product",
    "routine",
    "version",
    "team",
    "assignee",
    "sla_snapshot__calendar",
)


def attachment_url(pk: int) -> str:
    """The portal's download route (TKT-10), which checks the permission again; "" until it exists."""
    try:
        return reverse("attachment-download", kwargs={"pk": pk})
    except NoReverseMatch:
        try:
            return reverse("attachment-download", args=[pk])
        except NoReverseMatch:
            return ""


def _attachments(items) -> list[dict]:
    return [{"name": item.original_name, "size": item.size, "url": attachment_url(item.pk)} for item in items]


def _event_text(event: TicketEvent) -> tuple[str, str]:
    """(title, "from → to") of a history event."""
    kind = TicketEvent.Kind
    if event.kind == kind.OPENED:
        return str(_("Chamado aberto")), ""
    if event.kind == kind.STATUS:
        return str(_("Situação")), f"{status_label(event.from_value)} → {status_label(event.to_value)}"
    if event.kind == kind.SEVERITY:
        return (
            str(_("Severidade reclassificada")),
            f"{severity_label(event.from_value)} → {severity_label(event.to_value)}",
        )
    if event.kind == kind.TRANSFER:
        return str(_("Transferência de equipe")), f"{event.from_value} → {event.to_value}"
    if event.kind == kind.ASSIGNMENT:
        queue = str(_("fila da equipe"))
        return str(_("Responsável")), f"{event.from_value or queue} → {event.to_value or queue}"
    return event.get_kind_display(), f"{event.from_value} → {event.to_value}"


def ticket_timeline(user, ticket: Ticket) -> list[dict]:
    """Messages (internal notes included for analysts) and history events, oldest first."""
    items = []
    for event in selectors.ticket_events(ticket):
        title, change = _event_text(event)
        items.append(
            {
                "type": "event",
                "at": event.created_at,
                "order": (event.created_at, 0, event.pk),
                "kind": event.kind,
                "actor": event.actor.full_name or event.actor.email if event.actor else _("Sistema"),
                "title": title,
                "change": change,
                "reason": event.reason,
            }
        )
    for message in selectors.ticket_messages(user, ticket):
        items.append(
            {
                "type": "message",
                "at": message.created_at,
                "order": (message.created_at, 1, message.pk),
                "author": message.author.full_name or message.author.email,
                "from_staff": message.author.is_staff,
                "internal": message.is_internal,
                "body": message.body,
                "attachments": _attachments(message.attachments.all()),
            }
        )
    return sorted(items, key=lambda item: item["order"])


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
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
    list_filter = (StatusFilter, SlaFilter, AssigneeFilter, TeamFilter, "severity", "kind", CompanyFilter)
    search_fields = ("=number", "summary", "company__trade_name", "company__legal_name", "company__cnpj")
    search_help_text = _("Número do chamado, palavras do resumo, nome ou CNPJ da empresa.")
    list_select_related = ("company", "team", "assignee")
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = ["assign_to_me", "assign_to", "transfer_to_team", "put_in_analysis"]
    change_list_template = "admin/tickets/ticket/change_list.html"

    class Media:
        css = {"all": ("css/admin-tickets.css",)}

    def changelist_view(self, request, extra_context=None):
        # Ten columns need the width: the app menu stays one click away (breadcrumbs, "«").
        extra_context = {
            "title": _("Fila de chamados"),
            "is_nav_sidebar_enabled": False,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # Tickets are opened by clients (TKT-2, ACC-4) and their history is never deleted.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        now = timezone.now()
        severity_rank = Case(
            *(When(severity=value, then=Value(rank)) for value, rank in SEVERITY_ORDER.items()),
            output_field=IntegerField(),
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                _sla_rank=sla_rank_expression(now),
                _sla_now=Value(now, output_field=DateTimeField()),
                _severity_rank=severity_rank,
            )
            # One query for the page's distinct snapshots (usually one or two), for "time left".
            .prefetch_related("sla_snapshot")
        )

    def get_ordering(self, request):
        # SLA-5: breached first, then at risk, then the nearest deadline; paused and closed last.
        return [F("_sla_rank").asc(), F("sla_due_at").asc(nulls_last=True), "created_at", "pk"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if re.fullmatch(r"\d{8}", term):  # a ticket number (TKT-4): exact, on the unique index
            return queryset.filter(number=term), False
        digits = re.sub(r"\D", "", term)
        if len(digits) == 14 and re.fullmatch(r"[\d./\-\s]+", term):  # a CNPJ, formatted or not
            return queryset.filter(company__cnpj=digits), False
        return super().get_search_results(request, queryset, search_term)

    # --- Columns ------------------------------------------------------------------------------------------

    def _now(self, obj) -> datetime:
        return getattr(obj, "_sla_now", None) or timezone.now()

    def _state(self, obj) -> SlaState:
        rank = getattr(obj, "_sla_rank", None)
        return list(SlaState)[rank] if rank is not None else sla_state(obj, self._now(obj))

    @admin.display(description=_("resumo"), ordering="summary")
    def summary_short(self, obj):
        return format_html('<span title="{}">{}</span>', obj.summary, Truncator(obj.summary).chars(70))

    @admin.display(description=_("empresa"), ordering="company__trade_name")
    def company_name(self, obj):
        return obj.company.trade_name

    @admin.display(description=_("situação"), ordering="status")
    def status_badge(self, obj):
        return _badge("status", obj.status, obj.get_status_display())

    @admin.display(description=_("severidade"), ordering="_severity_rank")
    def severity_badge(self, obj):
        return _badge("sev", obj.severity, obj.get_severity_display())

    @admin.display(description=_("responsável"), ordering="assignee__full_name")
    def assignee_name(self, obj):
        if obj.assignee is None:
            return format_html('<span class="quiet">{}</span>', _("fila"))
        return obj.assignee.full_name or obj.assignee.email

    @admin.display(description=_("prazo"), ordering="sla_due_at")
    def deadline(self, obj):
        if obj.sla_due_at is None:
            return "—"
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.sla_due_at.isoformat(),
            local(obj.sla_due_at, "%d/%m/%Y %H:%M:%S (Brasília)"),
            local(obj.sla_due_at, "%d/%m %H:%M"),
        )

    @admin.display(description=_("restante"))
    def time_left(self, obj):
        left = business_seconds_left(obj, self._now(obj))
        if left is None:
            return "—"
        if left < 0:
            return format_html(
                '<span class="tk-overdue" title="{}">−{}</span>',
                _("Estourado há %(time)s úteis") % {"time": duration_text(left)},
                duration_short(left),
            )
        return format_html(
            '<span title="{}">{}</span>',
            _("%(time)s úteis até o prazo") % {"time": duration_text(left)},
            duration_short(left),
        )

    @admin.display(description=_("SLA"), ordering="_sla_rank")
    def sla_badge(self, obj):
        return sla_badge_html(self._state(obj))

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

    # --- The work page -------------------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("agir/", self.admin_site.admin_view(self.act_view), name="{}_{}_act".format(*info)),
            *super().get_urls(),
        ]

    def _ticket(self, request, object_id) -> Ticket | None:
        object_id = str(object_id or "")
        if not object_id.isdigit():
            return None
        return self.get_queryset(request).select_related(*WORK_RELATED).filter(pk=int(object_id)).first()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The ticket work page: read-only; its forms POST to `act_view`."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])
        ticket = self._ticket(request, unquote(object_id))
        if ticket is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, ticket):
            raise PermissionDenied
        return self.work_response(request, ticket)

    def work_response(self, request, ticket: Ticket, *, bound=None, status=200):
        now = timezone.now()
        can_act = self.has_change_permission(request, ticket) and not ticket.is_closed
        forms = {}
        if can_act:
            kwargs = {"ticket": ticket, "user": request.user}
            staff = list(analysts())
            members = set(ticket.team.members.values_list("pk", flat=True))
            forms = {
                "reply": ReplyForm(**kwargs),
                "transition": TransitionForm(**kwargs),
                "reclassify": ReclassifyForm(**kwargs),
                "transfer": TransferForm(**kwargs),
                "assign": AssignForm(**kwargs, staff=staff, team_members=members),
            }
            forms.update(bound or {})
        sla = deadlines.ticket_sla(ticket, now=now)
        state = sla_state(ticket, now)
        current = sla.current
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{ticket.number} · {ticket.summary}",
            "subtitle": None,
            "original": ticket,
            "ticket": ticket,
            "now": now,
            "sla": sla,
            "sla_state": state,
            "sla_badge": sla_badge_html(state),
            "status_badge": _badge("status", ticket.status, ticket.get_status_display()),
            "severity_badge": _badge("sev", ticket.severity, ticket.get_severity_display()),
            "current_target_name": _("Manutenção (SEV-2)")
            if sla.active == "maintenance"
            else _("Atendimento/solução"),
            "consumed_text": duration_text(current.consumed_seconds),
            "left_text": duration_text(current.left_seconds),
            "target_duration": duration_text(current.target_seconds),
            "prime_targets": sla.targets_source == "prime",
            "forecast_only": ticket.company.support_offer != ticket.company.SupportOffer.PRIME,  # SLA-7
            "timeline": ticket_timeline(request.user, ticket),
            "opening_attachments": _attachments(selectors.ticket_opening_attachments(ticket)),
            "forms": forms,
            "can_act": can_act,
            "is_mine": ticket.assignee_id == request.user.pk,
            "act_url": reverse("admin:tickets_ticket_act"),
            "has_view_permission": self.has_view_permission(request, ticket),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/tickets/ticket/work.html", context, status=status)

    def act_view(self, request):
        """Every change of the work page: validate the form, call the service, redirect back."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        ticket = self._ticket(request, request.POST.get("ticket"))
        if ticket is None:
            raise Http404
        if not self.has_change_permission(request, ticket):
            raise PermissionDenied
        action = request.POST.get("action", "")
        form_class = WORK_FORMS.get(action)
        if form_class is None:
            return HttpResponseBadRequest(_("Ação desconhecida."))
        form = form_class(request.POST, request.FILES, ticket=ticket, user=request.user)
        if form.is_valid():
            try:
                done, anchor = self._apply(request, action, ticket, form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("Você não pode fazer isto neste chamado."))
            else:
                self.log_change(request, ticket, done)
                self.message_user(request, done, messages.SUCCESS)
                url = reverse("admin:tickets_ticket_change", args=[ticket.pk])
                return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)
        form.focus_first_error()
        self.message_user(
            request,
            _("Nada foi alterado. %(form)s: %(error)s") % {"form": form.title, "error": form.first_error()},
            messages.ERROR,
        )
        return self.work_response(request, ticket, bound={form_class.action: form})

    def _apply(self, request, action: str, ticket: Ticket, data: dict) -> tuple[str, str]:
        """Call the service of `action`; returns the success message and the anchor to go back to."""
        actor = request.user
        if action in ("reply", "note"):
            internal = action == "note"
            services.ticket_reply(
                actor=actor, ticket=ticket, body=data["body"], files=data["attachments"], internal=internal
            )
            if internal:
                return str(_("Nota interna registrada: o cliente não a vê.")), "linha-do-tempo"
            return str(_("Resposta enviada ao cliente.")), "linha-do-tempo"
        if action == "transition":
            to_status = data["to_status"]
            services.ticket_transition(actor=actor, ticket=ticket, to_status=to_status, reason=data["reason"])
            done = _("Situação alterada para “%(status)s”.") % {"status": status_label(to_status)}
            if to_status in services.PUBLIC_REASON_TARGETS:
                done = f"{done} {_('O motivo foi enviado ao cliente.')}"
            return str(done), ""
        if action == "reclassify":
            updated = services.ticket_reclassify(
                actor=actor, ticket=ticket, severity=data["severity"], reason=data["reason"]
            )
            return str(
                _(
                    "Severidade reclassificada para “%(severity)s”; "
                    "prazo recalculado desde a abertura: %(due)s."
                )
                % {
                    "severity": severity_label(updated.severity),
                    "due": local(updated.sla_due_at) if updated.sla_due_at else _("relógio parado"),
                }
            ), "sla"
        if action == "transfer":
            team = data["team"]
            services.ticket_transfer(actor=actor, ticket=ticket, team=team, reason=data["reason"])
            return str(
                _("Chamado transferido para a equipe %(team)s; está na fila, sem responsável.")
                % {"team": team.name}
            ), ""
        if action == "assign":
            assignee = data["assignee"]
            services.ticket_assign(actor=actor, ticket=ticket, assignee=assignee)
            if assignee is None:
                return str(_("Chamado devolvido à fila da equipe %(team)s.") % {"team": ticket.team.name}), ""
            return str(
                _("Chamado atribuído a %(name)s.") % {"name": assignee.full_name or assignee.email}
            ), ""
        raise DomainError(str(_("Ação desconhecida.")))  # pragma: no cover - WORK_FORMS lists them
