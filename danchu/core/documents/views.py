"""Pages for generated papers: metadata and downloads, the printable HTML, a unit's list.

Every fetch goes through access_document_by_id, so a paper of another unit is a 404 on the
page, the download and the printable view alike.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danchu.common.pagination import paginate
from danchu.core.documents.access import access_document_by_id
from danchu.core.documents.models import DocumentFile
from danchu.core.documents.permissions import VIEW_DOCUMENT
from danchu.core.documents.registry import UnknownDocumentType, get_document_type
from danchu.core.documents.selectors import documents_of_unit, files_of
from danchu.core.documents.services import document_file_intact
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.selectors import ancestors_of

logger = logging.getLogger(__name__)

# The stored HTML page needs its own inline styles and nothing else: no scripts, no fetches.
_PRINT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def _type_label(doc_type: str) -> str:
    try:
        return str(get_document_type(doc_type).label)
    except UnknownDocumentType:
        return doc_type


def _file_of(document, fmt: str) -> DocumentFile:
    stored = document.files.filter(format=fmt).first()
    if stored is None:
        raise Http404("Not found")
    return stored


def _intact_or_refuse(stored: DocumentFile) -> HttpResponse | None:
    if document_file_intact(stored):
        return None
    logger.error(
        "Stored file of document %s (%s) fails its SHA-256", stored.document_id, stored.format
    )
    return HttpResponse(
        _("The stored file does not match its recorded fingerprint. Tell the administrator."),
        status=500,
        content_type="text/plain; charset=utf-8",
    )


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = access_document_by_id(request.user, pk)
    files = files_of(document)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "unit": document.unit,
            "type_label": _type_label(document.doc_type),
            "files": files,
            "has_html": any(f.format == "html" for f in files),
        },
    )


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = access_document_by_id(request.user, pk)
    stored = _file_of(document, fmt)
    refused = _intact_or_refuse(stored)
    if refused is not None:
        return refused
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.download_name,
        content_type=_CONTENT_TYPES[stored.format],
    )


@login_required
@require_GET
def document_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The paper exactly as generated, as a printable page (the stored HTML)."""
    document = access_document_by_id(request.user, pk)
    stored = _file_of(document, "html")
    refused = _intact_or_refuse(stored)
    if refused is not None:
        return refused
    with stored.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=_CONTENT_TYPES["html"])
    response["Content-Security-Policy"] = _PRINT_PAGE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def unit_documents(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_DOCUMENT)
    page = paginate(request, documents_of_unit(request.user, unit))
    for document in page.object_list:
        document.type_label = _type_label(document.doc_type)
    return render(
        request,
        "documents/unit_documents.html",
        {"unit": unit, "ancestors": ancestors_of(unit), "page": page},
    )
