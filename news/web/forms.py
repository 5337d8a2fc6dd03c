"""Filters of the news pages (GET): an unknown value is ignored, never an error page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tickets.models import Product

from ..models import NewsItem


def _product_choices(products: list[Product]) -> list[tuple[str, str]]:
    return [("", str(_("Todos")))] + [(str(p.pk), p.name) for p in products]


class NewsFilterForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Todas")), *list(NewsItem.Kind.choices)],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    produto = forms.ChoiceField(
        label=_("Produto"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args: object, products: list[Product], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["produto"].choices = _product_choices(products)  # type: ignore[attr-defined]

    def values(self) -> tuple[str, int | None]:
        """(kind, product id) of the valid fields; an invalid one counts as "all"."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        kind = data.get("tipo") or ""
        product = data.get("produto") or ""
        return kind, int(product) if product else None


class ProductFilterForm(forms.Form):
    produto = forms.ChoiceField(
        label=_("Produto"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args: object, products: list[Product], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["produto"].choices = _product_choices(products)  # type: ignore[attr-defined]

    def product_id(self) -> int | None:
        self.is_valid()
        product = getattr(self, "cleaned_data", {}).get("produto") or ""
        return int(product) if product else None
