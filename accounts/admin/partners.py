"""Back-office of partner units and their consultants (TEN-3).

Leaders add and change them through accounts.services, which records each change in the settings
history (core.history).
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin

from .. import services
from ..forms import CPFField
from ..models import PartnerConsultant, PartnerUnit


@admin.register(PartnerUnit)
class PartnerUnitAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "cnpj_display", "company_count", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "cnpj")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_company_count=Count("companies"))

    @admin.display(description=_("empresas atendidas"), ordering="_company_count")
    def company_count(self, obj):
        return obj._company_count

    def save_model(self, request, obj, form, change):
        services.partner_unit_save(actor=request.user, unit=obj)


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
            services.partner_consultant_update(actor=request.user, consultant=obj)
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
