"""Forms of the Ombudsman pages: a new case (kind, cited tickets, subject, account) and a message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Case
from ..services import SUBJECT_MAX, TEXT_MAX


class _Bootstrap(forms.Form):
    def full_clean(self) -> None:
        super().full_clean()
        self.mark_invalid()

    def mark_invalid(self) -> None:
        """Bootstrap's red border on every field with an error (a service's refusal too)."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class CaseForm(_Bootstrap):
    kind = forms.ChoiceField(
        label=_("Tipo"),
        choices=Case.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    tickets = forms.CharField(
        label=_("Chamados relacionados"),
        max_length=200,
        help_text=_(
            "O número de 8 dígitos de cada chamado sobre o assunto, separados por vírgula ou espaço."
        ),
        widget=forms.TextInput(
            attrs={
                "class": "form-control font-monospace",
                "placeholder": "00012345, 00012346",
                "inputmode": "numeric",
            }
        ),
    )
    subject = forms.CharField(
        label=_("Assunto"),
        max_length=SUBJECT_MAX,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    description = forms.CharField(
        label=_("Relato"),
        max_length=TEXT_MAX,
        help_text=_("Conte o que aconteceu no atendimento e o que você espera da Ouvidoria."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("kind", Case.Kind.COMPLAINT)


class MessageForm(_Bootstrap):
    body = forms.CharField(
        label=_("Nova mensagem"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
