"""Back-office plumbing shared by every app's admin: read-only pages, actions that call a service
per row, and a service's refusal shown as a message instead of a server error."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import BaseModelAdmin, IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import history
from .errors import DomainError
from .ids import as_id
from .models import ChangeRecord
from .periods import check_in_range

if TYPE_CHECKING:
    # ModelAdmin is generic only in django-stubs (subscripting it at run time would need
    # django-stubs-ext's monkeypatch): for mypy, the mixins are the ModelAdmin they are mixed into.
    _ModelAdmin = admin.ModelAdmin[Any]
    _ChangeRecordModelAdmin = admin.ModelAdmin[ChangeRecord]
else:
    _ModelAdmin = object
    _ChangeRecordModelAdmin = admin.ModelAdmin

_Row = TypeVar("_Row")


class ReadOnlyAdminMixin(_ModelAdmin):
    """A back-office page that only shows rows: what the system recorded is never edited here."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class GuardedChangeList(ChangeList):
    """Every back-office list (`guard_every_admin`): a date filter in the address that no calendar
    holds shows the admin's "invalid filter" page instead of a server error. Django's drill-down
    builds the next year with `replace()` (`?at__year=9999`: ValueError; a 20-digit year:
    OverflowError, which it does not catch), and a lookup's bounds fail only as the query runs
    (`?created_at__year=10000`; 9999's end, converted to UTC by SQLite)."""

    def get_filters(self, request):  # type: ignore[no-untyped-def]
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):  # type: ignore[no-untyped-def]
        try:
            super().get_results(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def guard_every_admin() -> None:
    """For every ModelAdmin and inline, the project's and the libraries' (django-celery-beat's,
    allauth's): `GuardedChangeList` is the list (unless one names its own, which then derives from
    it), and a date field of a form only takes dates within the portal's calendar (2000 to 2100)."""

    def get_changelist(self: Any, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return GuardedChangeList

    formfield_for_dbfield = BaseModelAdmin.formfield_for_dbfield
    if getattr(formfield_for_dbfield, "guarded", False):
        return  # installed already: one validator per field

    def dated_formfield_for_dbfield(self: Any, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field = formfield_for_dbfield(self, db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.DateField):  # a DateTimeField is one
            field.validators.append(check_in_range)
        return field

    dated_formfield_for_dbfield.guarded = True  # type: ignore[attr-defined]
    admin.ModelAdmin.get_changelist = get_changelist  # type: ignore[method-assign]
    BaseModelAdmin.formfield_for_dbfield = dated_formfield_for_dbfield  # type: ignore[method-assign]


class SelectedRowsAdminMixin(_ModelAdmin):
    """A list with bulk actions: a selected row that is not a primary key (a tampered form: "abc",
    "²", a number too long for the database) is dropped instead of failing the action."""

    def response_action(
        self, request: HttpRequest, queryset: models.QuerySet[Any], *args: Any, **kwargs: Any
    ) -> HttpResponse | None:
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        kept = [value for value in selected if as_id(value) is not None]
        if kept != selected:
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, kept)
            request.POST = post  # type: ignore[assignment]
        return super().response_action(request, queryset, *args, **kwargs)


class DomainErrorAdminMixin(_ModelAdmin):
    """Turn a service's DomainError on save into a message instead of a server error."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            self.message_user(request, str(error.message), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def run_for_each(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    rows: Iterable[_Row],
    service: Callable[[_Row], object],
    success: str,
) -> None:
    """Apply a service to each selected row, reporting refusals instead of failing the batch.

    `success` has a "%(count)d" placeholder for the rows the service accepted.
    """
    done = 0
    for obj in rows:
        try:
            service(obj)
        except (DomainError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{obj}: {error}", level=messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, str(success) % {"count": done}, level=messages.SUCCESS)


def count_message(text: object, **values: object) -> str:
    """Fill in every placeholder but "count", which `run_for_each` fills in: a "%" in a value
    (a team's or person's name) must survive that second formatting."""
    result = str(text)
    for key, value in values.items():
        result = result.replace(f"%({key})s", str(value).replace("%", "%%"))
    return result


class SettingsHistoryAdminMixin(_ModelAdmin):
    """Every save and removal of this back-office page, its inline rows and its many-to-many fields
    goes through `core.history`: who changed what, when, from what to what."""

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: forms.ModelForm[Any], change: bool
    ) -> None:
        history.settings_save(actor=request.user, instance=obj)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        history.settings_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            history.settings_delete(actor=request.user, instance=obj)

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Any],
        formsets: Iterable[BaseInlineFormSet[Any, Any, Any]],
        change: bool,
    ) -> None:
        for field in form.instance._meta.many_to_many:
            if field.name in form.cleaned_data:
                history.settings_set_related(
                    actor=request.user,
                    instance=form.instance,
                    field_name=field.name,
                    values=form.cleaned_data[field.name],
                )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Any],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        rows = formset.save(commit=False)
        for obj in formset.deleted_objects:
            history.settings_delete(actor=request.user, instance=obj, scope=form.instance)
        for obj in rows:
            history.settings_save(actor=request.user, instance=obj, scope=form.instance)
        formset.save_m2m()


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdminMixin, _ChangeRecordModelAdmin):
    """Leaders read who changed which setting, when, and how."""

    list_display = ("at", "actor", "action", "content_type", "object_repr", "scope_repr", "changes_list")
    list_filter = ("action", "content_type", ("actor", admin.RelatedOnlyFieldListFilter))
    search_fields = ("object_repr", "scope_repr")
    date_hierarchy = "at"
    list_select_related = ("actor", "content_type")
    fields = ("at", "actor", "action", "content_type", "object_repr", "scope_repr", "changes_list")
    readonly_fields = fields

    @admin.display(description=_("mudanças"))
    def changes_list(self, obj: ChangeRecord) -> str:
        rows = (
            (change.get("label", name), change.get("from") or "—", change.get("to") or "—")
            for name, change in obj.changes.items()
        )
        return format_html("<ul class='quiet'>{}</ul>", format_html_join("", "<li>{}: {} → {}</li>", rows))
