"""Receiving, classifying, extending, answering and refusing information requests."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.notify.models import Notification
from danchu.disclosure.domain import requests as rules
from danchu.disclosure.models import InformationRequest
from danchu.disclosure.services_requests import (
    RequestError,
    request_extend,
    request_mark_complex,
    request_provide,
    request_receive,
    request_refuse,
)
from tests.disclosure.requests.conftest import VALID, request_input

pytestmark = pytest.mark.django_db


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_a_resident_online_may_be_anonymous(tree):
    created = request_receive(actor=AnonymousUser(), unit=tree.commune_a, data=VALID)
    today = timezone.localdate()
    assert created.channel == "electronic"
    assert created.requester is None
    assert created.received_on == today
    assert created.due_on == rules.answer_due(today, "electronic", False)
    assert created.requester_contact == "0912345678"
    assert re.fullmatch(rf"TT-90001-{today.year}-000001-[A-Z2-9]{{4}}", created.tracking_code)
    assert _events("disclosure.request_received") == 1
    event = AuditEvent.objects.get(action="disclosure.request_received")
    assert "Nguyễn Thị Hà" not in str(event.data)  # no personal data in the permanent log


def test_a_signed_in_resident_is_linked_to_the_request(personas, tree):
    created = request_receive(actor=personas["resident"], unit=tree.commune_a, data=VALID)
    assert created.requester == personas["resident"]


def test_tracking_codes_are_unique_and_numbered_per_unit_and_year(personas, tree, receive):
    year = timezone.localdate().year
    codes = [receive(personas["officer_a"], tree.commune_a).tracking_code for _ in range(3)]
    codes.append(receive(personas["agency_head_a"], tree.agency_a).tracking_code)
    last_year = timezone.localdate().replace(month=1, day=1) - timedelta(days=1)
    codes.append(
        receive(personas["officer_a"], tree.commune_a, received_on=last_year).tracking_code
    )
    expected = [
        f"TT-90001-{year}-000001",
        f"TT-90001-{year}-000002",
        f"TT-90001-{year}-000003",
        f"TT-90001-C01-{year}-000001",
        f"TT-90001-{year - 1}-000001",
    ]
    # The number, then four random characters so that codes cannot be guessed by counting.
    for code, start in zip(codes, expected, strict=True):
        assert re.fullmatch(rf"{re.escape(start)}-[A-HJ-NP-Z2-9]{{4}}", code), code
    assert InformationRequest.objects.values("tracking_code").distinct().count() == 5


def test_villages_and_enterprises_do_not_receive_requests(tree):
    with pytest.raises(RequestError):
        request_receive(actor=AnonymousUser(), unit=tree.village_a1, data=VALID)
    assert not InformationRequest.objects.exists()


def test_only_officials_enter_paper_requests_or_backdate(personas, tree, receive):
    with pytest.raises(NotPermitted):
        receive(personas["resident"], tree.commune_a, channel="in_person")
    with pytest.raises(NotPermitted):
        receive(personas["officer_b"], tree.commune_a, channel="post")
    with pytest.raises(NotPermitted):
        request_receive(
            actor=personas["resident"],
            unit=tree.commune_a,
            data=VALID,
            received_on=timezone.localdate() - timedelta(days=3),
        )
    assert not InformationRequest.objects.exists()
    created = receive(personas["officer_a"], tree.commune_a, channel="in_person", complex=True)
    assert created.complex
    assert created.due_on == rules.answer_due(timezone.localdate(), "in_person", True)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "  "),
        ("address", "<b></b>"),
        ("id_number", "12345"),
        ("contact", "gọi cho tôi"),
        ("information", ""),
        ("purpose", " "),
        ("delivery_form", "pigeon"),
    ],
)
def test_every_field_of_article_24_is_checked_and_nothing_is_written(tree, field, value):
    with pytest.raises(RequestError) as info:
        request_receive(
            actor=AnonymousUser(), unit=tree.commune_a, data=request_input(**{field: value})
        )
    assert info.value.field == field
    assert not InformationRequest.objects.exists()
    assert _events("disclosure.request_received") == 0


def test_html_is_stripped_from_text_fields(tree):
    created = request_receive(
        actor=AnonymousUser(),
        unit=tree.commune_a,
        data=request_input(information="Dự toán <script>alert(1)</script><i>2026</i>"),
    )
    assert created.information == "Dự toán 2026"


def test_extension_once_only_and_within_the_maximum(personas, tree, receive):
    officer = personas["officer_a"]
    item = receive(officer, tree.commune_a, channel="in_person", complex=True)
    latest = rules.latest_extension(item.due_on, "in_person")
    with pytest.raises(RequestError) as info:
        request_extend(
            actor=officer, request=item, extended_to=latest + timedelta(days=1), notice="Cần thêm"
        )
    assert info.value.field == "extended_to"
    with pytest.raises(RequestError) as info:
        request_extend(actor=officer, request=item, extended_to=latest, notice="  ")
    assert info.value.field == "notice"
    item.refresh_from_db()
    assert item.extended_to is None
    assert _events("disclosure.request_extended") == 0

    request_extend(actor=officer, request=item, extended_to=latest, notice="Cần tập hợp hồ sơ")
    item.refresh_from_db()
    assert item.extended_to == latest
    event = AuditEvent.objects.get(action="disclosure.request_extended")
    assert event.data["notice"] == "Cần tập hợp hồ sơ"

    with pytest.raises(RequestError, match="."):
        request_extend(actor=officer, request=item, extended_to=latest, notice="Lần hai")
    assert _events("disclosure.request_extended") == 1


def test_no_extension_after_the_deadline_has_passed(personas, tree, receive):
    item = receive(
        personas["officer_a"],
        tree.commune_a,
        channel="post",
        received_on=timezone.localdate() - timedelta(days=60),
    )
    with pytest.raises(RequestError):
        request_extend(
            actor=personas["officer_a"],
            request=item,
            extended_to=timezone.localdate() + timedelta(days=3),
            notice="Quá hạn",
        )
    item.refresh_from_db()
    assert item.extended_to is None


def test_classify_as_complex_within_the_notice_period(personas, tree, receive):
    officer = personas["officer_a"]
    item = request_receive(actor=personas["resident"], unit=tree.commune_a, data=VALID)
    request_mark_complex(actor=officer, request=item)
    item.refresh_from_db()
    assert item.complex
    assert item.due_on == rules.answer_due(item.received_on, "electronic", True)
    assert _events("disclosure.request_marked_complex") == 1
    notes = Notification.objects.filter(recipient=personas["resident"])
    assert notes.get().kind == "disclosure.request_deadline_changed"
    with pytest.raises(RequestError):
        request_mark_complex(actor=officer, request=item)

    late = receive(officer, tree.commune_a, received_on=timezone.localdate() - timedelta(days=30))
    with pytest.raises(RequestError):
        request_mark_complex(actor=officer, request=late)
    late.refresh_from_db()
    assert not late.complex


def test_refusal_needs_a_ground_and_a_written_reason(personas, tree, receive):
    officer = personas["officer_a"]
    item = receive(officer, tree.commune_a)
    with pytest.raises(RequestError) as info:
        request_refuse(actor=officer, request=item, ground="secret", reason="   ")
    assert info.value.field == "reason"
    with pytest.raises(RequestError) as info:
        request_refuse(actor=officer, request=item, ground="", reason="Lý do")
    assert info.value.field == "ground"
    item.refresh_from_db()
    assert item.status == "received"
    assert _events("disclosure.request_refused") == 0

    request_refuse(
        actor=officer,
        request=item,
        ground="provided_twice",
        reason="Đã cung cấp hai lần cho người yêu cầu",
    )
    item.refresh_from_db()
    assert (item.status, item.refusal_ground) == ("refused", "provided_twice")
    assert item.answered_on == timezone.localdate()
    assert item.handled_by == officer
    assert _events("disclosure.request_refused") == 1


def test_provide_notifies_the_requester_and_closes_the_request(personas, tree):
    officer = personas["officer_a"]
    item = request_receive(actor=personas["resident"], unit=tree.commune_a, data=VALID)
    with pytest.raises(RequestError):
        request_provide(actor=officer, request=item, answer="  ")
    assert not Notification.objects.exists()
    request_provide(actor=officer, request=item, answer="Dự toán đính kèm; nhận tại trụ sở.")
    item.refresh_from_db()
    assert item.status == "provided"
    assert item.answered_on == timezone.localdate()
    note = Notification.objects.get(recipient=personas["resident"])
    assert note.kind == "disclosure.request_answered"
    assert item.tracking_code in note.title
    assert note.url == f"/information-requests/status/{item.tracking_code}/"
    assert _events("disclosure.request_answered") == 1
    # Answered requests take no further action.
    with pytest.raises(RequestError):
        request_refuse(actor=officer, request=item, ground="secret", reason="Muộn")


@pytest.mark.parametrize("who", ["officer_b", "province_officer", "agency_head_a", "resident"])
def test_only_the_units_handlers_act(personas, tree, receive, who):
    item = receive(personas["officer_a"], tree.commune_a)
    actor = personas[who]
    with pytest.raises(NotPermitted):
        request_provide(actor=actor, request=item, answer="Trả lời")
    with pytest.raises(NotPermitted):
        request_refuse(actor=actor, request=item, ground="secret", reason="Lý do")
    with pytest.raises(NotPermitted):
        request_extend(
            actor=actor,
            request=item,
            extended_to=item.due_on + timedelta(days=1),
            notice="Gia hạn",
        )
    item.refresh_from_db()
    assert item.status == "received"


def test_the_parent_communes_officer_does_not_act_for_its_agency(personas, tree, receive):
    """Each unit answers for itself: the agency's head, not the commune's officers."""
    from danchu.core.access.errors import NotPermitted

    item = receive(personas["agency_head_a"], tree.agency_a)
    with pytest.raises(NotPermitted):
        request_provide(actor=personas["officer_a"], request=item, answer="Đã cung cấp")
    request_provide(actor=personas["agency_head_a"], request=item, answer="Đã cung cấp")
    item.refresh_from_db()
    assert item.status == "provided"
