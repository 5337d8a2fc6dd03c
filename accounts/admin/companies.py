"""Back-office of client companies: registration with the first administrator, contract data and the
financial pendency actions (TEN-1, ACC-1, ACC-6).

Saves and actions call accounts.services, so the admin obeys the same rules as the portal.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin, SelectedRowsAdminMixin, run_for_each
from core.search import contains_folded, typed_digits

from .. import services
from ..forms import CPFField
from ..models import Company, Contact
from ..validators import normalize_cnpj, validate_cnpj


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
class CompanyAdmin(SelectedRowsAdminMixin, DomainErrorAdminMixin, admin.ModelAdmin):
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

    def get_search_results(self, request, queryset, search_term):
        """Digits are a whole or partial CNPJ, formatted or not; words are looked up in the names and
        the municipality, accents and case aside ("sao paulo" finds "São Paulo")."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if digits := typed_digits(term):
            return queryset.filter(cnpj__contains=digits), False
        return contains_folded(queryset, ("trade_name", "legal_name", "municipality"), term), False

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

    @admin.action(description=_("Marcar pendência financeira"))
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
