"""Browser forms: they validate input; services enforce the rules."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Company, Contact
from .validators import (
    format_cpf,
    normalize_digits,
    validate_cep,
    validate_cpf,
    validate_phone,
)


class CPFField(forms.CharField):
    default_validators = [validate_cpf]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault("label", _("CPF"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "000.000.000-00"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_digits(value) if value else value


class PhoneField(forms.CharField):
    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Telefone"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "placeholder": "(11) 91234-5678"})
        )
        super().__init__(**kwargs)


class ContactPermissionsMixin(forms.Form):
    can_open_tickets = forms.BooleanField(label=_("Pode abrir chamados"), required=False, initial=True)
    can_see_company_tickets = forms.BooleanField(
        label=_("Vê todos os chamados da empresa"),
        required=False,
        help_text=_("Sem esta opção, vê só os seus."),
    )
    can_authorize_consultancy = forms.BooleanField(
        label=_("Autoriza consultoria faturável"),
        required=False,
        help_text=_("Pode aceitar termos de consultoria cobrada por minuto."),
    )


class ContactInviteForm(ContactPermissionsMixin):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    email = forms.EmailField(label=_("E-mail (será o login)"), max_length=254)
    cpf = CPFField()
    phone = PhoneField()
    is_company_admin = forms.BooleanField(
        label=_("Administrador da empresa"),
        required=False,
        help_text=_("Gerencia contatos e dados cadastrais; vê todos os chamados."),
    )
    language = forms.ChoiceField(label=_("Idioma dos e-mails"), choices=settings.LANGUAGES, initial="pt-br")

    field_order = [
        "full_name",
        "email",
        "cpf",
        "phone",
        "language",
        "can_open_tickets",
        "can_see_company_tickets",
        "can_authorize_consultancy",
        "is_company_admin",
    ]


class ContactUpdateForm(ContactPermissionsMixin):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail (é o login)"),
        max_length=254,
        help_text=_("Se o convite ainda não foi aceito, um novo link vai para o novo endereço."),
    )
    cpf = CPFField()
    phone = PhoneField()

    field_order = [
        "full_name",
        "email",
        "cpf",
        "phone",
        "can_open_tickets",
        "can_see_company_tickets",
        "can_authorize_consultancy",
    ]

    @classmethod
    def for_contact(cls, contact: Contact, data=None):
        initial = {
            "full_name": contact.user.full_name,
            "email": contact.user.email,
            "cpf": format_cpf(contact.cpf),
            "phone": contact.phone,
            "can_open_tickets": contact.can_open_tickets,
            "can_see_company_tickets": contact.can_see_company_tickets,
            "can_authorize_consultancy": contact.can_authorize_consultancy,
        }
        form = cls(data=data, initial=initial)
        if contact.is_company_admin:
            field = form.fields["can_see_company_tickets"]
            field.disabled = True
            field.help_text = _("Administradores sempre veem todos os chamados da empresa.")
        return form


class CompanyRegistrationForm(forms.ModelForm):
    postal_code = forms.CharField(
        label=_("CEP"),
        max_length=9,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "00000-000"}),
    )

    class Meta:
        model = Company
        fields = ["trade_name", "address", "postal_code", "billing_address", "billing_email", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "placeholder": "(11) 3333-4444"})}

    def clean_postal_code(self):
        value = self.cleaned_data.get("postal_code", "")
        validate_cep(value)
        return normalize_digits(value)


class ActivationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Nova senha"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repita a senha"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("As duas senhas não são iguais."))
        elif first:
            try:
                password_validation.validate_password(first, user=self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    phone = PhoneField()
    language = forms.ChoiceField(label=_("Idioma"), choices=settings.LANGUAGES)
