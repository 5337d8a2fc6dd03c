"""The download centre's back-office (SELF-6): analysts and leaders upload packages (the service
computes size and SHA-256), publish and unpublish them, and see how often each was downloaded; the
download log is read-only. Nothing is deleted here: a package is withdrawn by unpublishing it."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.models import User
from core.admin import (
    DomainErrorAdminMixin,
    ReadOnlyAdminMixin,
    SelectedRowsAdminMixin,
    run_for_each,
)

from . import services
from .models import DownloadLog, Package

FIELDS = (
    "product",
    "version",
    "version_label",
    "kind",
    "title",
    "description",
    "released_on",
    "is_published",
)


class StaffOnlyAdminMixin:
    """Who manages the download centre is one access rule, not a permission table."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.may_manage_packages(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.may_manage_packages(request.user)


class PackageForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Arquivo"),
        required=False,
        help_text=_("O tamanho e o SHA-256 são calculados a partir do arquivo enviado."),
    )

    class Meta:
        model = Package
        fields = FIELDS

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload is None and self.instance.pk is None:
            raise forms.ValidationError(_("Envie o arquivo do pacote."))
        if upload is not None and PurePath(upload.name or "").suffix.lower() not in services.PACKAGE_TYPES:
            allowed = ", ".join(sorted(ext.lstrip(".") for ext in services.PACKAGE_TYPES))
            raise forms.ValidationError(
                _("Tipo de arquivo não aceito. Tipos aceitos: %(a)s.") % {"a": allowed}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        product, version = data.get("product"), data.get("version")
        if product and version and version.product_id != product.pk:
            self.add_error("version", _("Esta versão não é do produto escolhido."))
        if product and not version and not (data.get("version_label") or "").strip():
            self.add_error("version", _("Escolha a versão do produto ou escreva um rótulo de versão."))
        return data


@admin.register(Package)
class PackageAdmin(
    SelectedRowsAdminMixin,
    StaffOnlyAdminMixin,
    DomainErrorAdminMixin,
    admin.ModelAdmin,
):
    form = PackageForm
    list_display = (
        "title",
        "product",
        "version_shown",
        "kind",
        "released_on",
        "size_shown",
        "is_published",
        "download_count",
    )
    list_filter = ("is_published", "kind", "product")
    list_select_related = ("product", "version")
    search_fields = ("title", "original_name", "sha256")
    date_hierarchy = "released_on"
    actions = ("publish", "unpublish")
    readonly_fields = ("file_link", "size_detail", "sha256", "uploaded_by", "created_at", "download_count")
    show_facets = admin.ShowFacets.NEVER

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = (*FIELDS[:7], "upload", "is_published")
        if obj is None:
            return [(None, {"fields": fields})]
        facts: tuple[str, ...] = (
            "file_link",
            "size_detail",
            "sha256",
            "uploaded_by",
            "created_at",
            "download_count",
        )
        return [(None, {"fields": fields}), (_("Arquivo recebido"), {"fields": facts})]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        context = {"title": _("Pacotes da Central de Download"), "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["title"].widget.attrs["style"] = "width: min(42rem, 100%)"
        return form

    def get_queryset(self, request: HttpRequest) -> QuerySet[Package]:
        return super().get_queryset(request).annotate(downloads_total=Count("downloads"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.may_manage_packages(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.may_manage_packages(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # downloads point at it: unpublish instead

    @admin.display(description=_("versão"))
    def version_shown(self, obj: Package) -> str:
        return obj.version_name

    @admin.display(description=_("tamanho"), ordering="size")
    def size_shown(self, obj: Package) -> str:
        return filesizeformat(obj.size) if obj.size else "—"

    @admin.display(description=_("tamanho"))
    def size_detail(self, obj: Package) -> str:
        if not obj.size:
            return "—"
        return filesizeformat(obj.size) + (f" ({obj.size} bytes)" if obj.size >= 1024 else "")

    @admin.display(description=_("downloads"), ordering="downloads_total")
    def download_count(self, obj: Package) -> int:
        total = getattr(obj, "downloads_total", None)
        return total if total is not None else obj.downloads.count()

    @admin.display(description=_("arquivo"))
    def file_link(self, obj: Package) -> SafeString | str:
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("download-file", args=[obj.pk]), obj.original_name)

    def save_model(self, request: HttpRequest, obj: Package, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if change:
            changes = {field: data[field] for field in FIELDS if field in data}
            services.package_change(
                actor=cast(User, request.user), package=obj, changes=changes, upload=data.get("upload")
            )
            return
        saved = services.package_upload(
            actor=cast(User, request.user),
            product=data["product"],
            version=data.get("version"),
            version_label=data.get("version_label", ""),
            kind=data["kind"],
            title=data["title"],
            description=data.get("description", ""),
            released_on=data["released_on"],
            upload=data["upload"],
            publish=bool(data.get("is_published")),
        )
        obj.__dict__.update(saved.__dict__)  # the admin redirects to the row the service created

    @admin.action(description=_("Publicar os pacotes selecionados"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Package]) -> None:
        run_for_each(
            self,
            request,
            queryset,
            lambda package: services.package_set_published(
                actor=cast(User, request.user), package=package, published=True
            ),
            str(_("%(count)d pacote(s) publicado(s).")),
        )

    @admin.action(description=_("Retirar do portal os pacotes selecionados"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Package]) -> None:
        run_for_each(
            self,
            request,
            queryset,
            lambda package: services.package_set_published(
                actor=cast(User, request.user), package=package, published=False
            ),
            str(_("%(count)d pacote(s) retirado(s) do portal.")),
        )


@admin.register(DownloadLog)
class DownloadLogAdmin(StaffOnlyAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who downloaded which package, when (recorded by the service, never edited)."""

    list_display = ("downloaded_at", "package", "user", "company", "channel")
    list_filter = ("channel", "package__product")
    list_select_related = ("package", "user", "company")
    search_fields = ("package__title", "user__email", "company__trade_name")
    date_hierarchy = "downloaded_at"
    show_facets = admin.ShowFacets.NEVER
