"""The first two document types: minutes (biên bản, ND 30 Appendix III Mẫu 1.9) and reports
(báo cáo, Mẫu 1.4). Their builders take plain, JSON-friendly data so that a pillar, a task or a
test can describe a paper without importing the dataclasses; ``minutes()`` and ``report()``
are the same with keyword arguments, for pillars that build their own types on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.documents.domain.dates import time_and_date_text
from danchu.core.documents.domain.description import (
    BarChart,
    Block,
    DescriptionError,
    Header,
    Heading,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Series,
    Signature,
    Table,
)
from danchu.core.documents.domain.numbering import TYPE_ABBREVIATIONS
from danchu.core.documents.registry import register_document_type

MINUTES = "documents.minutes"
REPORT = "documents.report"

MINUTES_ABBREVIATION = TYPE_ABBREVIATIONS["biên bản"]  # BB
REPORT_ABBREVIATION = TYPE_ABBREVIATIONS["báo cáo"]  # BC
_BLOCK_TYPES = (Paragraph, Heading, LabelledField, Table, BarChart)


def _as_datetime(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return _as_datetime(value).date()
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


def block_from_data(item: Any) -> Block:
    """A body block from plain data: a string is a paragraph; a dict names its kind by key
    (``heading``, ``paragraph``, ``field``, ``table``, ``chart``); a block passes through."""
    if isinstance(item, _BLOCK_TYPES):
        return item
    if isinstance(item, str):
        return Paragraph(item)
    if not isinstance(item, Mapping):
        raise DescriptionError(f"Not a body block: {item!r}")
    if "heading" in item:
        return Heading(item["heading"], level=int(item.get("level", 1)))
    if "paragraph" in item:
        return Paragraph(
            item["paragraph"],
            indent=bool(item.get("indent", True)),
            bold=bool(item.get("bold", False)),
            italic=bool(item.get("italic", False)),
        )
    if "field" in item:
        return LabelledField(item["field"], str(item.get("value", "")))
    if "table" in item:
        table = item["table"]
        return Table(
            columns=tuple(table["columns"]),
            rows=tuple(tuple(row) for row in table["rows"]),
            caption=table.get("caption", ""),
        )
    if "chart" in item:
        chart = item["chart"]
        return BarChart(
            title=chart["title"],
            categories=tuple(chart["categories"]),
            series=tuple(Series(s["name"], tuple(s["values"])) for s in chart["series"]),
            value_label=chart.get("value_label", ""),
        )
    raise DescriptionError(f"Unknown body block: {sorted(item)}")


def blocks_from_data(items: Iterable[Any]) -> tuple[Block, ...]:
    return tuple(block_from_data(item) for item in items)


def minutes(
    *,
    issuing_body: str,
    body_abbreviation: str,
    meeting: str,
    started_at: datetime | str,
    ended_at: datetime | str,
    place: str,
    attendees: Sequence[str] | str,
    chair: str,
    secretary: str,
    content: Iterable[Any],
    number: int | None = None,
    superior_body: str = "",
    chair_title: str = "",
    secretary_title: str = "",
    meeting_kind: str = "Cuộc họp",
    recipients: Sequence[str] = (),
    archive: str = "VT, Hồ sơ",
) -> OfficialDocument:
    """Minutes per Mẫu 1.9 (R-DOC-08): no date line in the header; the fields "Thời gian bắt
    đầu", "Địa điểm", "Thành phần tham dự", "Chủ trì (chủ toạ)", "Thư ký (người ghi biên
    bản)", "Nội dung"; the closing line; THƯ KÝ left and CHỦ TỌA right."""
    started = _as_datetime(started_at)
    ended = _as_datetime(ended_at)
    if ended < started:
        raise DescriptionError("The meeting cannot end before it starts.")
    blocks: list[Block] = [
        LabelledField("Thời gian bắt đầu", time_and_date_text(started)),
        LabelledField("Địa điểm", place),
    ]
    if isinstance(attendees, str):
        blocks.append(LabelledField("Thành phần tham dự", attendees))
    else:
        blocks.append(LabelledField("Thành phần tham dự"))
        blocks += [Paragraph(f"+ {name};") for name in attendees]
    blocks += [
        LabelledField("Chủ trì (chủ toạ)", f"{chair} - {chair_title}" if chair_title else chair),
        LabelledField(
            "Thư ký (người ghi biên bản)",
            f"{secretary} - {secretary_title}" if secretary_title else secretary,
        ),
        LabelledField(f"Nội dung (theo diễn biến {meeting_kind.lower()})"),
        *blocks_from_data(content),
        Paragraph(f"{meeting_kind} kết thúc vào {time_and_date_text(ended)}./."),
    ]
    return OfficialDocument(
        header=Header(
            issuing_body=issuing_body,
            superior_body=superior_body,
            number=number,
            symbol_groups=(MINUTES_ABBREVIATION, body_abbreviation),
            show_date=False,
        ),
        title="Biên bản",
        summary=meeting,
        blocks=tuple(blocks),
        signatures=(
            Signature(position="Thư ký", full_name=secretary),
            Signature(position="Chủ tọa", full_name=chair),
        ),
        recipients=tuple(recipients),
        archive=archive,
    )


def report(
    *,
    issuing_body: str,
    body_abbreviation: str,
    place: str,
    issued_on: date | str,
    summary: str,
    body: Iterable[Any],
    signature: Mapping[str, str] | Signature,
    number: int | None = None,
    superior_body: str = "",
    recipients: Sequence[str] = (),
    archive: str = "VT",
) -> OfficialDocument:
    """A report per Mẫu 1.4: header with the place and date, "BÁO CÁO" and the summary, the
    body, then "Nơi nhận" left and the signature right."""
    if not isinstance(signature, Signature):
        signature = Signature(**signature)
    return OfficialDocument(
        header=Header(
            issuing_body=issuing_body,
            superior_body=superior_body,
            number=number,
            symbol_groups=(REPORT_ABBREVIATION, body_abbreviation),
            place=place,
            issued_on=_as_date(issued_on),
        ),
        title="Báo cáo",
        summary=summary,
        blocks=blocks_from_data(body),
        signatures=(signature,),
        recipients=tuple(recipients),
        archive=archive,
    )


def _call(builder: Any, data: Mapping[str, Any]) -> OfficialDocument:
    try:
        return builder(**data)
    except TypeError as error:  # a missing or unexpected key
        raise DescriptionError(str(error)) from error


def build_minutes(data: Mapping[str, Any], unit: Any = None) -> OfficialDocument:
    return _call(minutes, data)


def build_report(data: Mapping[str, Any], unit: Any = None) -> OfficialDocument:
    return _call(report, data)


def register_standard_types() -> None:
    register_document_type(MINUTES, label=_("Minutes"), build=build_minutes)
    register_document_type(REPORT, label=_("Report"), build=build_report)
