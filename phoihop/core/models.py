"""Base models shared by every domain app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.text import fold, sort_key


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A record edited by people: `version` detects concurrent edits.

    Services update with `core.concurrency.save_versioned`, which writes only when the
    version the editor started from is still the stored one.
    """

    version = models.PositiveIntegerField(_("Phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class SearchableMixin(models.Model):
    """A folded search column and a Vietnamese sort key, kept in step by `save()`.

    Subclasses list the fields that feed search in `search_fields` and the one that
    names the record in `sort_field`.
    """

    search_text = models.TextField(editable=False, default="", db_index=False)
    sort_name = models.CharField(max_length=1024, editable=False, default="", db_index=True)

    search_fields: tuple[str, ...] = ()
    sort_field = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_name"}
        super().save(*args, **kwargs)

    def refresh_search_columns(self) -> None:
        values = [str(getattr(self, field) or "") for field in self.search_fields]
        self.search_text = fold(" ".join(values))
        self.sort_name = sort_key(str(getattr(self, self.sort_field) or ""))[:1024]
