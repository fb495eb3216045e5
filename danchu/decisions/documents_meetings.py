"""The meeting's papers: the notice of the meeting (Mẫu 01, ND 59/2023 Art. 3(3)) and the
minutes of the secret-ballot count (Mẫu 02, ND 59/2023 Art. 3(5)(c)).

The decree's appendix with the official layout of Mẫu 01 and Mẫu 02 was not found (LAW.md §2);
these papers carry every element the decree's articles name, in the ND 30/2020 layout of the
core documents module. Builders take plain JSON-friendly data and the village.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from danchu.common.text import fold
from danchu.core.documents.domain.dates import date_text, time_and_date_text
from danchu.core.documents.domain.description import (
    DescriptionError,
    Header,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from danchu.decisions.domain import meetings as domain

MEETING_NOTICE = "decisions.meeting_notice"
COUNTING_MINUTES = "decisions.counting_minutes"

LEGAL_BASIS = (
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022; "
    "Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết "
    "một số điều của Luật Thực hiện dân chủ ở cơ sở;"
)

# ND 59/2023 Art. 3(3), as the notice names them.
CHANNEL_TEXT = {
    domain.INVITATION: "giấy mời",
    domain.DIRECT: "thông báo trực tiếp đến từng hộ gia đình",
    domain.LOUDSPEAKER: "hệ thống loa truyền thanh của thôn",
    domain.PHONE: "điện thoại",
    domain.SOCIAL_APP: "ứng dụng mạng xã hội của thôn",
    domain.POSTING: "niêm yết tại nhà văn hóa và các điểm sinh hoạt cộng đồng",
}


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def commune_body(village: Any) -> str:
    """ "Xã An Phú" → "Ủy ban nhân dân xã An Phú"."""
    commune = village.parent
    return f"Ủy ban nhân dân {_lower_first(commune.name)}" if commune is not None else ""


def commune_front(village: Any) -> str:
    commune = village.parent
    if commune is None:
        return ""
    return f"Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {_lower_first(commune.name)}"


def abbreviation(name: str) -> str:
    """ "Thôn Một" → "TM": the initials, for the document symbol."""
    initials = "".join(w[0] for w in fold(name).split() if w[:1].isalnum()).upper()
    return initials[:10] or "THON"


def _datetime(value: str | datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _date(value: str | date) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _required(data: Mapping[str, Any], *keys: str) -> None:
    missing = [k for k in keys if not data.get(k)]
    if missing:
        raise DescriptionError(f"Missing data for the meeting paper: {', '.join(missing)}")


def build_meeting_notice(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 01 (ND 59/2023 Art. 3(3)): the time, place and content of the meeting, who convenes
    and chairs it, who attends, the matters to decide, and how the notice was given."""
    _required(data, "title", "scheduled_at", "place", "convenor", "matters", "sent_on")
    scheduled = _datetime(data["scheduled_at"])
    channels = [CHANNEL_TEXT[c] for c in data.get("channels", ()) if c in CHANNEL_TEXT]
    blocks = [
        Paragraph(LEGAL_BASIS),
        Paragraph(
            f"{data['convenor']} thông báo tổ chức cuộc họp cộng đồng dân cư {unit.name} như sau:"
        ),
        LabelledField("Thời gian", time_and_date_text(scheduled)),
        LabelledField("Địa điểm", data["place"]),
        LabelledField(
            "Thành phần",
            f"Trưởng {_lower_first(unit.name)}, Ban công tác Mặt trận và đại diện các hộ gia "
            f"đình {unit.name}",
        ),
        LabelledField("Người triệu tập và chủ trì", data["convenor"]),
        LabelledField("Nội dung", data["title"]),
        *(Paragraph(f"{i}. {title};") for i, title in enumerate(data["matters"], start=1)),
    ]
    if data.get("documents_note"):
        blocks.append(Paragraph(data["documents_note"]))
    if channels:
        blocks.append(LabelledField("Hình thức thông báo", "; ".join(channels)))
    blocks.append(
        Paragraph(
            "Đề nghị đại diện các hộ gia đình tham dự đầy đủ, đúng giờ. Hộ gia đình không có "
            "người đại diện đủ năng lực hành vi dân sự thì cử hoặc ủy quyền thành viên khác "
            "tham dự (khoản 2 Điều 18 Luật Thực hiện dân chủ ở cơ sở)."
        )
    )
    return OfficialDocument(
        header=Header(
            superior_body=commune_body(unit),
            issuing_body=unit.name,
            symbol_groups=("TB", abbreviation(unit.name)),
            place=data.get("place_name") or (unit.parent.name if unit.parent else unit.name),
            issued_on=_date(data["sent_on"]),
        ),
        title="Thông báo",
        summary=f"Về việc tổ chức cuộc họp cộng đồng dân cư: {data['title']}",
        blocks=tuple(blocks),
        signatures=(Signature(position="Người triệu tập", full_name=data["convenor"]),),
        recipients=("Các hộ gia đình trong thôn", "Ban công tác Mặt trận thôn"),
        archive=f"Hồ sơ {unit.name}",
    )


def build_counting_minutes(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 02 (ND 59/2023 Art. 3(5)(c)): the counting board and the 2 witnessing household
    representatives, the households of the village and those present, and the count of each
    matter (per cluster when the meeting was split); made in 3 copies for the commune People's
    Committee, the commune Front and the village archive (R-DEC-17)."""
    _required(data, "title", "counted_at", "place", "board", "witnesses", "results")
    board = list(data["board"])
    witnesses = list(data["witnesses"])
    if len(witnesses) != domain.WITNESSES:
        raise DescriptionError("The count is witnessed by exactly 2 household representatives.")
    rows = tuple(
        (
            str(i),
            r["matter"],
            r.get("cluster") or "Toàn thôn",
            str(r["present"]),
            str(r["agree"]),
            str(r["disagree"]),
            str(r.get("other", 0)),
            str(r.get("invalid", 0)),
        )
        for i, r in enumerate(data["results"], start=1)
    )
    blocks = [
        Paragraph(LEGAL_BASIS),
        LabelledField("Thời gian kiểm phiếu", time_and_date_text(_datetime(data["counted_at"]))),
        LabelledField("Địa điểm", data["place"]),
        LabelledField("Cuộc họp", data["title"]),
        LabelledField("Ban kiểm phiếu gồm"),
        *(
            Paragraph(f"+ {name}{' - Trưởng ban' if i == 0 else ''};")
            for i, name in enumerate(board)
        ),
        LabelledField("Đại diện hộ gia đình chứng kiến"),
        *(Paragraph(f"+ {name};") for name in witnesses),
        LabelledField("Tổng số hộ gia đình của thôn", str(data.get("eligible", ""))),
        LabelledField("Số đại diện hộ gia đình có mặt", str(data.get("present", ""))),
        Table(
            columns=(
                "STT",
                "Nội dung biểu quyết",
                "Cụm",
                "Số phiếu phát ra",
                "Tán thành",
                "Không tán thành",
                "Ý kiến khác",
                "Phiếu không hợp lệ",
            ),
            rows=rows,
            caption="Kết quả kiểm phiếu",
        ),
    ]
    opinions = [r for r in data["results"] if r.get("other_opinions")]
    if opinions:
        blocks.append(LabelledField("Ý kiến khác"))
        blocks += [Paragraph(f"+ {r['matter']}: {r['other_opinions']}") for r in opinions]
    blocks.append(
        Paragraph(
            f"Biên bản được lập thành {domain.COUNTING_MINUTES_COPIES:02d} bản: 01 bản gửi "
            f"{commune_body(unit)}, 01 bản gửi {commune_front(unit)}, 01 bản lưu tại "
            f"{_lower_first(unit.name)}; kèm theo quyết định của cộng đồng dân cư."
        )
    )
    signatures = [Signature(position="Trưởng Ban kiểm phiếu", full_name=board[0] if board else "")]
    signatures += [
        Signature(position="Đại diện hộ gia đình chứng kiến", full_name=name) for name in witnesses
    ]
    return OfficialDocument(
        header=Header(
            superior_body=commune_body(unit),
            issuing_body=unit.name,
            symbol_groups=("BB", abbreviation(unit.name)),
            show_date=False,
        ),
        title="Biên bản kiểm phiếu",
        summary=f"Cuộc họp cộng đồng dân cư {unit.name}, {date_text(_date(data['counted_on']))}"
        if data.get("counted_on")
        else f"Cuộc họp cộng đồng dân cư {unit.name}",
        blocks=tuple(blocks),
        signatures=tuple(signatures),
        recipients=(commune_body(unit), commune_front(unit)),
        archive=f"Hồ sơ {unit.name}",
    )
