"""Back-office forms of the SLA app: importing holidays and simulating a deadline (CAL, SLA)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import UF
from core.periods import EARLIEST, LATEST, SAO_PAULO

from .models import Calendar
from .services import Place

SIMULATION_PAUSES = 3  # closed pauses offered by the simulation form
MAX_TARGET_HOURS = Decimal(5000)
MAX_TARGET_DAYS = 500
FIRST_YEAR, LAST_YEAR = EARLIEST.year, LATEST.year  # the portal's calendar (core.periods)
INSTANT_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")


class BrasiliaDateTimeField(forms.Field):
    """A wall-clock date and time in Brasília time (`datetime-local`), returned timezone-aware.

    Brasília time whatever the user's active time zone: deadlines are defined in America/Sao_Paulo
    (CAL-1), and a historical instant during DST keeps its offset of that day (SLA-6).
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {
        "invalid": _("Informe uma data e hora válidas, como 19/11/2026 17:00."),
        "range": _("Informe uma data entre %(first)d e %(last)d."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            parsed = value
        else:
            parsed = None
            text = str(value).strip()
            for pattern in INSTANT_FORMATS:
                try:
                    parsed = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            raise ValidationError(
                self.error_messages["range"], code="range", params={"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if parsed.tzinfo is not None:
            return parsed.astimezone(SAO_PAULO)
        return parsed.replace(tzinfo=SAO_PAULO)


class HolidayImportForm(forms.Form):
    """One year of public holidays from the `holidays` package (CAL-2); the service checks the range."""

    year = forms.IntegerField(
        label=_("Ano"),
        help_text=_(
            "Importa os feriados públicos nacionais, estaduais e da capital paulista daquele ano. "
            "Os que já existem ficam como estão."
        ),
    )


class DeadlineSimulationForm(forms.Form):
    """What-if deadline of a target on a calendar (SLA-2..4), for analysts; nothing is stored."""

    HOURS, DAYS = "hours", "days"

    calendar = forms.ModelChoiceField(
        label=_("Calendário"), queryset=Calendar.objects.order_by("name"), empty_label=None
    )
    start = BrasiliaDateTimeField(
        label=_("Abertura"),
        help_text=_("Horário de Brasília. Fora do expediente, a contagem começa no próximo instante útil."),
    )
    target_value = forms.DecimalField(
        label=_("Meta"),
        min_value=0,
        max_digits=7,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
        help_text=_("Horas aceitam frações (1,5 = 1 h 30 min); dias, só números inteiros."),
    )
    target_unit = forms.ChoiceField(
        label=_("Unidade"),
        choices=[(HOURS, _("horas úteis")), (DAYS, _("dias úteis"))],
        initial=HOURS,
    )
    local_state = forms.ChoiceField(
        label=_("UF"),
        required=False,
        choices=[("", _("— sem feriados locais —")), *UF.choices],
        help_text=_("Soma os feriados estaduais (e municipais, com o município) ao calendário."),
    )
    local_municipality = forms.CharField(label=_("Município"), required=False, max_length=120)
    open_pause_start = BrasiliaDateTimeField(
        label=_("Pausa em aberto desde"),
        required=False,
        help_text=_("O chamado aguarda o cliente desde este instante e ainda não voltou."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ordered = {}
        for name, form_field in self.fields.items():
            if name == "open_pause_start":
                for number in range(1, SIMULATION_PAUSES + 1):
                    ordered[f"pause_{number}_start"] = BrasiliaDateTimeField(
                        label=_("Pausa %(n)d: início") % {"n": number}, required=False
                    )
                    ordered[f"pause_{number}_end"] = BrasiliaDateTimeField(
                        label=_("Pausa %(n)d: fim") % {"n": number}, required=False
                    )
            ordered[name] = form_field
        self.fields = ordered

    @classmethod
    def pause_field_names(cls) -> list[tuple[str, str]]:
        return [(f"pause_{n}_start", f"pause_{n}_end") for n in range(1, SIMULATION_PAUSES + 1)]

    def clean(self):
        data = super().clean()
        value, unit = data.get("target_value"), data.get("target_unit")
        if value is not None and unit == self.DAYS:
            if value != value.to_integral_value():
                self.add_error("target_value", _("Em dias úteis, informe um número inteiro."))
            elif value > MAX_TARGET_DAYS:
                self.add_error("target_value", _("No máximo %(n)d dias úteis.") % {"n": MAX_TARGET_DAYS})
        elif value is not None and unit == self.HOURS and value > MAX_TARGET_HOURS:
            self.add_error("target_value", _("No máximo %(n)d horas úteis.") % {"n": MAX_TARGET_HOURS})

        state = data.get("local_state", "")
        municipality = (data.get("local_municipality") or "").strip()
        if municipality and not state:
            self.add_error("local_state", _("Informe a UF do município."))
        data["place"] = Place(state, municipality) if state else None

        pauses: list[tuple[datetime, datetime | None]] = []
        for start_name, end_name in self.pause_field_names():
            begin, end = data.get(start_name), data.get(end_name)
            if start_name in self.errors or end_name in self.errors:
                continue
            if begin and not end:
                self.add_error(end_name, _("Informe o fim da pausa (ou use a pausa em aberto)."))
            elif end and not begin:
                self.add_error(start_name, _("Informe o início da pausa."))
            elif begin and end:
                if end <= begin:
                    self.add_error(end_name, _("O fim da pausa deve ser depois do início."))
                else:
                    pauses.append((begin, end))
        if data.get("open_pause_start"):
            pauses.append((data["open_pause_start"], None))
        data["pauses"] = sorted(pauses, key=lambda pause: pause[0])
        return data
