"""Time entries (CON-6): the list of every analyst's entries, and the entry page with its corrections
history; leaders correct an entry there with a reason (`entry_correct` keeps the old values, who and
why). Entries are recorded on the ticket's work page; nothing is added or deleted here, and a
correction is never edited or deleted."""

from __future__ import annotations

from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.models import User
from core.admin import ReadOnlyAdminMixin
from core.errors import DomainError, NotFoundError
from core.forms import add_domain_error
from core.ids import as_id
from core.periods import SAO_PAULO, format_local, in_range, local

from .. import selectors, services
from ..models import TimeEntry, TimeEntryCorrection
from .base import ConsultoriaModelAdmin
from .display import entry_period, person, ticket_link
from .forms import EntryCorrectionForm


class PersonFilter(admin.SimpleListFilter):
    """The people of one column of the list, by name (not "name <e-mail>")."""

    field = ""

    def lookups(self, request, model_admin):
        ids = model_admin.get_queryset(request).values(self.field)
        people = User.objects.filter(pk__in=ids).order_by("full_name", "email")
        return [(str(user.pk), person(user)) for user in people]

    def queryset(self, request, queryset):
        person_id = as_id(self.value())
        return queryset.filter(**{f"{self.field}_id": person_id}) if person_id is not None else queryset


class AnalystFilter(PersonFilter):
    title = _("analista")
    parameter_name = "analista"
    field = "analyst"


class CorrectedByFilter(PersonFilter):
    title = _("corrigido por")
    parameter_name = "lider"
    field = "corrected_by"


class CorrectedFilter(admin.SimpleListFilter):
    title = _("corrigido")
    parameter_name = "corrigido"

    def lookups(self, request, model_admin):
        return [("sim", _("Corrigidos por um líder")), ("nao", _("Nunca corrigidos"))]

    def queryset(self, request, queryset):
        if self.value() == "sim":
            return queryset.filter(_corrected=True)
        if self.value() == "nao":
            return queryset.filter(_corrected=False)
        return queryset


class MonthFilter(admin.SimpleListFilter):
    """The month of the entry's start, in Brasília (a session belongs to the month it starts in)."""

    title = _("mês")
    parameter_name = "mes"

    def lookups(self, request, model_admin):
        visible = selectors.time_entries_visible_to(request.user)
        months = visible.datetimes("started_at", "month", order="DESC", tzinfo=SAO_PAULO)
        return [(f"{month:%Y-%m}", formats.date_format(month, "YEAR_MONTH_FORMAT")) for month in months[:24]]

    def queryset(self, request, queryset):
        try:
            month = datetime.strptime(self.value() or "", "%Y-%m").date()
        except ValueError:
            return queryset
        if not in_range(month):  # the month after 9999-12 is no date
            return queryset
        since, until = selectors.month_bounds(month)
        return queryset.filter(started_at__gte=since, started_at__lt=until)


@admin.register(TimeEntry)
class TimeEntryAdmin(ConsultoriaModelAdmin):
    list_display = ("analyst_name", "ticket", "session_date", "period", "minutes", "corrected", "what")
    list_display_links = ("period",)
    list_filter = (AnalystFilter, CorrectedFilter, MonthFilter)
    search_fields = ("=session__consultancy__ticket__number", "description")
    search_help_text = _("Número do chamado ou palavras do que foi feito.")
    list_per_page = 100
    show_full_result_count = False
    changelist_title = _("Apontamentos de consultoria")
    wide_list = True

    def get_queryset(self, request):
        corrected = TimeEntryCorrection.objects.filter(entry=OuterRef("pk"))
        return selectors.time_entries_visible_to(request.user).annotate(_corrected=Exists(corrected))

    def get_ordering(self, request):
        return ["-started_at", "-pk"]

    # Recorded on the work page; a correction is the leaders' change (the page's form).
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("analista"), ordering="analyst__full_name")
    def analyst_name(self, obj):
        return person(obj.analyst)

    @admin.display(description=_("chamado"), ordering="session__consultancy__ticket__number")
    def ticket(self, obj):
        return ticket_link(obj.session.consultancy)

    @admin.display(description=_("sessão"), ordering="session__scheduled_for")
    def session_date(self, obj):
        return format_local(obj.session.scheduled_for)

    @admin.display(description=_("início–fim"), ordering="started_at")
    def period(self, obj):
        return entry_period(obj)

    @admin.display(description=_("corrigido?"), ordering="_corrected")
    def corrected(self, obj):
        return format_html('<span class="cs-tag">{}</span>', _("corrigido")) if obj._corrected else "—"

    @admin.display(description=_("o que foi feito"))
    def what(self, obj):
        return format_html(
            '<span title="{}">{}</span>', obj.description, Truncator(obj.description).chars(60)
        )

    # --- The entry page: read-only, with the leaders' correction form -----------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            entry = access.access_time_entry(request.user, unquote(object_id))
        except NotFoundError:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, entry):
            raise PermissionDenied
        can_correct = self.has_change_permission(request, entry)
        form = None
        if request.method == "POST":
            if not can_correct:
                raise PermissionDenied
            form = EntryCorrectionForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    corrected = services.entry_correct(
                        actor=request.user,
                        entry=entry,
                        started_at=data["started_at"],
                        ended_at=data["ended_at"],
                        description=data["description"],
                        reason=data["reason"],
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    self.log_change(request, corrected, _("Apontamento corrigido."))
                    self.message_user(
                        request,
                        _(
                            "Apontamento corrigido: agora %(period)s, %(minutes)d minutos. "
                            "O cliente recebe um e-mail."
                        )
                        % {"period": entry_period(corrected), "minutes": corrected.minutes},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(request.get_full_path())
        elif can_correct:
            form = EntryCorrectionForm(
                initial={
                    "started_at": local(entry.started_at),
                    "ended_at": local(entry.ended_at),
                    "description": entry.description,
                }
            )
        corrections = list(entry.corrections.select_related("corrected_by").order_by("corrected_at", "pk"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Apontamento de %(who)s") % {"who": person(entry.analyst)},
            "subtitle": None,
            "original": entry,
            "entry": entry,
            "period": entry_period(entry),
            "ticket_link": ticket_link(entry.session.consultancy),
            "consultancy": entry.session.consultancy,
            "corrections": corrections,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {})
            if form
            else None,
            "has_view_permission": True,
            "media": self.media + form.media if form else self.media,
        }
        return TemplateResponse(request, "admin/consultoria/timeentry/detail.html", context)


@admin.register(TimeEntryCorrection)
class TimeEntryCorrectionAdmin(ReadOnlyAdminMixin, ConsultoriaModelAdmin):
    """Every leader's correction, as recorded: never edited or deleted."""

    list_display = ("when", "who", "entry_link", "reason", "before", "after")
    list_display_links = ("when",)
    list_filter = (CorrectedByFilter,)
    search_fields = ("=entry__session__consultancy__ticket__number", "reason")
    list_select_related = ("corrected_by", "entry__analyst", "entry__session__consultancy__ticket")
    date_hierarchy = "corrected_at"
    fields = (
        "entry",
        "corrected_by",
        "corrected_at",
        "reason",
        "old_started_at",
        "old_ended_at",
        "old_minutes",
        "old_description",
        "new_started_at",
        "new_ended_at",
        "new_minutes",
        "new_description",
    )
    readonly_fields = fields
    changelist_title = _("Correções de apontamento")
    wide_list = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(entry__in=selectors.time_entries_visible_to(request.user))

    @admin.display(description=_("corrigido em"), ordering="corrected_at")
    def when(self, obj):
        return format_local(obj.corrected_at)

    @admin.display(description=_("corrigido por"), ordering="corrected_by__full_name")
    def who(self, obj):
        return person(obj.corrected_by)

    @admin.display(description=_("apontamento"), ordering="entry__started_at")
    def entry_link(self, obj):
        return format_html(
            '<a href="{}">{} · {}</a>',
            reverse("admin:consultoria_timeentry_change", args=[obj.entry_id]),
            obj.entry.session.consultancy.ticket.number,
            person(obj.entry.analyst),
        )

    @admin.display(description=_("antes"))
    def before(self, obj):
        return _span(obj.old_started_at, obj.old_ended_at, obj.old_minutes)

    @admin.display(description=_("depois"))
    def after(self, obj):
        return _span(obj.new_started_at, obj.new_ended_at, obj.new_minutes)


def _span(started_at, ended_at, minutes: int) -> str:
    return f"{format_local(started_at)}–{format_local(ended_at, '%H:%M')} ({minutes} min)"
