"""The candidate-list minutes of the Front work committee (ND 59/2023 Art. 6(2), Mẫu số 05):
the official list of candidates agreed with the village party cell, sent to the commune People's
Committee no later than 15 days before the election meeting (R-VH-01, R-VH-02)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.domain.description import (
    DescriptionError,
    Header,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from danchu.decisions.domain import rules

OFFICE = {
    rules.VILLAGE_HEAD: "Trưởng thôn, Tổ trưởng tổ dân phố",
    rules.BOARD_MEMBER: "thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
}


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}" if text else text


def build_candidate_list(data: Mapping[str, Any], unit: Any = None) -> OfficialDocument:
    """Biên bản hội nghị Ban công tác Mặt trận thống nhất danh sách người ứng cử (Mẫu số 05).

    ``data``: village, commune, kind, meeting_on, sent_on (ISO dates), front_head_name,
    candidates (a list of {full_name, nominated_by}).
    """
    candidates = list(data.get("candidates") or [])
    if not candidates:
        raise DescriptionError("The candidate list needs at least one candidate (ND 59 Art. 6(2)).")
    village = data["village"]
    office = OFFICE.get(data.get("kind", rules.VILLAGE_HEAD), OFFICE[rules.VILLAGE_HEAD])
    meeting_on = date.fromisoformat(data["meeting_on"])
    sent_on = date.fromisoformat(data["sent_on"])
    commune = data.get("commune", "")
    rows = tuple(
        (str(i), c["full_name"], c.get("nominated_by") or "Ban công tác Mặt trận giới thiệu")
        for i, c in enumerate(candidates, start=1)
    )
    return OfficialDocument(
        header=Header(
            superior_body=f"Ủy ban Mặt trận Tổ quốc Việt Nam {_lower_first(commune)}".strip(),
            issuing_body=f"Ban công tác Mặt trận {_lower_first(village)}",
            symbol_groups=("BB", "BCTMT"),
            show_date=False,
        ),
        title="Biên bản",
        summary=f"Hội nghị Ban công tác Mặt trận thống nhất danh sách người ứng cử {office}",
        blocks=(
            Paragraph(
                "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Điều 6 Nghị định số "
                "59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;"
            ),
            LabelledField("Thời gian gửi Ủy ban nhân dân cấp xã", date_text(sent_on)),
            LabelledField("Ngày tổ chức hội nghị bầu", date_text(meeting_on)),
            Paragraph(
                "Sau khi thống nhất với Chi bộ, Ban công tác Mặt trận "
                f"{_lower_first(village)} thông qua danh sách chính thức gồm {len(rows):02d} "
                f"người ứng cử {office}:"
            ),
            Table(
                columns=("STT", "Họ và tên", "Giới thiệu hoặc tự ứng cử"),
                rows=rows,
                caption="Danh sách người ứng cử",
            ),
            Paragraph(
                "Người ứng cử không là thành viên Tổ bầu cử. Biên bản được gửi Ủy ban nhân dân "
                f"{_lower_first(commune)} chậm nhất 15 ngày trước ngày tổ chức hội nghị bầu."
            ),
        ),
        signatures=(
            Signature(position="Thư ký", note="(Ký, ghi rõ họ tên)"),
            Signature(
                position="Trưởng Ban công tác Mặt trận",
                full_name=data.get("front_head_name", ""),
                note="(Ký, ghi rõ họ tên)",
            ),
        ),
        recipients=(
            f"Ủy ban nhân dân {_lower_first(commune)}",
            f"Ủy ban Mặt trận Tổ quốc Việt Nam {_lower_first(commune)}",
        ),
        archive="Ban công tác Mặt trận",
    )
