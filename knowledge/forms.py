"""The knowledge base's portal forms: the search filters, "Esta resposta ajudou?" and a deflection."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), max_length=200, required=False)
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Todos os tipos")), *Article.Kind.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    produto = forms.TypedChoiceField(
        label=_("Produto"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(
            attrs={"class": "form-select form-select-sm", "onchange": "this.form.requestSubmit()"}
        ),
    )
    rotina = forms.TypedChoiceField(
        label=_("Rotina"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(
        self,
        *args: object,
        products: list[tuple[int, str]],
        routines: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["produto"].choices = [("", _("Todos os produtos")), *products]  # type: ignore[attr-defined]
        self.fields["rotina"].choices = [("", _("Todas as rotinas")), *routines]  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    resposta = forms.ChoiceField(choices=[("sim", _("Sim")), ("nao", _("Não"))])
    comentario = forms.CharField(
        label=_("O que faltou? (opcional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeflectionForm(forms.Form):
    artigo = forms.IntegerField(required=False, min_value=1)
    solucao = forms.IntegerField(required=False, min_value=1)
    q = forms.CharField(required=False, max_length=500)
    produto = forms.CharField(required=False, max_length=12)
    empresa = forms.CharField(required=False, max_length=12)
