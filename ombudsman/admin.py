"""The Ombudsman's back-office (OMB-1): analysts and leaders see every case with its deadline on
the Ouvidoria calendar and an "atrasada" marker, read its timeline and cited tickets, and move it
(in analysis, answered with the answer the client reads, closed) or write to the client through
ombudsman.services. A case is never added, edited or deleted here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.errors import DomainError
from core.periods import format_local

from . import services
from .models import Case, CaseEntry


class LateFilter(admin.SimpleListFilter):
    title = _("prazo")
    parameter_name = "prazo"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("atrasadas", _("Atrasadas")), ("em-dia", _("Em dia"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        waiting = queryset.filter(status__in=Case.WAITING)
        if self.value() == "atrasadas":
            return waiting.filter(due_at__lt=timezone.now())
        if self.value() == "em-dia":
            return waiting.filter(due_at__gte=timezone.now())
        return queryset


class CaseForm(forms.ModelForm):
    to_status = forms.ChoiceField(label=_("Nova situação"), required=False)
    text = forms.CharField(
        label=_("Resposta ou mensagem"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
        help_text=_(
            "Ao mudar para respondida, este texto é a resposta que o cliente lê e recebe por e-mail; "
            "sem mudar a situação, é uma mensagem ao cliente."
        ),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        moves = Case.MOVES.get(self.instance.status, ())
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            ("", _("— manter —")),
            *((value, Case.Status(value).label) for value in moves),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        to_status, text = cleaned.get("to_status"), cleaned.get("text", "")
        try:
            if to_status:
                services.check_move(self.instance.status, to_status, text)
            elif text.strip() and self.instance.status == Case.Status.CLOSED:
                raise DomainError(_("Esta manifestação está encerrada."), field="text")
        except DomainError as error:
            field = "text" if error.field in ("answer", "text") else "to_status"
            raise forms.ValidationError({field: str(error.message)}) from None
        return cleaned


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ("css/admin-csp.css",)}  # classes for the HTML below (no inline styles: CSP)

    form = CaseForm
    show_facets = admin.ShowFacets.NEVER
    list_display = ("protocol", "kind", "company", "subject", "status", "opened_at", "due_marker")
    list_filter = ("status", "kind", LateFilter)
    search_fields = ("=protocol", "company__trade_name", "subject", "tickets__number")
    list_select_related = ("company",)
    list_per_page = 50
    ordering = ("due_at", "pk")
    readonly_fields = (
        "protocol",
        "kind",
        "company",
        "opened_by",
        "cited",
        "subject",
        "description",
        "status",
        "opened_at",
        "due_marker",
        "answer",
        "answered_at",
        "timeline",
    )
    fieldsets = (
        (None, {"fields": ("protocol", "kind", "company", "opened_by", "cited", "subject", "description")}),
        (_("Prazo e situação"), {"fields": ("status", "opened_at", "due_marker", "answer", "answered_at")}),
        (_("Andamento"), {"fields": ("timeline",)}),
        (_("Tratar"), {"fields": ("to_status", "text")}),
    )

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

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.status == Case.Status.CLOSED:
            return self.fieldsets[:3]
        return self.fieldsets

    @admin.display(description=_("prazo"), ordering="due_at")
    def due_marker(self, obj: Case) -> str:
        if obj.is_late():
            return format_html(
                '{} <strong class="admin-late">{}</strong>', format_local(obj.due_at), _("atrasada")
            )
        return format_local(obj.due_at)

    @admin.display(description=_("chamados citados"))
    def cited(self, obj: Case) -> str:
        return ", ".join(ticket.number for ticket in obj.tickets.order_by("number"))

    @admin.display(description=_("andamento"))
    def timeline(self, obj: Case) -> str:
        entries = CaseEntry.objects.filter(case=obj).select_related("author")
        if not entries:
            return str(_("Nenhum registro ainda."))
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} · {} · {}<br>{}</li>",
                (
                    (
                        format_local(entry.created_at),
                        entry.author.get_full_name() or entry.author.email,
                        entry.get_to_status_display()
                        if entry.kind == CaseEntry.Kind.STATUS
                        else _("mensagem"),
                        entry.body,
                    )
                    for entry in entries
                ),
            ),
        )

    def save_model(self, request: HttpRequest, obj: Case, form: Any, change: bool) -> None:
        to_status, text = form.cleaned_data.get("to_status"), form.cleaned_data.get("text", "")
        if to_status:
            services.case_move(actor=request.user, case=obj, to_status=to_status, answer=text)  # type: ignore[arg-type]
        elif text.strip():
            services.case_message(actor=request.user, case=obj, body=text)  # type: ignore[arg-type]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing else of a case is edited here."""
