"""Keeping the search index in step with the records (`search.registry`).

* `index_object` — one upsert, called by the `post_save` receivers that
  `SearchConfig.ready` connects for every registered model (`core.concurrency.save_versioned`
  sends `post_save` too, so versioned edits are seen), and `unindex` by `post_delete`.
* `rebuild` — chunked, for data written in bulk (`bulk_create` sends no signal: the demo,
  the benchmark generator): `manage.py rebuild_search_index [--kind K]` and the job
  `search.jobs.rebuild_index`.

An index row is not a user's write: no audit row (the record's own write has one).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from phoihop.core.text import fold_tokens
from phoihop.search.models import TEXT_LIMIT, SearchEntry
from phoihop.search.registry import BY_KEY, KINDS, TITLE_LIMIT, Kind, kind_of_model

CHUNK = 500
UPDATED_FIELDS = ["title", "text", "folded_title", "folded", "url", "updated_at"]


def _values(kind: Kind, obj) -> dict:
    title = " ".join(str(kind.title(obj) or "").split())[:TITLE_LIMIT]
    text = str(kind.text(obj) or "")[:TEXT_LIMIT]
    return {
        "title": title,
        "text": text,
        "folded_title": " ".join(fold_tokens(title)),
        "folded": " ".join(fold_tokens(f"{title}\n{text}")),
        "url": kind.url(obj)[:500],
    }


def index_object(obj, kind: Kind | None = None) -> SearchEntry | None:
    """Write (insert or update) the entry of one record; None if its model is not searched."""
    kind = kind or kind_of_model(type(obj))
    if kind is None:
        return None
    entry = SearchEntry(kind=kind.key, object_id=obj.pk, **_values(kind, obj))
    # One statement: INSERT … ON CONFLICT (kind, object_id) DO UPDATE, on both databases.
    SearchEntry.objects.bulk_create(
        [entry], update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=UPDATED_FIELDS
    )
    return entry


def index_many(objs, kind: Kind) -> int:
    """Write the entries of many records of one kind in one statement per CHUNK."""
    entries = [SearchEntry(kind=kind.key, object_id=obj.pk, **_values(kind, obj)) for obj in objs if obj.pk]
    for start in range(0, len(entries), CHUNK):
        SearchEntry.objects.bulk_create(
            entries[start : start + CHUNK],
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=UPDATED_FIELDS,
        )
    return len(entries)


def unindex(kind: Kind, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind.key, object_id=object_id).delete()


@dataclass
class RebuildResult:
    indexed: dict[str, int]
    removed: dict[str, int]


def rebuild(kind_keys: list[str] | None = None, *, chunk: int = CHUNK) -> RebuildResult:
    """Rewrite the entries of these kinds (all by default) from the records, `chunk`
    records at a time, each chunk in one transaction; drop entries whose record is gone."""
    kinds = [BY_KEY[key] for key in kind_keys] if kind_keys else KINDS
    result = RebuildResult(indexed={}, removed={})
    for kind in kinds:
        model = kind.model
        count = 0
        last_pk = 0
        while True:
            rows = list(
                model.objects.select_related(*kind.select_related).filter(pk__gt=last_pk).order_by("pk")[:chunk]
            )
            if not rows:
                break
            with transaction.atomic():
                existing = dict(
                    SearchEntry.objects.filter(kind=kind.key, object_id__in=[row.pk for row in rows]).values_list(
                        "object_id", "pk"
                    )
                )
                new, changed = [], []
                now = timezone.now()
                for row in rows:
                    entry = SearchEntry(kind=kind.key, object_id=row.pk, **_values(kind, row))
                    if row.pk in existing:
                        entry.pk, entry.updated_at = existing[row.pk], now
                        changed.append(entry)
                    else:
                        new.append(entry)
                SearchEntry.objects.bulk_create(new)
                if changed:
                    SearchEntry.objects.bulk_update(
                        changed, ["title", "text", "folded_title", "folded", "url", "updated_at"]
                    )
            count += len(rows)
            last_pk = rows[-1].pk
        stale = SearchEntry.objects.filter(kind=kind.key).exclude(object_id__in=model.objects.values("pk"))
        removed, _ = stale.delete()
        result.indexed[kind.key] = count
        result.removed[kind.key] = removed
    return result


# --- the receivers SearchConfig.ready connects ------------------------------------------


def on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loading fixtures: the records may not be complete yet; rebuild afterwards
        return
    index_object(instance)


def on_bulk_created(sender, instances, **kwargs) -> None:
    """`core.signals.bulk_created`: rows a service wrote with bulk_create."""
    kind = kind_of_model(sender)
    if kind is not None and instances:
        index_many(instances, kind)


def on_delete(sender, instance, **kwargs) -> None:
    kind = kind_of_model(sender)
    if kind is not None:
        unindex(kind, instance.pk)
