"""The dashboard's filters: the period (the last 3, 6 or 12 months) and one team or all."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tickets.models import Team

from .selectors import Filters

MONTHS = (3, 6, 12)
DEFAULT_MONTHS = 6


class DashboardFilterForm(forms.Form):
    meses = forms.TypedChoiceField(
        label=_("Período"),
        choices=[(n, str(n)) for n in MONTHS],  # labelled in the reader's language (__init__)
        coerce=int,
        initial=DEFAULT_MONTHS,
        error_messages={"invalid_choice": _("Escolha um período de 3, 6 ou 12 meses.")},
    )
    equipe = forms.ModelChoiceField(
        label=_("Equipe"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("Todas as equipes"),
        error_messages={"invalid_choice": _("Escolha uma equipe da lista.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = cast(forms.TypedChoiceField, self.fields["meses"])
        months.choices = [(n, gettext("Últimos %(n)d meses") % {"n": n}) for n in MONTHS]

    def filters(self, now: datetime) -> Filters:
        return Filters(months=self.cleaned_data["meses"], team=self.cleaned_data["equipe"], now=now)
