"""Published solutions in the back-office: the list (by product, withheld or not) and the change
page with the original ticket's link beside the anonymised texts, which analysts may correct
(each edit recorded: who, when, before and after) and withhold or release, through the services."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import DomainErrorAdminMixin
from core.periods import format_local

from .. import services
from ..models import Solution, SolutionEdit
from .forms import SolutionForm


class SolutionEditInline(admin.TabularInline):
    model = SolutionEdit
    extra = 0
    can_delete = False
    fields = ("edited_at", "edited_by", "problem_after", "solution_after")
    readonly_fields = fields
    verbose_name = _("edição")
    verbose_name_plural = _("histórico de edições")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return access.may_curate_solutions(request.user)


@admin.register(Solution)
class SolutionAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
    form = SolutionForm
    list_display = ("summary", "product", "routine", "closed_at", "withheld")
    list_filter = ("product", "withheld")
    list_select_related = ("product", "routine")
    ordering = ("-closed_at", "-pk")
    show_facets = admin.ShowFacets.NEVER
    inlines = (SolutionEditInline,)
    readonly_fields = ("ticket_link", "product", "routine", "closed_at", "published_at", "withheld_info")
    fieldsets = (
        (None, {"fields": ("ticket_link", "product", "routine", "closed_at", "published_at")}),
        (_("Textos publicados (anônimos)"), {"fields": ("problem", "solution")}),
        (_("Retenção"), {"fields": ("withheld", "withheld_reason", "withheld_info")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("ticket", "product", "routine", "withheld_by")

    # Staff only (the role table is accounts.access); rows come from the publishing job, never by hand.
    def has_module_permission(self, request):
        return access.may_curate_solutions(request.user)

    def has_view_permission(self, request, obj=None):
        return access.may_curate_solutions(request.user)

    def has_change_permission(self, request, obj=None):
        return access.may_curate_solutions(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("problema"))
    def summary(self, obj: Solution) -> str:
        return str(obj)

    @admin.display(description=_("chamado original"))
    def ticket_link(self, obj: Solution):
        url = reverse("admin:tickets_ticket_change", args=[obj.ticket_id])
        return format_html(
            '<a href="{}">{}</a> <span class="help">{}</span>',
            url,
            obj.ticket.number,
            _("Só a equipe vê o chamado; a consulta mostra apenas os textos anônimos."),
        )

    @admin.display(description=_("situação da retenção"))
    def withheld_info(self, obj: Solution) -> str:
        if obj.withheld_at is None:
            return str(_("Nunca retida."))
        who = obj.withheld_by.full_name if obj.withheld_by else _("o sistema")
        when = format_local(obj.withheld_at)
        if obj.withheld:
            return _("Retida por %(who)s em %(when)s.") % {"who": who, "when": when}
        return _("Liberada por %(who)s em %(when)s.") % {"who": who, "when": when}

    def save_model(self, request, obj, form, change):
        """Every change goes through the services (the edit history, who withheld and when)."""
        stored = Solution.objects.get(pk=obj.pk)
        data = form.cleaned_data
        if (data["problem"], data["solution"]) != (stored.problem, stored.solution):
            services.solution_edit(
                actor=request.user, solution=stored, problem=data["problem"], solution_text=data["solution"]
            )
        if data["withheld"] and (not stored.withheld or data["withheld_reason"] != stored.withheld_reason):
            services.solution_withhold(actor=request.user, solution=stored, reason=data["withheld_reason"])
        elif stored.withheld and not data["withheld"]:
            services.solution_release(actor=request.user, solution=stored)
        obj.refresh_from_db()
