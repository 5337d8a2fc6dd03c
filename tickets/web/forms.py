"""Browser forms of the ticket pages: they validate input; tickets/services.py enforces the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.access import FINANCIAL_PENDENCY_ALLOWED_KINDS
from accounts.models import Company
from core.forms import RenderedOnceForm
from sla.models import Severity

from .. import selectors
from ..attachments import ALLOWED_TYPES
from ..models import TEXT_MAX, Product, ProductVersion, Routine, Ticket
from ..services import CST_KINDS, SeverityAnswers

YES, NO = "sim", "nao"
YES_NO = [(YES, _("Sim")), (NO, _("Não"))]


# --- Attachments -----------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); the service checks each one (TKT-10)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(sorted(ALLOWED_TYPES))}),
        )
        # An empty file is the service's to refuse, naming the file: Django's own message was shown too.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def attachments_help_text() -> str:
    return gettext("Até %(n)d arquivos de até %(size)s cada: prints, logs, vídeos, PDF, planilhas, ZIP.") % {
        "n": getattr(settings, "ATTACHMENT_MAX_FILES", 10),
        "size": filesizeformat(getattr(settings, "ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)),
    }


def attachments_field() -> MultipleFileField:
    # The help text (limits from the settings) is set per request in the form's __init__.
    return MultipleFileField(label=_("Anexos"), required=False)


# --- List filters ----------------------------------------------------------------------------------------

OPEN, CLOSED = "abertos", "encerrados"


class TicketFilterForm(forms.Form):
    """The list's filters, read from the query string; unknown values are ignored, never an error."""

    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    situacao = forms.ChoiceField(label=_("Situação"), required=False)
    severidade = forms.ChoiceField(
        label=_("Severidade"), required=False, choices=[("", _("Todas")), *Severity.choices]
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"), required=False, choices=[("", _("Todos")), *Ticket.Kind.choices]
    )
    empresa = forms.TypedChoiceField(label=_("Empresa"), required=False, coerce=int, empty_value=None)

    STATE_CHOICES = [
        ("", _("Todas")),
        (OPEN, _("Em aberto")),
        (CLOSED, _("Encerrados")),
        (_("Situação exata"), Ticket.Status.choices),
    ]

    def __init__(self, data=None, *, companies=None):
        super().__init__(data)
        self.fields["situacao"].choices = self.STATE_CHOICES
        for name in ("situacao", "severidade", "tipo", "empresa"):
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "form-select"
        if companies is None:
            self.fields.pop("empresa")
        else:
            self.fields["empresa"].choices = [("", _("Todas"))] + [
                (company.pk, company.trade_name) for company in companies
            ]

    def value(self, name: str):
        """The cleaned value of a filter, or its empty value when it was not valid."""
        if not self.is_bound:
            return None if name == "empresa" else ""
        if name in self.cleaned_data:
            return self.cleaned_data[name]
        return None if name == "empresa" else ""


# --- Opening a ticket (TKT-1, TKT-2, TKT-3, SEV-1, ACC-6) ------------------------------------------------


class SeverityQuestionsForm(forms.Form):
    """SEV-1's four questions as plain yes/no questions; each one must be answered."""

    function_usable = forms.ChoiceField(
        label=_("A função (rotina) pode ser usada?"),
        help_text=_("Responda “Sim” se ela funciona, mesmo que com restrições."),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    has_workaround = forms.ChoiceField(
        label=_("Existe uma solução de contorno?"),
        help_text=_("Outra forma de concluir o processo, mesmo que manual ou mais trabalhosa."),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    data_corruption = forms.ChoiceField(
        label=_("Há dados sendo gravados errados ou corrompidos?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    cosmetic = forms.ChoiceField(
        label=_("O problema é só visual?"),
        help_text=_("Texto, ortografia, navegação ou exibição da tela, sem afetar o resultado."),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    QUESTIONS = ("function_usable", "has_workaround", "data_corruption", "cosmetic")

    def answers(self) -> SeverityAnswers:
        data = self.cleaned_data
        return SeverityAnswers(
            function_unusable=data["function_usable"] == NO,
            has_workaround=data["has_workaround"] == YES,
            data_corruption=data["data_corruption"] == YES,
            cosmetic=data["cosmetic"] == YES,
        )

    def partial_answers(self) -> SeverityAnswers | None:
        """The answers given so far (for the live preview), or None while any is missing."""
        values = {name: self.data.get(name) for name in self.QUESTIONS}
        if any(value not in (YES, NO) for value in values.values()):
            return None
        return SeverityAnswers(
            function_unusable=values["function_usable"] == NO,
            has_workaround=values["has_workaround"] == YES,
            data_corruption=values["data_corruption"] == YES,
            cosmetic=values["cosmetic"] == YES,
        )


# The CST's subjects (services.CST_SUBJECTS' keys), in the reader's language.
SUBJECT_CHOICES = [
    ("", _("Selecione o assunto")),
    ("boleto", _("Boleto: segunda via ou vencimento")),
    ("nota_fiscal", _("Nota fiscal")),
    ("cobranca", _("Cobrança ou pagamento")),
    ("cadastro", _("Cadastro da empresa")),
    ("contrato", _("Contrato")),
    ("senha", _("Senha e acesso ao portal")),
    ("outro", _("Outro assunto")),
]
# What a technical ticket asks and an administrative or financial one does not (TKT-2, TKT-3).
TECHNICAL_FIELDS = ("product", "routine", "version", "environment", *SeverityQuestionsForm.QUESTIONS)


class TicketOpenForm(SeverityQuestionsForm):
    """TKT-2: everything a ticket is opened with, for one company chosen before (contact or partner).

    An administrative or financial ticket (TKT-3, ACC-6) asks for its subject instead of product,
    routine, version, environment and the impact questions: those are not required then, and are
    ignored if posted."""

    kind = forms.ChoiceField(
        label=_("Tipo de chamado"),
        choices=Ticket.Kind.choices,
        initial=Ticket.Kind.TECHNICAL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    modality = forms.ChoiceField(
        label=_("Modalidade"),
        choices=Ticket.Modality.choices,
        initial=Ticket.Modality.STANDARD,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    subject = forms.ChoiceField(
        label=_("Assunto"),
        choices=SUBJECT_CHOICES,
        required=False,
        help_text=_(
            "O Centro de Serviços (CST) atende boletos, notas fiscais, cadastro, contrato e acessos."
        ),
    )
    product = forms.ModelChoiceField(
        label=_("Produto"), queryset=Product.objects.none(), empty_label=_("Selecione o produto")
    )
    routine = forms.ModelChoiceField(
        label=_("Rotina (módulo ou programa)"),
        queryset=Routine.objects.none(),
        empty_label=_("Selecione a rotina"),
    )
    version = forms.ModelChoiceField(
        label=_("Versão / release"),
        queryset=ProductVersion.objects.none(),
        empty_label=_("Selecione a versão"),
    )
    environment = forms.ChoiceField(
        label=_("Ambiente"), choices=[("", _("Selecione o ambiente")), *Ticket.Environment.choices]
    )
    environment_details = forms.CharField(
        label=_("Detalhes do ambiente"),
        required=False,
        max_length=250,
        help_text=_("Banco de dados, sistema operacional, servidor de aplicação…"),
        widget=forms.TextInput(attrs={"placeholder": _("Ex.: SQL Server 2019, Windows Server 2022")}),
    )
    summary = forms.CharField(
        label=_("Resumo"),
        max_length=200,
        help_text=_("Uma frase que identifique o problema, como o título de um e-mail."),
    )
    description = forms.CharField(
        label=_("Descrição detalhada"),
        max_length=TEXT_MAX,
        help_text=_("O processo que você fez, passo a passo, e o comportamento que está questionando."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    error_message = forms.CharField(
        label=_("Mensagem de erro completa"),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("Copie e cole o texto inteiro do erro, se houver."),
        widget=forms.Textarea(attrs={"rows": 3, "class": "font-monospace"}),
    )
    particularities = forms.CharField(
        label=_("Particularidades do cenário"),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("O que o seu cenário tem de diferente: parâmetros, customizações, dados específicos."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = attachments_field()
    not_duplicate = forms.BooleanField(
        label=_("Não é o mesmo problema, abrir mesmo assim"),
        required=False,
    )

    field_order = [
        "kind",
        "modality",
        "subject",
        "product",
        "routine",
        "version",
        "environment",
        "environment_details",
        "summary",
        "description",
        "error_message",
        "particularities",
        *SeverityQuestionsForm.QUESTIONS,
        "attachments",
        "not_duplicate",
    ]

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["attachments"].help_text = attachments_help_text()
        self.fields["attachments"].label = _("Arquivos: logs, prints de tela, vídeos")
        product_field = cast("forms.ModelChoiceField[Product]", self.fields["product"])
        routine_field = cast("forms.ModelChoiceField[Routine]", self.fields["routine"])
        version_field = cast("forms.ModelChoiceField[ProductVersion]", self.fields["version"])
        products = selectors.catalogue_products(company.pk)
        product_field.queryset = products
        product_id = self._chosen_product_id(products)
        if product_id is not None:
            # One product chosen: its routines and versions, by name (htmx refreshes them on change).
            routine_field.queryset = selectors.catalogue_routines(product_id)
            version_field.queryset = selectors.catalogue_versions(product_id)
            # The instance's own label, replacing the field's method (the stubs call that a method-assign).
            routine_field.label_from_instance = lambda obj: obj.name  # type: ignore[method-assign]
            version_field.label_from_instance = lambda obj: obj.name  # type: ignore[method-assign]
        else:
            # No product yet: every routine and version of the company's products, named with their
            # product, so the form also works without JavaScript.
            routine_field.queryset = Routine.objects.filter(
                product__in=products, is_active=True
            ).select_related("product")
            version_field.queryset = ProductVersion.objects.filter(
                product__in=products, is_active=True
            ).select_related("product")
        if company.has_financial_pendency:
            # ACC-6: only the CST's kinds are offered; a technical ticket posted anyway is refused by
            # the service, whose message is shown next to the field.
            self.fields["kind"].widget.choices = [
                choice for choice in Ticket.Kind.choices if choice[0] in FINANCIAL_PENDENCY_ALLOWED_KINDS
            ]
            self.fields["kind"].initial = Ticket.Kind.ADMINISTRATIVE
            # Consultancy is technical support; the CST's kinds never offer it.
            self.fields["modality"].widget.choices = [
                choice for choice in Ticket.Modality.choices if choice[0] == Ticket.Modality.STANDARD
            ]
        if self.is_cst:
            for name in (*TECHNICAL_FIELDS, "modality"):
                self.fields[name].required = False
            self.fields["subject"].required = True

    @property
    def chosen_kind(self) -> str:
        """The kind posted (or the initial one): it decides which questions are asked."""
        if self.is_bound:
            return str(self.data.get(self.add_prefix("kind"), ""))
        return str(self.initial.get("kind") or self.fields["kind"].initial)

    # The phone desk's form (tickets/web/phone.py) still asks everything, whatever the kind.
    asks_subject = True

    @property
    def is_cst(self) -> bool:
        return self.asks_subject and self.chosen_kind in CST_KINDS

    def answers(self) -> SeverityAnswers:
        if self.is_cst:
            return SeverityAnswers(False, False, False, False)  # not asked (the service ignores them)
        return super().answers()

    def _chosen_product_id(self, products: QuerySet[Product]) -> int | None:
        raw: Any = self.data.get(self.add_prefix("product")) if self.is_bound else self.initial.get("product")
        try:
            product_id = int(raw)
        except (TypeError, ValueError):
            return None
        return product_id if products.filter(pk=product_id).exists() else None

    def clean(self):
        data = super().clean()
        if self.is_cst:
            # Not asked: whatever was posted (a stale field of the technical form) is dropped.
            for name in TECHNICAL_FIELDS:
                data[name] = None
                self.errors.pop(name, None)
            if data.get("modality") == Ticket.Modality.CONSULTANCY:
                self.add_error("modality", _("Consultoria é só para chamados técnicos."))
            data["modality"] = Ticket.Modality.STANDARD
            return data
        product, routine, version = data.get("product"), data.get("routine"), data.get("version")
        if product and routine and routine.product_id != product.pk:
            self.add_error("routine", _("Escolha uma rotina do produto selecionado."))
        if product and version and version.product_id != product.pk:
            self.add_error("version", _("Escolha uma versão do produto selecionado."))
        return data


class TicketReplyForm(RenderedOnceForm):
    body = forms.CharField(
        label=_("Sua mensagem"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Escreva a mensagem.")},
    )
    attachments = attachments_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_help_text()


# --- The client's answer to a solution (ACP-3) and follow-ups (TKT-9) -------------------------------------


class RejectForm(RenderedOnceForm):
    reason = forms.CharField(
        label=_("Por que a solução não resolveu?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Diga por que a solução não resolveu o problema.")},
    )


class FollowUpForm(RenderedOnceForm):
    summary = forms.CharField(label=_("Resumo (opcional)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("O que você precisa agora?"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
