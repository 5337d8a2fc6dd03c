"""Domain errors shown in forms: the one place a service's refusal becomes a form error."""

from __future__ import annotations

from django import forms

from .errors import DomainError


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal next to the field it concerns, or on top of the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def form_errors_text(form: forms.BaseForm) -> str:
    """Every message of a bound form in one line (for a banner or a plain-text answer)."""
    return " ".join(str(message) for messages in form.errors.values() for message in messages)
