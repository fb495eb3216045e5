"""Render the sample minutes and report to HTML, PDF and DOCX in a folder, to look at them."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from danchu.core.documents.registry import get_document_type
from danchu.core.documents.samples import sample_minutes_data, sample_report_data
from danchu.core.documents.services import render_formats
from danchu.core.documents.standard_types import MINUTES, REPORT


class Command(BaseCommand):
    help = "Render the sample minutes (biên bản) and report (báo cáo) to HTML, PDF and DOCX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default="var/document-samples", help="output folder")

    def handle(self, *args, **options) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for name, doc_type, data in (
            ("bien-ban", MINUTES, sample_minutes_data()),
            ("bao-cao", REPORT, sample_report_data()),
        ):
            description = get_document_type(doc_type).build(data, None)
            for fmt, content in render_formats(description, ("pdf", "docx")).items():
                path = out / f"{name}.{fmt}"
                path.write_bytes(content)
                self.stdout.write(str(path))
