"""Reads of generated papers, scoped to what the actor may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danchu.core.access.registry import scope_queryset
from danchu.core.documents.models import DocumentFile, GeneratedDocument
from danchu.core.documents.permissions import VIEW_DOCUMENT


def documents_of_unit(actor: Any, unit: Any) -> QuerySet[GeneratedDocument]:
    """Papers generated for ``unit`` that the actor may see, newest first."""
    queryset = GeneratedDocument.objects.filter(unit=unit).select_related("created_by")
    return scope_queryset(actor, VIEW_DOCUMENT, queryset, "unit__path")


def files_of(document: GeneratedDocument) -> list[DocumentFile]:
    """The paper's files in a fixed order: PDF, DOCX, HTML."""
    order = {"pdf": 0, "docx": 1, "html": 2}
    return sorted(document.files.all(), key=lambda f: order.get(f.format, 9))
