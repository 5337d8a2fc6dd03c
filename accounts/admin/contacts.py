"""Back-office of client contacts: invitation, data and permissions, and the actions that
deactivate, reactivate, promote, demote and re-invite them (ACC-1..3, ACC-7).

Saves and actions call accounts.services, so a company keeps an active administrator and
invitations are e-mailed through the outbox, exactly as in the portal.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin, SelectedRowsAdminMixin, run_for_each

from .. import services
from ..forms import CPFField
from ..models import Contact


class ContactAddForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    email = forms.EmailField(label=_("E-mail (login)"))
    cpf = CPFField()

    class Meta:
        model = Contact
        fields = (
            "company",
            "cpf",
            "phone",
            "can_open_tickets",
            "can_see_company_tickets",
            "can_authorize_consultancy",
            "is_company_admin",
        )


class ContactChangeForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    cpf = CPFField()

    class Meta:
        model = Contact
        fields = ("cpf", "phone", "can_open_tickets", "can_see_company_tickets", "can_authorize_consultancy")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["full_name"].initial = self.instance.user.full_name


class ContactStatusFilter(admin.SimpleListFilter):
    title = _("situação")
    parameter_name = "situacao"

    def lookups(self, request, model_admin):
        return (
            ("active", _("Ativos")),
            ("pending", _("Aguardando ativação")),
            ("inactive", _("Desativados")),
        )

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(user__is_active=True, user__activated_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(user__is_active=True, user__activated_at__isnull=True)
        if self.value() == "inactive":
            return queryset.filter(user__is_active=False)
        return queryset


@admin.register(Contact)
class ContactAdmin(SelectedRowsAdminMixin, DomainErrorAdminMixin, admin.ModelAdmin):
    list_display = (
        "full_name",
        "email",
        "company",
        "cpf_display",
        "is_company_admin",
        "can_open_tickets",
        "can_see_company_tickets",
        "can_authorize_consultancy",
        "is_active",
    )
    list_filter = (
        ContactStatusFilter,
        "is_company_admin",
        "can_authorize_consultancy",
        "company__state",
        "company",
    )
    search_fields = ("user__full_name", "user__email", "cpf", "company__trade_name", "company__cnpj")
    list_select_related = ("user", "company")
    autocomplete_fields = ("company",)
    actions = ["deactivate", "reactivate", "promote", "demote", "resend_invitation"]
    list_per_page = 50

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ContactChangeForm if obj else ContactAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return (
                "company",
                "full_name",
                "email",
                "cpf",
                "phone",
                "can_open_tickets",
                "can_see_company_tickets",
                "can_authorize_consultancy",
                "is_company_admin",
            )
        return (
            "company",
            "full_name",
            "cpf",
            "phone",
            "can_open_tickets",
            "can_see_company_tickets",
            "can_authorize_consultancy",
            "is_company_admin",
            "user_status",
        )

    def get_readonly_fields(self, request, obj=None):
        return ("company", "is_company_admin", "user_status") if obj else ()

    @admin.display(description=_("acesso"))
    def user_status(self, obj):
        if not obj.user.is_active:
            return _("Desativado")
        if obj.user.activated_at is None:
            return _("Aguardando ativação (convite em %(date)s)") % {"date": obj.user.invited_at}
        return _("Ativo desde %(date)s") % {"date": obj.user.activated_at}

    @admin.display(description=_("nome"), ordering="user__full_name")
    def full_name(self, obj):
        return obj.user.full_name

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("CPF"))
    def cpf_display(self, obj):
        return obj.cpf_display

    @admin.display(description=_("ativo"), boolean=True, ordering="user__is_active")
    def is_active(self, obj):
        return obj.user.is_active

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.contact_update(
                actor=request.user,
                contact=obj,
                full_name=data["full_name"],
                phone=data["phone"],
                cpf=data["cpf"],
                can_open_tickets=data["can_open_tickets"],
                can_see_company_tickets=data["can_see_company_tickets"],
                can_authorize_consultancy=data["can_authorize_consultancy"],
            )
        else:
            contact = services.contact_invite(
                actor=request.user,
                company=data["company"],
                email=data["email"],
                full_name=data["full_name"],
                cpf=data["cpf"],
                phone=data["phone"],
                can_open_tickets=data["can_open_tickets"],
                can_see_company_tickets=data["can_see_company_tickets"],
                can_authorize_consultancy=data["can_authorize_consultancy"],
                is_company_admin=data["is_company_admin"],
            )
            assert contact is not None  # a staff actor is always told when the address is in use
            obj.pk = contact.pk
            obj.user = contact.user

    @admin.action(description=_("Desativar contatos selecionados"))
    def deactivate(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.select_related("user"),
            lambda c: services.contact_deactivate(actor=request.user, contact=c),
            _("%(count)d contato(s) desativados."),
        )

    @admin.action(description=_("Reativar contatos selecionados"))
    def reactivate(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.select_related("user"),
            lambda c: services.contact_reactivate(actor=request.user, contact=c),
            _("%(count)d contato(s) reativados."),
        )

    @admin.action(description=_("Tornar administradores da empresa"))
    def promote(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.select_related("user"),
            lambda c: services.contact_set_admin(actor=request.user, contact=c, is_admin=True),
            _("%(count)d contato(s) promovidos a administrador."),
        )

    @admin.action(description=_("Remover de administradores (nunca o último)"))
    def demote(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.select_related("user"),
            lambda c: services.contact_set_admin(actor=request.user, contact=c, is_admin=False),
            _("%(count)d contato(s) deixaram de ser administradores."),
        )

    @admin.action(description=_("Reenviar convite de ativação"))
    def resend_invitation(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset.select_related("user", "company"),
            lambda c: services.contact_resend_invitation(actor=request.user, contact=c),
            _("%(count)d convite(s) reenviados."),
        )
