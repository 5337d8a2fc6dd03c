"""The search box of the solutions page: the words and, optionally, the product."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors import products_with_solutions


class SolutionSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Descreva o problema"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Ex.: cálculo de férias com faltas"),
                "autocomplete": "off",
                "class": "form-control",
            }
        ),
    )
    product = forms.ModelChoiceField(
        label=_("Produto"),
        queryset=products_with_solutions(),
        required=False,
        empty_label=_("Todos os produtos"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products_with_solutions()
