"""Publication services: deadlines, publishing, immutability, corrections, scheduling, the end
of posting periods, channels, broadcasts, relays and followers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.calendar import deadline
from danchu.core.notify.models import Notification
from danchu.disclosure.domain.channels import Channel
from danchu.disclosure.models import (
    BroadcastLog,
    CatalogueItem,
    ChannelRecord,
    Follow,
    Publication,
    PublicationStatus,
    PublicationVersion,
    RelayConfirmation,
)
from danchu.disclosure.publications_setup import PublishedVersionImmutable
from danchu.disclosure.services_publications import (
    PublicationError,
    broadcast_log,
    channel_record,
    content_hash,
    follow_set,
    postings_end_due,
    publication_correct,
    publication_create,
    publication_publish,
    publication_schedule,
    publication_update,
    publications_publish_due,
    relay_confirm,
)
from tests.disclosure.publications.conftest import DECISION, commune_item


def _actions(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_draft_is_due_five_working_days_after_the_decision_across_the_holidays(make_draft):
    draft = make_draft()
    # 27/4/2026 (Mon) + 5 working days: 28, 29, [30/4, 1/5 holidays], 4, 5, 6 May.
    assert draft.due_on == date(2026, 5, 6)
    assert draft.due_on == deadline(DECISION, 5, "working_days")
    assert draft.status == PublicationStatus.DRAFT
    assert draft.current_version.number == 1
    assert draft.current_version.published_at is None
    assert _actions("disclosure.publication_created") == 1


def test_enterprise_item_counts_calendar_days(personas, tree):
    from danchu.core.access import roles
    from danchu.core.units.domain.kinds import Kind
    from tests.conftest import make_unit, make_user

    enterprise = make_unit("90001-D01", "Công ty May An Phú", Kind.ENTERPRISE, tree.commune_a)
    employer = make_user("0911000099", roles.EMPLOYER, enterprise)
    item = CatalogueItem.objects.get(regime="enterprise", number=1)
    draft = publication_create(
        actor=employer,
        unit=enterprise,
        item=item,
        title="Tình hình sản xuất kinh doanh quý I",
        decision_date=DECISION,
    )
    assert draft.due_on == date(2026, 5, 12)  # 15 calendar days (Art. 65(2))


def test_item_must_match_the_unit(personas, tree):
    agency_item = CatalogueItem.objects.get(regime="agency", number=3)
    with pytest.raises(PublicationError):
        publication_create(
            actor=personas["officer_a"],
            unit=tree.commune_a,
            item=agency_item,
            title="Dự toán",
            decision_date=DECISION,
        )
    assert Publication.objects.count() == 0


def test_official_of_another_commune_cannot_create(personas, tree):
    with pytest.raises(NotPermitted):
        publication_create(
            actor=personas["officer_b"],
            unit=tree.commune_a,
            item=commune_item(2),
            title="Dự toán",
            decision_date=DECISION,
        )
    assert Publication.objects.count() == 0


def test_publish_sets_dates_hash_and_audit(make_published, personas):
    publication = make_published()
    version = publication.current_version
    version.refresh_from_db()
    today = timezone.localdate()
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.published_on == today
    assert publication.posting_ends_on == today + timedelta(days=29)  # 30 consecutive days
    assert version.published_at is not None
    assert version.published_by == personas["officer_a"]
    assert version.content_hash == content_hash(version.title, version.summary, version.body, [])
    assert len(version.content_hash) == 64
    assert _actions("disclosure.publication_published") == 1


def test_permanent_item_has_no_posting_end(make_published):
    publication = make_published(title="Quy chế dân chủ", number=4)
    assert publication.posting_ends_on is None


def test_publishing_twice_is_refused_and_changes_nothing(make_published, personas):
    publication = make_published()
    before = PublicationVersion.objects.get(pk=publication.current_version_id).published_at
    with pytest.raises(PublicationError, match="đã được công khai"):
        publication_publish(actor=personas["officer_a"], publication=publication)
    assert _actions("disclosure.publication_published") == 1
    assert PublicationVersion.objects.get(pk=publication.current_version_id).published_at == before


def test_published_version_is_immutable(make_published, personas):
    publication = make_published()
    with pytest.raises(PublicationError):
        publication_update(
            actor=personas["officer_a"],
            publication=publication,
            title="Sửa lén",
            decision_date=DECISION,
        )
    version = PublicationVersion.objects.get(pk=publication.current_version_id)
    assert version.title == "Dự toán ngân sách xã An Phú năm 2027"
    version.title = "Sửa trực tiếp"
    with pytest.raises(PublishedVersionImmutable):
        version.save()


def test_draft_can_be_edited(make_draft, personas):
    draft = make_draft()
    publication_update(
        actor=personas["officer_a"],
        publication=draft,
        title="Dự toán (sửa)",
        decision_date=date(2026, 5, 4),
    )
    draft.refresh_from_db()
    assert draft.current_version.title == "Dự toán (sửa)"
    assert draft.due_on == deadline(date(2026, 5, 4), 5, "working_days")


def test_correction_is_a_new_version_and_the_old_stays(make_published, personas):
    publication = make_published()
    first = PublicationVersion.objects.get(pk=publication.current_version_id)
    with pytest.raises(PublicationError):
        publication_correct(
            actor=personas["officer_a"], publication=publication, title="X", reason="  "
        )
    second = publication_correct(
        actor=personas["officer_a"],
        publication=publication,
        title="Dự toán ngân sách xã An Phú năm 2027 (điều chỉnh)",
        summary="Điều chỉnh số liệu chi đầu tư.",
        body="<p>Tổng chi 18.500 triệu đồng.</p>",
        reason="Sai số liệu chi đầu tư",
    )
    publication.refresh_from_db()
    assert publication.current_version == second
    assert second.number == 2 and second.reason == "Sai số liệu chi đầu tư"
    assert second.published_at is not None and second.content_hash != first.content_hash
    first.refresh_from_db()
    assert first.title == "Dự toán ngân sách xã An Phú năm 2027"
    assert first.published_at is not None
    assert _actions("disclosure.publication_corrected") == 1


def test_a_draft_cannot_be_corrected(make_draft, personas):
    draft = make_draft()
    with pytest.raises(PublicationError):
        publication_correct(actor=personas["officer_a"], publication=draft, title="X", reason="Sai")
    assert draft.versions.count() == 1


def test_scheduled_publication_is_published_when_due(
    make_draft, personas, django_capture_on_commit_callbacks
):
    draft = make_draft()
    at = timezone.now() + timedelta(hours=1)
    publication_schedule(actor=personas["officer_a"], publication=draft, at=at)
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.SCHEDULED
    assert publications_publish_due(timezone.now()) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert publications_publish_due(at + timedelta(minutes=1)) == 1
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert draft.published_on == timezone.localdate(at + timedelta(minutes=1))
    event = AuditEvent.objects.get(action="disclosure.publication_published")
    assert event.data["scheduled"] is True and event.actor_id is None
    assert publications_publish_due(at + timedelta(minutes=2)) == 0


def test_periodic_task_publishes_due_schedules(make_draft, personas):
    from danchu.disclosure.tasks_publications import publish_scheduled

    draft = make_draft()
    publication_schedule(
        actor=personas["officer_a"], publication=draft, at=timezone.now() + timedelta(hours=1)
    )
    Publication.objects.filter(pk=draft.pk).update(
        scheduled_for=timezone.now() - timedelta(minutes=1)
    )
    assert publish_scheduled.call_local() == 1
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED


def test_schedule_in_the_past_is_refused(make_draft, personas):
    draft = make_draft()
    with pytest.raises(PublicationError):
        publication_schedule(
            actor=personas["officer_a"],
            publication=draft,
            at=timezone.now() - timedelta(minutes=5),
        )
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_posting_period_ends_automatically(make_published, personas):
    publication = make_published()
    open_record = ChannelRecord.objects.create(
        publication=publication,
        channel=Channel.POSTING_VILLAGE,
        place=publication.unit.children.first(),
        started_on=publication.published_on,
    )
    last_day = publication.posting_ends_on
    assert postings_end_due(last_day) == 0  # the last day is still within the period
    assert postings_end_due(last_day + timedelta(days=1)) == 1
    publication.refresh_from_db()
    open_record.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    assert open_record.ended_on == last_day
    event = AuditEvent.objects.get(action="disclosure.posting_ended")
    assert event.target_id == str(publication.pk)
    assert postings_end_due(last_day + timedelta(days=2)) == 0  # recorded once


def test_channel_record_generates_the_posting_record(make_published, personas, tree):
    from danchu.core.documents.models import GeneratedDocument

    publication = make_published()
    record = channel_record(
        actor=personas["officer_a"],
        publication=publication,
        channel=Channel.POSTING_VILLAGE,
        place=tree.village_a1,
        started_on=publication.published_on,
        posted_by="Nguyễn Văn Niêm",
        formats=("html",),
    )
    assert record.ended_on == publication.published_on + timedelta(days=29)
    document = GeneratedDocument.objects.get(pk=record.proof_document_id)
    html = document.files.get(format="html").file.read().decode()
    assert "Nhà văn hóa thôn Một" in html
    assert "Nguyễn Văn Niêm" in html
    assert _actions("disclosure.channel_recorded") == 1


def test_channel_place_must_be_under_the_unit(make_published, personas, tree):
    publication = make_published()
    with pytest.raises(PublicationError):
        channel_record(
            actor=personas["officer_a"],
            publication=publication,
            channel=Channel.POSTING_VILLAGE,
            place=tree.village_b1,
            started_on=publication.published_on,
            formats=("html",),
        )
    assert ChannelRecord.objects.count() == 0


def test_channels_need_a_published_publication(make_draft, personas):
    draft = make_draft()
    with pytest.raises(PublicationError):
        channel_record(
            actor=personas["officer_a"],
            publication=draft,
            channel=Channel.WEBSITE,
            started_on=DECISION,
        )


def test_one_broadcast_per_day(make_published, personas):
    publication = make_published(title="Danh sách hộ nghèo", number=7)
    day = publication.published_on
    broadcast_log(actor=personas["officer_a"], publication=publication, broadcast_on=day)
    with pytest.raises(PublicationError):
        broadcast_log(actor=personas["officer_a"], publication=publication, broadcast_on=day)
    assert BroadcastLog.objects.count() == 1
    assert _actions("disclosure.broadcast_logged") == 1


def test_village_head_confirms_relay_for_own_village_only(make_published, personas, tree):
    publication = make_published(title="Danh sách hộ nghèo", number=7)
    head = personas["village_head_a1"]
    relay_confirm(
        actor=head,
        publication=publication,
        village=tree.village_a1,
        method="Họp thôn",
        relayed_on=publication.published_on,
    )
    with pytest.raises(NotPermitted):
        relay_confirm(
            actor=head,
            publication=publication,
            village=tree.village_a2,
            method="Họp thôn",
            relayed_on=publication.published_on,
        )
    with pytest.raises(PublicationError):
        relay_confirm(
            actor=head,
            publication=publication,
            village=tree.village_a1,
            method="Lần hai",
            relayed_on=publication.published_on,
        )
    assert RelayConfirmation.objects.count() == 1


def test_relay_village_must_be_under_the_publishing_unit(personas, tree, make_draft):
    agency_item = CatalogueItem.objects.get(regime="agency", number=2)
    draft = make_draft(
        title="Kế hoạch công tác năm",
        actor=personas["agency_head_a"],
        unit=tree.agency_a,
        item=agency_item,
    )
    publication_publish(actor=personas["agency_head_a"], publication=draft)
    with pytest.raises(PublicationError):
        relay_confirm(
            actor=personas["village_head_a1"],
            publication=draft,
            village=tree.village_a1,
            method="Họp thôn",
            relayed_on=timezone.localdate(),
        )
    assert RelayConfirmation.objects.count() == 0


def test_followers_are_notified_on_publish(make_published, personas, tree):
    follow_set(actor=personas["resident"], unit=tree.commune_a)
    follow_set(actor=personas["officer_b"], unit=tree.commune_a, item=commune_item(9))
    follow_set(actor=personas["front_a"], unit=tree.commune_a, item=commune_item(2))
    make_published()
    notified = set(
        Notification.objects.filter(kind="disclosure.published").values_list(
            "recipient_id", flat=True
        )
    )
    assert notified == {personas["resident"].pk, personas["front_a"].pk}
    assert Follow.objects.count() == 3


def test_households_can_be_notified_by_fanout(
    make_draft, personas, households, django_capture_on_commit_callbacks
):
    from danchu.core.notify.models import FanOut

    draft = make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        publication_publish(actor=personas["officer_a"], publication=draft, notify_households=True)
    fanout = FanOut.objects.get(kind="disclosure.published")
    assert fanout.unit == draft.unit
    assert fanout.audience == {"type": "households", "unit_id": draft.unit_id}


def test_proof_cannot_be_dated_in_the_future_or_before_publication(make_published, personas, tree):
    """Three loudspeaker days logged ahead would make Art. 13(3) look met before it happened."""
    from datetime import timedelta

    from django.utils import timezone

    from danchu.disclosure.models import BroadcastLog, ChannelRecord, RelayConfirmation
    from danchu.disclosure.services_publications import broadcast_log, channel_record, relay_confirm

    publication = make_published(number=7)
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = publication.published_on - timedelta(days=1)
    for day in (tomorrow, before):
        with pytest.raises(PublicationError):
            broadcast_log(actor=personas["officer_a"], publication=publication, broadcast_on=day)
        with pytest.raises(PublicationError):
            channel_record(
                actor=personas["officer_a"],
                publication=publication,
                channel="website",
                started_on=day,
            )
        with pytest.raises(PublicationError):
            relay_confirm(
                actor=personas["village_head_a1"],
                publication=publication,
                village=tree.village_a1,
                method="Họp thôn",
                relayed_on=day,
            )
    assert not BroadcastLog.objects.exists()
    assert not ChannelRecord.objects.exists()
    assert not RelayConfirmation.objects.exists()


def test_moving_the_decision_date_is_audited(make_draft, personas):
    from danchu.core.audit.models import AuditEvent
    from danchu.disclosure.services_publications import publication_update

    draft = make_draft()
    old_due = draft.due_on
    publication_update(
        actor=personas["officer_a"],
        publication=draft,
        title="Dự toán ngân sách xã An Phú năm 2027",
        decision_date=date(2026, 6, 1),
    )
    event = AuditEvent.objects.get(action="disclosure.decision_date_changed")
    assert event.data["due_on"][0] == old_due.isoformat()
    assert event.data["decision_date"][1] == "2026-06-01"
