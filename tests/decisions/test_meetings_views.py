"""Meeting pages: the village's meetings and each notice for everyone once sent (ND 59/2023 Art.
3(3)); the register, approvals, counts and closing for the village's officials; 404 for an
official of another commune, the login page for an anonymous visitor on officials' pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.decisions.models import Attendance, Matter, MeetingStatus
from danchu.decisions.services_meetings import meeting_create
from tests.decisions.factories import meeting_held, propose
from tests.decisions.test_meetings_services import (
    dismissal_matter,
    notify,
    plan_meeting,
    running_meeting,
    start,
    village_of,
)

VILLAGE = "90001-001"
EVERYONE = (
    "village_head_a1",
    "front_head_a1",
    "chair_a",
    "officer_a",
    "front_a",
    "officer_b",
    "province_officer",
    "resident",
    None,
)
RUN = {"village_head_a1", "chair_a"}
RECORD = {"village_head_a1", "front_head_a1", "chair_a", "front_a"}
APPROVE = {"chair_a", "officer_a"}
OFFICIALS_OF_THE_VILLAGE = {"village_head_a1", "front_head_a1", "chair_a", "officer_a", "front_a"}


def _as(client, personas, who):
    client.logout()
    if who is not None:
        client.force_login(personas[who])
    return client


# --- public pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_the_list_and_a_notified_meeting_are_public(client, personas, tree, who):
    head = personas["village_head_a1"]
    notified, _ = plan_meeting(personas, tree, title="Họp đã thông báo")
    notify(head, notified)
    plan_meeting(personas, tree, title="Họp còn nháp")
    c = _as(client, personas, who)
    listing = c.get(f"/decisions/units/{VILLAGE}/meetings/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Họp đã thông báo" in page and "Nhà văn hóa thôn Một" in page
    assert ("Họp còn nháp" in page) is (who in OFFICIALS_OF_THE_VILLAGE)
    detail = c.get(f"/decisions/meetings/{notified.pk}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Trần Văn Trưởng" in body and "Việc 0" in body
    # The register names households: officials of the village and its commune only.
    assert (escape(gettext("Attendance register")) in body) is (who in OFFICIALS_OF_THE_VILLAGE)


@pytest.mark.parametrize("who", EVERYONE)
def test_a_planned_meeting_is_for_the_village_officials(client, personas, tree, who):
    meeting, _ = plan_meeting(personas, tree)
    c = _as(client, personas, who)
    expected = 200 if who in OFFICIALS_OF_THE_VILLAGE else 404
    assert c.get(f"/decisions/meetings/{meeting.pk}/").status_code == expected


def test_the_meetings_of_a_commune_are_not_a_village_list(client, tree):
    assert client.get("/decisions/units/90001/meetings/").status_code == 404
    assert client.get("/decisions/units/nowhere/meetings/").status_code == 404
    assert client.get("/decisions/meetings/999999/").status_code == 404


# The village head plans the village's meetings; the Front work committee head plans a
# dismissal meeting; the commune chair either (Art. 18(1); ND 59/2023 Art. 9).
PLAN = RUN | {"front_head_a1"}


@pytest.mark.parametrize("who", EVERYONE)
def test_new_meeting_page(client, personas, tree, who):
    c = _as(client, personas, who)
    response = c.get(f"/decisions/units/{VILLAGE}/meetings/new/")
    if who is None:
        assert response.status_code == 302 and "/login" in response["Location"]
    else:
        assert response.status_code == (200 if who in PLAN else 404)


@pytest.mark.parametrize(
    ("who", "ordinary", "dismissal"),
    [("village_head_a1", True, False), ("front_head_a1", False, True), ("chair_a", True, True)],
)
def test_the_new_meeting_form_offers_each_planner_their_matters(
    client, personas, tree, who, ordinary, dismissal
):
    village_of(tree, 2)
    head = personas["village_head_a1"]
    propose(actor=head, village=tree.village_a1, kind="other", form="meeting", title="Việc thường")
    dismissal_matter(personas, tree)
    page = _as(client, personas, who).get(f"/decisions/units/{VILLAGE}/meetings/new/")
    body = page.content.decode()
    assert ("Việc thường" in body) is ordinary
    assert ("Trần Văn Trưởng" in body) is dismissal  # the dismissal's title names the head


def test_planning_a_meeting_from_the_form(client, personas, tree):
    head = personas["village_head_a1"]
    matter = propose(
        actor=head, village=tree.village_a1, kind="other", form="meeting", title="Giờ họp chợ"
    )
    client.force_login(head)
    response = client.post(
        f"/decisions/units/{VILLAGE}/meetings/new/",
        {
            "title": "Họp thôn quý II",
            "scheduled_at": "2026-06-10T08:00",
            "place": "Nhà văn hóa",
            "convenor_name": "Trưởng thôn",
            "matters": [str(matter.pk)],
        },
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.meeting is not None and matter.meeting.title == "Họp thôn quý II"
    refused = client.post(
        f"/decisions/units/{VILLAGE}/meetings/new/",
        {
            "title": "Họp khác",
            "scheduled_at": "2026-06-10T08:00",
            "place": "Nhà văn hóa",
            "convenor_name": "Trưởng thôn",
            "matters": [],
        },
    )
    assert refused.status_code == 200  # the form again, nothing created
    assert Matter.objects.filter(meeting__title="Họp khác").count() == 0


def test_the_list_does_not_grow_in_queries(client, personas, tree):
    head = personas["village_head_a1"]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/decisions/units/{VILLAGE}/meetings/").status_code == 200
        return len(ctx.captured_queries)

    plan_meeting(personas, tree, title="Họp 1")
    client.force_login(head)
    small = count()
    for i in range(12):
        plan_meeting(personas, tree, title=f"Họp thêm {i}")
    assert count() == small


def test_the_detail_does_not_grow_with_attendance(client, personas, tree):
    households = village_of(tree, 25)
    meeting, _ = running_meeting(personas, tree, households, present=3)
    client.force_login(personas["village_head_a1"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/decisions/meetings/{meeting.pk}/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    from tests.decisions.test_meetings_services import attend

    attend(personas["village_head_a1"], meeting, households[3:20])
    assert count() == small


# --- POST endpoints --------------------------------------------------------------------------


def _meeting_in_state(personas, tree, state):
    head = personas["village_head_a1"]
    households = village_of(tree, 3, members=2)
    if state == "in_progress":
        meeting, matters = running_meeting(personas, tree, households, present=2)
        return meeting, matters, households
    meeting, matters = plan_meeting(personas, tree)
    if state == "notified":
        notify(head, meeting)
    return meeting, matters, households


# (path, state the meeting is in, who may act, data, what a successful call leaves behind)
ENDPOINTS = [
    ("notice", "planned", RUN, {"channels": ["phone"], "sent_at": "2020-01-01T08:00"}),
    ("clusters", "planned", RUN, {"name": "Cụm 1", "chair_name": "Ông A", "scattered": "on"}),
    ("start", "notified", RUN, {"started_at": "2020-01-01T08:00"}),
    ("attendance", "in_progress", RECORD, {"household_code": "M002"}),
    ("speakers", "notified", RECORD, {"household_code": "M000", "member_name": "x"}),
    ("secretary", "in_progress", RUN, {"name": "Thư ký", "votes": "2"}),
    ("method", "in_progress", RUN, {"method": "secret", "votes": "2"}),
    ("board", "in_progress", RUN, {"members": "A\nB\nC", "votes": "2"}),
    ("witnesses", "in_progress", RUN, {"first": "A", "second": "B"}),
    ("tally", "in_progress", RECORD, {"matter": "0", "agree": "1", "disagree": "0"}),
    ("close", "in_progress", RUN, {"ended_at": "2099-01-01T08:00"}),
    ("clusters/approve", "planned", APPROVE, {"on": "2020-01-01"}),
]


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(("path", "state", "allowed", "data"), ENDPOINTS)
def test_post_endpoints_matrix(client, personas, tree, path, state, allowed, data, who):
    meeting, _, _ = _meeting_in_state(personas, tree, state)
    before = AuditEvent.objects.count()
    c = _as(client, personas, who)
    response = c.post(f"/decisions/meetings/{meeting.pk}/{path}/", data)
    if who is None:
        assert response.status_code == 302 and "/login" in response["Location"]
    elif who in allowed:
        assert response.status_code == 302
        assert response["Location"] == f"/decisions/meetings/{meeting.pk}/"
    else:
        assert response.status_code == 404
    if who not in allowed:
        assert AuditEvent.objects.count() == before
    assert c.get(f"/decisions/meetings/{meeting.pk}/{path}/").status_code in (302, 404, 405)


# A dismissal meeting is run by the Front work committee head or the commune chair, and its
# register and counts kept by them and the commune Front — never by the village head.
DISMISSAL_RUN = {"front_head_a1", "chair_a"}
DISMISSAL_RECORD = {"front_head_a1", "chair_a", "front_a"}


def _dismissal_meeting_in_state(personas, tree, state):
    front = personas["front_head_a1"]
    village_of(tree, 3, members=2)
    matter = dismissal_matter(personas, tree)
    meeting = meeting_create(
        actor=front,
        village=tree.village_a1,
        title="Họp bãi nhiệm",
        scheduled_at=timezone.now(),
        place="Nhà văn hóa",
        convenor_name="Lê Thị Mặt Trận",
        matters=[matter],
    )
    if state in ("notified", "in_progress"):
        notify(front, meeting)
    if state == "in_progress":
        start(front, meeting)
        meeting_held(front, meeting, present=2)
    return meeting, matter


DISMISSAL_ENDPOINTS = [
    ("notice", "planned", DISMISSAL_RUN, {"channels": ["phone"], "sent_at": "2020-01-01T08:00"}),
    ("start", "notified", DISMISSAL_RUN, {"started_at": "2020-01-01T08:00"}),
    ("attendance", "in_progress", DISMISSAL_RECORD, {"household_code": "M002"}),
    ("speakers", "notified", DISMISSAL_RECORD, {"household_code": "M000", "member_name": "x"}),
    ("secretary", "in_progress", DISMISSAL_RUN, {"name": "Thư ký", "votes": "2"}),
    ("method", "in_progress", DISMISSAL_RUN, {"method": "secret", "votes": "2"}),
    ("tally", "in_progress", DISMISSAL_RECORD, {"matter": "0", "agree": "1", "disagree": "0"}),
    ("close", "in_progress", DISMISSAL_RUN, {"ended_at": "2099-01-01T08:00"}),
]


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(("path", "state", "allowed", "data"), DISMISSAL_ENDPOINTS)
def test_dismissal_meeting_endpoints_matrix(
    client, personas, tree, path, state, allowed, data, who
):
    meeting, _ = _dismissal_meeting_in_state(personas, tree, state)
    before = AuditEvent.objects.count()
    c = _as(client, personas, who)
    response = c.post(f"/decisions/meetings/{meeting.pk}/{path}/", data)
    if who is None:
        assert response.status_code == 302 and "/login" in response["Location"]
    elif who in allowed:
        assert response.status_code == 302
        assert response["Location"] == f"/decisions/meetings/{meeting.pk}/"
    else:
        assert response.status_code == 404
    if who not in allowed:
        assert AuditEvent.objects.count() == before


def test_the_dismissal_meeting_page_names_its_convenor_and_offers_the_head_no_step(
    client, personas, tree
):
    meeting, matter = _dismissal_meeting_in_state(personas, tree, "notified")
    note = escape(
        gettext(
            "A dismissal of the village head is decided at a meeting convened and chaired by the "
            "Front work committee head (or the commune chair), never by the village head (ND "
            "59/2023 Art. 9)."
        )
    )
    head_page = _as(client, personas, "village_head_a1").get(f"/decisions/meetings/{meeting.pk}/")
    body = head_page.content.decode()
    assert "Lê Thị Mặt Trận" in body and note in body
    assert f"/decisions/meetings/{meeting.pk}/start/" not in body
    front_page = _as(client, personas, "front_head_a1").get(f"/decisions/meetings/{meeting.pk}/")
    assert f"/decisions/meetings/{meeting.pk}/start/" in front_page.content.decode()
    matter_page = _as(client, personas, "chair_a").get(f"/decisions/{matter.pk}/")
    assert "Lê Thị Mặt Trận" in matter_page.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_documents_delivered_endpoint(client, personas, tree, who):
    head = personas["village_head_a1"]
    matter = propose(
        actor=head, village=tree.village_a1, kind="contribution", form="meeting", title="Đường"
    )
    c = _as(client, personas, who)
    response = c.post(f"/decisions/{matter.pk}/meeting-documents/", {"on": "2020-01-02"})
    matter.refresh_from_db()
    if who is None:
        assert response.status_code == 302 and "/login" in response["Location"]
    elif who in RUN:
        assert response.status_code == 302 and matter.documents_sent_on.isoformat() == "2020-01-02"
        return
    else:
        assert response.status_code == 404
    assert matter.documents_sent_on is None


def test_attendance_by_household_number(client, personas, tree):
    households = village_of(tree, 3, members=2)
    meeting, _ = running_meeting(personas, tree, households, present=0)
    client.force_login(personas["front_head_a1"])
    url = f"/decisions/meetings/{meeting.pk}/attendance/"
    client.post(url, {"household_code": "M001"})
    member = households[2].memberships.get(relation="Con").person
    client.post(
        url, {"household_code": "M002", "attendee_name": member.full_name, "authorised": "on"}
    )
    rows = {a.household.code: a for a in Attendance.objects.filter(meeting=meeting)}
    assert rows["M001"].attendee == households[1].representative and not rows["M001"].authorised
    assert rows["M002"].attendee == member and rows["M002"].authorised
    again = client.post(url, {"household_code": "M001"}, follow=True)
    assert escape(gettext("This household's attendance is already recorded.")) in (
        again.content.decode()
    )
    unknown = client.post(url, {"household_code": "KHONG-CO"}, follow=True)
    assert escape(gettext("No current household with that number in this village.")) in (
        unknown.content.decode()
    )
    assert Attendance.objects.filter(meeting=meeting).count() == 2
    page = client.get(f"/decisions/meetings/{meeting.pk}/").content.decode()
    assert member.full_name in page


def test_a_whole_meeting_through_the_pages(client, personas, tree):
    head = personas["village_head_a1"]
    village_of(tree, 3)
    meeting, matters = plan_meeting(personas, tree)
    notify(head, meeting)
    start(head, meeting)
    client.force_login(head)
    base = f"/decisions/meetings/{meeting.pk}"
    for code in ("M000", "M001"):
        client.post(f"{base}/attendance/", {"household_code": code})
    client.post(f"{base}/secretary/", {"name": "Lê Thư", "votes": "1"})  # 1 of 2: refused
    meeting.refresh_from_db()
    assert meeting.secretary_name == ""
    client.post(f"{base}/secretary/", {"name": "Lê Thư", "votes": "2"})
    client.post(f"{base}/method/", {"method": "hands", "votes": "2"})
    client.post(f"{base}/tally/", {"matter": str(matters[0].pk), "agree": "2", "disagree": "0"})
    client.post(f"{base}/close/", {"ended_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED and meeting.present_count == 2
    assert Matter.objects.get(pk=matters[0].pk).status == "adopted"  # 2 of 3 households
    public = client.get(f"/decisions/units/{VILLAGE}/meetings/")
    assert public.status_code == 200
    client.logout()
    page = client.get(f"{base}/").content.decode()
    assert escape(gettext("Whole village")) in page  # counts are public once closed


@pytest.mark.parametrize("who", EVERYONE)
def test_the_counts_are_the_officials_until_the_meeting_closes(client, personas, tree, who):
    head = personas["village_head_a1"]
    households = village_of(tree, 3)
    meeting, matters = running_meeting(personas, tree, households, present=3)
    from danchu.decisions.services_meetings import meeting_close, tally_record

    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=1)
    caption = escape(gettext("Counts at the meeting"))
    c = _as(client, personas, who)
    during = c.get(f"/decisions/{matters[0].pk}/").content.decode()
    assert (caption in during) is (who in OFFICIALS_OF_THE_VILLAGE)
    meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    after = c.get(f"/decisions/{matters[0].pk}/").content.decode()
    assert caption in after


def test_the_matter_page_shows_its_meeting_and_counts(client, personas, tree):
    head = personas["village_head_a1"]
    households = village_of(tree, 3)
    meeting, matters = running_meeting(personas, tree, households, present=2)
    from danchu.decisions.services_meetings import tally_record

    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0)
    page = client.get(f"/decisions/{matters[0].pk}/").content.decode()
    assert f"/decisions/meetings/{meeting.pk}/" in page
    assert escape(gettext("Counts at the meeting")) not in page  # public once it closes
    client.force_login(head)
    page = client.get(f"/decisions/{matters[0].pk}/").content.decode()
    assert escape(gettext("Counts at the meeting")) in page
    assert f"/decisions/units/{VILLAGE}/meetings/" in page


def test_the_matter_page_offers_the_documents_step_to_the_village_head(client, personas, tree):
    head = personas["village_head_a1"]
    matter = propose(
        actor=head, village=tree.village_a1, kind="village_code", form="meeting", title="Hương ước"
    )
    client.force_login(head)
    page = client.get(f"/decisions/{matter.pk}/").content.decode()
    assert f"/decisions/{matter.pk}/meeting-documents/" in page
    client.force_login(personas["front_head_a1"])
    assert client.get(f"/decisions/{matter.pk}/").status_code == 404  # a draft is not public
