import pytest

from danchu.core.documents.domain.description import DescriptionError
from danchu.core.documents.registry import (
    DocumentTypeAlreadyRegistered,
    UnknownDocumentType,
    get_document_type,
    register_document_type,
    registered_document_types,
)
from danchu.core.documents.samples import sample_minutes_data
from danchu.core.documents.standard_types import MINUTES, REPORT, build_minutes


def test_standard_types_are_registered_at_startup():
    assert {MINUTES, REPORT} <= set(registered_document_types())
    assert get_document_type(MINUTES).build is build_minutes


def test_unknown_type_raises():
    with pytest.raises(UnknownDocumentType):
        get_document_type("decisions.nothing")


def test_registering_a_name_twice_with_another_builder_raises():
    with pytest.raises(DocumentTypeAlreadyRegistered):
        register_document_type(MINUTES, label="x", build=lambda data, unit: None)
    # the same builder again is harmless (ready() may run twice)
    register_document_type(MINUTES, label="Minutes", build=build_minutes)


def test_builder_rejects_unknown_keys():
    data = sample_minutes_data() | {"colour": "red"}
    with pytest.raises(DescriptionError):
        build_minutes(data)
