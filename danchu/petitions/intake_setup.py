"""What the intake step registers when the app is ready: audit actions, the receipt (document
type ``petitions.receipt``; the transfer notice ``petitions.transfer_notice`` is the workflow
step's, filled by ``services_intake.transfer_notice_data``), and the search kind of cases
(officials of the unit only; the indexed text is the tracking code, the kind and the subject —
never an identity, and for a denunciation not even the subject: Law on Denunciations Arts 8,
56)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions
from danchu.core.documents.domain.description import (
    DescriptionError,
    Header,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
)

CASE_SEARCH_KIND = "petitions.case"

# The documents' Vietnamese form text.
KIND_TEXT = {
    "unclassified": "Đơn chưa phân loại",
    "feedback": "Phản ánh",
    "recommendation": "Kiến nghị",
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "information": "Thông tin phục vụ công tác quản lý",
    "inadmissible": "Đơn không đủ điều kiện xử lý",
}


def _date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _required(data: Mapping[str, Any], *keys: str) -> None:
    missing = [k for k in keys if not data.get(k)]
    if missing:
        raise DescriptionError(f"Missing data for the paper: {', '.join(missing)}")


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _header(unit: Any, issued_on: date, symbol: str) -> Header:
    superior = unit.parent.name if unit.is_commune is False and unit.parent else ""
    return Header(
        superior_body=superior,
        issuing_body=unit.name,
        symbol_groups=(symbol,),
        place=unit.name if unit.is_commune else (unit.parent.name if unit.parent else unit.name),
        issued_on=issued_on,
    )


def build_receipt(data: Mapping[str, Any], unit: Any) -> OfficialDocument:
    """Phiếu tiếp nhận đơn: the tracking code, date, unit, kind sent and next deadline. It never
    names the sender (a denouncer's identity is sealed, Law on Denunciations Art. 56)."""
    _required(data, "tracking_code", "received_on", "kind")
    received = _date(data["received_on"])
    blocks = [
        Paragraph(f"{unit.name} đã tiếp nhận đơn của công dân với các thông tin sau:"),
        LabelledField("Mã số theo dõi", data["tracking_code"]),
        LabelledField("Ngày tiếp nhận", received.strftime("%d/%m/%Y")),
        LabelledField("Nơi tiếp nhận", unit.name),
        LabelledField("Loại đơn theo người gửi", KIND_TEXT.get(data["kind"], data["kind"])),
    ]
    if data.get("subject"):
        blocks.append(LabelledField("Nội dung tóm tắt", data["subject"]))
    if data.get("due_on"):
        blocks.append(
            LabelledField(
                "Thời hạn trả lời, thụ lý hoặc xử lý ban đầu",
                _date(data["due_on"]).strftime("%d/%m/%Y"),
            )
        )
    blocks.append(
        Paragraph(
            "Công dân dùng mã số theo dõi để tra cứu tình trạng giải quyết đơn trên Cổng thông "
            "tin, không cần đăng nhập. Trang tra cứu không hiển thị thông tin cá nhân."
        )
    )
    return OfficialDocument(
        header=_header(unit, received, "PTN"),
        title="Phiếu tiếp nhận",
        summary=f"Đơn mã số {data['tracking_code']}",
        blocks=tuple(blocks),
        signatures=(Signature(position="Người tiếp nhận"),),
        recipients=("Người gửi đơn",),
        archive=f"Hồ sơ {data['tracking_code']}",
    )


def case_document(case: Any) -> Any:
    """The search entry of a case: code, kind and subject only (no subject for a denunciation)."""
    from danchu.core.search.registry import SearchDocument

    kind = KIND_TEXT.get(case.kind, case.kind)
    subject = "" if case.kind == "denunciation" else case.subject
    return SearchDocument(
        title=f"{case.tracking_code} — {subject or kind}",
        body=f"{case.tracking_code} {kind} {subject}".strip(),
        unit=case.unit,
        url=reverse("petitions:intake_case", args=[case.pk]),
        public=False,
    )


def case_queryset():
    from danchu.petitions.models.cases import Case

    return Case.objects.select_related("unit")


def register() -> None:
    from danchu.core.documents.registry import register_document_type
    from danchu.core.search.registry import register_kind
    from danchu.petitions.permissions import RECEIVE, SEND
    from danchu.petitions.services_intake import (
        RECEIPT_DOCUMENT,
        REFUSED_ACTION,
    )

    register_actions(
        {
            "petitions.case_received": _("Case received"),
            "petitions.case_split": _("Mixed letter split into cases"),
            "petitions.case_classified": _("Case classified"),
            "petitions.case_assigned": _("Case assigned to a handler"),
            "petitions.case_transferred": _("Case transferred to the competent unit"),
            "petitions.case_merged": _("Duplicate case merged"),
            "petitions.case_rated": _("Answer rated by the sender"),
            "petitions.identity_unsealed": _("Denouncer's identity unsealed by the handler"),
            "petitions.unseal_refused": _("Opening a sealed identity refused"),
            "petitions.confidential_attachment_opened": _(
                "Confidential attachment opened by the handler"
            ),
            REFUSED_ACTION: _("Change to a case refused"),
        }
    )
    register_document_type(
        RECEIPT_DOCUMENT,
        label=_("Receipt of a petition"),
        build=build_receipt,
        view_permission=RECEIVE,
        generate_permission=SEND,
    )
    register_kind(
        CASE_SEARCH_KIND,
        label=_("Petition or complaint"),
        permission=RECEIVE,
        document=case_document,
        queryset=case_queryset,
    )
