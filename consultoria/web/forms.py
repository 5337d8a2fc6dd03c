"""Input of the consultancy pages: the reason of a declined term (CON-3) and the statement's month
and, for staff, its company or partner unit (CON-8)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, PartnerUnit
from core.periods import check_in_range

MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
COMPANY, UNIT = "empresa", "unidade"


class TermDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo da recusa"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obrigatório. O chamado volta ao suporte padrão e a equipe recebe o seu motivo."),
        error_messages={"required": _("Diga por que o termo foi recusado.")},
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Diga por que o termo foi recusado."), code="required")
        return reason


class MonthField(forms.CharField):
    """A calendar month written 2026-11 (the value of an <input type="month">), as its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-11"})
    default_error_messages = {"invalid": _("Informe o mês como ano-mês, por exemplo 2026-11.")}

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        if not text:
            return None
        match = MONTH.fullmatch(text)
        if match is None or not 1 <= int(match["month"]) <= 12:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        month = date(int(match["year"]), int(match["month"]), 1)
        check_in_range(month)
        return month


class ConsultancyStatementForm(forms.Form):
    """The month (default: the current one) and, for staff, whose statement: a company or a unit."""

    mes = MonthField(label=_("Mês"), required=False)
    de = forms.ChoiceField(label=_("Extrato de"), required=False)

    def __init__(
        self,
        data: Any,
        *,
        today: date,
        companies: list[Company] | None = None,
        units: list[PartnerUnit] | None = None,
    ) -> None:
        if not (data or {}).get("mes"):  # the current month, shown in the field too
            data = data.copy() if data is not None else {}
            data["mes"] = today.strftime("%Y-%m")
        super().__init__(data)
        self.today = today
        self.companies = {str(company.pk): company for company in companies or []}
        self.units = {str(unit.pk): unit for unit in units or []}
        if companies is None and units is None:
            del self.fields["de"]
        else:
            choice: forms.ChoiceField = self.fields["de"]  # type: ignore[assignment]
            choice.choices = [
                ("", _("Escolha uma empresa ou unidade")),
                (_("Empresas"), [(f"{COMPANY}-{pk}", c.trade_name) for pk, c in self.companies.items()]),
                (_("Unidades parceiras"), [(f"{UNIT}-{pk}", u.name) for pk, u in self.units.items()]),
            ]

    def clean_mes(self) -> date:
        return self.cleaned_data.get("mes") or self.today.replace(day=1)

    def chosen(self) -> tuple[Company | None, PartnerUnit | None]:
        """The company or unit staff chose (valid form), or (None, None)."""
        kind, _dash, pk = str(self.cleaned_data.get("de") or "").partition("-")
        if kind == COMPANY:
            return self.companies.get(pk), None
        if kind == UNIT:
            return None, self.units.get(pk)
        return None, None
