# ruff: noqa: E501 - the catalogue titles are legal text, kept on one line each
"""The statutory disclosure catalogue, as data (seeded into CatalogueItem by a migration; an
administrator may adjust rows later, e.g. when a sector law sets another deadline).

Every number comes from LAW.md §1.1, §1.8, §1.9 (all tagged [V]):
- Commune level, Law 10/2022/QH15 Art. 11 (14 items). Deadline 05 working days after the decision
  (Art. 12(3)). Website for all items where one exists (Art. 13(1)). Posting at the HQ and village
  culture houses ≥ 30 consecutive days for items 1–3 and 5–12; items 4 and 13 permanently
  (Art. 13(2)). Loudspeaker ≥ 03 consecutive days and relay by village heads for items 7–12
  (Art. 13(3)–(4)).
- Agencies and public service units, Art. 46 (12 items). Deadline 05 working days (Art. 47(2));
  posting ≥ 20 consecutive days (Art. 48).
- Organisations that employ labour, Art. 64 (8 items). Deadline 15 days for state-owned enterprises
  (Art. 65(2)); posting ≥ 20 consecutive days (Art. 66).
"""

from __future__ import annotations

COMMUNE = "commune"
AGENCY = "agency"
ENTERPRISE = "enterprise"

COMMUNE_ITEMS = {
    1: "Kế hoạch phát triển kinh tế - xã hội hằng năm, phương án chuyển dịch cơ cấu kinh tế và kết quả thực hiện",
    2: "Dự toán, tình hình thực hiện và quyết toán ngân sách; kết quả kiểm toán",
    3: "Dự án, công trình đầu tư; thu hồi đất, bồi thường, tái định cư; quy hoạch xây dựng, sử dụng đất",
    4: "Quy chế thực hiện dân chủ ở cơ sở; nhiệm vụ, quyền hạn của cán bộ, công chức; quy tắc ứng xử",
    5: "Quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp",
    6: "Đầu tư, mua sắm, giao, sử dụng, điều chuyển, thanh lý tài sản công",
    7: "Chính sách hỗ trợ, trợ cấp, tín dụng: tiêu chuẩn, đối tượng, quy trình bình xét và kết quả",
    8: "Hỗ trợ khắc phục thiên tai, dịch bệnh, sự cố, bệnh hiểm nghèo; quản lý tiền, hàng cứu trợ",
    9: "Nghĩa vụ quân sự, nghĩa vụ công an: chỉ tiêu, tiêu chuẩn, danh sách công dân, hoãn, miễn",
    10: "Kết quả thanh tra, vụ việc tham nhũng; kết quả lấy phiếu, bỏ phiếu tín nhiệm",
    11: "Kế hoạch, nội dung lấy ý kiến Nhân dân; tổng hợp ý kiến, giải trình, tiếp thu",
    12: "Phí, lệ phí và các khoản thu, nghĩa vụ tài chính do cấp xã trực tiếp thu",
    13: "Thủ tục hành chính giải quyết tại cấp xã",
    14: "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ ở cơ sở",
}

AGENCY_ITEMS = {
    1: "Chủ trương, chính sách, pháp luật liên quan đến cơ quan, đơn vị",
    2: "Kế hoạch công tác hằng năm, hằng quý, hằng tháng",
    3: "Dự toán, tình hình thực hiện, quyết toán ngân sách hằng năm; kết quả kiểm toán",
    4: "Tiêu chuẩn, định mức và việc sử dụng tài sản công",
    5: "Phân bổ vốn, dự án đầu tư công và giải ngân",
    6: "Tuyển dụng, đào tạo, điều động, bổ nhiệm, nâng lương, đánh giá, xếp loại, khen thưởng, kỷ luật",
    7: "Kết luận về tham nhũng; kê khai tài sản, thu nhập",
    8: "Kết quả thanh tra, giải quyết khiếu nại, tố cáo",
    9: "Nội quy, quy chế, quy tắc ứng xử của cơ quan, đơn vị",
    10: "Tổng hợp ý kiến, giải trình, tiếp thu ý kiến của cán bộ, công chức, viên chức",
    11: "Văn bản chỉ đạo của cơ quan cấp trên",
    12: "Nội dung khác theo quy định của pháp luật",
}

ENTERPRISE_ITEMS = {
    1: "Tình hình sản xuất, kinh doanh",
    2: "Nội quy lao động, thang lương, bảng lương, định mức lao động, quy chế nội bộ",
    3: "Thỏa ước lao động tập thể",
    4: "Quỹ khen thưởng, phúc lợi và các quỹ do người lao động đóng góp",
    5: "Trích nộp kinh phí công đoàn, bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp",
    6: "Thi đua, khen thưởng, kỷ luật, giải quyết khiếu nại",
    7: "Quy chế thực hiện dân chủ ở cơ sở tại nơi làm việc",
    8: "Nội dung khác theo quy định của pháp luật",
}

COMMUNE_PERMANENT = {4, 13}
COMMUNE_BROADCAST = {7, 8, 9, 10, 11, 12}


def catalogue_rows() -> list[dict]:
    """Rows of the catalogue table, with the article that sets each number."""
    rows = []
    for number, title in COMMUNE_ITEMS.items():
        permanent = number in COMMUNE_PERMANENT
        broadcast = number in COMMUNE_BROADCAST
        channels = ["website", "posting_hq"]
        if not permanent and number != 14:
            channels.append("posting_village")
        if broadcast:
            channels += ["loudspeaker", "village_relay"]
        rows.append(
            {
                "code": f"{COMMUNE}.{number:02d}",
                "regime": COMMUNE,
                "number": number,
                "title": title,
                "legal_basis": f"Luật 10/2022/QH15, Điều 11 khoản {number}",
                "required_channels": channels if number != 14 else ["website"],
                "deadline_amount": 5,
                "deadline_unit": "working_days",
                "posting_days": None if permanent or number == 14 else 30,
                "permanent": permanent,
                "broadcast_days": 3 if broadcast else None,
                "village_relay": broadcast,
            }
        )
    for regime, items, amount, unit, article in (
        (AGENCY, AGENCY_ITEMS, 5, "working_days", "Điều 46"),
        (ENTERPRISE, ENTERPRISE_ITEMS, 15, "days", "Điều 64"),
    ):
        for number, title in items.items():
            rows.append(
                {
                    "code": f"{regime}.{number:02d}",
                    "regime": regime,
                    "number": number,
                    "title": title,
                    "legal_basis": f"Luật 10/2022/QH15, {article}",
                    "required_channels": ["posting_hq"],
                    "deadline_amount": amount,
                    "deadline_unit": unit,
                    "posting_days": 20,
                    "permanent": False,
                    "broadcast_days": None,
                    "village_relay": False,
                }
            )
    return rows
