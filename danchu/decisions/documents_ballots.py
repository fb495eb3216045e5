"""The counting minutes of household ballots (Biên bản kiểm phiếu, ND 59/2023/NĐ-CP Art.
4(6)(a), Mẫu số 04): who counted, the two witnessing household representatives, and the result
against all households of the village."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.domain.description import (
    Header,
    Heading,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)

# Copies go to the commune People's Committee and the commune Front, one stays in the village.
RECIPIENTS_TEMPLATE = ("Ủy ban nhân dân {commune}", "Ủy ban Mặt trận Tổ quốc Việt Nam {commune}")


def _lower_first(name: str) -> str:
    return f"{name[:1].lower()}{name[1:]}" if name else name


def _abbreviation(name: str) -> str:
    from danchu.common.text import fold

    initials = "".join(w[0] for w in fold(name).split() if w[:1].isalnum()).upper()
    return initials[:10] or "THON"


def build_ballot_counting_minutes(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 04: the result of the household ballots of one village, signed by the team leader
    and the two witnesses (R-DEC-14)."""
    counted = datetime.fromisoformat(data["counted_at"])
    village = data["village"]
    commune = data.get("commune", "")
    team = data.get("team", [])
    leader = next((m["name"] for m in team if m.get("leader")), "")
    witnesses = list(data["witnesses"])
    rows = (
        ("Tổng số hộ gia đình của thôn, tổ dân phố", str(data["households"])),
        ("Số phiếu phát ra", str(data["issued"])),
        ("Số phiếu thu về", str(data["returned"])),
        ("Số phiếu không thu về hoặc không hợp lệ", str(data["not_returned"])),
        ("Số hộ tán thành", str(data["agree"])),
        ("Số hộ không tán thành", str(data["disagree"])),
        ("Số hộ có ý kiến khác", str(data["other"])),
    )
    blocks: list[Any] = [
        Paragraph(
            f"Hôm nay, hồi {counted:%H} giờ {counted:%M}, {date_text(counted.date())}, "
            f"tại {village}, Tổ phát phiếu lấy ý kiến tiến hành kiểm phiếu lấy ý kiến hộ gia "
            f"đình về: {data['title']}."
        ),
        LabelledField(
            "Kế hoạch phát phiếu ban hành", date_text(date.fromisoformat(data["issued_on"]))
        ),
        LabelledField("Thời hạn thu phiếu", date_text(date.fromisoformat(data["return_deadline"]))),
        Heading("I. THÀNH PHẦN"),
        LabelledField(
            "Tổ phát phiếu lấy ý kiến",
            "; ".join(m["name"] + (" (Tổ trưởng)" if m.get("leader") else "") for m in team),
        ),
        LabelledField("Đại diện hộ gia đình chứng kiến kiểm phiếu", "; ".join(witnesses)),
        Heading("II. KẾT QUẢ KIỂM PHIẾU"),
        Table(columns=("Nội dung", "Số lượng"), rows=rows),
    ]
    opinions = data.get("other_opinions") or []
    if opinions:
        blocks.append(LabelledField("Ý kiến khác", ""))
        blocks += [Paragraph(f"- {o}", indent=False) for o in opinions]
    blocks.append(
        Paragraph(
            "Biên bản được lập thành 03 bản: 01 bản gửi Ủy ban nhân dân cấp xã, 01 bản gửi "
            "Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã, 01 bản lưu tại thôn, tổ dân phố."
        )
    )
    recipients = (
        tuple(t.format(commune=_lower_first(commune)) for t in RECIPIENTS_TEMPLATE)
        if commune
        else ()
    )
    return OfficialDocument(
        header=Header(
            issuing_body=village,
            superior_body=commune,
            symbol_groups=("BB", _abbreviation(village)),
            show_date=False,
        ),
        title="Biên bản",
        summary=f"Kiểm phiếu lấy ý kiến hộ gia đình về {data['title']}",
        blocks=tuple(blocks),
        signatures=(
            Signature(
                position="Tổ trưởng Tổ phát phiếu",
                full_name=leader,
                note="(Ký, ghi rõ họ tên)",
            ),
            Signature(
                position="Đại diện hộ gia đình",
                full_name=witnesses[0],
                note="(Ký, ghi rõ họ tên)",
            ),
            Signature(
                position="Đại diện hộ gia đình",
                full_name=witnesses[1],
                note="(Ký, ghi rõ họ tên)",
            ),
        ),
        recipients=recipients,
        archive="VT, thôn",
    )
