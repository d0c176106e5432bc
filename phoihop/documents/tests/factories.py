"""Documents for tests: `make_document` goes through the services (audit rows, versions
and shares as in real use); `DocumentFactory` writes rows directly, for query counts."""

from __future__ import annotations

import datetime as dt

import factory

from phoihop.documents import services
from phoihop.documents.models import Classification, Document
from phoihop.documents.tests.files import pdf, upload
from phoihop.organisations.tests.factories import OrganizationFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    owner = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Kế hoạch tuyên truyền số {n}")
    number_symbol = factory.Sequence(lambda n: f"{n}-KH/TN")
    issued_on = dt.date(2026, 3, 2)
    issuer = "Đảng ủy xã Cẩm Đức"
    classification = Classification.INTERNAL
    year = factory.LazyAttribute(lambda o: o.issued_on.year)


def make_document(world, *, actor=None, owner=None, title="Kế hoạch tuyên truyền năm 2026", content=None, **kwargs):
    """A document of the world's target (the officer's organisation) by default, with
    one PDF version unless it is confidential."""
    kwargs.setdefault("number_symbol", "93-KH/ĐU")
    kwargs.setdefault("issued_on", dt.date(2026, 3, 2))
    kwargs.setdefault("issuer", "Đảng ủy xã Cẩm Đức")
    if kwargs.get("classification") != Classification.CONFIDENTIAL:
        kwargs.setdefault("file", upload(f"{title}.pdf", content if content is not None else pdf(title)))
    return services.document_create(actor=actor or world.officer, owner=owner or world.target, title=title, **kwargs)
