"""The quarterly list of everything published (Law 10/2022 Art. 13(2); R-PUB-04): an official
report generated through core documents, audited, readable in its PDF."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.documents.services import render_formats
from danchu.disclosure.compliance_setup import QUARTERLY_LIST, quarterly_list
from danchu.disclosure.domain.compliance import Period
from danchu.disclosure.services_compliance import (
    ComplianceError,
    quarterly_list_data,
    quarterly_list_generate,
)
from tests.core.documents.pdf_tools import collapse
from tests.disclosure.compliance.conftest import make_publication

Q2 = Period.quarter(2026, 2)


def pdf_text(path: Path) -> str:
    """The PDF's text in content-stream order (``pdftotext -raw``): a table cell's lines stay
    together, whereas the default layout interleaves the cells of one row."""
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


TITLES = ("Dự toán ngân sách xã", "Thủ tục hành chính", "Hỗ trợ hộ nghèo")


@pytest.fixture
def published(tree):
    a = tree.commune_a
    return [
        make_publication(
            a,
            "commune.02",
            decision=date(2026, 4, 29),
            published=date(2026, 5, 8),
            title=TITLES[0],
            decision_ref="12/QĐ-UBND",
            channels=[
                ("posting_hq", date(2026, 5, 8), date(2026, 6, 7)),
                ("website", date(2026, 5, 8), None),
            ],
        ),
        make_publication(
            a,
            "commune.13",
            decision=date(2026, 6, 1),
            published=date(2026, 6, 2),
            title=TITLES[1],
            channels=[("posting_hq", date(2026, 6, 2), None)],
        ),
        make_publication(
            a,
            "commune.07",
            decision=date(2026, 6, 10),
            published=date(2026, 6, 12),
            title=TITLES[2],
            broadcasts=[date(2026, 6, 12)],
            relays=[tree.village_a1],
        ),
        # Not in the list: a draft, another quarter, another commune.
        make_publication(a, "commune.01", decision=date(2026, 5, 4), title="Bản nháp chưa đăng"),
        make_publication(
            a, "commune.01", decision=date(2026, 3, 2), published=date(2026, 3, 3), title="Quý một"
        ),
        make_publication(
            tree.commune_b,
            "commune.01",
            decision=date(2026, 5, 4),
            published=date(2026, 5, 5),
            title="Phường khác",
        ),
    ]


def test_the_list_holds_what_was_published_in_the_quarter(published, tree):
    data = quarterly_list_data(tree.commune_a, Q2, issued_on=date(2026, 7, 1))
    assert [row[1] for row in data["rows"]] == [
        f"{TITLES[0]} (khoản 2 Điều 11)",
        f"{TITLES[1]} (khoản 13 Điều 11)",
        f"{TITLES[2]} (khoản 7 Điều 11)",
    ]
    assert data["rows"][0][2] == "Số 12/QĐ-UBND ngày 29/04/2026"
    assert data["rows"][2][3] == (
        "Hệ thống loa truyền thanh; Thông qua trưởng thôn, tổ trưởng tổ dân phố"
    )


def test_generate_renders_the_pdf_with_the_titles_and_audits(published, personas, tree, tmp_path):
    document = quarterly_list_generate(
        actor=personas["officer_a"], unit=tree.commune_a, period=Q2, issued_on=date(2026, 7, 1)
    )
    assert document.doc_type == QUARTERLY_LIST
    assert document.unit == tree.commune_a
    files = {f.format: f for f in document.files.all()}
    assert set(files) == {"pdf", "docx", "html"}
    path = Path(tmp_path) / "list.pdf"
    with files["pdf"].file.open("rb") as handle:
        path.write_bytes(handle.read())
    content = collapse(pdf_text(path))
    assert "BÁO CÁO" in content
    assert "Danh mục thông tin đã công khai quý II năm 2026" in content
    assert "ỦY BAN NHÂN DÂN XÃ AN PHÚ" in content
    for title in TITLES:
        assert title in content
    for absent in ("Bản nháp chưa đăng", "Quý một", "Phường khác"):
        assert absent not in content
    event = AuditEvent.objects.get(action="disclosure.quarterly_list_generated")
    assert event.target_id == str(document.pk)
    assert event.unit_id == tree.commune_a.pk
    assert event.data["period"] == "2026-Q2"
    assert event.data["count"] == 3
    assert event.data["references"] == [p.reference for p in published[:3]]
    assert AuditEvent.objects.filter(action="documents.generated").count() == 1


def test_an_empty_quarter_says_so(tree):
    description = quarterly_list({"period": "2026-Q1", "issued_on": "2026-04-01"}, tree.commune_a)
    html = render_formats(description, ())["html"].decode()
    assert "Trong quý I năm 2026 không có thông tin nào được công khai." in html


def test_an_agency_list_is_headed_by_the_agency(tree):
    description = quarterly_list(
        {"period": "2026-Q2", "issued_on": "2026-07-01", "rows": []}, tree.agency_a
    )
    assert description.header.issuing_body == "Trạm Y tế xã An Phú"
    assert description.header.place == "An Phú"


@pytest.mark.parametrize("who", ["village_head_a1", "officer_b", "province_officer", "resident"])
def test_only_those_who_publish_for_the_unit_generate_it(published, personas, tree, who):
    with pytest.raises(NotPermitted):
        quarterly_list_generate(actor=personas[who], unit=tree.commune_a, period=Q2)
    assert not AuditEvent.objects.filter(action="disclosure.quarterly_list_generated").exists()


@pytest.mark.parametrize("period", [Period.half(2026, 1), Period.whole_year(2026)])
def test_the_list_is_per_quarter(personas, tree, period):
    with pytest.raises(ComplianceError):
        quarterly_list_generate(actor=personas["officer_a"], unit=tree.commune_a, period=period)


def test_a_quarter_that_has_not_started_is_refused(personas, tree):
    with pytest.raises(ComplianceError):
        quarterly_list_generate(
            actor=personas["officer_a"], unit=tree.commune_a, period=Period.quarter(2999, 1)
        )
