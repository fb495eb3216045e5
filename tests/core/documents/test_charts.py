import re

from danchu.core.documents.charts import chart_png, chart_svg
from danchu.core.documents.domain.description import BarChart, Series
from danchu.core.documents.render.html import render_html
from danchu.core.documents.standard_types import report

CHART = BarChart(
    title="Tỷ lệ hộ gia đình đồng ý",
    categories=("Thôn Một", "Tổ dân phố Đường Mới"),
    series=(Series("Năm 2025", (61.5, 70)), Series("Năm 2026", (82.96, 88.78))),
    value_label="Phần trăm",
)


def test_svg_keeps_vietnamese_labels_as_text():
    svg = chart_svg(CHART)
    assert svg.startswith("<svg")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for label in (
        "Tỷ lệ hộ gia đình đồng ý",
        "Thôn Một",
        "Tổ dân phố Đường Mới",
        "Phần trăm",
        "Năm 2025",
        "Năm 2026",
        "82,96",
    ):
        assert label in texts, label
    assert "'Times New Roman', 'Liberation Serif'" in svg


def test_svg_escapes_markup_in_labels():
    svg = chart_svg(
        BarChart(title="<script>alert(1)</script>", categories=("a",), series=(Series("s", (1,)),))
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_same_chart_same_bytes():
    assert chart_svg(CHART) == chart_svg(CHART)


def test_png_for_docx():
    assert chart_png(CHART).startswith(b"\x89PNG")


def test_chart_is_inline_in_the_html_page():
    doc = report(
        issuing_body="Ủy ban nhân dân xã An Phú",
        body_abbreviation="UBND",
        place="An Phú",
        issued_on="2026-01-05",
        summary="Thử biểu đồ",
        body=["Đoạn mở đầu.", CHART],
        signature={"position": "Chủ tịch", "full_name": "Nguyễn Văn A"},
    )
    html = render_html(doc)
    assert '<figure class="chart"' in html
    assert "Tổ dân phố Đường Mới</text>" in html


def test_dollar_signs_are_plain_text():
    svg = chart_svg(
        BarChart(
            title="Thu 5$ chi 3$ và $\\frac$",
            categories=("Quý $1$", "Quý 2"),
            series=(Series("Kế hoạch $", (1, 2)), Series("Thực hiện", (2, 1))),
        )
    )
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Thu 5$ chi 3$ và $\\frac$" in texts and "Quý $1$" in texts and "Kế hoạch $" in texts
