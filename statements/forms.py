"""The statement's period and company (TKT-11)."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PeriodForm

from .selectors import MAX_STATEMENT_DAYS

if TYPE_CHECKING:
    from accounts.models import Company


class StatementForm(PeriodForm):
    max_days = MAX_STATEMENT_DAYS

    company: "forms.ModelChoiceField[Company]" = forms.ModelChoiceField(
        label=_("Empresa"), queryset=None, required=False, empty_label=_("Todas")
    )

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        if companies is None or companies.count() <= 1:
            del self.fields["company"]
