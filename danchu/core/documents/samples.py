"""Sample data for the two standard types: used by ``manage.py documents_samples``, the demo
and the tests. Every Vietnamese letter with a tone mark appears somewhere in it."""

from __future__ import annotations

from typing import Any


def sample_minutes_data() -> dict[str, Any]:
    return {
        "superior_body": "Ủy ban nhân dân xã An Phú",
        "issuing_body": "Ban công tác Mặt trận thôn Một",
        "body_abbreviation": "BCTMT",
        "number": 5,
        "meeting": "Hội nghị nhân dân thôn Một bàn và quyết định việc đóng góp xây dựng "
        "đường giao thông nông thôn năm 2026",
        "meeting_kind": "Hội nghị",
        "started_at": "2026-01-05T08:00:00",
        "ended_at": "2026-01-05T10:30:00",
        "place": "Nhà văn hóa thôn Một, xã An Phú",
        "attendees": [
            "Ông Nguyễn Văn Hùng - Trưởng thôn",
            "Bà Trần Thị Ngọc Ánh - Trưởng ban công tác Mặt trận",
            "Đại diện 112/135 hộ gia đình trong thôn",
        ],
        "chair": "Nguyễn Văn Hùng",
        "chair_title": "Trưởng thôn",
        "secretary": "Lê Thị Thủy",
        "secretary_title": "Ủy viên Ban công tác Mặt trận",
        "content": [
            {"heading": "1. Nội dung bàn và quyết định"},
            "Trưởng thôn trình bày dự kiến đóng góp xây dựng tuyến đường liên xóm dài 1,2 km, "
            "mức đóng góp bình quân 500.000 đồng mỗi hộ, thời gian hoàn thành trước ngày 30 "
            "tháng 6 năm 2026.",
            "Các hộ gia đình thảo luận, đề nghị miễn đóng góp cho hộ nghèo, hộ cận nghèo và "
            "gia đình chính sách; ý kiến được ghi nhận đầy đủ.",
            {"heading": "2. Kết quả biểu quyết"},
            {
                "table": {
                    "caption": "Kết quả biểu quyết bằng hình thức giơ tay",
                    "columns": ["Phương án", "Số hộ", "Tỷ lệ trên tổng số hộ"],
                    "rows": [
                        ["Đồng ý", "98", "72,59%"],
                        ["Không đồng ý", "14", "10,37%"],
                    ],
                }
            },
            "Hội nghị thống nhất: quá nửa tổng số hộ gia đình trong thôn tán thành; nội dung "
            "được Trưởng thôn báo cáo Ủy ban nhân dân xã để công nhận.",
        ],
        "recipients": ["Ủy ban nhân dân xã An Phú", "Ban Thường trực Ủy ban MTTQ xã"],
        "archive": "VT, Hồ sơ",
    }


def sample_report_data() -> dict[str, Any]:
    return {
        "superior_body": "Ủy ban nhân dân tỉnh Thử Nghiệm",
        "issuing_body": "Ủy ban nhân dân xã An Phú",
        "body_abbreviation": "UBND",
        "number": 12,
        "place": "An Phú",
        "issued_on": "2026-06-29",
        "summary": "Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026",
        "body": [
            "Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định số "
            "59/2023/NĐ-CP, Ủy ban nhân dân xã An Phú báo cáo kết quả như sau:",
            {"heading": "I. KẾT QUẢ THỰC HIỆN"},
            {"heading": "1. Công khai thông tin", "level": 2},
            "Ủy ban nhân dân xã đã công khai đầy đủ các nội dung theo quy định: dự toán, quyết "
            "toán ngân sách; kế hoạch sử dụng đất; các khoản thu, đóng góp của Nhân dân. Hình "
            "thức công khai gồm niêm yết tại trụ sở, đăng trên cổng thông tin và thông báo "
            "trên hệ thống loa truyền thanh.",
            {"heading": "2. Nhân dân bàn và quyết định", "level": 2},
            {
                "table": {
                    "caption": "Số hộ tham gia biểu quyết theo thôn",
                    "columns": ["Thôn", "Tổng số hộ", "Số hộ tham gia", "Tỷ lệ"],
                    "rows": [
                        ["Thôn Một", "135", "112", "82,96%"],
                        ["Thôn Hai", "98", "87", "88,78%"],
                    ],
                }
            },
            {
                "chart": {
                    "title": "Tỷ lệ hộ gia đình tham gia biểu quyết (%)",
                    "categories": ["Thôn Một", "Thôn Hai"],
                    "series": [{"name": "Tỷ lệ tham gia", "values": [82.96, 88.78]}],
                    "value_label": "Phần trăm",
                }
            },
            {"heading": "II. TỒN TẠI, HẠN CHẾ"},
            "Một số hộ gia đình ở xa trung tâm chưa nắm được lịch họp; việc tổng hợp ý kiến "
            "góp ý dự thảo còn chậm so với thời hạn.",
            {"heading": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM"},
            "Tiếp tục đẩy mạnh công khai, minh bạch; nâng cao chất lượng đối thoại giữa người "
            "đứng đầu cấp ủy, chính quyền với Nhân dân; kiện toàn Ban Thanh tra nhân dân.",
        ],
        "signature": {
            "authority": "TM.",
            "on_behalf_of": "Ủy ban nhân dân",
            "position": "Chủ tịch",
            "full_name": "Phạm Quốc Trưởng",
        },
        "recipients": ["Ủy ban nhân dân tỉnh (để b/c)", "Thường trực Đảng ủy xã", "Ủy ban MTTQ xã"],
        "archive": "VT, VP",
    }
