"""The papers of the community decision's outcome, built from plain data (ND 30/2020 form):

* ``decisions.community_decision`` — the community decision (ND 59/2023 Mẫu số 03) with every
  item of Law 10/2022 Art. 20(2) and its four signatures; for an online vote also the items of
  ND 59/2023 Art. 5(4)(a): start and end time, participants, agree and disagree counts, other
  opinions, an image of the result and the participant list (R-DEC-08, R-DEC-19, R-DOC-09).
  A commune-scope decision (items 1–2) is signed by the commune chair and the commune Front chair
  and lists the villages' results (Art. 21(1); ND 59/2023 Art. 4(6)(c)).
* ``decisions.recognition`` — the commune UBND's or Front's recognition decision (Art. 21(2)).
* ``decisions.recognition_refusal`` — the written answer with reasons when recognition is
  refused (Art. 21(2)).

The papers' own text is Vietnamese form text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from danchu.common.text import fold
from danchu.core.documents.domain.dates import date_text, time_and_date_text
from danchu.core.documents.domain.description import (
    BarChart,
    Block,
    Header,
    Heading,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Series,
    Signature,
    Table,
)

COMMUNITY_DECISION = "decisions.community_decision"
RECOGNITION = "decisions.recognition"
RECOGNITION_REFUSAL = "decisions.recognition_refusal"

FORM_TEXT = {
    "meeting": "Họp cộng đồng dân cư",
    "ballot": "Phát phiếu lấy ý kiến của từng hộ gia đình",
    "online": "Biểu quyết trực tuyến",
}
LAW_BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;"
DECREE_BASIS = (
    "Căn cứ Nghị định số 59/2023/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
    "Thực hiện dân chủ ở cơ sở;"
)
_COMMUNE_KIND_WORDS = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def committee_name(commune_name: str) -> str:
    """ "Xã An Phú" → "Ủy ban nhân dân xã An Phú"."""
    return f"Ủy ban nhân dân {_lower_first(commune_name)}"


def front_name(commune_name: str) -> str:
    """ "Xã An Phú" → "Ủy ban Mặt trận Tổ quốc Việt Nam xã An Phú"."""
    return f"Ủy ban Mặt trận Tổ quốc Việt Nam {_lower_first(commune_name)}"


def place_name(commune_name: str) -> str:
    """The place on the date line: the commune's name without "Xã"/"Phường"."""
    for word in _COMMUNE_KIND_WORDS:
        if commune_name.startswith(word):
            return commune_name[len(word) :]
    return commune_name


def abbreviation(name: str) -> str:
    """ "Thôn Một" → "TM": the initials of a village's name, for the symbol of its papers."""
    initials = "".join(w[0] for w in fold(name).split() if w[:1].isalnum()).upper()
    return initials[:10] or "TDP"


def village_head_title(unit_kind: str) -> str:
    return "Tổ trưởng tổ dân phố" if unit_kind == "residential_group" else "Trưởng thôn"


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _day(value: str) -> date:
    return date.fromisoformat(value)


# --- the community decision (Mẫu số 03) ---------------------------------------------------------


def _online_blocks(online: Mapping[str, Any]) -> list[Block]:
    """ND 59/2023 Art. 5(4)(a): what the minutes of an online vote must hold."""
    blocks: list[Block] = [
        Heading("Kết quả biểu quyết trực tuyến"),
        LabelledField("Thời gian bắt đầu", time_and_date_text(_moment(online["started_at"]))),
        LabelledField("Thời gian kết thúc", time_and_date_text(_moment(online["ended_at"]))),
        LabelledField("Số đại diện hộ gia đình tham gia biểu quyết", str(online["participants"])),
        LabelledField("Số đại diện hộ gia đình tán thành", str(online["agree"])),
        LabelledField("Số đại diện hộ gia đình không tán thành", str(online["disagree"])),
        LabelledField("Số ý kiến khác", str(online["other"])),
    ]
    opinions = [o for o in online.get("other_opinions", ()) if o]
    if opinions:
        blocks.append(LabelledField("Các ý kiến khác"))
        blocks += [Paragraph(f"+ {opinion};") for opinion in opinions]
    blocks.append(
        BarChart(
            title="Hình ảnh kết quả biểu quyết",
            categories=("Tán thành", "Không tán thành", "Ý kiến khác"),
            series=(
                Series(
                    "Số hộ gia đình",
                    (online["agree"], online["disagree"], online["other"]),
                ),
            ),
            value_label="Số hộ gia đình",
        )
    )
    rows = tuple(
        (str(index), name, address)
        for index, (name, address) in enumerate(online.get("participant_list", ()), start=1)
    )
    blocks.append(
        Table(
            columns=("STT", "Họ và tên đại diện hộ gia đình", "Địa chỉ thường trú"),
            rows=rows,
            caption="Danh sách đại diện hộ gia đình tham gia biểu quyết trực tuyến",
        )
    )
    return blocks


def build_community_decision(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """The community decision with the items of Law 10/2022 Art. 20(2):
    a) time; b) households of the community, representatives present and households not
    represented; c) matters discussed; d) form; đ) result; e) content; g) signatures."""
    commune = data["commune"]
    commune_scope = data["scope"] == "commune"
    decided_at = _moment(data["decided_at"])
    discussed = data["title"]
    if data.get("description"):
        discussed = f"{discussed}. {data['description']}"
    blocks: list[Block] = [
        Paragraph(LAW_BASIS),
        LabelledField("Thời gian", time_and_date_text(decided_at)),
        LabelledField("Tổng số hộ gia đình trong cộng đồng dân cư", str(data["total_households"])),
        LabelledField("Số đại diện hộ gia đình tham dự", str(data["representatives_present"])),
        LabelledField("Số hộ gia đình không có đại diện tham dự", str(data["households_absent"])),
        LabelledField("Nội dung đã thảo luận", discussed),
        LabelledField("Hình thức quyết định", FORM_TEXT.get(data["form"], data["form"])),
        LabelledField("Kết quả biểu quyết, lấy ý kiến", data["result"]),
    ]
    if commune_scope:
        blocks.append(
            Table(
                columns=("Thôn, tổ dân phố", "Số hộ gia đình", "Số hộ tán thành", "Kết quả"),
                rows=tuple(tuple(str(c) for c in row) for row in data.get("villages", ())),
                caption="Kết quả của các thôn, tổ dân phố",
            )
        )
    if data.get("online"):
        blocks += _online_blocks(data["online"])
    blocks += [LabelledField("Nội dung quyết định"), Paragraph(data["content"])]
    signers = data["signers"]
    if commune_scope:
        issuing, superior, symbol = committee_name(commune), "", "UBND"
        summary = f"Quyết định của cộng đồng dân cư {_lower_first(commune)} về: {data['title']}"
        signatures = (
            Signature(
                position="Chủ tịch",
                authority="TM.",
                on_behalf_of="Ủy ban nhân dân",
                full_name=signers["village_head"],
            ),
            Signature(
                position="Chủ tịch",
                authority="TM.",
                on_behalf_of="Ủy ban Mặt trận Tổ quốc Việt Nam",
                full_name=signers["front_head"],
            ),
        )
        recipients = (front_name(commune), "Các thôn, tổ dân phố")
        archive = "VT, Hồ sơ"
    else:
        village = data["village"]
        issuing, superior, symbol = village, commune, abbreviation(village)
        summary = f"Quyết định của cộng đồng dân cư {village} về: {data['title']}"
        signatures = (
            Signature(
                position=village_head_title(data.get("unit_kind", "")),
                full_name=signers["village_head"],
                note="(Ký, ghi rõ họ tên)",
            ),
            Signature(
                position="Trưởng ban công tác Mặt trận",
                full_name=signers["front_head"],
                note="(Ký, ghi rõ họ tên)",
            ),
            Signature(
                position="Đại diện hộ gia đình",
                full_name=signers["representative_1"],
                note="(Ký, ghi rõ họ tên)",
            ),
            Signature(
                position="Đại diện hộ gia đình",
                full_name=signers["representative_2"],
                note="(Ký, ghi rõ họ tên)",
            ),
        )
        blocks.append(
            Paragraph(
                "Quyết định được gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã "
                "chậm nhất 05 ngày làm việc (Điều 20 khoản 3 Luật số 10/2022/QH15)."
            )
        )
        recipients = (committee_name(commune), front_name(commune))
        archive = f"Hồ sơ {village}"
    return OfficialDocument(
        header=Header(
            issuing_body=issuing,
            superior_body=superior,
            symbol_groups=("BB", symbol),
            show_date=False,
        ),
        title="Biên bản",
        summary=summary,
        blocks=tuple(blocks),
        signatures=signatures,
        recipients=recipients,
        archive=archive,
    )


# --- recognition and refusal (Art. 21(2)) ------------------------------------------------------


def _by_front(data: Mapping[str, Any]) -> bool:
    """Whether the answering body is the commune Front (else the commune UBND)."""
    return data["body"] == "front"


def _body_name(data: Mapping[str, Any]) -> str:
    commune = data["commune"]
    return front_name(commune) if _by_front(data) else committee_name(commune)


def _other_body_name(data: Mapping[str, Any]) -> str:
    """The other commune body, which receives a copy."""
    commune = data["commune"]
    return committee_name(commune) if _by_front(data) else front_name(commune)


def _body_header(data: Mapping[str, Any], type_abbreviation: str, issued_on: date) -> Header:
    return Header(
        issuing_body=_body_name(data),
        symbol_groups=(type_abbreviation, "MTTQ" if _by_front(data) else "UBND"),
        place=place_name(data["commune"]),
        issued_on=issued_on,
    )


def _body_signature(data: Mapping[str, Any]) -> Signature:
    return Signature(
        position="Chủ tịch",
        authority="TM.",
        on_behalf_of="Ban Thường trực" if _by_front(data) else "Ủy ban nhân dân",
        full_name=data.get("signer", ""),
    )


def _subject(data: Mapping[str, Any]) -> str:
    return f"quyết định của cộng đồng dân cư {data['village']} về {data['title']}"


def build_recognition(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """The recognition decision (Quyết định công nhận): the decision takes effect from its date
    (Art. 21(2))."""
    front = _by_front(data)
    body = _body_name(data)
    recognised_on = _day(data["recognised_on"])
    village = data["village"]
    return OfficialDocument(
        header=_body_header(data, "QĐ", recognised_on),
        title="Quyết định",
        summary=f"Về việc công nhận {_subject(data)}",
        blocks=(
            Paragraph(f"{'BAN THƯỜNG TRỰC ' if front else 'CHỦ TỊCH '}{body.upper()}", bold=True),
            Paragraph(LAW_BASIS),
            Paragraph(DECREE_BASIS),
            Paragraph(
                f"Xét {_subject(data)} lập {date_text(_moment(data['decided_at']).date())}, "
                f"nhận {date_text(_day(data['sent_on']))};"
            ),
            Heading("QUYẾT ĐỊNH:"),
            Paragraph(f"Điều 1. Công nhận {_subject(data)}, với nội dung: {data['content']}"),
            Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            Paragraph(
                f"Điều 3. {village_head_title(data.get('unit_kind', ''))} {village}, Trưởng ban "
                f"công tác Mặt trận {village} và các cá nhân, hộ gia đình có liên quan chịu "
                "trách nhiệm thi hành Quyết định này./."
            ),
        ),
        signatures=(_body_signature(data),),
        recipients=("Như Điều 3", _other_body_name(data)),
        archive="VT",
    )


def build_recognition_refusal(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """The written answer with reasons when the body does not recognise (Art. 21(2))."""
    body = _body_name(data)
    refused_on = _day(data["refused_on"])
    village = data["village"]
    return OfficialDocument(
        header=_body_header(data, "TB", refused_on),
        title="Thông báo",
        summary=f"Về việc không công nhận {_subject(data)}",
        blocks=(
            Paragraph(LAW_BASIS),
            Paragraph(
                f"{body} nhận được {_subject(data)} {date_text(_day(data['sent_on']))}. Sau khi "
                "xem xét, không công nhận quyết định nêu trên vì các lý do sau:"
            ),
            Paragraph(data["reasons"]),
            Paragraph(
                f"{village_head_title(data.get('unit_kind', ''))} {village} có trách nhiệm thông "
                "báo cho cộng đồng dân cư và tổ chức thực hiện theo quy định của Luật Thực hiện "
                "dân chủ ở cơ sở./."
            ),
        ),
        signatures=(_body_signature(data),),
        recipients=(
            f"{village_head_title(data.get('unit_kind', ''))} {village}",
            f"Trưởng ban công tác Mặt trận {village}",
            _other_body_name(data),
        ),
        archive="VT",
    )
