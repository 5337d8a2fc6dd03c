"""Term templates (CON-3): one versioned text per variant. The add page creates the next version of a
variant through `term_template_new_version` (prefilled with the current text, to edit); existing
versions are read-only, because an accepted term keeps the exact text and version it was accepted
with. Nothing is deleted."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin
from core.periods import format_local

from .. import services
from ..models import TermTemplate
from ..selectors import term_template_current
from .base import ConsultoriaModelAdmin
from .forms import TermTemplateForm


@admin.register(TermTemplate)
class TermTemplateAdmin(DomainErrorAdminMixin, ConsultoriaModelAdmin):
    form = TermTemplateForm
    list_display = ("variant", "version_text", "title", "created", "is_current", "terms_count", "new_version")
    list_display_links = ("variant", "version_text")
    list_filter = ("variant",)
    ordering = ("variant", "-version")
    changelist_title = _("Modelos de termo de consultoria")
    wide_list = True
    settings_history = True

    def get_queryset(self, request):
        latest = (
            TermTemplate.objects.filter(variant=OuterRef("variant")).order_by("-version").values("version")
        )
        return super().get_queryset(request).annotate(_terms=Count("terms"), _latest=Subquery(latest[:1]))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("variant", "title", "body")
        return ("variant", "version", "title", "body", "created_at")

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj is not None else ()

    # A version never changes (accepted terms keep it) and is never deleted.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": _("Nova versão de um modelo de termo"), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        """The add page starts from the current text of the variant asked for (?variant=...)."""
        variant = request.GET.get("variant", "")
        if variant not in TermTemplate.Variant.values:
            return {}
        current = term_template_current(variant)
        if current is None:
            return {"variant": variant}
        return {"variant": variant, "title": current.title, "body": current.body}

    def save_model(self, request, obj, form, change):
        """The service numbers the version and records it in the settings history."""
        created = services.term_template_new_version(
            actor=request.user, variant=obj.variant, title=obj.title, body=obj.body
        )
        # The admin goes on with the form's instance (its log entry and the redirect): make it the row.
        obj.pk, obj.version, obj.created_at = created.pk, created.version, created.created_at
        obj._state.adding, obj._state.db = False, created._state.db

    # --- Columns ------------------------------------------------------------------------------------------

    @admin.display(description=_("versão"), ordering="version")
    def version_text(self, obj):
        return f"v{obj.version}"

    @admin.display(description=_("criada em"), ordering="created_at")
    def created(self, obj):
        return format_local(obj.created_at)

    @admin.display(description=_("em uso"))
    def is_current(self, obj):
        if obj.version == obj._latest:
            return _("versão atual")
        return format_html('<span class="quiet">{}</span>', _("substituída"))

    @admin.display(description=_("termos enviados"), ordering="_terms")
    def terms_count(self, obj):
        return obj._terms

    @admin.display(description="")
    def new_version(self, obj):
        if obj.version != obj._latest:
            return ""
        url = reverse("admin:consultoria_termtemplate_add")
        return format_html(
            '<a href="{}?{}">{}</a>', url, urlencode({"variant": obj.variant}), _("Nova versão")
        )

    def get_list_display(self, request):
        if self.has_add_permission(request):
            return self.list_display
        return tuple(name for name in self.list_display if name != "new_version")
