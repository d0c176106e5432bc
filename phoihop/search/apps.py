from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "phoihop.search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        """Keep the index in step: every save and delete of a searched model (see
        `search.registry`) upserts or drops its entry; a new file of a document queues
        the extraction of its text. The other apps know nothing of this (import-linter)."""
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from phoihop.core.signals import bulk_created
        from phoihop.search import indexer, jobs
        from phoihop.search.registry import KINDS

        for kind in KINDS:
            post_save.connect(indexer.on_save, sender=kind.model, dispatch_uid=f"search-save-{kind.key}")
            post_delete.connect(indexer.on_delete, sender=kind.model, dispatch_uid=f"search-delete-{kind.key}")
            # rows services write with bulk_create, which sends no post_save
            bulk_created.connect(indexer.on_bulk_created, sender=kind.model, dispatch_uid=f"search-bulk-{kind.key}")

        def on_new_file(sender, instance, created=False, raw=False, **kwargs):
            if created and not raw:
                document_id = instance.document_id
                transaction.on_commit(lambda: jobs.enqueue_extraction(document_id))

        post_save.connect(on_new_file, sender="documents.DocumentVersion", dispatch_uid="search-extract-on-upload")
