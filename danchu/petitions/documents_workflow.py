"""The notices of the statutory workflows as official papers (ND 30/2020 layout, through
``danchu.core.documents``), in Vietnamese form text.

Document types (registered by ``workflow_setup.register()``):

    petitions.acceptance_notice   thông báo thụ lý (complaint: Mẫu 01-KN-like, Law on Complaints
                                  Art. 27; denunciation: to the denouncer and, separately, to
                                  the accused, Law on Denunciations Art. 29(3))
    petitions.refusal_notice      thông báo không thụ lý, with the reasons (Complaints Art. 11,
                                  Mẫu 02-KN-like; Denunciations Art. 24(1); Citizen Reception
                                  Art. 28(1))
    petitions.transfer_notice     thông báo chuyển đơn (Denunciations Art. 24(2); Citizen
                                  Reception Art. 28(1))
    petitions.extension_notice    quyết định gia hạn giải quyết tố cáo (Denunciations Art. 30)
    petitions.dialogue_minutes    biên bản đối thoại (Complaints Arts 30, 39)
    petitions.conclusion_notice   the complaint decision, the denunciation conclusion or the
                                  written answer to feedback (Complaints Arts 31–32,
                                  Denunciations Art. 35, Citizen Reception Art. 28(1))
    petitions.publication_notice  thông báo công khai kết luận (Denunciations Art. 40)
    petitions.withdrawal_notice   thông báo đình chỉ giải quyết (Complaints Art. 10,
                                  Denunciations Art. 33)

A denouncer's identity is sealed and never passed to these builders: a notice to the denouncer
is addressed to "Người tố cáo" and handed over by the handler (Denunciations Arts 8, 9(1), 56).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from danchu.common.text import fold
from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.domain.description import (
    Header,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
)

ACCEPTANCE_NOTICE = "petitions.acceptance_notice"
REFUSAL_NOTICE = "petitions.refusal_notice"
TRANSFER_NOTICE = "petitions.transfer_notice"
EXTENSION_NOTICE = "petitions.extension_notice"
DIALOGUE_MINUTES = "petitions.dialogue_minutes"
CONCLUSION_NOTICE = "petitions.conclusion_notice"
PUBLICATION_NOTICE = "petitions.publication_notice"
WITHDRAWAL_NOTICE = "petitions.withdrawal_notice"

DOCUMENT_TYPES = (
    ACCEPTANCE_NOTICE,
    REFUSAL_NOTICE,
    TRANSFER_NOTICE,
    EXTENSION_NOTICE,
    DIALOGUE_MINUTES,
    CONCLUSION_NOTICE,
    PUBLICATION_NOTICE,
    WITHDRAWAL_NOTICE,
)

DENOUNCER_ADDRESSEE = "Người tố cáo (thông tin được giữ bí mật theo Điều 9 Luật Tố cáo)"
LOCALITY_PREFIXES = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ", "Tỉnh ", "Thành phố ")

KIND_TEXT = {
    "feedback": "phản ánh",
    "recommendation": "kiến nghị",
    "complaint": "khiếu nại",
    "denunciation": "tố cáo",
    "information": "thông tin tố cáo không rõ người tố cáo",
    "inadmissible": "đơn",
}


def issuing_body(unit: Any) -> str:
    """ "Xã An Phú" → "Ủy ban nhân dân xã An Phú"; organisations issue in their own name."""
    if unit.is_commune:
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def body_abbreviation(unit: Any) -> str:
    if unit.is_commune:
        return "UBND"
    initials = "".join(w[0] for w in fold(unit.name).split() if w[:1].isalnum()).upper()
    return initials[:10] or "CQ"


def place_name(unit: Any) -> str:
    """The locality on the date line: the commune's name without its kind."""
    commune = unit if unit.is_commune or unit.parent_id is None else unit.parent
    name = commune.name
    for prefix in LOCALITY_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def signer_position(unit: Any) -> Signature:
    if unit.is_commune:
        return Signature(authority="TM.", on_behalf_of="Ủy ban nhân dân", position="Chủ tịch")
    return Signature(position="Thủ trưởng cơ quan, đơn vị")


def build_notice(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """One notice or decision from the data the services prepare (see ``notice_data``)."""
    issued_on = date.fromisoformat(data["issued_on"])
    minutes = data.get("minutes", False)
    blocks: list[Any] = []
    if data.get("addressee"):
        blocks.append(Paragraph(f"Kính gửi: {data['addressee']}", indent=False))
    blocks.extend(Paragraph(text) for text in data.get("paragraphs", ()))
    blocks.extend(LabelledField(label, value) for label, value in data.get("fields", ()))
    blocks.extend(Paragraph(text) for text in data.get("closing", ()))
    if minutes:
        signatures: tuple[Signature, ...] = tuple(
            Signature(position=position, note="(Ký hoặc điểm chỉ, ghi rõ họ tên)")
            for position in data.get("signers", ("Người chủ trì", "Người ghi biên bản"))
        )
    else:
        signatures = (signer_position(unit),)
    return OfficialDocument(
        header=Header(
            issuing_body=issuing_body(unit),
            symbol_groups=(data.get("symbol", "TB"), body_abbreviation(unit)),
            place=place_name(unit),
            issued_on=issued_on,
            show_date=not minutes,
        ),
        title=data["title"],
        summary=data.get("summary", ""),
        blocks=tuple(blocks),
        signatures=signatures,
        recipients=tuple(data.get("recipients", ())),
        archive="VT, Hồ sơ",
    )


def notice_data(
    *,
    title: str,
    summary: str,
    issued_on: date,
    addressee: str = "",
    paragraphs: Sequence[str] = (),
    fields: Sequence[tuple[str, str]] = (),
    closing: Sequence[str] = (),
    recipients: Sequence[str] = (),
    symbol: str = "TB",
    minutes: bool = False,
    signers: Sequence[str] = (),
) -> dict[str, Any]:
    """The JSON-friendly data of ``build_notice``."""
    data: dict[str, Any] = {
        "title": title,
        "summary": summary,
        "issued_on": issued_on.isoformat(),
        "addressee": addressee,
        "paragraphs": list(paragraphs),
        "fields": [list(pair) for pair in fields],
        "closing": list(closing),
        "recipients": list(recipients),
        "symbol": symbol,
        "minutes": minutes,
    }
    if signers:
        data["signers"] = list(signers)
    return data


def case_fields(case: Any) -> list[tuple[str, str]]:
    """The facts every notice repeats: code, kind, subject, date received."""
    return [
        ("Mã số hồ sơ", case.tracking_code),
        ("Loại đơn", KIND_TEXT.get(case.kind, case.kind)),
        ("Nội dung", case.subject),
        ("Ngày nhận đơn", date_text(case.received_on)),
    ]


def deadline_text(value: date | None) -> str:
    return date_text(value) if value else ""
