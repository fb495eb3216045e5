"""The posted reception schedule as an official paper (``petitions.reception_schedule``):
"Thông báo lịch tiếp công dân" with the leaders' days, hours and places, and the days
postponed with their reason and new day (Law on Citizen Reception Art. 24)."""

from __future__ import annotations

from datetime import date
from typing import Any

from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.domain.description import (
    Header,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from danchu.petitions.models import ReceptionSchedule, ScheduleStatus

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
COLUMNS = ("STT", "Ngày", "Thời gian", "Người tiếp công dân", "Địa điểm", "Ghi chú")


def issuing_body(unit: Any) -> str:
    """ "Xã An Phú" → "Ủy ban nhân dân xã An Phú"; an agency issues in its own name."""
    if unit.is_commune:
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def schedule_data(unit: Any, start: date, end: date) -> dict[str, Any]:
    """The document's data: one row per reception day of the period (one query)."""
    rows = []
    schedules = ReceptionSchedule.objects.filter(unit=unit, on__gte=start, on__lte=end).order_by(
        "on", "starts_at"
    )
    for schedule in schedules:
        note = ""
        if schedule.status == ScheduleStatus.POSTPONED:
            moved = schedule.postponed_to.strftime("%d/%m/%Y") if schedule.postponed_to else ""
            note = f"Hoãn, chuyển sang ngày {moved}. Lý do: {schedule.postponement_reason}"
        rows.append(
            [
                f"{WEEKDAYS[schedule.on.weekday()]}, {schedule.on.strftime('%d/%m/%Y')}",
                f"{schedule.starts_at.strftime('%H:%M')} – {schedule.ends_at.strftime('%H:%M')}",
                f"{schedule.leader_name}, {schedule.leader_title}",
                schedule.place,
                note,
            ]
        )
    return {"start": start.isoformat(), "end": end.isoformat(), "rows": rows}


def build_reception_schedule(data: dict[str, Any], unit: Any) -> OfficialDocument:
    start = date.fromisoformat(data["start"])
    end = date.fromisoformat(data["end"])
    posted_on = date.fromisoformat(data["posted_on"])
    body = issuing_body(unit)
    place = unit.name
    commune = unit.is_commune
    return OfficialDocument(
        header=Header(
            issuing_body=body,
            symbol_groups=("TB", "UBND" if commune else "CQ"),
            place=place,
            issued_on=posted_on,
        ),
        title="Thông báo",
        summary=f"Lịch tiếp công dân từ {date_text(start)} đến {date_text(end)}",
        blocks=(
            Paragraph(
                "Căn cứ Luật Tiếp công dân số 42/2013/QH13 ngày 25 tháng 11 năm 2013 "
                "(Điều 15, Điều 18 và Điều 24);"
            ),
            Paragraph(f"{body} thông báo lịch tiếp công dân như sau:"),
            Table(
                columns=COLUMNS,
                rows=tuple((str(index), *row) for index, row in enumerate(data["rows"], start=1)),
            ),
            Paragraph(
                "Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh mang theo giấy "
                "tờ tùy thân và các tài liệu liên quan (nếu có); có thể đăng ký trước thời gian "
                "tiếp trên cổng thông tin của đơn vị."
            ),
        ),
        signatures=(
            Signature(authority="TM.", on_behalf_of="Ủy ban nhân dân", position="Chủ tịch")
            if commune
            else Signature(position="Thủ trưởng cơ quan"),
        ),
        recipients=("Niêm yết tại trụ sở và nơi tiếp công dân", "Cổng thông tin điện tử"),
        archive="VT",
    )
