"""Vietnamese labels of the petitions pages: English words that the petitions pages share with
older screens ("From", "To", "leader", "channel", "written reason", ...) carry the "petitions"
context, so the petitions pages read right in Vietnamese while the older screens keep their
own translation.

Each test checks first that the two translations differ, so it proves something: it fails if
the petitions string falls back to the shared msgid's translation."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from danchu.petitions.models import Case, Extension, ReceptionSchedule
from tests.petitions.test_workflow_services import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _differs(context_msgid: str, shared_msgid: str | None = None) -> tuple[str, str]:
    """(petitions translation, shared translation), checked to differ."""
    ours = pgettext("petitions", context_msgid)
    shared = gettext(shared_msgid or context_msgid)
    assert ours != shared, (context_msgid, ours)
    return ours, shared


def _make_day(unit) -> ReceptionSchedule:
    today = timezone.localdate()
    return ReceptionSchedule.objects.create(
        unit=unit,
        leader_name="Nguyễn Văn Chủ",
        leader_title="Chủ tịch UBND xã",
        on=today + timedelta(days=10),
        starts_at=time(8),
        ends_at=time(9),
        place="Trụ sở UBND xã",
        posted_on=today,
    )


# --- reception --------------------------------------------------------------------------------


def test_the_schedule_form_reads_hours_not_a_date_and_a_recipient(client, personas, tree):
    start, shared_from = _differs("From")
    end, shared_to = _differs("To")
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:reception_day_new", args=[tree.commune_a.code]))
    assert f">{start}" in page and f">{end}" in page
    assert shared_to not in page  # "Gửi đến": the recipient of a notification
    assert f">{shared_from}" not in page
    assert gettext("Leader") in page
    assert gettext("leader") not in page  # "Tổ trưởng": a village group leader


def test_the_schedule_document_form_asks_for_the_first_and_last_day(client, personas, tree):
    _make_day(tree.commune_a)
    first, last = pgettext("petitions", "First day"), pgettext("petitions", "Last day")
    assert gettext("To") != last
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:reception_manage", args=[tree.commune_a.code]))
    assert f">{first}" in page and f">{last}" in page
    assert gettext("To") not in page  # "Gửi đến" was the end of the period
    assert gettext("Leader") in page
    assert gettext("leader") not in page


def test_the_reception_model_labels_have_their_own_context(tree):
    fields = ReceptionSchedule._meta
    for name, msgid in (("leader_name", "leader"), ("starts_at", "from"), ("ends_at", "to")):
        verbose = str(fields.get_field(name).verbose_name)
        assert verbose == pgettext("petitions", msgid), name
    leader, shared_leader = _differs("leader")
    assert str(fields.get_field("leader_name").verbose_name) != shared_leader
    starts, shared_from = _differs("from")
    assert str(fields.get_field("starts_at").verbose_name) != shared_from


# --- cases ------------------------------------------------------------------------------------


def test_the_queue_shows_the_receiving_channel(client, personas, tree):
    ours, shared = _differs("Channel")
    make_case(tree.commune_a, "feedback", channel="post")
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:workflow_queue", args=[tree.commune_a.code]))
    assert page.count(ours) >= 2  # the filter's label and the column
    assert shared not in page  # "Hình thức công khai": how a document is made public
    assert gettext("channel") not in page


def test_the_queue_export_header_is_the_receiving_channel(client, personas, tree):
    ours, shared = _differs("Channel")
    make_case(tree.commune_a, "feedback")
    client.force_login(personas["officer_a"])
    response = client.get(
        reverse("petitions:workflow_queue_export", args=[tree.commune_a.code, "csv"])
    )
    assert response.status_code == 200
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert ours in header and shared not in header


def test_the_case_page_shows_the_receiving_channel(client, personas, tree):
    ours, shared = _differs("Channel")
    case = make_case(tree.commune_a, "complaint", channel="desk")
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:workflow_case", args=[case.pk]))
    assert f"<dt>{ours}</dt>" in page
    assert shared not in page


def test_the_desk_form_asks_how_the_case_was_received(client, personas, tree):
    ours, _shared = _differs("Channel")
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:intake_desk", args=[tree.commune_a.code]))
    assert ours in page
    assert gettext("Channel") not in page


def test_the_statistics_period_is_a_reporting_period(client, personas, tree):
    ours, shared = _differs("Period")
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:workflow_statistics", args=[tree.commune_a.code]))
    assert ours in page
    assert f">{shared}" not in page


def test_the_case_model_labels_have_their_own_context(tree):
    fields = Case._meta
    channel, shared_channel = _differs("channel")
    assert str(fields.get_field("channel").verbose_name) == channel != shared_channel
    complex_, shared_complex = _differs("complex")
    assert str(fields.get_field("complex").verbose_name) == complex_ != shared_complex


# --- the extension ----------------------------------------------------------------------------


def test_the_extension_reads_as_a_reason_to_extend_not_to_refuse(client, personas, tree):
    ours, shared = _differs("written reason")
    assert str(Extension._meta.get_field("reason").verbose_name) == ours
    case = make_case(
        tree.commune_a,
        "denunciation",
        status="accepted",
        accepted_on=date(2026, 3, 9),
        due_on=date(2099, 1, 5),
    )
    client.force_login(personas["officer_a"])
    page = _page(client, reverse("petitions:workflow_case", args=[case.pk]))
    assert reverse("petitions:workflow_case_step", args=[case.pk, "extend"]) in page
    assert gettext("Written reason for the extension") in page
    assert shared not in page  # "lý do từ chối (bằng văn bản)": a refusal


def test_older_screens_keep_their_translation():
    """The shared msgids are untouched: other screens still read them as before."""
    for msgid in ("From", "To", "Channel", "channel", "leader", "written reason", "complex"):
        assert gettext(msgid) != msgid, msgid
