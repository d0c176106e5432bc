"""Writing the audit log: `record` is the only way a row gets in.

Services call `snapshot` before and after a change and `record` with the difference,
inside the same transaction as the change itself.
"""

from __future__ import annotations

import datetime as dt
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from phoihop.audit import context
from phoihop.audit.models import AuditEntry


def _display(instance: models.Model, field: models.Field):
    custom = getattr(instance, "audit_value", None)
    if custom is not None:
        shown = custom(field.name)
        if shown is not None:
            return shown
    value = getattr(instance, field.attname)
    if value is None:
        return None
    if isinstance(field, models.ForeignKey):
        related = getattr(instance, field.name)
        return str(related)
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


_SKIPPED = {"id", "created_at", "updated_at", "version", "search_text", "sort_name", "password"}


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """A JSON-friendly, human-readable picture of the instance's concrete fields."""
    result = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIPPED or (fields is not None and field.name not in fields):
            continue
        result[field.name] = _display(instance, field)
    for field in instance._meta.many_to_many:
        if fields is not None and field.name not in fields:
            continue
        if instance.pk is not None:
            result[field.name] = sorted(str(obj) for obj in getattr(instance, field.name).all())
    return result


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value changed (empty and missing
    count as the same, so a new record lists only what was filled in)."""
    keys = before.keys() | after.keys()
    changes = {}
    for key in sorted(keys):
        old, new = before.get(key), after.get(key)
        if old != new and not (_empty(old) and _empty(new)):
            changes[key] = [old, new]
    return changes


def record(
    *,
    actor,
    action: str,
    target: models.Model,
    changes: dict | None = None,
    event: str = "",
    message: str = "",
) -> AuditEntry:
    """Append one row to the audit log for `target`.

    `action` is one of AuditEntry.Action; `event` names a domain event that is not a
    plain create/update/delete (e.g. "reorganized", "login"). The request id and the
    organisation acted for come from the request's audit context.
    """
    ctx = context.current()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if is_user else "",
        organization_id=ctx.organization_id,
        organization_name=ctx.organization_name,
        request_id=ctx.request_id,
        action=action,
        event=event,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:500],
        changes=changes or {},
        message=message,
    )


def record_create(*, actor, target: models.Model, message: str = "") -> AuditEntry:
    return record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=target,
        changes=diff({}, snapshot(target)),
        message=message,
    )


def record_update(*, actor, target: models.Model, before: dict, message: str = "") -> AuditEntry | None:
    """Record an update if anything changed; returns None when nothing did."""
    changes = diff(before, snapshot(target))
    if not changes:
        return None
    return record(actor=actor, action=AuditEntry.Action.UPDATE, target=target, changes=changes, message=message)
