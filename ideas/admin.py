"""The suggestions' back-office (SELF-5): analysts and leaders see every suggestion with its
proposer and company, filter and search them, and move one through its triage with a reason
(ideas.services.suggestion_move: the history is kept and the proposer is told by e-mail). A
suggestion is never added, edited or deleted here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.errors import DomainError
from core.periods import format_local

from . import services
from .models import Suggestion, SuggestionStatusChange


class StaffOnlyAdmin(admin.ModelAdmin):
    """Analysts and leaders look and act; nobody adds or deletes."""

    show_facets = admin.ShowFacets.NEVER

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_staff(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_staff(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_staff(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MoveForm(forms.ModelForm):
    """The triage's form: the next status and its reason (both needed for a change)."""

    to_status = forms.ChoiceField(label=_("Nova situação"), required=False)
    reason = forms.CharField(
        label=_("Motivo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Enviado por e-mail ao proponente e mostrado a todos os clientes do produto."),
    )

    class Meta:
        model = Suggestion
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        moves = Suggestion.MOVES.get(self.instance.status, ())
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            ("", _("— manter —")),
            *((value, Suggestion.Status(value).label) for value in moves),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        to_status = cleaned.get("to_status")
        if to_status:
            try:
                services.check_move(self.instance.status, to_status, cleaned.get("reason", ""))
            except DomainError as error:
                raise forms.ValidationError({error.field or "to_status": str(error.message)}) from None
        return cleaned


@admin.register(Suggestion)
class SuggestionAdmin(StaffOnlyAdmin):
    form = MoveForm
    list_display = ("title", "product", "company", "proposer", "status_badge", "support_count", "created_at")
    list_filter = ("status", "product")
    search_fields = ("title", "company__trade_name", "proposer__email", "proposer__full_name")
    list_select_related = ("product", "company", "proposer")
    list_per_page = 50
    ordering = ("-created_at", "-pk")
    readonly_fields = (
        "product",
        "company",
        "proposer",
        "title",
        "description",
        "status_badge",
        "status_reason",
        "support_count",
        "created_at",
        "history",
    )
    fieldsets = (
        (None, {"fields": ("product", "title", "description", "company", "proposer", "created_at")}),
        (_("Situação"), {"fields": ("status_badge", "status_reason", "support_count", "history")}),
        (_("Mudar a situação"), {"fields": ("to_status", "reason")}),
    )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.is_final:
            return self.fieldsets[:2]  # final: nothing left to move
        return self.fieldsets

    @admin.display(description=_("situação"), ordering="status")
    def status_badge(self, obj: Suggestion) -> str:
        return format_html("<strong>{}</strong>", obj.get_status_display())

    @admin.display(description=_("histórico"))
    def history(self, obj: Suggestion) -> str:
        changes = SuggestionStatusChange.objects.filter(suggestion=obj).select_related("actor")
        if not changes:
            return str(_("Nenhuma mudança ainda."))
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} · {} → {} · {}<br>{}</li>",
                (
                    (
                        format_local(change.created_at),
                        change.get_from_status_display(),
                        change.get_to_status_display(),
                        change.actor.get_full_name() or change.actor.email,
                        change.reason,
                    )
                    for change in changes
                ),
            ),
        )

    def save_model(self, request: HttpRequest, obj: Suggestion, form: Any, change: bool) -> None:
        to_status = form.cleaned_data.get("to_status")
        if to_status:
            services.suggestion_move(
                actor=request.user,  # type: ignore[arg-type]
                suggestion=obj,
                to_status=to_status,
                reason=form.cleaned_data.get("reason", ""),
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing else of a suggestion is edited here."""
