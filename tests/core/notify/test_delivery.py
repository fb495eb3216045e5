"""Immediate versus digest: urgent kinds go out at once on the chosen channels; the others wait
for the digest, which sends one message per person and channel."""

from __future__ import annotations

from danchu.core.notify.models import Notification
from danchu.core.notify.services import digest_send, notify_send, preferences_update
from tests.conftest import make_user
from tests.core.notify.conftest import NEWS, URGENT


def _send(capture, **kwargs):
    with capture(execute=True):
        return notify_send(**kwargs)


def test_urgent_kind_is_delivered_at_once_on_the_chosen_channels(
    personas, outbox, mailoutbox, django_capture_on_commit_callbacks
):
    resident = personas["resident"]
    rows = _send(
        django_capture_on_commit_callbacks,
        actor=personas["officer_a"],
        kind=URGENT,
        recipients=[resident],
        title="Hạn góp ý dự thảo còn 1 ngày",
        body="Hạn chót 17 giờ ngày mai.",
        url="/consultations/3/",
    )
    assert [m.to for m in outbox["sms"]] == [resident.phone]
    assert (
        outbox["sms"][0].body
        == "Hạn góp ý dự thảo còn 1 ngày https://danchu.example/consultations/3/"
    )
    assert mailoutbox == []  # e-mail is not among the kind's default channels
    row = Notification.objects.get(pk=rows[0].pk)
    assert row.delivery == "sent" and row.sent_at and row.in_app and row.read_at is None


def test_urgent_kind_follows_a_changed_choice_of_channels(
    personas, outbox, mailoutbox, django_capture_on_commit_callbacks
):
    resident = personas["resident"]
    resident.email = "dan@example.vn"
    resident.save()
    preferences_update(actor=resident, choices={URGENT: (["email", "zalo"], "immediate")})
    _send(
        django_capture_on_commit_callbacks,
        actor=None,
        kind=URGENT,
        recipients=[resident.pk],
        title="Phiên bỏ phiếu mở",
    )
    assert [m.to for m in mailoutbox] == [["dan@example.vn"]]
    assert mailoutbox[0].subject == "Phiên bỏ phiếu mở"
    assert [m.to for m in outbox["zalo"]] == [resident.phone]
    assert "sms" not in outbox
    assert not Notification.objects.get().in_app  # in-app was switched off: no bell, no list


def test_non_urgent_kind_waits_for_the_digest_which_sends_one_message_per_person(
    personas, outbox, mailoutbox, django_capture_on_commit_callbacks
):
    resident, officer = personas["resident"], personas["officer_a"]
    resident.email = "dan@example.vn"
    resident.save()
    lonely = make_user("0911000099")  # no e-mail: SMS and Zalo only
    for number in range(3):
        _send(
            django_capture_on_commit_callbacks,
            actor=officer,
            kind=NEWS,
            recipients=[resident, lonely],
            title=f"Tin số {number}",
            body="Nội dung",
        )
    assert outbox == {} and mailoutbox == []
    assert Notification.objects.filter(delivery="digest").count() == 6

    report = digest_send()

    assert (report.people, report.notifications) == (2, 6)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["dan@example.vn"]
    assert all(f"Tin số {n}" in mailoutbox[0].body for n in range(3))
    assert sorted(m.to for m in outbox["sms"]) == sorted([resident.phone, lonely.phone])
    assert sorted(m.to for m in outbox["zalo"]) == sorted([resident.phone, lonely.phone])
    assert report.messages == 5
    assert not Notification.objects.exclude(delivery="sent").exists()

    again = digest_send()
    assert (again.people, again.messages) == (0, 0)
    assert len(mailoutbox) == 1 and len(outbox["sms"]) == 2


def test_digest_leaves_out_channels_the_person_switched_off(
    personas, outbox, mailoutbox, django_capture_on_commit_callbacks
):
    resident = personas["resident"]
    preferences_update(actor=resident, choices={NEWS: (["in_app", "sms"], "digest")})
    _send(
        django_capture_on_commit_callbacks, actor=None, kind=NEWS, recipients=[resident], title="A"
    )
    report = digest_send()
    assert report.messages == 1 and list(outbox) == ["sms"] and mailoutbox == []


def test_in_app_only_choice_sends_nothing_outside(
    personas, outbox, mailoutbox, django_capture_on_commit_callbacks
):
    resident = personas["resident"]
    preferences_update(actor=resident, choices={URGENT: (["in_app"], "immediate")})
    _send(
        django_capture_on_commit_callbacks,
        actor=None,
        kind=URGENT,
        recipients=[resident],
        title="B",
    )
    assert Notification.objects.get().delivery == "none"
    assert digest_send().messages == 0 and outbox == {} and mailoutbox == []


def test_links_to_other_sites_are_dropped(personas, django_capture_on_commit_callbacks):
    rows = _send(
        django_capture_on_commit_callbacks,
        actor=None,
        kind=NEWS,
        recipients=[personas["resident"]],
        title="C",
        url="https://evil.example/",
    )
    assert rows[0].url == ""
