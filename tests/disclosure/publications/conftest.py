"""Fixtures of the publication tests: catalogue items, drafts and published publications of
commune A (90001) written through the services by its officer."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danchu.disclosure.models import CatalogueItem
from danchu.disclosure.services_publications import publication_create, publication_publish

DECISION = date(2026, 4, 27)  # a Monday, three working days before the 30/4 – 1/5 holidays

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "Dự toán"
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def commune_item(number: int) -> CatalogueItem:
    return CatalogueItem.objects.get(regime="commune", number=number)


@pytest.fixture
def make_draft(personas, tree):
    def _make(
        title: str = "Dự toán ngân sách xã An Phú năm 2027",
        number: int = 2,
        actor=None,
        unit=None,
        **extra,
    ):
        return publication_create(
            actor=actor or personas["officer_a"],
            unit=unit or tree.commune_a,
            item=extra.pop("item", None) or commune_item(number),
            title=title,
            summary=extra.pop("summary", "Dự toán thu, chi ngân sách xã năm 2027."),
            body=extra.pop("body", "<p>Tổng thu 18.450 triệu đồng.</p>"),
            decision_date=extra.pop("decision_date", DECISION),
            **extra,
        )

    return _make


@pytest.fixture
def make_published(make_draft, personas, django_capture_on_commit_callbacks):
    def _make(*args, **kwargs):
        draft = make_draft(*args, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            return publication_publish(actor=personas["officer_a"], publication=draft)

    return _make
