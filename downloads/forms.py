"""The download centre's filter form (SELF-6): product, version, kind and keywords."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from . import selectors
from .models import Package


class PackageFilterForm(forms.Form):
    """Query-string filters of the list, offered from the user's own products and versions; an
    unknown or foreign value is simply left out (never an error page)."""

    q = forms.CharField(label=_("Palavra-chave"), required=False, max_length=100)
    produto = forms.ChoiceField(label=_("Produto"), required=False)
    versao = forms.ChoiceField(label=_("Versão"), required=False)
    tipo = forms.ChoiceField(label=_("Tipo"), required=False)

    def __init__(self, data: Any, *, user: User) -> None:
        super().__init__(data)
        products = list(selectors.filter_products(user))
        raw_product = str(self.data.get("produto") or "").strip()
        chosen = next((product.pk for product in products if str(product.pk) == raw_product), None)
        versions = list(selectors.filter_versions(user, chosen))
        self._choose("produto", _("Todos os produtos"), [(str(p.pk), p.name) for p in products])
        self._choose(
            "versao",
            _("Todas as versões"),
            [(str(v.pk), v.name if chosen else f"{v.product.name} {v.name}") for v in versions],
        )
        self._choose("tipo", _("Todos os tipos"), list(Package.Kind.choices))
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "type": "search", "placeholder": _("Título ou descrição")}
        )

    def _choose(self, name: str, empty: Any, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", empty), *choices]
        field.widget.attrs.update({"class": "form-select"})

    def filters(self) -> selectors.PackageFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})

        def value(name: str) -> str:
            return "" if name in self.errors else str(data.get(name) or "")

        return selectors.PackageFilters(
            product_id=int(value("produto")) if value("produto") else None,
            version_id=int(value("versao")) if value("versao") else None,
            kind=value("tipo"),
            query=value("q"),
        )
