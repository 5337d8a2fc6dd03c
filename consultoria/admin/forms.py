"""Forms of the consultancy back-office: they validate input; consultoria/services enforce the rules
(a refusal comes back next to the field it names, through `core.forms.add_domain_error`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.periods import check_in_range, format_local
from sla.forms import BrasiliaDateTimeField
from tickets.admin.forms import TicketActionForm
from tickets.models import TEXT_MAX

from ..models import Consultancy, Modality, Session, TermTemplate
from ..selectors import open_consultancy

CHOOSE = ("", _("— escolha —"))
BRASILIA = _("Horário de Brasília.")


def _text(label: Any, *, required: bool = True, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def session_label(session: Session) -> str:
    label = format_local(session.scheduled_for)
    return f"{label} · {session.note}" if session.note else label


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        return session_label(obj)


# --- The consultancy panel of the ticket work page ---------------------------------------------------------


class ConsultancyAskForm(TicketActionForm):
    """An analyst asks a leader to move the ticket to consultancy."""

    action = "consultancy_ask"
    title = _("Pedir consultoria")
    modality = forms.ModelChoiceField(
        label=_("Modalidade"),
        queryset=Modality.objects.none(),
        empty_label=CHOOSE[1],
        help_text=_("A consultoria telefônica é escolhida pelo cliente ao abrir o chamado."),
    )
    situation = forms.ChoiceField(
        label=_("Situação recomendada"), choices=[CHOOSE, *Consultancy.Situation.choices]
    )
    note = _text(
        _("Justificativa"),
        required=False,
        help_text=_("O líder lê antes de decidir. Nada é enviado ao cliente antes da aprovação."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        modality = self.fields["modality"]
        assert isinstance(modality, forms.ModelChoiceField)
        modality.queryset = Modality.objects.filter(chosen_at_opening=False).order_by("pk")


class ConsultancyActionForm(TicketActionForm):
    """A form on the ticket's open consultancy (the one the page shows)."""

    def __init__(self, *args: Any, consultancy: Consultancy | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultancy = consultancy if consultancy is not None else open_consultancy(self.ticket)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.consultancy is None:
            raise forms.ValidationError(gettext("Este chamado não tem consultoria em andamento."))
        cleaned["consultancy"] = self.consultancy
        return cleaned


class SessionScheduleForm(ConsultancyActionForm):
    action = "consultancy_schedule"
    title = _("Agendar sessão")
    scheduled_for = BrasiliaDateTimeField(
        label=_("Data e hora combinadas com o cliente"),
        help_text=_("Horário de Brasília, dentro do horário da consultoria. O cliente recebe um e-mail."),
    )
    note = forms.CharField(label=_("Observação"), required=False, max_length=250)


class EntryRecordForm(ConsultancyActionForm):
    action = "consultancy_entry"
    title = _("Apontar horas")
    session = SessionChoiceField(label=_("Sessão"), queryset=Session.objects.none(), empty_label=None)
    started_at = BrasiliaDateTimeField(label=_("Início"), help_text=BRASILIA)
    ended_at = BrasiliaDateTimeField(
        label=_("Fim"), help_text=_("Horário de Brasília. Os minutos são arredondados para cima.")
    )
    description = _text(
        _("O que foi feito"), help_text=_("Aparece na linha do tempo do chamado e vai por e-mail ao cliente.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session = self.fields["session"]
        assert isinstance(session, forms.ModelChoiceField)
        if self.consultancy is not None:
            session.queryset = Session.objects.filter(consultancy=self.consultancy).order_by("-scheduled_for")


def finding_help(modality: Modality | None) -> str:
    """What each finding means for this consultancy's modality (its billing rule, as data)."""
    if modality is None:
        return ""
    waived = [
        label
        for label, flag in (
            (gettext("defeito de produto"), modality.waived_on_product_defect),
            (gettext("defeito de documentação"), modality.waived_on_documentation_defect),
        )
        if flag
    ]
    if not waived:
        return gettext("Na %(modality)s todos os minutos são cobrados, qualquer que seja a conclusão.") % {
            "modality": str(modality).lower()
        }
    return gettext("Na %(modality)s, %(defects)s abona as sessões: nada é cobrado.") % {
        "modality": str(modality).lower(),
        "defects": gettext(" ou ").join(waived),
    }


class ConsultancyFinishForm(ConsultancyActionForm):
    action = "consultancy_finish"
    title = _("Concluir a consultoria")
    finding = forms.ChoiceField(label=_("Conclusão"), choices=[CHOOSE, *Consultancy.Finding.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        modality = self.consultancy.modality if self.consultancy is not None else None
        self.fields["finding"].help_text = finding_help(modality)


CONSULTANCY_FORMS: dict[str, type[TicketActionForm]] = {
    form.action: form
    for form in (ConsultancyAskForm, SessionScheduleForm, EntryRecordForm, ConsultancyFinishForm)
}


# --- The leaders' pages ------------------------------------------------------------------------------------


class RefuseForm(forms.Form):
    reason = _text(
        _("Motivo da recusa (visível ao cliente)"),
        help_text=_("Fica no histórico do chamado, que o cliente lê; o chamado segue no suporte padrão."),
    )


class EntryCorrectionForm(forms.Form):
    started_at = BrasiliaDateTimeField(label=_("Início"), help_text=BRASILIA)
    ended_at = BrasiliaDateTimeField(label=_("Fim"), help_text=BRASILIA)
    description = _text(_("O que foi feito"))
    reason = _text(
        _("Motivo da correção (visível ao cliente)"),
        help_text=_(
            "Fica com a correção, ao lado dos valores anteriores, e no histórico do chamado que o cliente lê."
        ),
    )


class IgpmForm(forms.Form):
    percentage = forms.DecimalField(
        label=_("IGPM (%)"),
        max_digits=6,
        decimal_places=3,
        localize=True,
        help_text=_("O índice do ano em porcentagem, como 4,25."),
    )
    valid_from = forms.DateField(
        label=_("A partir de"),
        validators=[check_in_range],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Sessões de termos já aceitos mantêm a tarifa do termo."),
    )
    note = forms.CharField(label=_("Observação"), required=False, max_length=250)


class TermTemplateForm(forms.ModelForm):
    """A new version of a term's variant (the service numbers it; existing versions never change)."""

    class Meta:
        model = TermTemplate
        fields = ("variant", "title", "body")
        widgets = {
            "title": forms.TextInput(attrs={"class": "vTextField cs-wide-input"}),
            "body": forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField cs-wide-input"}),
        }
        help_texts = {
            "variant": _(
                "A nova versão recebe o próximo número da variante e passa a ser enviada nos próximos termos."
            ),
        }
