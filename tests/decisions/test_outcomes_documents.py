# ruff: noqa: F811  (pytest fixtures imported from test_outcomes_services)
"""The generated papers read back as a person would: the community decision (Mẫu số 03) in PDF
and DOCX with every Art. 20(2) item and the four signatures (R-DEC-19, R-DOC-09); an online
vote's items of ND 59/2023 Art. 5(4)(a) with the image of the result and the participant list
(R-DEC-08); the recognition decision and the written answer with reasons (Art. 21(2))."""

from __future__ import annotations

import pytest
from django.utils import timezone
from docx import Document

from danchu.core.access.models import User
from danchu.decisions.services import vote_record
from danchu.decisions.services_outcomes import decision_recognise, decision_refuse
from tests.conftest import PASSWORD, make_household
from tests.core.documents.pdf_tools import collapse, text
from tests.decisions.factories import open_online
from tests.decisions.test_outcomes_services import (  # noqa: F401  (fixtures)
    CONTENT,
    _own_hooks,
    decide,
    draw_up,
    head,
    homes,
    households_of,
    propose,
    sent,
)

ARTICLE_20_LABELS = (
    "Thời gian",
    "Tổng số hộ gia đình trong cộng đồng dân cư: 4",
    "Số đại diện hộ gia đình tham dự: 4",
    "Số hộ gia đình không có đại diện tham dự: 0",
    "Nội dung đã thảo luận: Lắp đèn đường liên thôn",
    "Hình thức quyết định: Họp cộng đồng dân cư",
    "Kết quả biểu quyết, lấy ý kiến: Tán thành: 4/4 hộ gia đình",
    "Nội dung quyết định",
    CONTENT,
)
SIGNATURES = (
    "TRƯỞNG THÔN",
    "Nguyễn Văn Trưởng",
    "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
    "Trần Thị Mặt Trận",
    "ĐẠI DIỆN HỘ GIA ĐÌNH",
    "Lê Văn Đại Diện",
    "Phạm Thị Hộ Dân",
)


def _file(document, fmt: str, tmp_path):
    stored = document.files.get(format=fmt)
    path = tmp_path / f"{document.pk}.{fmt}"
    with stored.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return path


def _docx_text(path) -> str:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return collapse(" ".join(texts))


def _texts(document, tmp_path) -> dict[str, str]:
    return {
        "pdf": collapse(text(_file(document, "pdf", tmp_path))),
        "docx": _docx_text(_file(document, "docx", tmp_path)),
    }


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_community_decision_carries_every_item_and_four_signatures(
    head, tree, homes, tmp_path, fmt
):
    decision = draw_up(head, decide(head, tree.village_a1, homes))
    content = _texts(decision.document, tmp_path)[fmt]
    for expected in ARTICLE_20_LABELS + SIGNATURES:
        assert collapse(expected) in content, expected
    assert content.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2
    assert "THÔN MỘT" in content and "BIÊN BẢN" in content


@pytest.fixture
def online_decision(personas, tree):
    head = personas["village_head_a1"]
    homes = households_of(tree.village_a1, 4)
    matter = open_online(
        head,
        propose(
            actor=head, village=tree.village_a1, kind="other", form="online", title="Giờ tắt loa"
        ),
    )
    choices = ("agree", "agree", "agree", "disagree")
    for index, household in enumerate(homes):
        user = User.objects.create_user(
            phone=f"09120000{index:02d}", password=PASSWORD, full_name=f"Dân {index}"
        )
        user.person = household.representative
        user.save()
        vote_record(
            actor=user,
            matter=matter,
            household=household,
            choice=choices[index],
            channel="online",
            other_opinion="Nên tắt loa lúc 21 giờ" if index == 3 else "",
        )
    from danchu.decisions.services import matter_close

    matter = matter_close(actor=head, matter=matter)
    return draw_up(head, matter), homes


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_online_vote_carries_the_items_of_nd59_article_5(online_decision, tmp_path, fmt):
    decision, homes = online_decision
    assert (decision.form, decision.representatives_present) == ("online", 4)
    content = _texts(decision.document, tmp_path)[fmt]
    for expected in (
        "Hình thức quyết định: Biểu quyết trực tuyến",
        "Thời gian bắt đầu",
        "Thời gian kết thúc",
        "Số đại diện hộ gia đình tham gia biểu quyết: 4",
        "Số đại diện hộ gia đình tán thành: 3",
        "Số đại diện hộ gia đình không tán thành: 1",
        "Nên tắt loa lúc 21 giờ",
        "Danh sách đại diện hộ gia đình tham gia biểu quyết trực tuyến",
        "Địa chỉ thường trú",
    ):
        assert collapse(expected) in content, expected
    for household in homes:
        assert household.representative.full_name in content
        assert household.address in content


def test_the_online_result_has_an_image(online_decision, tmp_path):
    decision, _homes = online_decision
    docx = Document(str(_file(decision.document, "docx", tmp_path)))
    assert len(docx.inline_shapes) == 1
    with decision.document.files.get(format="html").file.open("rb") as handle:
        assert "<svg" in handle.read().decode()


def test_the_online_participant_list_is_for_the_village_only(
    client, personas, tree, online_decision
):
    """The Mẫu 03 of an online vote lists each representative's name and permanent address:
    the village's residents and the officials over it open it; a resident of another village,
    an official of another commune or a signed-in stranger gets a 404 (ids are sequential)."""
    decision, homes = online_decision
    url = f"/documents/{decision.document_id}/download/pdf/"
    voter = User.objects.get(person=homes[0].representative)
    neighbour = make_household(tree.village_a2, "N-001", members=1)
    other_village = User.objects.create_user(
        phone="0912999999", password=PASSWORD, person=neighbour.representative
    )
    for user, expected in (
        (voter, 200),
        (personas["village_head_a1"], 200),
        (personas["chair_a"], 200),
        (other_village, 404),
        (personas["officer_b"], 404),
        (personas["resident"], 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == expected, user
    # The result itself stays public on the matter page.
    client.force_login(other_village)
    page = client.get(f"/decisions/{decision.matter_id}/").content.decode()
    assert decision.result.split(";")[0] in page
    assert homes[0].address not in page


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_recognition_decision(personas, head, tree, homes, tmp_path, fmt):
    # The generic recognition (Law 10/2022 Art. 21(2)); a village code has ND 61's Mẫu 03.
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="village_head")))
    decision = decision_recognise(
        actor=personas["chair_a"], decision=decision, on=timezone.localdate()
    )
    content = _texts(decision.recognition_document, tmp_path)[fmt]
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "QUYẾT ĐỊNH",
        "Về việc công nhận quyết định của cộng đồng dân cư Thôn Một",
        "Điều 1. Công nhận",
        CONTENT,
        "TM. ỦY BAN NHÂN DÂN",
        "chair_a",
    ):
        assert collapse(expected) in content, expected


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_written_answer_gives_the_reasons(personas, head, tree, homes, tmp_path, fmt):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="board_member")))
    reasons = "Người được bầu không đủ tiêu chuẩn thành viên Ban Thanh tra nhân dân."
    decision = decision_refuse(
        actor=personas["front_a"],
        decision=decision,
        on=timezone.localdate(),
        reasons=reasons,
    )
    content = _texts(decision.refusal_document, tmp_path)[fmt]
    for expected in (
        "ỦY BAN MẶT TRẬN TỔ QUỐC",  # the body's name wraps beside the national title
        "XÃ AN PHÚ",
        "THÔNG BÁO",
        "Về việc không công nhận",
        reasons,
    ):
        assert collapse(expected) in content, expected
