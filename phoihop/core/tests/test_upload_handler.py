"""Uploads are held in memory, cut after the size limit, and never written to disk
before the checks: a refused confidential document leaves no bytes behind."""

import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.test import RequestFactory

from phoihop.core import uploads


@pytest.fixture
def spool(monkeypatch, tmp_path):
    """Every temporary file Django could create lands in tmp_path."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def posted_file(size: int):
    request = RequestFactory().post("/x/", {"file": _named(b"%PDF-1.7\n" + b"0" * (size - 9), "big.pdf")})
    return request.FILES["file"]


def _named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_large_upload_stays_in_memory_and_is_cut_after_the_limit(settings, spool):
    settings.PHOIHOP_MAX_UPLOAD_MB = 1
    received = posted_file(3 * 1024 * 1024)  # over Django's 2.5 MB spill-to-disk threshold
    assert isinstance(received, InMemoryUploadedFile)
    assert received.size == 3 * 1024 * 1024  # the true size, for the message
    assert len(received.file.getvalue()) == 1024 * 1024 + 1  # but no more than the limit + 1 kept
    assert list(Path(spool).iterdir()) == []
    with pytest.raises(ValidationError) as refused:
        uploads.read_upload(received)
    assert refused.value.messages == [uploads.msg_too_big()]
    assert "tối đa là 1 MB" in uploads.msg_too_big()


def test_an_upload_within_the_limit_arrives_whole(settings, spool):
    settings.PHOIHOP_MAX_UPLOAD_MB = 1
    received = posted_file(200_000)
    assert received.size == 200_000 and len(uploads.read_upload(received)) == 200_000
    assert list(Path(spool).iterdir()) == []
