from django.core.paginator import Paginator

from phoihop.audit.models import AuditEntry


def history_for(obj, *, limit: int = 50):
    """The latest audit rows of one object, newest first, with field labels resolved.

    The caller has already checked that the user may see `obj`.
    """
    entries = list(AuditEntry.objects.for_object(obj).select_related("target_type")[:limit])
    model = type(obj)
    for entry in entries:
        entry.labelled_changes = [
            (_label(model, name), _readable(values[0]), _readable(values[1]))
            for name, values in sorted(entry.changes.items())
        ]
    return entries


def _label(model, name: str) -> str:
    """The field's label; for a reverse relation the related model's plural name; else
    the model's own `audit_labels`; else the raw name (a field removed since)."""
    extra = getattr(model, "audit_labels", {})
    if name in extra:
        return str(extra[name])
    try:
        field = model._meta.get_field(name)
    except Exception:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)


def _readable(value):
    """Lists and records (parties, content items…) as text, not Python reprs."""
    if isinstance(value, list):
        return "; ".join(str(_readable(item)) for item in value) or None
    if isinstance(value, dict):
        return " — ".join(str(_readable(item)) for item in value.values() if item not in (None, "", []))
    return value


def recent_entries(*, page: int = 1, per_page: int = 50):
    return Paginator(AuditEntry.objects.select_related("target_type"), per_page).get_page(page)
