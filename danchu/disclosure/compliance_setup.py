"""What the compliance area registers at startup (called from contributions.register_all):
the document type "disclosure.quarterly_list", the quarterly list of everything publicised
with its form and dates (Law 10/2022 Art. 13(2); R-PUB-04), laid out as a report (báo cáo,
ND 30/2020 Appendix III Mẫu 1.4) with one table.

Its data is plain JSON (what the service passes to ``document_generate``)::

    {"period": "2026-Q2", "issued_on": "2026-07-01", "rows": [[...5 cells...], ...],
     # optional, otherwise taken from the unit:
     "issuing_body": "...", "body_abbreviation": "UBND", "place": "...",
     "signature": {...}, "number": 3, "recipients": [...]}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from danchu.common.text import fold
from danchu.core.documents.domain.description import DescriptionError, OfficialDocument
from danchu.core.documents.registry import register_document_type
from danchu.core.documents.standard_types import report
from danchu.disclosure.domain.compliance import QUARTERLY_LIST_COLUMNS, Period, PeriodError
from danchu.disclosure.permissions import MANAGE_PUBLICATIONS, VIEW_COMPLIANCE

QUARTERLY_LIST = "disclosure.quarterly_list"

_COMMUNE_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _place_name(unit: Any) -> str:
    """ "Xã An Phú" → "An Phú" (the place in the date line, ND 30 Appendix I §II.4)."""
    commune = unit if getattr(unit, "is_commune", False) else getattr(unit, "parent", None)
    name = getattr(commune, "name", "") or getattr(unit, "name", "")
    for prefix in _COMMUNE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _abbreviation(name: str) -> str:
    """Initials in capitals, ASCII: "Trạm Y tế xã An Phú" → "TYTXAP"."""
    initials = "".join(word[0] for word in fold(name).split() if word[:1].isalnum())
    return initials.upper()[:12] or "CQ"


def _defaults(unit: Any) -> dict[str, Any]:
    """Header and signature of the unit's own papers."""
    if unit is not None and getattr(unit, "is_commune", False):
        return {
            "issuing_body": f"Ủy ban nhân dân {_lower_first(unit.name)}",
            "body_abbreviation": "UBND",
            "place": _place_name(unit),
            "signature": {
                "authority": "TM.",
                "on_behalf_of": "Ủy ban nhân dân",
                "position": "Chủ tịch",
            },
            "posted_at": "Danh mục này được niêm yết tại trụ sở Ủy ban nhân dân và tại nhà "
            "văn hóa, điểm sinh hoạt cộng đồng ở thôn, tổ dân phố.",
            "recipients": ["Thường trực Hội đồng nhân dân", "Ban Thường trực Ủy ban MTTQ"],
        }
    name = getattr(unit, "name", "") or "Cơ quan, đơn vị"
    return {
        "issuing_body": name,
        "body_abbreviation": _abbreviation(name),
        "place": _place_name(unit) if unit is not None else "",
        "signature": {"position": "Thủ trưởng cơ quan, đơn vị"},
        "posted_at": "Danh mục này được niêm yết tại trụ sở cơ quan, đơn vị.",
        "recipients": ["Các đơn vị, bộ phận trực thuộc"],
    }


def quarterly_list(data: Mapping[str, Any], unit: Any = None) -> OfficialDocument:
    """The description of the quarterly list (Law 10/2022 Art. 13(2))."""
    try:
        period = Period.parse(str(data["period"]))
        rows = [list(map(str, row)) for row in data.get("rows", ())]
        issued_on = data["issued_on"]
    except (KeyError, PeriodError, TypeError) as error:
        raise DescriptionError(f"Bad quarterly list data: {error}") from error
    values = {**_defaults(unit), **{k: v for k, v in data.items() if v not in (None, "")}}
    issuing_body = values["issuing_body"]
    body: list[Any] = [
        "Căn cứ khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, "
        f"{issuing_body} lập danh mục các thông tin đã công khai trong {period.vietnamese}, "
        "với hình thức và thời điểm công khai như sau:",
    ]
    if rows:
        body.append(
            {
                "table": {
                    "caption": f"Danh mục thông tin đã công khai {period.vietnamese}",
                    "columns": list(QUARTERLY_LIST_COLUMNS),
                    "rows": rows,
                }
            }
        )
        body.append(f"Tổng số: {len(rows)} thông tin đã được công khai.")
    else:
        body.append(f"Trong {period.vietnamese} không có thông tin nào được công khai.")
    body.append(values["posted_at"])
    return report(
        issuing_body=issuing_body,
        body_abbreviation=values["body_abbreviation"],
        superior_body=values.get("superior_body", ""),
        place=values["place"] or "—",
        issued_on=issued_on,
        summary=f"Danh mục thông tin đã công khai {period.vietnamese}",
        body=body,
        signature=values["signature"],
        number=values.get("number"),
        recipients=values["recipients"],
        archive="VT",
    )


def register() -> None:
    register_document_type(
        QUARTERLY_LIST,
        label=_("Quarterly list of published information"),
        build=quarterly_list,
        view_permission=VIEW_COMPLIANCE,
        generate_permission=MANAGE_PUBLICATIONS,
    )
