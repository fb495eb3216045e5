from __future__ import annotations

from pathlib import Path

import pytest

from danchu.core.documents.registry import get_document_type
from danchu.core.documents.samples import sample_minutes_data, sample_report_data
from danchu.core.documents.services import render_formats
from danchu.core.documents.standard_types import MINUTES, REPORT

SAMPLES = {MINUTES: sample_minutes_data, REPORT: sample_report_data}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Each standard type's sample rendered once to HTML, PDF and DOCX files:
    ``rendered[doc_type] = (description, {fmt: path})``."""
    folder = tmp_path_factory.mktemp("rendered")
    result = {}
    for doc_type, sample in SAMPLES.items():
        description = get_document_type(doc_type).build(sample(), None)
        paths: dict[str, Path] = {}
        for fmt, content in render_formats(description, ("pdf", "docx")).items():
            path = folder / f"{doc_type}.{fmt}"
            path.write_bytes(content)
            paths[fmt] = path
        result[doc_type] = (description, paths)
    return result
