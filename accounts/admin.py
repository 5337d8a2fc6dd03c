"""Back-office for analysts: companies, partner units, contacts, consultants and staff.

Saves and actions call accounts/services.py, so the admin obeys the same rules as the portal
(a company keeps an active administrator, invitations are e-mailed through the outbox, ...).
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin, run_for_each

from . import services
from .forms import CPFField
from .models import Company, Contact, PartnerConsultant, PartnerUnit, ProductLine, User
from .validators import normalize_cnpj, normalize_digits, validate_cnpj


@admin.register(ProductLine)
class ProductLineAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(PartnerUnit)
class PartnerUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "cnpj_display", "company_count", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "cnpj")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_company_count=Count("companies"))

    @admin.display(description=_("empresas atendidas"), ordering="_company_count")
    def company_count(self, obj):
        return obj._company_count

    def save_model(self, request, obj, form, change):
        obj.cnpj = normalize_cnpj(obj.cnpj)
        super().save_model(request, obj, form, change)


class ContactInline(admin.TabularInline):
    model = Contact
    fields = (
        "user",
        "cpf",
        "is_company_admin",
        "can_open_tickets",
        "can_see_company_tickets",
        "can_authorize_consultancy",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


COMPANY_FIELDS = (
    "legal_name",
    "trade_name",
    "cnpj",
    "state",
    "municipality",
    "address",
    "postal_code",
    "billing_address",
    "billing_email",
    "phone",
    "product_lines",
    "support_offer",
    "partner_unit",
    "is_active",
)


class CNPJFormField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=18, label=_("CNPJ"), validators=[validate_cnpj], **kwargs)

    def clean(self, value):
        return normalize_cnpj(super().clean(value))


class CompanyAddForm(forms.ModelForm):
    cnpj = CNPJFormField()
    admin_full_name = forms.CharField(label=_("Nome do administrador"), max_length=150)
    admin_email = forms.EmailField(label=_("E-mail do administrador"))
    admin_cpf = CPFField(label=_("CPF do administrador"))

    class Meta:
        model = Company
        fields = COMPANY_FIELDS


class CompanyChangeForm(forms.ModelForm):
    cnpj = CNPJFormField()

    class Meta:
        model = Company
        fields = COMPANY_FIELDS


class FinancialStatusFilter(admin.SimpleListFilter):
    title = _("situação financeira")
    parameter_name = "financeiro"

    def lookups(self, request, model_admin):
        return Company.FinancialStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(financial_status=self.value()) if self.value() else queryset


@admin.register(Company)
class CompanyAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
    list_display = (
        "trade_name",
        "legal_name",
        "cnpj_display",
        "state",
        "municipality",
        "support_offer",
        "financial_status",
        "partner_unit",
        "contact_count",
        "is_active",
    )
    list_filter = (
        FinancialStatusFilter,
        "support_offer",
        "state",
        "partner_unit",
        "product_lines",
        "is_active",
    )
    search_fields = ("trade_name", "legal_name", "cnpj", "municipality")
    list_select_related = ("partner_unit",)
    readonly_fields = ("financial_status", "financial_note", "created_at", "updated_at")
    filter_horizontal = ("product_lines",)
    actions = ["mark_financial_pendency", "clear_financial_pendency"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_contact_count=Count("contacts"))

    @admin.display(description=_("contatos"), ordering="_contact_count")
    def contact_count(self, obj):
        return obj._contact_count

    @admin.display(description=_("CNPJ"), ordering="cnpj")
    def cnpj_display(self, obj):
        return obj.cnpj_display

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = CompanyChangeForm if obj else CompanyAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        main = (
            None,
            {
                "fields": (
                    "legal_name",
                    "trade_name",
                    "cnpj",
                    ("state", "municipality"),
                    "address",
                    "postal_code",
                    "billing_address",
                    "billing_email",
                    "phone",
                )
            },
        )
        contract = (
            _("Contrato"),
            {"fields": ("product_lines", "support_offer", "partner_unit", "is_active")},
        )
        if obj is None:
            first_admin = (
                _("Primeiro administrador (recebe o convite por e-mail)"),
                {"fields": ("admin_full_name", "admin_email", "admin_cpf")},
            )
            return (main, contract, first_admin)
        finance = (
            _("Financeiro (use as ações da lista)"),
            {"fields": ("financial_status", "financial_note")},
        )
        return (main, contract, finance, (_("Registro"), {"fields": ("created_at", "updated_at")}))

    def save_model(self, request, obj, form, change):
        data = {
            k: v for k, v in form.cleaned_data.items() if k in {f.name for f in Company._meta.concrete_fields}
        }
        product_lines = form.cleaned_data.get("product_lines", [])
        if change:
            services.company_update(actor=request.user, company=obj, product_lines=product_lines, **data)
        else:
            company = services.company_create(
                actor=request.user,
                admin_email=form.cleaned_data["admin_email"],
                admin_full_name=form.cleaned_data["admin_full_name"],
                admin_cpf=form.cleaned_data["admin_cpf"],
                product_lines=product_lines,
                **data,
            )
            obj.pk = company.pk

    def get_inlines(self, request, obj):
        return [ContactInline] if obj else []

    @admin.action(description=_("Marcar pendência financeira (ACC-6)"))
    def mark_financial_pendency(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset,
            lambda company: services.company_set_financial_status(
                actor=request.user,
                company=company,
                status=Company.FinancialStatus.PENDENCY,
                note=str(_("Regularize com o Centro de Serviços (CST).")),
            ),
            _("%(count)d empresa(s) marcadas com pendência financeira."),
        )

    @admin.action(description=_("Regularizar situação financeira"))
    def clear_financial_pendency(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset,
            lambda company: services.company_set_financial_status(
                actor=request.user, company=company, status=Company.FinancialStatus.REGULAR
            ),
            _("%(count)d empresa(s) regularizadas."),
        )


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
class ContactAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
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
            obj.pk = contact.pk
            obj.user = contact.user

    @admin.action(description=_("Desativar contatos selecionados (ACC-7)"))
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

    @admin.action(description=_("Remover de administradores (ACC-1: nunca o último)"))
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


class PartnerConsultantAddForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    email = forms.EmailField(label=_("E-mail (login)"))
    cpf = CPFField(required=False)

    class Meta:
        model = PartnerConsultant
        fields = ("unit", "cpf", "phone")


@admin.register(PartnerConsultant)
class PartnerConsultantAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
    list_display = ("user", "unit")
    list_filter = ("unit",)
    search_fields = ("user__full_name", "user__email", "unit__name")
    list_select_related = ("user", "unit")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PartnerConsultantAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return (
            ("unit", "full_name", "email", "cpf", "phone")
            if obj is None
            else ("user", "unit", "cpf", "phone")
        )

    def get_readonly_fields(self, request, obj=None):
        return ("user",) if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            obj.cpf = normalize_digits(obj.cpf)
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        consultant = services.partner_consultant_create(
            actor=request.user,
            unit=data["unit"],
            email=data["email"],
            full_name=data["full_name"],
            cpf=data["cpf"],
            phone=data["phone"],
        )
        obj.pk = consultant.pk
        obj.user = consultant.user


class StaffUserAddForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("full_name", "email", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (User.Role.ANALYST, User.Role.ANALYST.label),
            (User.Role.LEADER, User.Role.LEADER.label),
        ]


@admin.register(User)
class UserAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
    """People who log in. Leaders add analysts here; contacts are managed as Contacts."""

    list_display = ("email", "full_name", "role", "is_active", "activated_at", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    actions = ["block", "unblock"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = StaffUserAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("full_name", "email", "role")
        return (
            "email",
            "full_name",
            "role",
            "language",
            "is_active",
            "invited_at",
            "activated_at",
            "last_login",
            "date_joined",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("email", "role", "is_active", "invited_at", "activated_at", "last_login", "date_joined")

    def save_model(self, request, obj, form, change):
        if change:
            services.user_update_profile(
                actor=obj,
                full_name=form.cleaned_data["full_name"],
                phone=None,
                language=form.cleaned_data["language"],
            )
            return
        user = services.staff_user_create(
            actor=request.user,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
        )
        obj.pk = user.pk

    @admin.action(description=_("Bloquear acesso (equipe e parceiros)"))
    def block(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset,
            lambda u: services.staff_user_set_active(actor=request.user, user=u, active=False),
            _("%(count)d acesso(s) bloqueados."),
        )

    @admin.action(description=_("Desbloquear acesso"))
    def unblock(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset,
            lambda u: services.staff_user_set_active(actor=request.user, user=u, active=True),
            _("%(count)d acesso(s) desbloqueados."),
        )


admin.site.site_header = _("Portal do Cliente · Back-office")
admin.site.site_title = _("Back-office")
admin.site.index_title = _("Atendimento")

# Unused back-office screens of installed packages: groups (roles live in code, accounts/backends.py),
# allauth's e-mail addresses (the login is User.email) and DRF token proxies (issued by the API).
for model_path in ("auth.Group", "account.EmailAddress", "authtoken.TokenProxy"):
    if admin.site.is_registered(unused := apps.get_model(model_path)):
        admin.site.unregister(unused)
