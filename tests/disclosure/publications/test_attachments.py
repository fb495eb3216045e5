"""Attachments are checked by content and size before anything is written; HTML in text
fields is sanitised with nh3."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage

from danchu.disclosure.attachments import JPEG, PDF, PNG, XLSX, AttachmentRefused, check_upload
from danchu.disclosure.models import Attachment, Publication
from danchu.disclosure.services_publications import (
    PublicationError,
    attachment_add,
    clean_body,
    clean_plain,
    publication_correct,
)
from tests.disclosure.publications.conftest import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    upload,
    xlsx_bytes,
    zip_bytes,
)


def _stored(path: str = "disclosure/") -> list[str]:
    """Attachment files in storage (other apps' files in the shared test storage are ignored)."""
    try:
        directories, files = default_storage.listdir(path)
    except FileNotFoundError:
        return []
    found = [f"{path}{name}" for name in files]
    for directory in directories:
        found += _stored(f"{path}{directory}/")
    return found


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("du-toan.pdf", PDF_BYTES, PDF),
        ("anh.png", PNG_BYTES, PNG),
        ("anh.JPG", JPEG_BYTES, JPEG),
        ("bang.xlsx", None, XLSX),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, kind):
    content = content if content is not None else xlsx_bytes()
    checked = check_upload(upload(name, content))
    assert checked.content_type == kind
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("du-toan.pdf", PNG_BYTES),  # a PNG named .pdf
        ("bang.xlsx", None),  # a zip that is not a spreadsheet
        ("virus.exe", b"MZ\x90\x00"),
        ("trang.html", b"<html><script>alert(1)</script></html>"),
        ("rong.pdf", b""),
    ],
)
def test_mislabelled_or_unknown_files_are_refused(name, content):
    content = content if content is not None else zip_bytes()
    with pytest.raises(AttachmentRefused):
        check_upload(upload(name, content))


def test_pdf_name_with_png_content_is_refused_and_nothing_is_written(make_draft, personas):
    draft = make_draft()
    with pytest.raises(PublicationError, match="PNG"):
        attachment_add(
            actor=personas["officer_a"], publication=draft, upload=upload("a.pdf", PNG_BYTES)
        )
    assert Attachment.objects.count() == 0
    assert _stored() == []


def test_oversized_file_is_refused_and_nothing_is_written(make_draft, personas, settings):
    settings.DANCHU_DISCLOSURE_MAX_ATTACHMENT_BYTES = 1024
    draft = make_draft()
    big = PDF_BYTES + b"0" * 2048
    with pytest.raises(PublicationError):
        attachment_add(actor=personas["officer_a"], publication=draft, upload=upload("b.pdf", big))
    assert Attachment.objects.count() == 0
    assert _stored() == []


def test_default_limit_is_ten_megabytes(settings):
    from danchu.disclosure.attachments import max_bytes

    assert not hasattr(settings, "DANCHU_DISCLOSURE_MAX_ATTACHMENT_BYTES")
    assert max_bytes() == 10 * 1024 * 1024


def test_a_refused_file_on_creation_writes_no_publication(personas, tree, make_draft):
    with pytest.raises(PublicationError):
        make_draft(attachments=[upload("a.pdf", PNG_BYTES)])
    assert Publication.objects.count() == 0
    assert _stored() == []


def test_valid_attachment_is_stored_with_its_hash_and_enters_the_content_hash(
    make_draft, personas, django_capture_on_commit_callbacks
):
    from danchu.disclosure.services_publications import content_hash, publication_publish

    draft = make_draft()
    attachment = attachment_add(
        actor=personas["officer_a"], publication=draft, upload=upload("du-toan.pdf", PDF_BYTES)
    )
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert attachment.content_type == PDF
    assert default_storage.open(attachment.file.name).read() == PDF_BYTES
    assert _stored() == [attachment.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        publication_publish(actor=personas["officer_a"], publication=draft)
    version = draft.current_version
    version.refresh_from_db()
    assert version.content_hash == content_hash(
        version.title, version.summary, version.body, [attachment.sha256]
    )
    with pytest.raises(PublicationError):
        attachment_add(
            actor=personas["officer_a"], publication=draft, upload=upload("c.png", PNG_BYTES)
        )
    assert Attachment.objects.count() == 1


def test_correction_keeps_previous_attachments(make_draft, personas):
    from danchu.disclosure.services_publications import publication_publish

    draft = make_draft(attachments=[upload("du-toan.pdf", PDF_BYTES)])
    publication_publish(actor=personas["officer_a"], publication=draft)
    version = publication_correct(
        actor=personas["officer_a"],
        publication=draft,
        title="Dự toán (điều chỉnh)",
        reason="Bổ sung bảng",
        attachments=[upload("bang.xlsx", xlsx_bytes())],
    )
    names = sorted(version.attachments.values_list("name", flat=True))
    assert names == ["bang.xlsx", "du-toan.pdf"]
    assert draft.versions.get(number=1).attachments.count() == 1


def test_title_and_summary_become_plain_text():
    assert clean_plain("<b>Dự toán</b> <script>alert(1)</script>ngân sách") == "Dự toán ngân sách"
    assert clean_plain("A &lt; B <i>và</i> C") == "A < B và C"


def test_body_keeps_simple_formatting_only():
    dirty = (
        '<p onclick="steal()">Tổng <strong>thu</strong></p><script>bad()</script>'
        '<a href="javascript:alert(1)">x</a><a href="https://example.vn">nguồn</a>'
        '<img src=x onerror="alert(1)"><iframe src="https://evil"></iframe>'
    )
    clean = clean_body(dirty)
    assert "<p>Tổng <strong>thu</strong></p>" in clean
    for bad in ("script", "onclick", "javascript:", "<img", "iframe", "onerror"):
        assert bad not in clean
    assert 'href="https://example.vn"' in clean
    assert 'rel="noopener noreferrer nofollow"' in clean


def test_services_store_sanitised_text(make_draft):
    draft = make_draft(
        title="<h1>Dự toán</h1><script>x()</script>",
        summary="<em>Tóm tắt</em>",
        body="<p>Nội dung</p><script>x()</script>",
    )
    version = draft.current_version
    assert (version.title, version.summary, version.body) == (
        "Dự toán",
        "Tóm tắt",
        "<p>Nội dung</p>",
    )


def test_a_title_of_only_html_is_refused(make_draft):
    with pytest.raises(PublicationError):
        make_draft(title="<script>alert(1)</script>")
    assert Publication.objects.count() == 0
