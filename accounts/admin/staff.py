"""Back-office of the people who log in: leaders add analysts and leaders, and block or restore
staff and partner accounts (contacts are managed as Contacts)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin, SelectedRowsAdminMixin, run_for_each

from .. import services
from ..models import User


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
class UserAdmin(SelectedRowsAdminMixin, DomainErrorAdminMixin, admin.ModelAdmin):
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
