"""Generating official papers: render once from one description, store, hash, audit."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.documents.domain.description import OfficialDocument
from danchu.core.documents.domain.numbering import number_and_symbol
from danchu.core.documents.models import DocumentFile, GeneratedDocument, slug
from danchu.core.documents.registry import get_document_type
from danchu.core.documents.render.docx import render_docx
from danchu.core.documents.render.html import render_html
from danchu.core.documents.render.pdf import html_to_pdf

logger = logging.getLogger(__name__)

FORMATS = tuple(DocumentFile.Format.values)  # ("pdf", "docx", "html")


class UnknownFormat(ValueError):
    pass


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def render_formats(doc: OfficialDocument, formats: Iterable[str]) -> dict[str, bytes]:
    """The document in each format, HTML always included: it is what the printable page shows
    and what the PDF is made from."""
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise UnknownFormat(f"Unknown document format(s): {', '.join(unknown)}")
    html = render_html(doc)
    outputs: dict[str, bytes] = {"html": html.encode("utf-8")}
    if "pdf" in wanted:
        outputs["pdf"] = html_to_pdf(html)
    if "docx" in wanted:
        outputs["docx"] = render_docx(doc)
    return outputs


def _file_stem(doc: OfficialDocument) -> str:
    """ "bien-ban-05-bb-bctmt": ASCII, no spaces, for stored file names."""
    number = doc.header.number
    parts = [doc.title]
    if number is not None:
        parts.append(number_and_symbol(number, doc.header.symbol_groups))
    return slug(" ".join(parts)) or "document"


def document_generate(
    *,
    actor: Any,
    doc_type: str,
    unit: Any,
    data: Mapping[str, Any],
    formats: Iterable[str] = ("pdf", "docx"),
) -> GeneratedDocument:
    """Render ``data`` as a paper of type ``doc_type`` for ``unit``, store each format with
    its SHA-256 and record "documents.generated", all in one transaction.

    Raises UnknownDocumentType, UnknownFormat, DescriptionError (bad data) or NotPermitted.
    Rendering happens before the transaction opens, so the database is not locked meanwhile.
    """
    document_type = get_document_type(doc_type)
    if not has_perm(actor, document_type.generate_permission, unit):
        raise NotPermitted()
    description = document_type.build(data, unit)
    outputs = render_formats(description, formats)
    header = description.header
    stem = _file_stem(description)
    saved: list[str] = []
    try:
        with transaction.atomic():
            document = GeneratedDocument.objects.create(
                doc_type=doc_type,
                unit=unit,
                title=description.title_display,
                summary=description.summary[:500],
                number_symbol=(
                    number_and_symbol(header.number, header.symbol_groups)
                    if header.number is not None
                    else ""
                ),
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            hashes = {}
            for fmt, content in outputs.items():
                digest = sha256_hex(content)
                stored = DocumentFile(
                    document=document, format=fmt, sha256=digest, size=len(content)
                )
                stored.file.save(f"{stem}.{fmt}", ContentFile(content), save=False)
                saved.append(stored.file.name)
                stored.save()
                hashes[fmt] = digest
            audit_record(
                actor=actor,
                action="documents.generated",
                target=document,
                unit=unit,
                data={
                    "doc_type": doc_type,
                    "number_symbol": document.number_symbol,
                    "sha256": hashes,
                },
            )
    except BaseException:
        for name in saved:  # the rows rolled back; do not leave their files behind
            try:
                default_storage.delete(name)
            except Exception:  # cleanup must not hide the original error
                logger.exception("Could not remove %s after a failed generation", name)
        raise
    return document


def document_file_intact(stored: DocumentFile) -> bool:
    """True when the stored bytes still hash to the recorded SHA-256."""
    with stored.file.open("rb") as handle:
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(64 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest() == stored.sha256
