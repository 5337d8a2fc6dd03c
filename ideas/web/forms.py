"""Forms of the suggestion pages: the list's filters and a new suggestion (its product chosen among
those the company uses, the ticket form's selector)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from tickets import selectors as ticket_selectors
from tickets.models import Product

from ..models import Suggestion
from ..services import DESCRIPTION_MAX, TITLE_MAX


def user_products(user: User) -> Any:
    """The products the user's company uses: the selector of the ticket-opening form."""
    return ticket_selectors.catalogue_products_for(user)


class SuggestionFilterForm(forms.Form):
    produto = forms.ModelChoiceField(
        label=_("Produto"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("Todos os produtos"),
    )
    situacao = forms.ChoiceField(
        label=_("Situação"),
        required=False,
        choices=[("", _("Todas")), *Suggestion.Status.choices],
    )
    q = forms.CharField(label=_("Buscar no título"), required=False, max_length=100)
    ordem = forms.ChoiceField(
        label=_("Ordenar por"),
        required=False,
        choices=[("apoios", _("Mais apoiadas")), ("recentes", _("Mais recentes"))],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["produto"].queryset = user_products(user)  # type: ignore[attr-defined]
        for name in ("produto", "situacao", "ordem"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs.update({"class": "form-control", "type": "search"})

    def cleaned(self) -> dict[str, Any]:
        """The filters as the selector takes them (an invalid choice is ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        product = data.get("produto")
        return {
            "product_id": product.pk if product else None,
            "status": data.get("situacao", ""),
            "query": data.get("q", ""),
            "order": data.get("ordem") or "apoios",
        }


class SuggestionForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Produto"), queryset=Product.objects.none(), empty_label=_("Selecione o produto")
    )
    title = forms.CharField(
        label=_("Título"),
        max_length=TITLE_MAX,
        help_text=_("Uma frase que resuma a melhoria."),
        widget=forms.TextInput(attrs={"placeholder": _("Ex.: Exportar o relatório de vendas em Excel")}),
    )
    description = forms.CharField(
        label=_("Descrição"),
        max_length=DESCRIPTION_MAX,
        help_text=_("O que você gostaria que o produto fizesse, e por que isso ajudaria no seu dia a dia."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = user_products(user)  # type: ignore[attr-defined]
        self.fields["product"].widget.attrs["class"] = "form-select"
        for name in ("title", "description"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_invalid()

    def mark_invalid(self) -> None:
        """Bootstrap's red border on every field with an error (a service's refusal too)."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
