"""The change form of a published solution: the anonymised texts and whether it is withheld."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Solution


class SolutionForm(forms.ModelForm):
    class Meta:
        model = Solution
        fields = ("problem", "solution", "withheld", "withheld_reason")
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 8, "cols": 90}),
            "solution": forms.Textarea(attrs={"rows": 10, "cols": 90}),
            "withheld_reason": forms.Textarea(attrs={"rows": 2, "cols": 90}),
        }
        help_texts = {
            "withheld": _("Uma solução retida nunca aparece na consulta de soluções."),
            "withheld_reason": _("Obrigatório para reter a solução."),
        }

    def clean(self):
        data = super().clean()
        if data.get("withheld") and not (data.get("withheld_reason") or "").strip():
            self.add_error("withheld_reason", _("Diga por que a solução deve ser retida."))
        return data
