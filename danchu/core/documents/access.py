"""The only way interfaces fetch generated papers."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.permissions import VIEW_DOCUMENT
from danchu.core.documents.registry import UnknownDocumentType, get_document_type


def view_permission_for(doc_type: str) -> str:
    """The permission a type registered for viewing; the general one for a type no longer
    registered (papers outlive the code that produced them)."""
    try:
        return get_document_type(doc_type).view_permission
    except UnknownDocumentType:
        return VIEW_DOCUMENT


def access_document_by_id(
    actor: Any, document_id: int, *, permission: str | None = None
) -> GeneratedDocument:
    """The paper if the actor holds the view permission over its unit; 404 otherwise."""
    document = (
        GeneratedDocument.objects.select_related("unit", "created_by")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise not_found()
    if not has_perm(actor, permission or view_permission_for(document.doc_type), document):
        raise not_found()
    return document
