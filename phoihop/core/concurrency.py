"""Optimistic concurrency: an edit made from a stale version is refused, never merged."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _


class StaleVersionError(ValidationError):
    def __init__(self):
        super().__init__(
            _(
                "Bản ghi đã được người khác sửa trong lúc bạn đang chỉnh. "
                "Hãy tải lại trang để xem nội dung mới nhất rồi sửa lại."
            ),
            code="stale_version",
        )


def save_versioned(instance, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `instance` only if the stored version is `expected_version`.

    One conditional UPDATE that must change exactly one row; the instance's version is
    bumped on success. Raises StaleVersionError otherwise.
    """
    model = type(instance)
    if hasattr(instance, "refresh_search_columns"):
        instance.refresh_search_columns()
        fields = [*fields, "search_text", "sort_name"]
    attnames = [model._meta.get_field(field).attname for field in fields]
    values = {attname: getattr(instance, attname) for attname in attnames}
    if any(f.name == "updated_at" for f in model._meta.fields):
        instance.updated_at = values["updated_at"] = timezone.now()
    changed = model.objects.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1, **values)
    if changed != 1:
        raise StaleVersionError()
    instance.version = expected_version + 1
    # The row was saved, by an UPDATE rather than `save()`: say so as `save()` would, so
    # what follows saves (the search index, issue 5) sees edits too.
    post_save.send(
        sender=model,
        instance=instance,
        created=False,
        update_fields=frozenset(fields),
        raw=False,
        using=instance._state.db,
    )
