"""The ticket work page of the back-office (TKT-5..7, SEV-1, SLA-3): read-only; every change goes
through a form that POSTs to `act_view`, which calls the services and redirects back. Other apps
add their panels and forms to it through `panels.register_work_panel` (the consultancy does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.durations import Style, format_duration
from core.errors import DomainError
from core.forms import add_domain_error
from core.ids import as_id
from core.periods import format_local

from .. import deadlines, selectors, services
from ..deadlines import sla_state
from ..models import Ticket
from ..presenters.labels import severity_label, status_label
from ..presenters.timeline import ticket_timeline
from ..services import actions as work_actions
from ..services.replies import canned_replies_for
from ..workflow.table import reason_is_public
from .badges import severity_html, sla_html, status_html
from .bulk import reply_with_canned
from .forms import (
    MOVE_FORMS,
    WORK_FORMS,
    AssignForm,
    ReclassifyForm,
    ReplyForm,
    TransferForm,
    TransitionForm,
    analysts,
)
from .panels import WORK_PANELS, panel_for

WORK_RELATED = (
    "company",
    "requester",
    "requester_contact",
    "registered_by",
    "product",
    "routine",
    "version",
    "team",
    "assignee",
    "sla_snapshot__calendar",
)


if TYPE_CHECKING:
    from django.contrib import admin

    # For mypy the mixin is the ticket's ModelAdmin it is mixed into (TicketAdmin); no run-time base.
    _TicketModelAdmin = admin.ModelAdmin[Ticket]
else:
    _TicketModelAdmin = object


class TicketWorkPageMixin(_TicketModelAdmin):
    """The change page of the ticket admin, replaced by the work page and its actions."""

    # The queue's bulk answer with a canned reply (tickets/admin/bulk.py), named in its `actions`.
    reply_with_canned = reply_with_canned

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("agir/", self.admin_site.admin_view(self.act_view), name="{}_{}_act".format(*info)),
            *super().get_urls(),
        ]

    def _ticket(self, request, object_id) -> Ticket | None:
        pk = as_id(object_id)
        if pk is None:
            return None
        return self.get_queryset(request).select_related(*WORK_RELATED).filter(pk=pk).first()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The ticket work page: read-only on GET; its forms POST back to it (a refused form is
        shown again at the ticket's own address, with the page's layout intact)."""
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        ticket = self._ticket(request, unquote(object_id))
        if ticket is None:
            if request.method == "POST":
                raise Http404
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if request.method == "POST":
            if "action" not in request.POST:  # Django's change form: tickets change only through actions
                return HttpResponseNotAllowed(["GET"])
            return self._act(request, ticket)
        if not self.has_view_or_change_permission(request, ticket):
            raise PermissionDenied
        return self.work_response(request, ticket)

    def work_response(self, request, ticket: Ticket, *, bound=None, status=200):
        now = timezone.now()
        may_change = self.has_change_permission(request, ticket)
        can_act = may_change and not ticket.is_closed
        panels = [
            {
                "main_template": panel.main_template,
                "side_template": panel.side_template,
                **panel.context(request, ticket, may_change=may_change, bound=bound or {}),
            }
            for panel in WORK_PANELS
        ]
        forms: dict = {}
        move_forms = []
        replies = []
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
                **{form.action: form(**kwargs) for form in MOVE_FORMS if form.offered(ticket.status)},
            }
            forms.update(bound or {})
            move_forms = [forms[form.action] for form in MOVE_FORMS if form.action in forms]
            replies = canned_replies_for(request.user, ticket)
        sla = deadlines.ticket_sla(ticket, now=now)
        state = sla_state(ticket, now)
        conversation = selectors.ticket_conversation(request.user, ticket)
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
            "sla_badge": sla_html(state),
            "status_badge": status_html(ticket),
            "severity_badge": severity_html(ticket),
            "current_target_name": _("Manutenção")
            if sla.active == "maintenance"
            else _("Atendimento/solução"),
            "consumed_text": format_duration(current.consumed_seconds, Style.CLOCK),
            "left_text": format_duration(current.left_seconds, Style.CLOCK),
            "target_duration": format_duration(current.target_seconds, Style.CLOCK),
            "prime_targets": sla.targets_source == "prime",
            "forecast_only": ticket.company.support_offer != ticket.company.SupportOffer.PRIME,  # SLA-7
            "timeline": ticket_timeline(
                conversation.messages,
                selectors.ticket_events(request.user, ticket),
                conversation.files_by_message,
            ),
            "opening_attachments": conversation.opening_files,
            "forms": forms,
            "move_forms": move_forms,
            "canned_replies": replies,
            "panels": panels,
            "can_act": can_act,
            "is_mine": ticket.assignee_id == request.user.pk,
            "act_url": reverse("admin:tickets_ticket_change", args=[ticket.pk]),
            "has_view_permission": self.has_view_permission(request, ticket),
            "media": sum((panel.media for panel in WORK_PANELS), self.media),
        }
        return TemplateResponse(request, "admin/tickets/ticket/work.html", context, status=status)

    def act_view(self, request):
        """The work page's former form address (the ticket's id in the body), kept for callers
        that still post here; the page's own forms post to the ticket's page (`change_view`)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        ticket = self._ticket(request, request.POST.get("ticket"))
        if ticket is None:
            raise Http404
        return self._act(request, ticket)

    def _act(self, request, ticket: Ticket):
        """Every change of the work page: validate the form, call the service, redirect back."""
        if not self.has_change_permission(request, ticket):
            raise PermissionDenied
        action = request.POST.get("action", "")
        panel = None if action in WORK_FORMS else panel_for(action)
        form_class = panel.forms[action] if panel is not None else WORK_FORMS.get(action)
        if form_class is None:
            return HttpResponseBadRequest(_("Ação desconhecida."))
        form = form_class(request.POST, request.FILES, ticket=ticket, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():  # a refused action takes back the claim that came with it
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

    def _claimed(self, request, ticket: Ticket) -> Ticket:
        """The first staff member who acts on an unassigned ticket becomes its owner."""
        return work_actions.ticket_claim_locked(actor=request.user, ticket=ticket)

    def _apply(self, request, action: str, ticket: Ticket, data: dict) -> tuple[str, str]:
        """Call the service of `action`; returns the success message and the anchor to go back to."""
        panel = None if action in WORK_FORMS else panel_for(action)
        if panel is not None:  # a form of another app's panel (panels.py)
            return panel.apply(request, action, ticket, data)
        actor = request.user
        move_form = next((form for form in MOVE_FORMS if form.action == action), None)
        if move_form is not None:
            work_actions.ticket_move_with_message(
                actor=actor, ticket=ticket, to_status=move_form.to_status, body=data["body"]
            )
            moved = _("%(action)s: situação alterada para “%(status)s”; a mensagem foi enviada ao cliente.")
            return str(moved % {"action": move_form.title, "status": status_label(move_form.to_status)}), (
                "linha-do-tempo"
            )
        if action in ("reply", "transition", "reclassify"):  # acting on it: it becomes theirs
            ticket = self._claimed(request, ticket)
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
            if reason_is_public(access.ActorRole.ANALYST, to_status):
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
                    "due": format_local(updated.sla_due_at) if updated.sla_due_at else _("relógio parado"),
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
