"""Demo petitions of the demo commune (Xã Hà Trung, 15271), through the same services as the pages:
cases of every kind in every state of its state machine (``domain/workflow.py``), a mixed letter
split into a complaint and a denunciation (Law on Citizen Reception Art. 25(3)), the chair's
reception days with bookings and a logbook, and one case rated by the resident persona.

``build_demo_petitions(commune)`` is called by the demo builder after the personas exist. It
needs the commune's chair and an officer (their roles), and uses the resident persona
(0901000009) when present. Running it again changes nothing: each case is found again by its
subject, and the reception days are built once.

What the demo shows:

- every kind × every status: feedback and recommendations received, answered, transferred and
  not accepted (Law on Citizen Reception Art. 28(1)); complaints of the first instance received,
  accepted (a group of six with two representatives, Art. 29), not accepted (Law on Complaints
  Art. 11), transferred, withdrawn (Art. 10) and resolved after a dialogue (Arts 30–32), and of
  the second instance accepted and resolved after the dialogue Art. 39 requires; denunciations
  received, accepted, not accepted (Law on Denunciations Art. 24(1)), transferred (Art. 24(2)),
  withdrawn (Art. 33), concluded (Art. 35) and published (Art. 40); anonymous denunciations
  handled as information for management (Art. 25) received, checked and closed; letters not
  admissible (a time-barred complaint, Law on Complaints Arts 9 and 11(6); an unsigned one,
  Art. 11(5)) received and closed;
- two cases overdue: a recommendation received five weeks ago and still not answered (10 working
  days, Law on Citizen Reception Art. 28(1)), and a denunciation accepted 58 days ago (30 days,
  Law on Denunciations Art. 30) on which the province asked for a report and the handler
  reported (Art. 38);
- one denunciation extended once by a written decision with its reason (Law on Denunciations
  Art. 30);
- the resident persona's feedback sent from the web today, and an earlier one given at the
  desk with their phone (so "my cases" lists both), answered and rated (Law 10/2022
  Art. 35(2)(a));
- the chair's reception day every week of the last four weeks and the next two, each posted at
  least 5 working days ahead (Law on Citizen Reception Arts 15(2)(d), 24(4)), the next week's
  day postponed with its reason; bookings on the coming days; logbook entries (Art. 25(2)): one
  answered by the chair, one group visit converted into a complaint, one refusal (Art. 9).

Dates. Every step is dated in the past through the services' own date parameters (``on``,
``held_on``, ``sent_on``, ``received_on``, ``posted_on``); dates are snapped to working days.
Two things no service records, set with the ORM right after the service call:

- the date of the intake steps' events (received, confirmed by the citizen, classified,
  assigned, split): intake writes them with today's date, so they are set to the day the case
  was received;
- ``Case.instance`` of a second-instance complaint (no intake parameter takes it), set before
  the complaint is classified and accepted, so that the second-instance limits (Law on
  Complaints Art. 37) and the mandatory dialogue (Art. 39) apply.

The services refuse dates after the real today, so ``today`` must be the real date (the
default); it is a parameter like the other demos'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from danchu.core.access import roles
from danchu.core.access.models import RoleAssignment
from danchu.core.calendar import add_working_days, is_working_day
from danchu.core.people.models import Household
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.petitions import services_intake as intake
from danchu.petitions import services_reception as reception
from danchu.petitions import services_workflow as workflow
from danchu.petitions.domain import reception as reception_rules
from danchu.petitions.domain import workflow as wf
from danchu.petitions.models import Case, CaseEvent, ReceptionSchedule

RESIDENT_PHONE = "0901000009"
CHAIR_NAME = "Nguyễn Văn Phúc"
CHAIR_TITLE = "Chủ tịch Ủy ban nhân dân xã"
RECEPTION_WEEKDAY = 3  # Thursday
RECEPTION_HOURS = (time(7, 30), time(11, 0))
MIXED_LETTER = "Đơn khiếu nại và tố cáo về bồi thường giải phóng mặt bằng đường liên thôn"
# Intake events are written with today's date; the demo dates them on the day of receipt.
INTAKE_EVENTS = (
    "received",
    "confirmed_by_citizen",
    "classified",
    "assigned",
    "split",
    "split_from",
)
# Where cases outside the commune's competence go.
TO_HEALTH_STATION = "health_station"
TO_SCHOOL = "school"
TO_PROVINCE = "province"


@dataclass(frozen=True)
class Step:
    """One workflow step ``days`` before today, with its text (answer, reasons, decision...)."""

    action: str
    days: int
    text: str = ""
    grounds: tuple[str, ...] = ()
    to: str = ""
    opinions: str = ""
    by_chair: bool = False


# An accepted denunciation left past its 30 days (Law on Denunciations Art. 30): the province
# asks for a report and the handler reports (Art. 38).
OVERDUE_DENUNCIATION = "Tố cáo việc thu tiền trông giữ xe tại chợ Hà Trung không có biên lai"

# Who the demo's complaints and denunciations are about (Law on Complaints Art. 8(2); Law on
# Denunciations Art. 23(1)), and the handler's summary of a denunciation for the accused
# (Art. 29(3)): written by the officer, never the denouncer's words.
ACCUSED = {
    "complaint": "Ủy ban nhân dân xã (quyết định hành chính bị khiếu nại)",
    "denunciation": "Công chức được giao phụ trách lĩnh vực bị tố cáo",
}
ACCUSED_SUMMARY = (
    "Tố cáo hành vi thực hiện nhiệm vụ, công vụ không đúng quy định trong lĩnh vực được giao; "
    "nội dung cụ thể sẽ được làm rõ khi làm việc trực tiếp."
)


@dataclass(frozen=True)
class Spec:
    """A demo case: received ``received`` days before today (0: today, from the web), classified
    as ``kind``, then taken through ``steps``."""

    kind: str
    subject: str
    content: str
    channel: str
    received: int
    sender: dict[str, str] | None
    hint: str = ""
    steps: tuple[Step, ...] = ()
    instance: int = 1
    group_size: int = 1
    representatives: tuple[dict[str, str], ...] = ()
    signed: bool = True
    known: int | None = None
    reason: str = ""
    assign: bool = True
    resident: bool = False
    rating: tuple[int, str] | None = None


def _person(name: str, village: str, phone: str, id_number: str = "") -> dict[str, str]:
    return {
        "full_name": name,
        "address": f"{village}, xã Hà Trung",
        "phone": phone,
        "id_number": id_number,
    }


PEOPLE = {
    "hoa": _person("Trần Thị Hoa", "Thôn Yên Thái", "0912345601", "038180001234"),
    "binh": _person("Lê Văn Bình", "Thôn Phú Điền", "0912345602", "038076002345"),
    "cuong": _person("Phạm Văn Cường", "Thôn Đồng Xuân", "0912345603"),
    "dung": _person("Hoàng Thị Dung", "Thôn Trung Chính", "0912345604", "038185003456"),
    "giang": _person("Vũ Văn Giang", "Thôn Bái Đô", "0912345605"),
    "hai": _person("Đỗ Văn Hải", "Thôn Hà Thượng", "0912345606", "038072004567"),
    "khanh": _person("Ngô Thị Khánh", "Thôn Nam Ngoại", "0912345607"),
    "long": _person("Bùi Văn Long", "Thôn Đông Sơn", "0912345608", "038079005678"),
    "mai": _person("Đinh Thị Mai", "Thôn Yên Thái", "0912345609"),
    "nam": _person("Trịnh Văn Nam", "Thôn Phú Điền", "0912345610", "038068006789"),
    "oanh": _person("Lý Thị Oanh", "Thôn Đồng Xuân", "0912345611"),
    "phuong": _person("Cao Văn Phương", "Thôn Trung Chính", "0912345612"),
    # Denouncers: sealed by intake, never on a case row.
    "quang": _person("Mai Văn Quang", "Thôn Bái Đô", "0912345613", "038081007890"),
    "son": _person("Tạ Văn Sơn", "Thôn Hà Thượng", "0912345614"),
    "tam": _person("Lương Thị Tâm", "Thôn Nam Ngoại", "0912345615", "038186008901"),
    "uyen": _person("Kiều Thị Uyên", "Thôn Đông Sơn", "0912345616"),
    "vinh": _person("Hà Văn Vinh", "Thôn Yên Thái", "0912345617", "038077009012"),
    "xuan": _person("Chu Thị Xuân", "Thôn Phú Điền", "0912345618"),
}

SPECS: tuple[Spec, ...] = (
    # --- feedback (phản ánh) ------------------------------------------------------------------
    Spec(
        kind="feedback",
        subject="Đèn chiếu sáng trên đường trục thôn Đông Sơn bị hỏng",
        content="Từ tuần trước, 5 bóng đèn chiếu sáng công cộng trên đường trục thôn Đông Sơn, "
        "đoạn từ nhà văn hóa đến cầu máng, không sáng; buổi tối học sinh đi học thêm về rất tối.",
        channel="web",
        received=0,
        sender=None,
        hint="feedback",
        resident=True,
        assign=False,
    ),
    Spec(
        kind="feedback",
        subject="Rác thải tồn đọng tại điểm tập kết cạnh chợ Hà Trung",
        content="Điểm tập kết rác cạnh chợ đã hơn một tuần không được thu gom, rác tràn ra "
        "đường, bốc mùi hôi ảnh hưởng đến các hộ kinh doanh và người đi chợ.",
        channel="desk",
        received=25,
        sender=None,
        hint="feedback",
        resident=True,
        steps=(
            Step(
                wf.ANSWER,
                15,
                "Ủy ban nhân dân xã đã chỉ đạo Tổ vệ sinh môi trường thu gom toàn bộ rác tồn đọng; "
                "từ nay rác tại điểm tập kết cạnh chợ được thu gom vào thứ Ba và "
                "thứ Sáu hằng tuần. Ban quản lý chợ chịu trách nhiệm giám sát.",
            ),
        ),
        rating=(4, "Rác đã được dọn, mong xã duy trì lịch thu gom."),
    ),
    Spec(
        kind="feedback",
        subject="Phản ánh thời gian chờ khám bệnh tại Trạm Y tế xã",
        content="Người dân đến khám bảo hiểm y tế buổi sáng phải chờ từ 2 đến 3 giờ, không có "
        "số thứ tự, người cao tuổi phải đứng chờ.",
        channel="hotline",
        received=12,
        sender=PEOPLE["hoa"],
        hint="feedback",
        steps=(
            Step(
                wf.TRANSFER,
                10,
                "Việc tổ chức khám bệnh thuộc trách nhiệm của Trạm Y tế xã; chuyển để Trưởng "
                "Trạm xem xét, trả lời công dân.",
                to=TO_HEALTH_STATION,
            ),
        ),
    ),
    Spec(
        kind="feedback",
        subject="Phản ánh tranh chấp lối đi chung giữa hai hộ ở thôn Phú Điền",
        content="Hộ liền kề xây tường rào chắn lối đi chung mà gia đình tôi vẫn đi từ trước đến "
        "nay; đề nghị xã giải quyết.",
        channel="box",
        received=18,
        sender=PEOPLE["binh"],
        hint="feedback",
        steps=(
            Step(
                wf.REFUSE,
                14,
                "Tranh chấp lối đi giữa các hộ gia đình là tranh chấp dân sự, được hòa giải ở cơ "
                "sở theo Luật Hòa giải ở cơ sở; công dân được hướng dẫn liên hệ Tổ hòa giải thôn "
                "Phú Điền.",
                grounds=("not_eligible",),
            ),
        ),
    ),
    # --- recommendations (kiến nghị) ----------------------------------------------------------
    Spec(
        kind="recommendation",
        subject="Kiến nghị nạo vét kênh tưới tiêu nội đồng thôn Yên Thái",
        content="Kênh tưới tiêu nội đồng thôn Yên Thái bị bồi lắng, bèo phủ kín, vụ chiêm xuân "
        "tới nước không về được các thửa ruộng cuối kênh. Đề nghị xã bố trí kinh phí nạo vét "
        "trước khi đổ ải.",
        channel="post",
        received=35,
        sender=PEOPLE["cuong"],
        hint="recommendation",
    ),
    Spec(
        kind="recommendation",
        subject="Kiến nghị lắp biển báo giảm tốc trước cổng Trường Tiểu học",
        content="Đoạn đường trước cổng Trường Tiểu học Hà Trung xe tải chạy nhanh vào giờ đón "
        "trả học sinh; đề nghị lắp biển báo và gờ giảm tốc.",
        channel="desk",
        received=30,
        sender=PEOPLE["dung"],
        hint="recommendation",
        steps=(
            Step(
                wf.ANSWER,
                22,
                "Ủy ban nhân dân xã tiếp thu kiến nghị: 02 biển báo khu vực trường học và 03 gờ "
                "giảm tốc được lắp trong tháng này từ nguồn kinh phí an toàn giao thông của xã; "
                "Công an xã bố trí người hướng dẫn giao thông giờ tan học.",
            ),
        ),
    ),
    Spec(
        kind="recommendation",
        subject="Kiến nghị tổ chức trông học sinh buổi chiều thứ Bảy",
        content="Nhiều phụ huynh đi làm ở khu công nghiệp cả thứ Bảy; đề nghị nhà trường tổ chức "
        "trông học sinh buổi chiều thứ Bảy.",
        channel="post",
        received=16,
        sender=PEOPLE["giang"],
        hint="recommendation",
        steps=(
            Step(
                wf.TRANSFER,
                13,
                "Việc tổ chức hoạt động của học sinh ngoài giờ thuộc thẩm quyền của Hiệu trưởng "
                "Trường Tiểu học.",
                to=TO_SCHOOL,
            ),
        ),
    ),
    Spec(
        kind="recommendation",
        subject="Kiến nghị mở rộng quốc lộ đoạn qua trung tâm xã",
        content="Đoạn quốc lộ qua trung tâm xã thường xuyên ùn tắc; đề nghị mở rộng mặt đường và "
        "làm vỉa hè.",
        channel="hotline",
        received=9,
        sender=PEOPLE["hai"],
        hint="recommendation",
        steps=(
            Step(
                wf.REFUSE,
                7,
                "Quốc lộ do cơ quan quản lý đường bộ trung ương quản lý; công dân được hướng dẫn "
                "gửi kiến nghị qua Cổng Dịch vụ công quốc gia hoặc qua đại biểu Quốc hội tại các "
                "buổi tiếp xúc cử tri.",
                grounds=("not_competent",),
            ),
        ),
    ),
    # --- complaints, first instance -----------------------------------------------------------
    Spec(
        kind="complaint",
        subject="Khiếu nại quyết định thu hồi đất làm đường liên thôn Đồng Xuân - Trung Chính",
        content="Sáu hộ gia đình khiếu nại Quyết định thu hồi đất của Ủy ban nhân dân xã vì diện "
        "tích thu hồi ghi trong quyết định lớn hơn diện tích đã đo đạc thực tế cùng các hộ.",
        channel="desk",
        received=20,
        sender=PEOPLE["khanh"],
        hint="complaint",
        group_size=6,
        representatives=(PEOPLE["khanh"], PEOPLE["long"]),
        known=35,
        steps=(Step(wf.ACCEPT, 14, by_chair=True),),
    ),
    Spec(
        kind="complaint",
        subject="Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề",
        content="Tôi khiếu nại việc xã xác nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho "
        "hộ ông Trần Văn Tú ở thôn Hà Thượng.",
        channel="post",
        received=28,
        sender=PEOPLE["mai"],
        hint="complaint",
        known=40,
        steps=(
            Step(
                wf.REFUSE,
                22,
                "Việc cấp giấy chứng nhận cho hộ liền kề không liên quan trực tiếp đến quyền, lợi "
                "ích hợp pháp của người khiếu nại; ranh giới giữa hai thửa đất không thay đổi.",
                grounds=("no_direct_impact",),
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="complaint",
        subject="Khiếu nại khoản thu đầu năm học của Trường Tiểu học Hà Trung",
        content="Phụ huynh khiếu nại việc nhà trường thu khoản tiền mua sắm trang thiết bị lớp "
        "học không có trong danh mục được phép thu.",
        channel="desk",
        received=26,
        sender=PEOPLE["nam"],
        hint="complaint",
        known=30,
        steps=(
            Step(
                wf.TRANSFER,
                24,
                "Khoản thu do Hiệu trưởng Trường Tiểu học quyết định; khiếu nại lần đầu thuộc "
                "thẩm quyền của Hiệu trưởng (Điều 17 Luật Khiếu nại).",
                to=TO_SCHOOL,
            ),
        ),
    ),
    Spec(
        kind="complaint",
        subject="Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng",
        content="Tôi khiếu nại quyết định xử phạt vì cho rằng công trình nhà kho của gia đình "
        "thuộc trường hợp được miễn giấy phép xây dựng.",
        channel="post",
        received=45,
        sender=PEOPLE["oanh"],
        hint="complaint",
        known=60,
        steps=(
            Step(wf.ACCEPT, 40, by_chair=True),
            Step(
                wf.WITHDRAW,
                20,
                "Người khiếu nại đã nộp phạt và có đơn rút khiếu nại, ký tên.",
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="complaint",
        subject="Khiếu nại việc không được xét hỗ trợ nhà ở cho hộ nghèo",
        content="Gia đình tôi thuộc hộ nghèo, nhà dột nát nhưng không có tên trong danh sách hỗ "
        "trợ nhà ở năm nay; đề nghị xem xét lại.",
        channel="desk",
        received=70,
        sender=PEOPLE["phuong"],
        hint="complaint",
        known=80,
        steps=(
            Step(wf.ACCEPT, 63, by_chair=True),
            Step(
                wf.DIALOGUE,
                45,
                "Người khiếu nại, đại diện Ban công tác Mặt trận thôn Trung Chính, công chức "
                "Văn hóa - Xã hội xã.",
                opinions=(
                    "Người khiếu nại đề nghị được bổ sung vào danh sách; công "
                    "chức Văn hóa - Xã hội trình bày kết quả bình xét tại thôn."
                ),
                by_chair=True,
            ),
            Step(
                wf.RESOLVE,
                40,
                "Công nhận một phần nội dung khiếu nại: bổ sung hộ ông Cao Văn Phương vào danh "
                "sách hộ được hỗ trợ sửa chữa nhà ở năm sau theo thứ tự ưu tiên đã bình xét.",
                by_chair=True,
            ),
        ),
    ),
    # --- complaints, second instance (Law on Complaints Arts 33–41) ---------------------------
    Spec(
        kind="complaint",
        subject="Khiếu nại lần hai về mức thu tiền học thêm tại Trường Tiểu học",
        content="Không đồng ý với quyết định giải quyết khiếu nại lần đầu của Hiệu trưởng "
        "Trường Tiểu học Hà Trung về mức thu tiền học thêm.",
        channel="post",
        received=15,
        sender=PEOPLE["dung"],
        hint="complaint",
        instance=2,
        known=25,
        steps=(
            Step(wf.ACCEPT, 10, by_chair=True),
            Step(
                wf.DIALOGUE,
                3,
                "Người khiếu nại, Hiệu trưởng Trường Tiểu học, đại diện Ban đại diện cha mẹ học "
                "sinh.",
                opinions=(
                    "Người khiếu nại giữ nguyên yêu cầu; Hiệu trưởng trình bày "
                    "căn cứ mức thu đã được Ban đại diện cha mẹ học sinh thống nhất."
                ),
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="complaint",
        subject="Khiếu nại lần hai về phụ cấp trực của nhân viên Trạm Y tế",
        content="Không đồng ý với quyết định giải quyết khiếu nại lần đầu của Trưởng Trạm Y tế "
        "xã về việc không chi phụ cấp trực đêm.",
        channel="post",
        received=90,
        sender=PEOPLE["hoa"],
        hint="complaint",
        instance=2,
        known=100,
        steps=(
            Step(wf.ACCEPT, 85, by_chair=True),
            Step(
                wf.DIALOGUE,
                60,
                "Người khiếu nại, Trưởng Trạm Y tế xã, kế toán Trạm Y tế.",
                opinions=(
                    "Người khiếu nại đề nghị chi đủ phụ cấp 14 đêm trực; Trưởng "
                    "Trạm thừa nhận chưa chi 6 đêm trực ngày lễ."
                ),
                by_chair=True,
            ),
            Step(
                wf.RESOLVE,
                50,
                "Khiếu nại đúng một phần: Trạm Y tế xã chi trả phụ cấp 6 đêm trực ngày lễ còn "
                "thiếu trong tháng này; giữ nguyên các nội dung khác của quyết định lần đầu.",
                by_chair=True,
            ),
        ),
    ),
    # --- denunciations (tố cáo): the denouncer is sealed -------------------------------------
    Spec(
        kind="denunciation",
        subject="Tố cáo cán bộ địa chính nhận tiền khi làm hồ sơ cấp giấy chứng nhận",
        content="Cán bộ địa chính xã nhận tiền của một số hộ ở thôn Bái Đô khi làm hồ sơ cấp giấy "
        "chứng nhận quyền sử dụng đất lần đầu; có người làm chứng.",
        channel="post",
        received=50,
        sender=PEOPLE["quang"],
        hint="denunciation",
        steps=(
            Step(wf.ACCEPT, 46, by_chair=True),
            Step(
                wf.EXTEND,
                20,
                "Cần xác minh thêm tại 14 hộ gia đình và đối chiếu sổ theo dõi hồ sơ đất đai của "
                "xã hai năm gần nhất; vụ việc phức tạp.",
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="denunciation",
        subject="Tố cáo việc đổ trộm phế thải xây dựng ra bờ đê",
        content="Ban đêm có xe đổ trộm phế thải xây dựng ra bờ đê đoạn qua thôn Nam Ngoại.",
        channel="desk",
        received=21,
        sender=PEOPLE["son"],
        hint="denunciation",
        steps=(
            Step(
                wf.REFUSE,
                18,
                "Đơn không xác định được người vi phạm; thông tin được chuyển Công an xã và Tổ "
                "tuần tra đê để theo dõi, xử lý theo quy định.",
                grounds=("content",),
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="denunciation",
        subject="Tố cáo công chức cấp tỉnh trong việc thẩm định dự án trang trại",
        content="Tố cáo hành vi vi phạm quy định về thẩm định hồ sơ dự án trang trại chăn nuôi "
        "trên địa bàn xã của một công chức cơ quan cấp tỉnh.",
        channel="post",
        received=11,
        sender=PEOPLE["tam"],
        hint="denunciation",
        steps=(
            Step(
                wf.TRANSFER,
                9,
                "Người bị tố cáo là công chức do cơ quan cấp tỉnh quản lý; tố cáo thuộc thẩm "
                "quyền giải quyết của người đứng đầu cơ quan đó (Điều 13 Luật Tố cáo).",
                to=TO_PROVINCE,
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="denunciation",
        subject="Tố cáo trưởng thôn thu quỹ xây dựng nhà văn hóa sai quy định",
        content="Trưởng thôn thu tiền các hộ để xây dựng nhà văn hóa nhưng chưa được hội nghị "
        "thôn quyết định.",
        channel="desk",
        received=24,
        sender=PEOPLE["uyen"],
        hint="denunciation",
        steps=(
            Step(wf.ACCEPT, 20, by_chair=True),
            Step(
                wf.WITHDRAW,
                10,
                "Người tố cáo rút tố cáo bằng văn bản có chữ ký sau khi hội nghị thôn biểu quyết "
                "khoản đóng góp; không có dấu hiệu vi phạm cần tiếp tục giải quyết.",
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="denunciation",
        subject="Tố cáo việc giao đất công ích sai đối tượng",
        content="Quỹ đất công ích 5% ở thôn Đồng Xuân được giao cho người không phải hộ sản xuất "
        "nông nghiệp của thôn, không qua đấu giá.",
        channel="post",
        received=33,
        sender=PEOPLE["vinh"],
        hint="denunciation",
        steps=(
            Step(wf.ACCEPT, 30, by_chair=True),
            Step(
                wf.CONCLUDE,
                4,
                "Nội dung tố cáo đúng một phần: 0,8 ha đất công ích giao không qua đấu giá. Yêu "
                "cầu thu hồi, tổ chức đấu giá lại; kiểm điểm trách nhiệm công chức địa chính.",
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="denunciation",
        subject="Tố cáo việc sử dụng kinh phí lễ hội truyền thống sai mục đích",
        content="Kinh phí tổ chức lễ hội truyền thống của xã bị chi cho việc không thuộc chương "
        "trình lễ hội.",
        channel="post",
        received=60,
        sender=PEOPLE["xuan"],
        hint="denunciation",
        steps=(
            Step(wf.ACCEPT, 56, by_chair=True),
            Step(
                wf.CONCLUDE,
                30,
                "Nội dung tố cáo không đúng: các khoản chi đều nằm trong dự toán lễ hội đã được "
                "phê duyệt, có chứng từ hợp lệ.",
                by_chair=True,
            ),
            Step(
                wf.PUBLISH,
                27,
                "Niêm yết tại trụ sở Ủy ban nhân dân xã và đăng trên Trang thông tin điện tử "
                "của xã",
                by_chair=True,
            ),
        ),
    ),
    Spec(
        kind="denunciation",
        subject=OVERDUE_DENUNCIATION,
        content="Ban quản lý chợ Hà Trung thu tiền trông giữ xe máy của tiểu thương hằng ngày "
        "nhưng không giao biên lai, không nộp vào ngân sách xã.",
        channel="post",
        received=62,
        sender=PEOPLE["quang"],
        hint="denunciation",
        steps=(Step(wf.ACCEPT, 58),),
    ),
    # --- anonymous denunciations: information for management (Art. 25) ----------------------
    Spec(
        kind="information",
        subject="Thông tin về việc khai thác cát trái phép trên sông",
        content="Đêm nào cũng có thuyền hút cát ở đoạn sông giáp thôn Hà Thượng, từ 22 giờ đến 4 "
        "giờ sáng, có ảnh chụp kèm theo.",
        channel="box",
        received=1,
        sender=None,
        hint="denunciation",
        assign=False,
    ),
    Spec(
        kind="information",
        subject="Thông tin về việc cơ sở giết mổ xả nước thải ra kênh",
        content="Cơ sở giết mổ gia súc ở cuối thôn Đông Sơn xả nước thải chưa xử lý ra kênh tiêu "
        "từ khoảng 3 giờ sáng.",
        channel="hotline",
        received=5,
        sender=None,
        hint="denunciation",
        steps=(
            Step(
                wf.CHECK,
                2,
                "Tổ công tác xã kiểm tra lúc 3 giờ 30 phút: có xả nước thải chưa qua bể lắng; đã "
                "lập biên bản, yêu cầu cơ sở khắc phục trong 15 ngày.",
            ),
        ),
    ),
    Spec(
        kind="information",
        subject="Thông tin về việc lấn chiếm hành lang đường liên xã",
        content="Một số hộ dựng lều quán lấn chiếm hành lang đường liên xã đoạn gần chợ.",
        channel="box",
        received=40,
        sender=None,
        hint="denunciation",
        steps=(
            Step(
                wf.CHECK,
                30,
                "Kiểm tra thực tế: 3 lều quán lấn chiếm hành lang đường; đã vận động các hộ tự "
                "tháo dỡ.",
            ),
            Step(wf.CLOSE, 25, "Các hộ đã tự tháo dỡ lều quán; hành lang đường được giải tỏa."),
        ),
    ),
    # --- not admissible -----------------------------------------------------------------------
    Spec(
        kind="inadmissible",
        subject="Khiếu nại quyết định thu hồi đất ban hành từ năm trước",
        content="Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình tôi.",
        channel="post",
        received=2,
        sender=PEOPLE["cuong"],
        hint="complaint",
        known=210,
        reason="kn_time_barred",
        assign=False,
    ),
    Spec(
        kind="inadmissible",
        subject="Đơn khiếu nại việc cấp phép xây dựng không có chữ ký",
        content="Khiếu nại việc xã xác nhận cho hộ gia đình ở thôn Bái Đô xây dựng nhà xưởng.",
        channel="post",
        received=20,
        sender=PEOPLE["giang"],
        hint="complaint",
        signed=False,
        reason="kn_unsigned",
        steps=(
            Step(
                wf.CLOSE,
                15,
                "Đơn không có chữ ký hoặc điểm chỉ của người khiếu nại; lưu đơn theo khoản 5 Điều "
                "11 Luật Khiếu nại.",
            ),
        ),
    ),
)

MIXED_PARTS = (
    {
        "kind": "complaint",
        "subject": "Khiếu nại mức bồi thường đất nông nghiệp dự án đường liên thôn",
        "content": "Mức bồi thường đất trồng lúa trong phương án bồi thường thấp hơn bảng giá "
        "đất của tỉnh; đề nghị tính lại.",
    },
    {
        "kind": "denunciation",
        "subject": "Tố cáo việc lập hồ sơ bồi thường khống diện tích",
        "content": "Người lập hồ sơ bồi thường kê thêm diện tích cho một số thửa đất không có "
        "trong biên bản đo đạc.",
    },
)


# --- helpers ------------------------------------------------------------------------------------


def _workday(day: date) -> date:
    """``day`` or the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _official(unit: Unit, role: str) -> Any:
    assignment = (
        RoleAssignment.objects.filter(unit=unit, role_id=role)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


def _resident_sender(resident: Any) -> dict[str, str]:
    household = (
        Household.objects.filter(representative_id=resident.person_id).first()
        if resident.person_id
        else None
    )
    return {
        "full_name": resident.full_name or "Người dân",
        "address": household.address if household is not None else "xã Hà Trung",
        "phone": resident.phone,
        "id_number": "",
    }


def _targets(commune: Unit) -> dict[str, Unit]:
    """Where cases outside the commune's competence go: its health station and school (its
    agencies), and the province."""
    agencies = list(
        Unit.objects.filter(parent=commune, kind=Kind.AGENCY, valid_to__isnull=True).order_by(
            "code"
        )
    )
    province = commune.parent
    first = agencies[0] if agencies else province
    return {
        TO_HEALTH_STATION: first,
        TO_SCHOOL: agencies[1] if len(agencies) > 1 else first,
        TO_PROVINCE: province,
    }


def _date_intake_events(case: Case, day: date) -> None:
    """Intake writes its events with today's date; date them on the day of receipt."""
    CaseEvent.objects.filter(case=case, action__in=INTAKE_EVENTS).update(on=day)


# --- cases --------------------------------------------------------------------------------------


@dataclass
class _Actors:
    chair: Any
    officer: Any
    resident: Any
    targets: dict[str, Unit]


def _run_step(actors: _Actors, case: Case, step: Step, day: date) -> Case:
    # A denunciation is handled by its assigned handler alone (services_workflow._check_handler).
    sealed = case.kind in ("denunciation", "information")
    actor = actors.chair if step.by_chair and not sealed else actors.officer
    machine = wf.machine_of(case.kind)
    if step.action == wf.ACCEPT:
        if machine == "complaint":
            return workflow.complaint_accept(actor=actor, case=case, on=day)
        return workflow.denunciation_accept(
            actor=actor, case=case, accused_summary=step.text or ACCUSED_SUMMARY, on=day
        )
    if step.action == wf.REFUSE:
        service = {
            "complaint": workflow.complaint_refuse,
            "denunciation": workflow.denunciation_refuse,
            "petition": workflow.petition_refuse,
        }[machine]
        return service(actor=actor, case=case, grounds=step.grounds, reason=step.text, on=day)
    if step.action == wf.TRANSFER:
        service = {
            "complaint": workflow.complaint_transfer,
            "denunciation": workflow.denunciation_transfer,
            "petition": workflow.petition_transfer,
        }[machine]
        return service(
            actor=actor, case=case, to_unit=actors.targets[step.to], reason=step.text, on=day
        )
    if step.action == wf.DIALOGUE:
        return workflow.complaint_dialogue(
            actor=actor,
            case=case,
            held_on=day,
            participants=step.text,
            opinions=step.opinions,
            result="Các bên ký biên bản.",
        )
    if step.action == wf.RESOLVE:
        return workflow.complaint_resolve(
            actor=actor,
            case=case,
            decision=step.text,
            on=day,
            sent_on=min(add_working_days(day, 1), timezone.localdate()),
        )
    if step.action == wf.WITHDRAW:
        return workflow.case_withdraw(actor=actor, case=case, signed=True, reason=step.text, on=day)
    if step.action == wf.EXTEND:
        return workflow.denunciation_extend(actor=actor, case=case, reason=step.text, on=day)
    if step.action == wf.CONCLUDE:
        return workflow.denunciation_conclude(actor=actor, case=case, conclusion=step.text, on=day)
    if step.action == wf.PUBLISH:
        return workflow.denunciation_publish(actor=actor, case=case, place=step.text, on=day)
    if step.action == wf.ANSWER:
        return workflow.petition_answer(actor=actor, case=case, answer=step.text, on=day)
    if step.action == wf.CHECK:
        return workflow.information_check(actor=actor, case=case, result=step.text, on=day)
    if step.action == wf.CLOSE:
        service = workflow.inadmissible_close
        if case.kind == wf.INFORMATION:
            service = workflow.information_close
        return service(actor=actor, case=case, note=step.text, on=day)
    raise ValueError(f"unknown demo step {step.action!r}")


@transaction.atomic
def _build_case(actors: _Actors, commune: Unit, spec: Spec, today: date) -> Case | None:
    if Case.objects.filter(unit=commune, subject=spec.subject).exists():
        return None
    web = spec.received == 0
    if web and actors.resident is None:
        return None
    received_on = today if web else _workday(today - timedelta(days=spec.received))
    sender = spec.sender
    if spec.resident and actors.resident is not None:
        sender = _resident_sender(actors.resident)
    elif spec.resident:
        sender = PEOPLE["mai"]
    known = None
    if spec.known is not None:
        known = _workday(received_on - timedelta(days=spec.known - spec.received))
    case = intake.case_receive(
        actor=actors.resident if web else actors.officer,
        unit=commune,
        channel=spec.channel,
        subject=spec.subject,
        content=spec.content,
        sender=sender,
        kind_hint=spec.hint,
        anonymous=sender is None,
        group_size=spec.group_size,
        representatives=spec.representatives,
        signed=spec.signed,
        decision_known_on=known,
        received_on=None if web else received_on,
        confirmed_by_citizen=spec.channel == "desk",
    )
    if spec.instance != 1:
        Case.objects.filter(pk=case.pk).update(instance=spec.instance)
        case.refresh_from_db()
    case = intake.case_classify(actor=actors.officer, case=case, kind=spec.kind, reason=spec.reason)
    if spec.assign:
        case = intake.case_route(actor=actors.chair, case=case, handler=actors.officer)
    if spec.kind in ("complaint", "denunciation") and spec.steps:
        workflow.case_add_accused(
            actor=actors.officer,
            case=case,
            full_name=ACCUSED[spec.kind],
            address=f"{commune.name}",
        )
    _date_intake_events(case, received_on)
    for step in spec.steps:
        day = _workday(today - timedelta(days=step.days))
        case = _run_step(actors, case, step, max(day, received_on))
    if spec.rating is not None and spec.resident and actors.resident is not None:
        score, comment = spec.rating
        case = intake.case_rate(actor=actors.resident, case=case, score=score, comment=comment)
    return case


@transaction.atomic
def _mixed_letter(actors: _Actors, commune: Unit, today: date) -> list[Case]:
    """A letter by post mixing a complaint and a denunciation, split into two cases (Law on
    Citizen Reception Art. 25(3)); both are assigned to the officer."""
    if Case.objects.filter(unit=commune, subject=MIXED_LETTER).exists():
        return []
    received_on = _workday(today - timedelta(days=4))
    letter = intake.case_receive(
        actor=actors.officer,
        unit=commune,
        channel="post",
        subject=MIXED_LETTER,
        content="\n\n".join(part["content"] for part in MIXED_PARTS),
        sender=PEOPLE["long"],
        decision_known_on=_workday(received_on - timedelta(days=12)),
        received_on=received_on,
    )
    parts = intake.case_split(actor=actors.officer, case=letter, parts=MIXED_PARTS)
    _date_intake_events(letter, received_on)
    routed = []
    for part in parts:
        part = intake.case_route(actor=actors.chair, case=part, handler=actors.officer)
        _date_intake_events(part, received_on)
        routed.append(part)
    return routed


# --- citizen reception ----------------------------------------------------------------------------


def _reception_day(monday: date) -> date | None:
    """The chair's reception day of a week: Thursday, or the next working day of that week, or
    the last one before it; None for a week without a working day (Tết)."""
    week = [monday + timedelta(days=n) for n in range(5)]
    working = [day for day in week if is_working_day(day)]
    if not working:
        return None
    later = [day for day in working if day.weekday() >= RECEPTION_WEEKDAY]
    return later[0] if later else working[-1]


def _posted_on(day: date, today: date) -> date:
    """Posted two days before the last day the law allows (Art. 24(4)), and never after today."""
    return min(today, reception_rules.latest_posting_day(day) - timedelta(days=2))


@transaction.atomic
def _reception(actors: _Actors, commune: Unit, today: date) -> list[ReceptionSchedule]:
    """The chair's weekly reception days (four weeks back including this one, two ahead), the
    next one postponed, bookings on the coming days and the logbook of the past days."""
    if not reception.receives_citizens(commune):
        return []
    if ReceptionSchedule.objects.filter(unit=commune, leader_name=CHAIR_NAME).exists():
        return []
    chair, officer = actors.chair, actors.officer
    this_week = reception_rules.week_start(today)
    name = f"{commune.name[:1].lower()}{commune.name[1:]}"
    place = f"Phòng tiếp công dân, trụ sở Ủy ban nhân dân {name}"
    schedules = []
    for weeks in range(-3, 3):
        day = _reception_day(this_week + timedelta(days=7 * weeks))
        if day is None:
            continue
        details = {
            "unit": commune,
            "leader": chair,
            "leader_name": CHAIR_NAME,
            "leader_title": CHAIR_TITLE,
            "on": day,
            "starts_at": RECEPTION_HOURS[0],
            "ends_at": RECEPTION_HOURS[1],
            "place": place,
        }
        if reception_rules.latest_posting_day(day) >= today:
            schedules.append(reception.schedule_publish(actor=officer, posted_on=today, **details))
        else:
            # Days posted before the commune used danchu: history, recorded as it was (the
            # service records a posting made today, Art. 24(4)).
            schedules.append(
                ReceptionSchedule.objects.create(posted_on=_posted_on(day, today), **details)
            )
    _bookings_and_postponement(actors, [s for s in schedules if s.on > today])
    _logbook(actors, commune, [s for s in schedules if s.on < today][:3])
    return schedules


def _bookings_and_postponement(actors: _Actors, coming: list[ReceptionSchedule]) -> None:
    """Bookings on the coming days; the first coming day is then postponed (Art. 24) and its
    bookings move to the new day."""
    if not coming:
        return
    slots = reception_rules.slots(*RECEPTION_HOURS, 20)
    first, last = coming[0], coming[-1]
    if actors.resident is not None:
        reception.booking_make(
            actor=actors.resident,
            schedule=first,
            starts_at=slots[0],
            full_name=actors.resident.full_name or "Người dân",
            phone=actors.resident.phone,
            topic="Hỏi về việc cấp lại giấy chứng nhận quyền sử dụng đất bị mất.",
        )
    reception.booking_make(
        actor=AnonymousUser(),
        schedule=first,
        starts_at=slots[1],
        full_name="Lê Thị Hằng",
        phone="0987001122",
        topic="Đề nghị xác nhận hoàn cảnh khó khăn để con được miễn học phí.",
    )
    reception.booking_make(
        actor=AnonymousUser(),
        schedule=last,
        starts_at=slots[2],
        full_name="Phạm Văn Toàn",
        phone="0987003344",
        topic="Kiến nghị về việc dồn điền đổi thửa ở thôn Nam Ngoại.",
    )
    reception.schedule_postpone(
        actor=actors.officer,
        schedule=first,
        new_day=add_working_days(first.on, 1),
        reason="Chủ tịch Ủy ban nhân dân xã dự họp đột xuất của Ủy ban nhân dân tỉnh; lịch tiếp "
        "công dân chuyển sang ngày làm việc kế tiếp, cùng giờ và địa điểm.",
    )


def _logbook(actors: _Actors, commune: Unit, past: list[ReceptionSchedule]) -> None:
    """Three past reception days: one answer by the chair, one group visit converted into a
    complaint and accepted, one refusal (Art. 9)."""
    if len(past) < 3:
        return
    officer, chair = actors.officer, actors.chair
    answered = reception.entry_record(
        actor=officer,
        unit=commune,
        received_on=past[0].on,
        schedule=past[0],
        full_name="Nguyễn Thị Lan",
        address="Thôn Hà Thượng, xã Hà Trung",
        content="Hỏi về chế độ trợ cấp xã hội hằng tháng cho người cao tuổi từ 75 tuổi.",
        request="Được hướng dẫn hồ sơ hưởng trợ cấp cho mẹ 76 tuổi.",
        handling="Tiếp, hướng dẫn trực tiếp.",
    )
    reception.entry_answer(
        actor=chair,
        entry=answered,
        leader_answer="Hướng dẫn lập tờ khai theo mẫu, nộp tại bộ phận một cửa; công chức Văn hóa "
        "- Xã hội giải quyết trong 10 ngày làm việc.",
    )
    group = reception.entry_record(
        actor=officer,
        unit=commune,
        received_on=past[1].on,
        schedule=past[1],
        full_name="Đặng Văn Hùng; Đặng Thị Thu",
        address="Thôn Đồng Xuân, xã Hà Trung",
        people=6,
        content="Khiếu nại việc Ủy ban nhân dân xã không bố trí đất tái định cư cho 6 hộ bị thu "
        "hồi đất ở.",
        request="Bố trí đất tái định cư trước khi bàn giao mặt bằng.",
        prior_handling="Chưa gửi đơn đến cơ quan nào.",
        handling="Tiếp đoàn 6 người, 2 người đại diện trình bày; hướng dẫn chuyển thành đơn "
        "khiếu nại.",
    )
    case = reception.entry_to_case(actor=officer, entry=group, kind_hint="complaint")
    case = intake.case_classify(actor=officer, case=case, kind="complaint")
    _date_intake_events(case, case.received_on)
    accept_on = min(add_working_days(case.received_on, 3), timezone.localdate())
    workflow.complaint_accept(actor=chair, case=case, on=accept_on)
    refused = reception.entry_record(
        actor=officer,
        unit=commune,
        received_on=past[2].on,
        schedule=past[2],
        full_name="Trương Văn Kiên",
        address="Thôn Bái Đô, xã Hà Trung",
        content="Tiếp tục khiếu nại việc chia thừa kế đất đã được Tòa án giải quyết.",
        request="Xã chia lại đất.",
        prior_handling="Đã được Tòa án nhân dân xét xử, bản án có hiệu lực; xã đã trả lời bằng "
        "văn bản hai lần.",
    )
    reception.entry_refuse(actor=officer, entry=refused, ground=reception_rules.ALREADY_RESOLVED)


# --- entry point ----------------------------------------------------------------------------------


def build_demo_petitions(commune: Unit, *, today: date | None = None) -> list[Case]:
    """The demo cases, reception days, bookings and logbook of ``commune``; returns the cases
    made by this run (none when they already exist)."""
    today = today or timezone.localdate()
    chair = _official(commune, roles.COMMUNE_CHAIR)
    officer = _official(commune, roles.COMMUNE_OFFICER)
    if chair is None or officer is None:
        return []
    resident = get_user_model().objects.filter(phone=RESIDENT_PHONE).first()
    actors = _Actors(chair=chair, officer=officer, resident=resident, targets=_targets(commune))
    made: list[Case] = []
    for spec in SPECS:
        case = _build_case(actors, commune, spec, today)
        if case is not None:
            made.append(case)
    made += _mixed_letter(actors, commune, today)
    _overdue_report(actors, commune, today)
    _reception(actors, commune, today)
    return made


@transaction.atomic
def _overdue_report(actors: _Actors, commune: Unit, today: date) -> None:
    """The province asks for a report on the overdue denunciation three working days after its
    deadline, and the handler reports two working days later (Law on Denunciations Art. 38)."""
    from danchu.petitions import services_oversight as oversight

    case = Case.objects.filter(unit=commune, subject=OVERDUE_DENUNCIATION).first()
    province = _official(commune.parent, roles.PROVINCE_OFFICER) if commune.parent else None
    if case is None or province is None or case.due_on is None or case.due_on >= today:
        return
    if CaseEvent.objects.filter(case=case, action=oversight.REQUESTED).exists():
        return
    asked = min(add_working_days(case.due_on, 3), today)
    oversight.report_request(actor=province, case=case, on=asked)
    oversight.report_submit(
        actor=actors.officer,
        case=case,
        report="Đã làm việc với Ban quản lý chợ và 12 tiểu thương; đang chờ Phòng Tài chính "
        "đối chiếu số tiền đã thu. Dự kiến ban hành kết luận trong 10 ngày tới.",
        on=min(add_working_days(asked, 2), today),
    )
