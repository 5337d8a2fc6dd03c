"""Settings edits with history (the service every back-office settings save goes through).

`settings_save` and `settings_delete` check the actor's back-office right on the model (the role
table of accounts/backends.py), validate, write, and record one `ChangeRecord` with each changed
field's old and new value, in the same transaction. Rows edited inside another setting (a
calendar's intervals, a contract's targets) record it as their `scope`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError, ForbiddenError
from .models import ChangeRecord
from .periods import format_local

Changes = dict[str, dict[str, str]]


def _require(actor: Any, instance: models.Model, *actions: str) -> None:
    """The actor holds one of the back-office rights `actions` on the model (the role table)."""
    opts = instance._meta
    if actor is None or not any(actor.has_perm(f"{opts.app_label}.{a}_{opts.model_name}") for a in actions):
        raise ForbiddenError(_("Você não pode alterar esta configuração."))


def _text(instance: models.Model, field: models.Field[Any, Any]) -> str:
    value = getattr(instance, field.attname)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return str(getattr(instance, field.name))
    if isinstance(value, bool):
        return _("sim") if value else _("não")
    if isinstance(value, datetime):
        return format_local(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _tracked(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    ]


def _values(instance: models.Model) -> dict[str, tuple[str, str]]:
    return {
        field.name: (str(field.verbose_name), _text(instance, field)) for field in _tracked(type(instance))
    }


def _record(
    *, actor: Any, action: str, instance: models.Model, changes: Changes, scope: models.Model | None
) -> ChangeRecord:
    return ChangeRecord.objects.create(
        at=timezone.now(),
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        scope_type=ContentType.objects.get_for_model(scope) if scope is not None else None,
        scope_id=str(scope.pk) if scope is not None else "",
        scope_repr=str(scope)[:200] if scope is not None else "",
        changes=changes,
    )


def _full_clean(instance: models.Model) -> None:
    # Uniqueness and constraints are the database's (the admin's forms report them first).
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from error


@transaction.atomic
def settings_save(
    *, actor: Any, instance: models.Model, scope: models.Model | None = None
) -> ChangeRecord | None:
    """Create or change a setting; returns the history row (None when nothing changed)."""
    manager = type(instance)._base_manager
    stored = manager.filter(pk=instance.pk).first() if instance.pk is not None else None
    _require(actor, instance, "change" if stored is not None else "add")
    before = _values(stored) if stored is not None else None
    _full_clean(instance)
    instance.save()
    # Compare what the database keeps (a decimal typed "150,5" is stored as 150.50).
    after = _values(manager.get(pk=instance.pk))
    old = {name: text for name, (_label, text) in (before or {}).items()}
    changes = {
        name: {"label": label, "from": old.get(name, ""), "to": value}
        for name, (label, value) in after.items()
        if old.get(name, "") != value
    }
    if before is not None and not changes:
        return None
    action = ChangeRecord.Action.CHANGED if before is not None else ChangeRecord.Action.CREATED
    return _record(actor=actor, action=action, instance=instance, changes=changes, scope=scope)


@transaction.atomic
def settings_delete(*, actor: Any, instance: models.Model, scope: models.Model | None = None) -> ChangeRecord:
    """Remove a setting (a calendar's interval, a contract's target), keeping what it was."""
    _require(actor, instance, "delete")
    changes = {
        name: {"label": label, "from": value, "to": ""}
        for name, (label, value) in _values(instance).items()
        if value
    }
    record = _record(
        actor=actor, action=ChangeRecord.Action.DELETED, instance=instance, changes=changes, scope=scope
    )
    instance.delete()
    return record


@transaction.atomic
def settings_set_related(
    *, actor: Any, instance: models.Model, field_name: str, values: Iterable[models.Model]
) -> ChangeRecord | None:
    """Set a many-to-many setting (a team's analysts, a company's product lines) with its history."""
    _require(actor, instance, "add", "change")
    manager = getattr(instance, field_name)
    before = sorted(str(item) for item in manager.all())
    wanted = list(values)
    manager.set(wanted)
    after = sorted(str(item) for item in wanted)
    if before == after:
        return None
    # A many-to-many field of the model itself, never a reverse relation (which has no verbose name).
    label = str(cast("models.ManyToManyField[Any, Any]", instance._meta.get_field(field_name)).verbose_name)
    changes = {field_name: {"label": label, "from": ", ".join(before), "to": ", ".join(after)}}
    return _record(
        actor=actor, action=ChangeRecord.Action.CHANGED, instance=instance, changes=changes, scope=None
    )


def settings_history(instance: models.Model) -> models.QuerySet[ChangeRecord]:
    """The history of one setting: its own rows and those of the rows edited inside it."""
    content_type = ContentType.objects.get_for_model(instance)
    own = models.Q(content_type=content_type, object_id=str(instance.pk))
    inside = models.Q(scope_type=content_type, scope_id=str(instance.pk))
    return ChangeRecord.objects.filter(own | inside).select_related("actor", "content_type")
