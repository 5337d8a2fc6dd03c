from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_STATEMENT_DAYS = 366


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


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Por que a solução não resolveu?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(forms.Form):
    summary = forms.CharField(label=_("Resumo (opcional)"), max_length=200, required=False)
    body = forms.CharField(label=_("O que você precisa agora?"), widget=forms.Textarea(attrs={"rows": 4}))


class StatementForm(forms.Form):
    start = forms.DateField(label=_("De"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Até"), widget=forms.DateInput(attrs={"type": "date"}))
    company = forms.ModelChoiceField(
        label=_("Empresa"), queryset=None, required=False, empty_label=_("Todas")
    )

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        if companies is None or companies.count() <= 1:
            del self.fields["company"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("A data final deve ser igual ou posterior à inicial."))
            if end - start > timedelta(days=MAX_STATEMENT_DAYS):
                raise forms.ValidationError(_("Escolha um período de até um ano."))
        return cleaned
