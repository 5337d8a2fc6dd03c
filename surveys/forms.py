"""The survey's answer (SRV-2) and the leaders' report period (SRV-3)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PeriodForm


class SurveyForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("De 1 a 5, como você avalia o atendimento?"),
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    solved = forms.ChoiceField(
        label=_("O seu problema foi resolvido?"),
        choices=[("yes", _("Sim")), ("no", _("Não")), ("", _("Prefiro não dizer"))],
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comentário (opcional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ResultsPeriodForm(PeriodForm):
    """The period of the leaders' results (no maximum length)."""
