"""The registry of document types. Each app registers its own in ``AppConfig.ready()``:

    register_document_type(
        "decisions.community_minutes",
        label=_("Minutes of a village meeting"),
        build=build_community_minutes,   # (data, unit) -> OfficialDocument
    )

An unknown name raises instead of producing nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from danchu.core.documents.domain.description import OfficialDocument
from danchu.core.documents.permissions import GENERATE_DOCUMENT, VIEW_DOCUMENT

Builder = Callable[[Mapping[str, Any], Any], OfficialDocument]


class UnknownDocumentType(LookupError):
    pass


class DocumentTypeAlreadyRegistered(ValueError):
    pass


@dataclass(frozen=True)
class DocumentType:
    name: str
    label: str | Promise
    build: Builder
    view_permission: str = VIEW_DOCUMENT
    generate_permission: str = GENERATE_DOCUMENT


_TYPES: dict[str, DocumentType] = {}


def register_document_type(
    name: str,
    *,
    label: str | Promise,
    build: Builder,
    view_permission: str = VIEW_DOCUMENT,
    generate_permission: str = GENERATE_DOCUMENT,
) -> DocumentType:
    """Register ``name``; ``build(data, unit)`` turns the caller's data into the description.

    Registering the same name again with the same builder is a no-op (``ready()`` may run
    twice in tests); with a different builder it raises.
    """
    doc_type = DocumentType(name, label, build, view_permission, generate_permission)
    existing = _TYPES.get(name)
    if existing is not None and existing.build is not build:
        raise DocumentTypeAlreadyRegistered(name)
    _TYPES[name] = doc_type
    return doc_type


def get_document_type(name: str) -> DocumentType:
    try:
        return _TYPES[name]
    except KeyError:
        raise UnknownDocumentType(name) from None


def registered_document_types() -> dict[str, DocumentType]:
    return dict(_TYPES)
