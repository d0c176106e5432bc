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
            (_label(model, name), values[0], values[1]) for name, values in sorted(entry.changes.items())
        ]
    return entries


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the row was written keeps its raw name
        return name


def recent_entries(*, page: int = 1, per_page: int = 50):
    return Paginator(AuditEntry.objects.select_related("target_type"), per_page).get_page(page)
