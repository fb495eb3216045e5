from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.documents.domain.description import DescriptionError
from danchu.core.documents.models import DocumentFile, GeneratedDocument, ImmutableDocument
from danchu.core.documents.registry import UnknownDocumentType
from danchu.core.documents.samples import sample_minutes_data, sample_report_data
from danchu.core.documents.services import UnknownFormat, document_generate
from danchu.core.documents.standard_types import MINUTES, REPORT


def _stored_names(folder: str = "documents") -> list[str]:
    if not default_storage.exists(folder):
        return []
    dirs, files = default_storage.listdir(folder)
    names = [f"{folder}/{f}" for f in files]
    for d in dirs:
        names += _stored_names(f"{folder}/{d}")
    return names


@pytest.fixture
def minutes(personas, tree):
    return document_generate(
        actor=personas["officer_a"],
        doc_type=MINUTES,
        unit=tree.commune_a,
        data=sample_minutes_data(),
        formats=("pdf", "docx"),
    )


def test_generate_stores_each_format_with_its_sha256(minutes, personas, tree):
    assert minutes.doc_type == MINUTES
    assert minutes.unit == tree.commune_a
    assert minutes.created_by == personas["officer_a"]
    assert minutes.title == "BIÊN BẢN"
    assert minutes.number_symbol == "05/BB-BCTMT"
    files = {f.format: f for f in minutes.files.all()}
    assert set(files) == {"pdf", "docx", "html"}
    for stored in files.values():
        with stored.file.open("rb") as handle:
            content = handle.read()
        assert hashlib.sha256(content).hexdigest() == stored.sha256
        assert stored.size == len(content)
    assert files["pdf"].file.open("rb").read().startswith(b"%PDF")
    assert files["docx"].file.open("rb").read().startswith(b"PK")
    assert "Hội nghị nhân dân thôn Một" in files["html"].file.open("rb").read().decode()


def test_generate_writes_the_audit_event(minutes, tree):
    event = AuditEvent.objects.get(action="documents.generated")
    assert event.target_id == str(minutes.pk)
    assert event.target_type == "documents.generateddocument"
    assert event.unit_id == tree.commune_a.pk
    assert event.data["doc_type"] == MINUTES
    hashes = {f.format: f.sha256 for f in minutes.files.all()}
    assert event.data["sha256"] == hashes


def test_generated_document_is_immutable(minutes):
    minutes.summary = "changed"
    with pytest.raises(ImmutableDocument):
        minutes.save()
    stored = minutes.files.first()
    stored.sha256 = "0" * 64
    with pytest.raises(ImmutableDocument):
        stored.save()
    with pytest.raises(ImmutableDocument):
        minutes.delete()
    with pytest.raises(ImmutableDocument):
        stored.delete()
    minutes.refresh_from_db()
    assert minutes.summary != "changed"


@pytest.mark.postgres
def test_database_refuses_update_and_delete(minutes):
    with pytest.raises(DatabaseError), transaction.atomic():
        GeneratedDocument.objects.filter(pk=minutes.pk).update(summary="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        DocumentFile.objects.filter(document=minutes).delete()


@pytest.mark.parametrize("who", ["officer_b", "resident", "province_officer"])
def test_only_officials_of_the_unit_generate(personas, tree, who):
    with pytest.raises(NotPermitted):
        document_generate(
            actor=personas[who],
            doc_type=REPORT,
            unit=tree.commune_a,
            data=sample_report_data(),
            formats=("docx",),
        )
    assert not GeneratedDocument.objects.exists()
    assert not AuditEvent.objects.filter(action="documents.generated").exists()


def test_village_head_generates_for_the_village(personas, tree):
    document = document_generate(
        actor=personas["village_head_a1"],
        doc_type=MINUTES,
        unit=tree.village_a1,
        data=sample_minutes_data(),
        formats=(),
    )
    assert [f.format for f in document.files.all()] == ["html"]


def test_unknown_type_and_format(personas, tree):
    with pytest.raises(UnknownDocumentType):
        document_generate(
            actor=personas["officer_a"], doc_type="nope", unit=tree.commune_a, data={}
        )
    with pytest.raises(UnknownFormat):
        document_generate(
            actor=personas["officer_a"],
            doc_type=REPORT,
            unit=tree.commune_a,
            data=sample_report_data(),
            formats=("odt",),
        )


def test_bad_data_is_refused(personas, tree):
    data = sample_report_data()
    del data["summary"]
    with pytest.raises(DescriptionError):
        document_generate(
            actor=personas["officer_a"], doc_type=REPORT, unit=tree.commune_a, data=data
        )


def test_failed_transaction_leaves_no_file(personas, tree, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit failed")

    monkeypatch.setattr("danchu.core.documents.services.audit_record", broken)
    before = _stored_names()
    with pytest.raises(RuntimeError):
        document_generate(
            actor=personas["officer_a"],
            doc_type=REPORT,
            unit=tree.commune_a,
            data=sample_report_data(),
            formats=("docx",),
        )
    assert not GeneratedDocument.objects.exists()
    assert _stored_names() == before
