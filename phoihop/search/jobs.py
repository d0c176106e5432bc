"""Background jobs of the search (django-q2; plain functions, so tests call them)."""

from __future__ import annotations

from phoihop.search import extract, indexer

EXTRACT_JOB = "phoihop.search.jobs.extract_document_text"


def extract_document_text(document_id: int) -> str:
    """Read the text of the document's latest file into the index. Returns the status
    ("extracted", "unsupported", "no_tool", "failed") or "gone" if there is nothing to read."""
    from phoihop.documents.models import Document, DocumentVersion
    from phoihop.search.models import DocumentText

    document = Document.objects.filter(pk=document_id).first()
    version = DocumentVersion.objects.filter(document_id=document_id).order_by("-number").first()
    if document is None or version is None:
        return "gone"
    with version.file.storage.open(version.file.name, "rb") as handle:
        data = handle.read()
    status, text = extract.extract(version.kind, data)
    DocumentText.objects.update_or_create(
        document=document, defaults={"version": version, "status": status, "text": text}
    )
    indexer.index_object(document)
    return status


def enqueue_extraction(document_id: int) -> None:
    """Queue the extraction on the background worker (after the upload's transaction commits)."""
    from django_q.tasks import async_task

    async_task(EXTRACT_JOB, document_id, task_name=f"search-extract-{document_id}", group="search")


def rebuild_index(kind: str | None = None) -> dict:
    """The job wrapper of `manage.py rebuild_search_index`."""
    result = indexer.rebuild([kind] if kind else None)
    return {"indexed": result.indexed, "removed": result.removed}
