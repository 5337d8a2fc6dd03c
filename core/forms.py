"""Domain errors shown in forms: the one place a service's refusal becomes a form error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .periods import validate_period


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal next to the field it concerns, or on top of the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def form_errors_text(form: forms.BaseForm) -> str:
    """Every message of a bound form in one line (for a banner or a plain-text answer)."""
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


class PeriodForm(forms.Form):
    """A period of local dates (both included), validated by `core.periods.validate_period`."""

    max_days: int | None = None

    start = forms.DateField(label=_("De"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Até"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            try:
                validate_period(start, end, max_days=self.max_days)
            except DomainError as error:
                raise forms.ValidationError(str(error.message), code=error.code) from None
        return cleaned
