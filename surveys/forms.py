"""The survey's answer (SRV-2) and the leaders' report period (SRV-3)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PeriodForm

RATINGS = [str(n) for n in range(1, 6)]


class SurveyForm(forms.Form):
    """One click on a score from 1 to 5; "solved" is optional and starts unanswered (nothing is
    chosen for the client)."""

    rating = forms.ChoiceField(
        label=_("De 1 a 5, como você avalia o atendimento?"),
        choices=[(n, n) for n in RATINGS],
        widget=forms.RadioSelect(attrs={"class": "survey-option-input"}),
        error_messages={"required": _("Escolha uma nota de 1 a 5.")},
    )
    solved = forms.ChoiceField(
        label=_("O seu problema foi resolvido?"),
        choices=[("yes", _("Sim")), ("no", _("Não"))],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "survey-option-input"}),
    )
    comment = forms.CharField(
        label=_("Comentário (opcional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )


def rating_from_link(value: str | None) -> str | None:
    """The score a link of the survey e-mail carries (`?nota=4`), when it is one of 1..5."""
    return value if value in RATINGS else None


class ResultsPeriodForm(PeriodForm):
    """The period of the leaders' results (no maximum length)."""
