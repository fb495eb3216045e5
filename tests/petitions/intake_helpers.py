"""Helpers of the intake tests (not a conftest: other steps' tests are left alone)."""

from __future__ import annotations

from danchu.petitions.services_intake import case_receive

DENOUNCER = {
    "full_name": "Trần Thị Bích Ngọc",
    "address": "Số 12, Thôn Hai, xã An Phú",
    "phone": "0987654321",
    "id_number": "001199012345",
}
COMPLAINANT = {
    "full_name": "Lê Văn Minh",
    "address": "Thôn Một, xã An Phú",
    "phone": "0912345678",
    "id_number": "001088054321",
}


def receive(actor, unit, **changes):
    kwargs = {
        "channel": "web",
        "subject": "Đường thôn Một bị sụt lún",
        "content": "Đoạn đường từ nhà văn hóa thôn Một đến trường học bị sụt lún sau mưa.",
        "sender": dict(COMPLAINANT),
        "kind_hint": "feedback",
    }
    kwargs.update(changes)
    return case_receive(actor=actor, unit=unit, **kwargs)


def denounce(actor, unit, **changes):
    changes.setdefault("kind_hint", "denunciation")
    changes.setdefault("sender", dict(DENOUNCER))
    changes.setdefault("subject", "Tố cáo cán bộ địa chính thu tiền trái phép")
    changes.setdefault(
        "content", "Cán bộ địa chính xã thu tiền của các hộ khi làm thủ tục đất đai, có biên lai."
    )
    return receive(actor, unit, **changes)


def web_form(**changes):
    """The public case form's POST data for a feedback from COMPLAINANT, with ``changes``."""
    data = {
        "kind_hint": "feedback",
        "subject": "Đèn đường thôn Một hỏng",
        "content": "Ba bóng đèn trên đường liên thôn bị hỏng từ tháng trước.",
        "full_name": COMPLAINANT["full_name"],
        "address": COMPLAINANT["address"],
        "phone": COMPLAINANT["phone"],
        "id_number": "",
    }
    data.update(changes)
    return data
