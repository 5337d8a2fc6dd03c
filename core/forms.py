"""Domain errors shown in forms: the one place a service's refusal becomes a form error; forms
whose empty HTML is rendered once."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar

from django import forms
from django.utils.safestring import SafeString
from django.utils.translation import get_language
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


class RenderedOnceForm(forms.Form):
    """A form whose empty (unbound) HTML depends only on its fields and the language: rendered once
    per process and kept (the ticket page's reply form cost about 1 ms a page). A bound form, with
    its values and errors, renders as usual."""

    _kept: ClassVar[dict[Hashable, SafeString]] = {}

    def render(
        self, template_name: str | None = None, context: Any = None, renderer: Any = None
    ) -> SafeString:
        if self.is_bound or self.initial or template_name or context or renderer:
            return super().render(template_name, context, renderer)
        key = (
            type(self),
            get_language(),
            self.prefix,
            self.auto_id,
            self.use_required_attribute,
            tuple(
                (
                    name,
                    str(field.label),
                    str(field.help_text),
                    field.required,
                    field.disabled,
                    repr(field.widget.attrs),
                    repr(field.initial),
                )
                for name, field in self.fields.items()
            ),
        )
        html = self._kept.get(key)
        if html is None:
            html = self._kept[key] = super().render()
        return html

    # Django binds these to its own `render` (templates print a form through `__html__`).
    __str__ = render
    __html__ = render


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
