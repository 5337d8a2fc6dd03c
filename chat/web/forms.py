"""Browser forms of the chat pages: they validate input; chat/services enforce the rules."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from tickets.attachments import ALLOWED_TYPES
from tickets.models import Product
from tickets.web.forms import TicketOpenForm

from ..services import MAX_TEXT, TicketFields


class ConversationStartForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Empresa"), queryset=Company.objects.none(), empty_label=_("Selecione a empresa")
    )
    product = forms.ModelChoiceField(
        label=_("Produto (opcional)"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("Qualquer produto / não sei"),
        help_text=_("Com o produto, a conversa vai direto para a equipe que o atende."),
    )
    text = forms.CharField(
        label=_("Como podemos ajudar?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Escreva a mensagem.")},
    )

    def __init__(self, *args, companies: list[Company], products, **kwargs):
        super().__init__(*args, **kwargs)
        company_field = cast("forms.ModelChoiceField[Company]", self.fields["company"])
        company_field.queryset = Company.objects.filter(pk__in=[c.pk for c in companies]).order_by(
            "trade_name"
        )
        if len(companies) == 1:
            # A contact's own company (or the one company a partner serves): nothing to choose.
            self.fields.pop("company")
            self.only_company: Company | None = companies[0]
        else:
            self.only_company = None
            company_field.widget.attrs["class"] = "form-select"
        product_field = cast("forms.ModelChoiceField[Product]", self.fields["product"])
        product_field.queryset = products
        product_field.widget.attrs["class"] = "form-select"

    def chosen_company(self) -> Company:
        return self.only_company or self.cleaned_data["company"]


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Mensagem"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Escreva a mensagem.")},
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("Escolha o arquivo"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ALLOWED_TYPES))}),
        error_messages={"required": _("Escolha um arquivo.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "Um arquivo por vez, de até %(size)s: prints, logs, vídeos, PDF, planilhas, ZIP."
        ) % {"size": filesizeformat(getattr(settings, "ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))}


class ChatTicketForm(TicketOpenForm):
    """The portal's opening form (its catalogue and severity rules) without what the chat already
    says: the description is the conversation, the files are the chat's."""

    DROPPED = (
        "modality",
        "environment_details",
        "description",
        "error_message",
        "particularities",
        "attachments",
        "not_duplicate",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.DROPPED:
            self.fields.pop(name, None)
        for name in ("product", "routine", "version", "environment"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["summary"].help_text = _("O título do chamado, como o cliente o verá.")

    def ticket_fields(self) -> TicketFields:
        data = self.cleaned_data
        return TicketFields(
            product=data["product"],
            routine=data["routine"],
            version=data["version"],
            environment=data["environment"],
            kind=data["kind"],
            summary=data["summary"],
            answers=self.answers(),
        )
