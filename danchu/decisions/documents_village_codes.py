"""The papers of a village code (ND 61/2023/NĐ-CP appendix forms), built from plain data:

* ``decisions.village_code_request``: Mẫu 01, the village head's request (tờ trình) asking the
  commune People's Committee to recognise the adopted code (Art. 11(1));
* ``decisions.village_code_recognition``: Mẫu 03, the recognition decision (Art. 11(2));
* ``decisions.village_code_suspension``: Mẫu 04, suspending the whole code or some provisions
  (Art. 12);
* ``decisions.village_code_abolition``: Mẫu 05, abolishing the code (Art. 14).

The text of the papers is Vietnamese legal form text. Dates arrive as ISO strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from danchu.common.text import fold
from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.domain.description import (
    Header,
    Heading,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
)
from danchu.core.documents.registry import register_document_type

REQUEST = "decisions.village_code_request"
RECOGNITION = "decisions.village_code_recognition"
SUSPENSION = "decisions.village_code_suspension"
ABOLITION = "decisions.village_code_abolition"

DOCUMENT_TYPES = (REQUEST, RECOGNITION, SUSPENSION, ABOLITION)

DECREE = (
    "Căn cứ Nghị định số 61/2023/NĐ-CP ngày 16 tháng 8 năm 2023 của Chính phủ về xây dựng và "
    "thực hiện hương ước, quy ước của cộng đồng dân cư;"
)
LAW = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022;"
LOCAL_GOVERNMENT = "Căn cứ Luật Tổ chức chính quyền địa phương;"
_PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def commune_body(commune_name: str) -> str:
    """ "Xã An Phú" → "Ủy ban nhân dân xã An Phú"."""
    return f"Ủy ban nhân dân {_lower_first(commune_name)}"


def place_name(commune_name: str) -> str:
    """ "Xã An Phú" → "An Phú": the place on the date line (ND 30 Appendix I §II.4)."""
    for prefix in _PLACE_PREFIXES:
        if commune_name.startswith(prefix):
            return commune_name[len(prefix) :]
    return commune_name


def _initials(name: str) -> str:
    initials = "".join(w[0] for w in fold(name).split() if w[:1].isalnum()).upper()
    return initials[:10] or "T"


def _day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _code_name(data: Mapping[str, Any]) -> str:
    """ "hương ước thôn Một" or the title as the community wrote it."""
    return f"{data['code_title']} của {data['village_name']}"


def build_request(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 01 (ND 61 Art. 11(1)): the village head's request for recognition, with what the
    dossier holds: this request, the minutes or resolution adopting the code (Mẫu 02) and the
    adopted text."""
    village, commune = data["village_name"], data["commune_name"]
    adopted_on = _day(data["adopted_on"])
    return OfficialDocument(
        header=Header(
            issuing_body=village,
            superior_body=commune,
            symbol_groups=("TTr", _initials(village)),
            place=place_name(commune),
            issued_on=_day(data["sent_on"]),
        ),
        title="Tờ trình",
        summary=f"Về việc đề nghị công nhận {_code_name(data)}",
        blocks=(
            Paragraph(f"Kính gửi: {commune_body(commune)}.", indent=False, bold=True),
            Paragraph(LAW),
            Paragraph(DECREE),
            Paragraph(
                f"{village} đã tổ chức xây dựng {data['code_title']}; dự thảo được niêm yết công "
                f"khai từ {date_text(_day(data['posted_on']))} trong {data['comment_days']} ngày "
                "để lấy ý kiến của Nhân dân."
            ),
            Paragraph(
                f"Ngày {adopted_on:%d/%m/%Y}, {data['form_text']} đã biểu quyết thông qua với "
                f"{data['agree']}/{data['households']} đại diện hộ gia đình tán thành."
            ),
            Paragraph(
                f"{village} kính đề nghị {commune_body(commune)} xem xét, công nhận "
                f"{_code_name(data)}."
            ),
            Heading("Hồ sơ gửi kèm"),
            LabelledField("Tờ trình đề nghị công nhận (Mẫu số 01)"),
            LabelledField("Biên bản hoặc nghị quyết thông qua hương ước, quy ước (Mẫu số 02)"),
            LabelledField("Văn bản hương ước, quy ước đã được thông qua"),
        ),
        signatures=(Signature(position="Trưởng thôn", full_name=data.get("signer_name", "")),),
        recipients=(commune_body(commune), "Ban công tác Mặt trận"),
        archive="Hồ sơ thôn",
    )


def _commune_decision(
    data: Mapping[str, Any], summary: str, articles: tuple[str, ...], extra: tuple[str, ...] = ()
) -> OfficialDocument:
    commune = data["commune_name"]
    body = commune_body(commune)
    blocks: list[Any] = [
        Paragraph(f"Chủ tịch {body}".upper(), indent=False, bold=True),
        Paragraph(LOCAL_GOVERNMENT),
        Paragraph(LAW),
        Paragraph(DECREE),
        *(Paragraph(text) for text in extra),
        Heading("Quyết định:"),
    ]
    blocks += [Paragraph(text) for text in articles]
    return OfficialDocument(
        header=Header(
            issuing_body=body,
            symbol_groups=("QĐ", "UBND"),
            place=place_name(commune),
            issued_on=_day(data["decided_on"]),
        ),
        title="Quyết định",
        summary=summary,
        blocks=tuple(blocks),
        signatures=(
            Signature(
                authority="TM.",
                on_behalf_of="Ủy ban nhân dân",
                position="Chủ tịch",
                full_name=data.get("signer_name", ""),
            ),
        ),
        recipients=("Như Điều 3", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", data["village_name"]),
        archive="VT",
    )


def _executors(data: Mapping[str, Any]) -> str:
    office = f"Văn phòng {commune_body(data['commune_name'])}"
    head = f"Trưởng {_lower_first(data['village_name'])}"
    return (
        f"Điều 3. {office}, {head} và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi "
        "hành Quyết định này."
    )


def build_recognition(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 03 (ND 61 Art. 11(2)): recognition, on the village head's request (Mẫu 01, dated
    when known); the code is in effect from the recognition date."""
    recognised_on = _day(data["decided_on"])
    request = f"Xét đề nghị của Trưởng {_lower_first(data['village_name'])}"
    if data.get("dossier_sent_on"):
        request += f" tại Tờ trình ngày {_day(data['dossier_sent_on']):%d/%m/%Y}"
    return _commune_decision(
        data,
        f"Về việc công nhận {_code_name(data)}",
        (
            f"Điều 1. Công nhận {_code_name(data)} (có văn bản kèm theo), được cộng đồng dân cư "
            f"thông qua ngày {_day(data['adopted_on']):%d/%m/%Y}.",
            f"Điều 2. Quyết định này có hiệu lực kể từ {date_text(recognised_on)}; "
            f"{data['code_title']} có hiệu lực thi hành kể từ ngày được công nhận.",
            _executors(data),
        ),
        extra=(f"{request}.",),
    )


def build_suspension(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 04 (ND 61 Art. 12): the whole code for a breach of procedure, or the provisions
    whose content is unsuitable."""
    if data["whole"]:
        what = f"toàn bộ {_code_name(data)}"
        ground = "vi phạm trình tự, thủ tục xây dựng, thông qua hương ước, quy ước"
    else:
        what = f"một phần {_code_name(data)}, gồm: {data['provisions']}"
        ground = "nội dung không còn phù hợp hoặc trái pháp luật"
    return _commune_decision(
        data,
        f"Về việc tạm ngưng thực hiện {'toàn bộ' if data['whole'] else 'một phần'} "
        f"{_code_name(data)}",
        (
            f"Điều 1. Tạm ngưng thực hiện {what}.",
            f"Lý do: {ground}. {data['reason']}",
            f"Điều 2. Quyết định này có hiệu lực kể từ {date_text(_day(data['decided_on']))}.",
            _executors(data),
        ),
        extra=(
            (f"Xét báo cáo bằng văn bản nhận ngày {_day(data['reported_on']):%d/%m/%Y}.",)
            if data.get("reported_on")
            else ()
        ),
    )


def build_abolition(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Mẫu 05 (ND 61 Art. 14): abolition of the code."""
    return _commune_decision(
        data,
        f"Về việc bãi bỏ {_code_name(data)}",
        (
            f"Điều 1. Bãi bỏ {_code_name(data)}, được công nhận "
            f"{date_text(_day(data['recognised_on'])) if data.get('recognised_on') else ''}.",
            f"Lý do: {data['reason']}",
            f"Điều 2. Quyết định này có hiệu lực kể từ {date_text(_day(data['decided_on']))}.",
            _executors(data),
        ),
    )


def register_documents() -> None:
    """Register the four papers. The recognition decision is also the community decision's
    recognition paper (Law 10/2022 Art. 21(2)), so it is seen like the decision's papers: by the
    officials over the village and its commune, and by the village's residents."""
    from danchu.decisions.permissions_outcomes import VIEW_OUTCOME_DOCUMENTS

    register_document_type(
        REQUEST, label=_("Request to recognise a village code (ND 61 form 01)"), build=build_request
    )
    register_document_type(
        RECOGNITION,
        label=_("Recognition of a village code (ND 61 form 03)"),
        build=build_recognition,
        view_permission=VIEW_OUTCOME_DOCUMENTS,
    )
    register_document_type(
        SUSPENSION,
        label=_("Suspension of a village code (ND 61 form 04)"),
        build=build_suspension,
    )
    register_document_type(
        ABOLITION, label=_("Abolition of a village code (ND 61 form 05)"), build=build_abolition
    )
