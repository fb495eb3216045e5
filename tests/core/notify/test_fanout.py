"""Fan-out: the request records one row and one audit event; workers store the notifications in
batches of 1,000 users by id, each batch enqueuing the next."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.core.access import roles
from danchu.core.access.errors import NotPermitted
from danchu.core.access.models import User
from danchu.core.audit.models import AuditEvent
from danchu.core.jobs.taskapi import task  # noqa: F401  (the backend the tasks go through)
from danchu.core.notify.audiences import HouseholdMembersUnder, RoleHoldersUnder, audience_users
from danchu.core.notify.models import FanOut, Notification
from danchu.core.notify.services import notify_fanout
from danchu.core.people.models import Household, HouseholdMember, Person
from tests.conftest import make_user
from tests.core.notify.conftest import URGENT

try:
    from django.tasks.signals import task_enqueued
except ImportError:
    from django_tasks.signals import task_enqueued

BATCH_TASK = "danchu.core.notify.tasks.fanout_batch"


def residents(village, count: int, *, per_household: int = 4, start: int = 0) -> list[int]:
    """``count`` users, each a current member of a household in ``village``, built in bulk."""
    persons = Person.objects.bulk_create(
        [Person(full_name=f"Người {start + i}").fill_derived() for i in range(count)],
        batch_size=1000,
    )
    households = Household.objects.bulk_create(
        [
            Household(village=village, code=f"F{start + i:06d}")
            for i in range(0, count, per_household)
        ],
        batch_size=1000,
    )
    HouseholdMember.objects.bulk_create(
        [
            HouseholdMember(household=households[i // per_household], person=p)
            for i, p in enumerate(persons)
        ],
        batch_size=1000,
    )
    users = User.objects.bulk_create(
        [
            User(
                phone=f"09{50000000 + start + i}",
                login=f"09{50000000 + start + i}",
                person=p,
                password="!",
            )
            for i, p in enumerate(persons)
        ],
        batch_size=1000,
    )
    return [u.pk for u in users]


@pytest.fixture
def enqueued():
    seen: list[tuple] = []

    def record(sender, task_result, **kwargs):
        if task_result.task.module_path == BATCH_TASK:
            seen.append(tuple(task_result.args))

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def test_fanout_to_10000_people_runs_in_batches(
    tree, personas, enqueued, django_capture_on_commit_callbacks
):
    ids = residents(tree.village_a1, 10_000)
    # Not in the audience: a person who left, a household that left, an inactive user,
    # and someone in another commune.
    outsiders = residents(tree.village_a2, 3, per_household=1, start=20_000)
    HouseholdMember.objects.filter(person__user__pk=outsiders[0]).update(left_on=date(2026, 1, 1))
    Household.objects.filter(memberships__person__user__pk=outsiders[1]).update(
        left_on=date(2026, 1, 1)
    )
    User.objects.filter(pk=outsiders[2]).update(is_active=False)
    residents(tree.village_b1, 2, start=30_000)
    officer = personas["officer_a"]

    with (
        CaptureQueriesContext(connection) as request_queries,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        fanout = notify_fanout(
            actor=officer,
            kind="notify.announcement",
            audience=HouseholdMembersUnder(tree.commune_a.pk),
            title="Họp dân toàn xã",
            body="Chủ nhật 8 giờ tại hội trường xã.",
            url="/units/90001/",
        )
    # The request neither lists the audience nor stores a notification.
    assert not Notification.objects.exists()
    assert len(request_queries) < 15 and len(callbacks) == 1
    assert AuditEvent.objects.filter(
        action="notify.fanout_started", target_id=str(fanout.pk)
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()

    fanout.refresh_from_db()
    assert (fanout.status, fanout.total, fanout.processed) == ("done", 10_000, 10_000)
    assert fanout.batches == 10 and fanout.percent == 100
    assert len(enqueued) == 10
    assert enqueued[0] == (fanout.pk, 0)
    assert enqueued[1] == (fanout.pk, ids[999])
    assert Notification.objects.filter(fanout=fanout).count() == 10_000
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == set(ids)
    assert not Notification.objects.exclude(delivery="digest").exists()  # announcements wait


def test_a_repeated_batch_task_adds_nothing(tree, personas, django_capture_on_commit_callbacks):
    from danchu.core.notify.services import fanout_process_batch

    residents(tree.village_a1, 5)
    with django_capture_on_commit_callbacks(execute=True):
        fanout = notify_fanout(
            actor=personas["village_head_a1"],
            kind="notify.announcement",
            audience=HouseholdMembersUnder(tree.village_a1.pk),
            title="Họp thôn",
        )
    assert fanout_process_batch(fanout.pk, 0) == 0
    assert Notification.objects.count() == 5


def test_urgent_fanout_is_sent_by_the_workers(
    tree, personas, outbox, django_capture_on_commit_callbacks, settings
):
    settings.DANCHU_NOTIFY_BATCH_SIZE = 2
    ids = residents(tree.village_a1, 5)
    with django_capture_on_commit_callbacks(execute=True):
        fanout = notify_fanout(
            actor=personas["officer_a"],
            kind=URGENT,
            audience=HouseholdMembersUnder(tree.commune_a.pk),
            title="Bỏ phiếu mở hôm nay",
        )
    fanout.refresh_from_db()
    assert fanout.batches == 3
    assert len(outbox["sms"]) == 5
    assert {m.user_id for m in outbox["sms"]} == set(ids)
    assert not Notification.objects.exclude(delivery="sent").exists()


def test_role_holders_audience(tree, personas, django_capture_on_commit_callbacks):
    other_head = make_user("0911000050", roles.VILLAGE_HEAD, tree.village_a2)
    make_user("0911000051", roles.VILLAGE_HEAD, tree.village_b1)
    audience = RoleHoldersUnder(roles.VILLAGE_HEAD, tree.commune_a.pk)
    assert list(audience_users(audience).values_list("pk", flat=True)) == sorted(
        [personas["village_head_a1"].pk, other_head.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify_fanout(actor=personas["chair_a"], kind=URGENT, audience=audience, title="Họp")
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        personas["village_head_a1"].pk,
        other_head.pk,
    }


def test_fanout_needs_the_permission_over_the_unit(tree, personas):
    for who, unit in [
        ("resident", tree.commune_a),
        ("officer_b", tree.commune_a),
        ("village_head_a1", tree.village_a2),
        ("province_officer", tree.commune_a),
    ]:
        with pytest.raises(NotPermitted):
            notify_fanout(
                actor=personas[who],
                kind="notify.announcement",
                audience=HouseholdMembersUnder(unit.pk),
                title="Không được",
            )
    assert not FanOut.objects.exists() and not AuditEvent.objects.exists()


def test_announce_page_starts_a_fanout_and_shows_progress(
    tree, personas, login, django_capture_on_commit_callbacks
):
    residents(tree.village_a1, 3)
    client = login(personas["village_head_a1"])
    page = client.get("/notify/announce/").content.decode()
    assert "Thôn Một" in page and "Thôn Hai" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/notify/announce/",
            {"unit": tree.village_a1.pk, "title": "Họp thôn", "body": "Tối nay", "url": ""},
        )
    fanout = FanOut.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/notify/fanouts/{fanout.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "100%" in detail and "3/3" in detail
    assert Notification.objects.count() == 3
    # Another village's head cannot see it; a resident cannot announce.
    assert login(personas["officer_b"]).get(f"/notify/fanouts/{fanout.pk}/").status_code == 404
    assert login(personas["resident"]).get("/notify/announce/").status_code == 404


def test_a_lost_batch_is_resumed_by_the_sweep(django_capture_on_commit_callbacks, tree, personas):
    """The first batch task is lost (its on-commit enqueue never ran); the periodic sweep finds
    the fan-out and finishes it, and sweeping again adds nothing."""
    from datetime import timedelta

    from django.utils import timezone

    from danchu.core.notify.models import FanOutStatus
    from danchu.core.notify.services import fanout_resume_stalled

    residents(tree.village_a1, 5)
    with django_capture_on_commit_callbacks(execute=False):
        fanout = notify_fanout(
            actor=personas["officer_a"],
            kind=URGENT,
            audience=HouseholdMembersUnder(tree.commune_a.pk),
            title="Họp dân",
        )
    assert not Notification.objects.exists()
    assert fanout_resume_stalled() == 0  # too recent to count as stalled
    FanOut.objects.filter(pk=fanout.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert fanout_resume_stalled() == 1
    fanout.refresh_from_db()
    assert fanout.status == FanOutStatus.DONE
    assert Notification.objects.filter(fanout=fanout).count() == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert fanout_resume_stalled() == 0
    assert Notification.objects.filter(fanout=fanout).count() == 5
