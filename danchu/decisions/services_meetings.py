"""Community meetings (Law 10/2022/QH15 Arts 18, 20(3), 24(2); ND 59/2023 Art. 3; ND 61/2023
Art. 10): planning the meeting and its matters, the notice (Mẫu 01), the documents sent ahead,
a cluster plan, the households present, the approvals the meeting gives by show of hands, the
counts, the secret-ballot counting minutes (Mẫu 02), and closing, where each matter is decided
or goes to household ballots.

Every function is atomic, re-checks permission, locks the rows it changes and writes its audit
event in the same transaction; a refused step raises DecisionError and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import fold, normalise_spaces
from danchu.core.access import roles
from danchu.core.access.errors import NotPermitted
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import has_perm, register
from danchu.core.audit.services import audit_record
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.services import document_generate
from danchu.core.people.models import Household, HouseholdMember, Person
from danchu.core.units.models import Unit
from danchu.decisions import services
from danchu.decisions.documents_meetings import COUNTING_MINUTES, MEETING_NOTICE
from danchu.decisions.domain import elections as rules_el
from danchu.decisions.domain import meetings as domain
from danchu.decisions.domain import rules
from danchu.decisions.domain import village_codes as code_law
from danchu.decisions.models import (
    Attendance,
    DecisionForm,
    Dismissal,
    Election,
    Matter,
    MatterStatus,
    Meeting,
    MeetingCluster,
    MeetingStatus,
    MeetingTally,
    SpeakerRegistration,
    Team,
    TeamMember,
    TeamPurpose,
    VotingMethod,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_meetings import APPROVE_CLUSTER_PLAN
from danchu.decisions.services import DecisionError, acting_user, village_households

COUNTING_MINUTES_GENERATED = "decisions.counting_minutes_generated"

AUDIT_ACTIONS = (
    "decisions.meeting_created",
    "decisions.meeting_notice_sent",
    "decisions.meeting_documents_delivered",
    "decisions.meeting_cluster_added",
    "decisions.meeting_cluster_plan_approved",
    "decisions.meeting_started",
    "decisions.meeting_attendance_recorded",
    "decisions.meeting_speaker_registered",
    "decisions.meeting_secretary_approved",
    "decisions.meeting_voting_method_chosen",
    "decisions.meeting_counting_board_set",
    "decisions.meeting_witnesses_set",
    "decisions.meeting_tally_recorded",
    "decisions.meeting_ballot_fallback",
    COUNTING_MINUTES_GENERATED,
    "decisions.meeting_closed",
)


# --- who runs the meeting (Art. 18(1); ND 59/2023 Art. 9) ------------------------------------

# A dismissal of the village head is decided at a meeting convened and run by the village Front
# work committee head (or the commune chair), never by the village head being dismissed. Both
# permissions are registered by ``meetings_setup.register``.
RUN_DISMISSAL_MEETING = "decisions.run_dismissal_meeting"
RECORD_DISMISSAL_MEETING = "decisions.record_dismissal_meeting"

_not_the_village_head = ~holds_role_over(roles.VILLAGE_HEAD)


def register_permissions() -> None:
    register(
        RUN_DISMISSAL_MEETING,
        holds_role_over(roles.FRONT_COMMITTEE_HEAD, roles.COMMUNE_CHAIR) & _not_the_village_head,
    )
    register(
        RECORD_DISMISSAL_MEETING,
        holds_role_over(roles.FRONT_COMMITTEE_HEAD, roles.COMMUNE_CHAIR, roles.COMMUNE_FRONT)
        & _not_the_village_head,
    )


def decides_a_dismissal(meeting: Meeting) -> bool:
    """Whether one of the meeting's matters is the dismissal of the village head."""
    return Dismissal.objects.filter(matter__meeting=meeting).exists()


def may_run(actor: Any, meeting: Meeting, *, dismissal: bool | None = None) -> bool:
    """Whether the actor convenes and runs the meeting: the village head (or the commune chair)
    for an ordinary meeting (Art. 18(1)); the Front work committee head or the commune chair
    for a meeting that decides a dismissal, never anyone holding the village head's role over
    the village (ND 59/2023 Art. 9)."""
    if dismissal is None:
        dismissal = decides_a_dismissal(meeting)
    return has_perm(actor, RUN_DISMISSAL_MEETING if dismissal else RUN_MATTERS, meeting)


def may_record(actor: Any, meeting: Meeting, *, dismissal: bool | None = None) -> bool:
    """Whether the actor records the meeting's attendance, registrations and counts; at a
    dismissal meeting never the village head."""
    if dismissal is None:
        dismissal = decides_a_dismissal(meeting)
    return has_perm(actor, RECORD_DISMISSAL_MEETING if dismissal else RECORD_VOTES, meeting)


def require_runner(actor: Any, meeting: Meeting) -> None:
    if not may_run(actor, meeting):
        raise NotPermitted()


def require_recorder(actor: Any, meeting: Meeting) -> None:
    if not may_record(actor, meeting):
        raise NotPermitted()


# --- helpers ---------------------------------------------------------------------------------


def _not_in_future(value: datetime | date, message: str) -> None:
    now = timezone.now()
    if isinstance(value, datetime):
        if value > now:
            raise DecisionError(message)
    elif value > timezone.localdate():
        raise DecisionError(message)


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent")
        .get(pk=meeting.pk)
    )


def _require_status(meeting: Meeting, *statuses: str) -> None:
    """Refuse unless the meeting is in one of ``statuses``, saying what is wrong."""
    if meeting.status in statuses:
        return
    if meeting.status == MeetingStatus.CLOSED:
        raise DecisionError(_("The meeting is closed."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise DecisionError(_("The meeting was cancelled."))
    if meeting.status == MeetingStatus.IN_PROGRESS:
        raise DecisionError(_("The meeting has already started."))
    if meeting.status == MeetingStatus.PLANNED and MeetingStatus.NOTIFIED in statuses:
        raise DecisionError(_("The notice of this meeting has not been sent yet."))
    raise DecisionError(_("The meeting has not started."))


def present_count(meeting: Meeting, cluster: MeetingCluster | None = None) -> int:
    """Households present at the meeting (or at one cluster of it)."""
    rows = Attendance.objects.filter(meeting=meeting)
    if cluster is not None:
        rows = rows.filter(cluster=cluster)
    return rows.count()


def _approval(meeting: Meeting, votes: int, what: str) -> int:
    """Check ``votes`` against the representatives present; return the count present."""
    present = present_count(meeting)
    if isinstance(votes, bool) or not isinstance(votes, int) or votes < 0:
        raise DecisionError(_("The number of hands must be a whole number."))
    if votes > present:
        raise DecisionError(
            _("%(votes)s hands is more than the %(present)s representatives present.")
            % {"votes": votes, "present": present}
        )
    if not domain.approved_by_present(votes, present):
        raise DecisionError(
            _(
                "%(what)s needs the hands of more than half of the representatives present: "
                "%(votes)s of %(present)s is not enough."
            )
            % {"what": what, "votes": votes, "present": present}
        )
    return present


def _names(names: Iterable[str]) -> list[str]:
    cleaned = [normalise_spaces(n)[:150] for n in names]
    return [n for n in cleaned if n]


# --- planning --------------------------------------------------------------------------------


def meeting_create(
    *,
    actor: Any,
    village: Unit,
    title: str,
    scheduled_at: datetime,
    place: str,
    convenor_name: str,
    matters: Sequence[Matter],
) -> Meeting:
    """Plan a meeting of the village's household representatives (Art. 18(1)) to decide draft
    matters of that village proposed for a meeting (a village's part of a commune-scope matter
    included). A village code is put to the meeting only once its draft has stayed posted for
    its comment period on the meeting's day (ND 61/2023 Art. 9(1)); an election is decided at a
    meeting on the day its plan set (ND 59/2023 Art. 6). A dismissal of the village head is
    decided at its own meeting, convened and chaired by the Front work committee head or the
    commune chair and never by the village head (Art. 18(1); ND 59 Art. 9)."""
    if not village.is_village:
        raise DecisionError(_("A community meeting is held by a village."))
    matter_ids = sorted({m.pk for m in matters})
    dismissal = Dismissal.objects.filter(matter_id__in=matter_ids).first()
    if not has_perm(actor, RUN_DISMISSAL_MEETING if dismissal else RUN_MATTERS, village):
        raise NotPermitted()
    title = normalise_spaces(title)[:255]
    place = normalise_spaces(place)[:255]
    convenor_name = normalise_spaces(convenor_name)[:150]
    if not title:
        raise DecisionError(_("The title is required."))
    if not place:
        raise DecisionError(_("The place of the meeting is required."))
    if not convenor_name:
        raise DecisionError(_("Name who convenes and chairs the meeting."))
    if not matter_ids:
        raise DecisionError(_("Choose at least one matter for the meeting to decide."))
    if dismissal is not None:
        if len(matter_ids) > 1:
            raise DecisionError(
                _(
                    "A dismissal of the village head is decided at its own meeting, convened by "
                    "the Front work committee head; put the other matters to another meeting."
                )
            )
        if rules_el.same_person_name(convenor_name, dismissal.head_name):
            raise DecisionError(
                _(
                    "The village head whose dismissal is decided cannot convene or chair the "
                    "meeting; the Front work committee head does (ND 59/2023 Art. 9)."
                )
            )
    with transaction.atomic():
        locked = list(Matter.objects.select_for_update().filter(pk__in=matter_ids))
        if len(locked) != len(matter_ids):
            raise DecisionError(_("A chosen matter does not exist."))
        for matter in locked:
            if matter.unit_id != village.pk:
                raise DecisionError(
                    _("The matter «%(title)s» belongs to another unit.") % {"title": matter.title}
                )
            if matter.status != MatterStatus.DRAFT or matter.form != DecisionForm.MEETING:
                raise DecisionError(
                    _("The matter «%(title)s» is not a draft proposed for a meeting.")
                    % {"title": matter.title}
                )
            if matter.meeting_id is not None:
                raise DecisionError(
                    _("The matter «%(title)s» is already on another meeting's agenda.")
                    % {"title": matter.title}
                )
        check_meeting_day(locked, domain.local_day(scheduled_at))
        meeting = Meeting.objects.create(
            unit=village,
            title=title,
            scheduled_at=scheduled_at,
            place=place,
            convenor_name=convenor_name,
            created_by=acting_user(actor),
        )
        Matter.objects.filter(pk__in=matter_ids).update(meeting=meeting)
        audit_record(
            actor=actor,
            action="decisions.meeting_created",
            target=meeting,
            unit=village,
            data={
                "title": title,
                "scheduled_at": scheduled_at.isoformat(),
                "place": place,
                "matters": matter_ids,
            },
        )
    return meeting


def check_meeting_day(matters: Sequence[Matter], day: date) -> None:
    """Refuse a meeting on ``day`` for a village code whose draft has not stayed posted for its
    comment period by then (ND 61/2023 Art. 9(1), counted by
    ``domain.village_codes.earliest_vote_on``), and for an election on another day than its
    plan set (ND 59/2023 Art. 6: the steps are timed from that day)."""
    from danchu.decisions.models import VillageCode

    ids = [m.pk for m in matters]
    codes = {
        c.matter_id: c
        for c in VillageCode.objects.filter(matter_id__in=ids, posted_on__isnull=False)
    }
    elections = {e.matter_id: e for e in Election.objects.filter(matter_id__in=ids)}
    for matter in matters:
        if matter.kind == rules.VILLAGE_CODE:
            code = codes.get(matter.pk)
            if code is None:
                raise DecisionError(
                    _(
                        "«%(title)s» has no draft posted for comment: a village code is put to "
                        "the vote from its posted draft (ND 61/2023 Art. 9(1))."
                    )
                    % {"title": matter.title}
                )
            earliest = code_law.earliest_vote_on(code.posted_on, code.comment_days)
            if day < earliest:
                raise DecisionError(
                    _(
                        "The draft of «%(title)s» must stay posted for %(days)s days: the meeting "
                        "can decide it on %(date)s at the earliest (ND 61/2023 Art. 9(1))."
                    )
                    % {
                        "title": matter.title,
                        "days": code.comment_days,
                        "date": earliest.strftime("%d/%m/%Y"),
                    }
                )
        election = elections.get(matter.pk)
        if election is not None and election.meeting_on != day:
            raise DecisionError(
                _("The election meeting is planned for %(date)s; hold the meeting on that day.")
                % {"date": election.meeting_on.strftime("%d/%m/%Y")}
            )


def notice_send(
    *, actor: Any, meeting: Meeting, channels: Sequence[str], sent_at: datetime
) -> Meeting:
    """Send the notice (Mẫu 01) at least 2 days before the meeting, by the chosen channels, and
    post it at the culture house (ND 59/2023 Art. 3(3); R-DEC-15). The notice is generated as
    PDF and DOCX and kept on the meeting."""
    require_runner(actor, meeting)
    chosen = list(dict.fromkeys(channels))
    unknown = [c for c in chosen if c not in domain.NOTICE_CHANNELS and c != domain.POSTING]
    if unknown:
        raise DecisionError(_("Unknown notice channel."))
    chosen = [c for c in chosen if c != domain.POSTING]
    if not chosen:
        raise DecisionError(
            _(
                "Choose how the notice reaches the households: invitation, direct notice, "
                "loudspeaker, phone or the village's social-network app."
            )
        )
    chosen.append(domain.POSTING)  # always posted at the culture house (Art. 3(3))
    _not_in_future(sent_at, _("The notice cannot be dated in the future."))
    with transaction.atomic():
        locked = _lock(meeting)
        if locked.status == MeetingStatus.NOTIFIED:
            raise DecisionError(_("The notice of this meeting has already been sent."))
        _require_status(locked, MeetingStatus.PLANNED)
        if not domain.notice_in_time(sent_at, locked.scheduled_at):
            raise DecisionError(
                _(
                    "The notice must reach the households at least 2 days before the day of the "
                    "meeting (ND 59/2023 Art. 3(3)); move the meeting to a later day."
                )
            )
        matters = list(locked.matters.order_by("pk"))
        needs_documents = [m for m in matters if domain.documents_required(m.kind)]
        document = document_generate(
            actor=actor,
            doc_type=MEETING_NOTICE,
            unit=locked.unit,
            data={
                "title": locked.title,
                "scheduled_at": timezone.localtime(locked.scheduled_at).isoformat(),
                "place": locked.place,
                "convenor": locked.convenor_name,
                "matters": [m.title for m in matters],
                "channels": chosen,
                "sent_on": domain.local_day(sent_at).isoformat(),
                "documents_note": (
                    "Tài liệu của các nội dung trên được gửi đến từng hộ gia đình chậm nhất 02 "
                    "ngày trước ngày họp (khoản 4 Điều 3 Nghị định số 59/2023/NĐ-CP)."
                    if needs_documents
                    else ""
                ),
            },
            formats=("pdf", "docx"),
        )
        locked.notice_channels = chosen
        locked.notice_sent_at = sent_at
        locked.notice_document = document
        locked.status = MeetingStatus.NOTIFIED
        locked.save(
            update_fields=["notice_channels", "notice_sent_at", "notice_document", "status"]
        )
        audit_record(
            actor=actor,
            action="decisions.meeting_notice_sent",
            target=locked,
            unit=locked.unit,
            data={"channels": chosen, "sent_at": sent_at.isoformat(), "document": document.pk},
        )
    return locked


def documents_delivered(*, actor: Any, matter: Matter, on: date) -> Matter:
    """Record the day the matter's documents reached every household (ND 59/2023 Art. 3(4)):
    for contributions, community funds and the village code, at least 2 days before the
    meeting."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    _not_in_future(on, _("The delivery cannot be dated in the future."))
    with transaction.atomic():
        locked = (
            Matter.objects.select_for_update(of=("self",)).select_related("unit").get(pk=matter.pk)
        )
        if locked.status != MatterStatus.DRAFT:
            raise DecisionError(_("Voting on this matter has already been opened."))
        locked.documents_sent_on = on
        locked.save(update_fields=["documents_sent_on"])
        audit_record(
            actor=actor,
            action="decisions.meeting_documents_delivered",
            target=locked,
            unit=locked.unit,
            data={"on": on.isoformat()},
        )
    return locked


def cluster_add(
    *,
    actor: Any,
    meeting: Meeting,
    name: str,
    chair_name: str,
    place: str = "",
    scheduled_at: datetime | None = None,
    scattered: bool = False,
) -> MeetingCluster:
    """Add a residential cluster to the meeting's cluster plan (Art. 18(3); ND 59/2023 Art.
    3(6)): only a village of 200 households or more, or one the village head declares to have
    scattered housing (the declaration is kept on the meeting, ``scattered_housing``, for the
    commune to judge with the plan)."""
    require_runner(actor, meeting)
    name = normalise_spaces(name)[:120]
    chair_name = normalise_spaces(chair_name)[:150]
    if not name or not chair_name:
        raise DecisionError(_("Name the cluster and its chair."))
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.PLANNED, MeetingStatus.NOTIFIED)
        if locked.cluster_plan_approved_on is not None:
            raise DecisionError(_("The commune has already approved the cluster plan."))
        households = village_households(locked.unit)
        if not domain.clusters_allowed(households, scattered):
            raise DecisionError(
                _(
                    "Only a village of 200 households or more, or one with scattered housing, "
                    "may meet in clusters (Law 10/2022 Art. 18(3)); this village has "
                    "%(households)s households."
                )
                % {"households": households}
            )
        try:
            with transaction.atomic():
                cluster = MeetingCluster.objects.create(
                    meeting=locked,
                    name=name,
                    chair_name=chair_name,
                    place=normalise_spaces(place)[:255],
                    scheduled_at=scheduled_at,
                )
        except IntegrityError:
            raise DecisionError(_("The plan already has a cluster of that name.")) from None
        if scattered and not locked.scattered_housing:
            locked.scattered_housing = True
            locked.save(update_fields=["scattered_housing"])
        audit_record(
            actor=actor,
            action="decisions.meeting_cluster_added",
            target=locked,
            unit=locked.unit,
            data={
                "cluster": name,
                "chair": chair_name,
                "households": households,
                "scattered": bool(scattered),
            },
        )
    return cluster


def cluster_plan_approve(*, actor: Any, meeting: Meeting, on: date) -> Meeting:
    """The commune People's Committee decides the cluster plan (Art. 18(3); ND 59/2023 Art.
    3(6)); its chair or an officer records the decision."""
    if not has_perm(actor, APPROVE_CLUSTER_PLAN, meeting):
        raise NotPermitted()
    _not_in_future(on, _("The approval cannot be dated in the future."))
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.PLANNED, MeetingStatus.NOTIFIED)
        if locked.cluster_plan_approved_on is not None:
            raise DecisionError(_("The commune has already approved the cluster plan."))
        clusters = locked.clusters.count()
        if clusters < 2:
            raise DecisionError(_("A cluster plan splits the meeting into at least two clusters."))
        locked.cluster_plan_approved_on = on
        locked.save(update_fields=["cluster_plan_approved_on"])
        audit_record(
            actor=actor,
            action="decisions.meeting_cluster_plan_approved",
            target=locked,
            unit=locked.unit,
            data={"on": on.isoformat(), "clusters": clusters},
        )
    return locked


# --- the meeting -----------------------------------------------------------------------------


def meeting_start(*, actor: Any, meeting: Meeting, started_at: datetime) -> Meeting:
    """Open the meeting. Refused without a notice sent at least 2 days before (ND 59/2023 Art.
    3(3)), when a contribution, fund or village-code matter's documents did not reach the
    households at least 2 days before (Art. 3(4)), or when clusters lack the commune's approved
    plan (Art. 3(6)), or when a village code's posting period has not run or an election's day
    is not today (``check_meeting_day``). Every draft matter of the meeting opens: ALL current
    households of the village are counted now (Art. 21(1))."""
    require_runner(actor, meeting)
    _not_in_future(started_at, _("The start cannot be dated in the future."))
    with transaction.atomic():
        locked = _lock(meeting)
        if locked.status == MeetingStatus.PLANNED:
            raise DecisionError(
                _("Send the notice at least 2 days before the meeting (ND 59/2023 Art. 3(3)).")
            )
        _require_status(locked, MeetingStatus.NOTIFIED)
        if locked.notice_sent_at is None or not domain.notice_in_time(
            locked.notice_sent_at, started_at
        ):
            raise DecisionError(
                _(
                    "The notice was not sent at least 2 days before the day of the meeting "
                    "(ND 59/2023 Art. 3(3))."
                )
            )
        if locked.clusters.exists() and locked.cluster_plan_approved_on is None:
            raise DecisionError(
                _("The commune has not approved the cluster plan (ND 59/2023 Art. 3(6)).")
            )
        matters = list(locked.matters.select_for_update().order_by("pk"))
        if not matters:
            raise DecisionError(_("The meeting has no matter to decide."))
        check_meeting_day(
            [m for m in matters if m.status == MatterStatus.DRAFT], domain.local_day(started_at)
        )
        for matter in matters:
            if not domain.documents_in_time(matter.kind, matter.documents_sent_on, started_at):
                raise DecisionError(
                    _(
                        "The documents of «%(title)s» did not reach every household at least 2 "
                        "days before the meeting (ND 59/2023 Art. 3(4))."
                    )
                    % {"title": matter.title}
                )
            if matter.status not in (MatterStatus.DRAFT, MatterStatus.OPEN):
                raise DecisionError(
                    _("The matter «%(title)s» has already been decided.") % {"title": matter.title}
                )
        for matter in matters:
            if matter.status == MatterStatus.DRAFT:
                # The matter opens as this step, whose runner was checked above.
                services.matter_open(actor=actor, matter=matter, by_step=True)
        locked.eligible_households = village_households(locked.unit)
        locked.started_at = started_at
        locked.status = MeetingStatus.IN_PROGRESS
        locked.save(update_fields=["eligible_households", "started_at", "status"])
        audit_record(
            actor=actor,
            action="decisions.meeting_started",
            target=locked,
            unit=locked.unit,
            data={
                "started_at": started_at.isoformat(),
                "eligible": locked.eligible_households,
                "matters": [m.pk for m in matters],
            },
        )
    return locked


def attendance_record(
    *,
    actor: Any,
    meeting: Meeting,
    household: Household,
    attendee_name: str,
    authorised: bool,
    cluster: MeetingCluster | None = None,
    attendee: Person | None = None,
) -> Attendance:
    """Record a household present through its representative or an authorised member (Art.
    18(2)); one row per household per meeting."""
    require_recorder(actor, meeting)
    if household.village_id != meeting.unit_id or household.left_on is not None:
        raise DecisionError(_("This household does not belong to the village of the meeting."))
    if attendee is not None:
        is_member = HouseholdMember.objects.filter(
            household=household, person=attendee, left_on__isnull=True
        ).exists()
        if not is_member:
            raise DecisionError(_("The attendee is not a member of this household."))
        if not authorised and attendee.pk != household.representative_id:
            raise DecisionError(
                _("A member other than the household's representative attends only if authorised.")
            )
        attendee_name = attendee_name or attendee.full_name
    attendee_name = normalise_spaces(attendee_name)[:150]
    if not attendee_name:
        raise DecisionError(_("Name the person attending for the household."))
    try:
        with transaction.atomic():
            locked = _lock(meeting)
            _require_status(locked, MeetingStatus.IN_PROGRESS)
            if locked.started_at is not None and household.created_at > locked.started_at:
                raise DecisionError(_("This household was registered after the meeting started."))
            has_clusters = locked.clusters.exists()
            if cluster is not None and cluster.meeting_id != locked.pk:
                raise DecisionError(_("That cluster belongs to another meeting."))
            if has_clusters and cluster is None:
                raise DecisionError(_("Choose the cluster the household attends."))
            row = Attendance.objects.create(
                meeting=locked,
                household=household,
                cluster=cluster,
                attendee=attendee,
                attendee_name=attendee_name,
                authorised=bool(authorised),
                recorded_by=acting_user(actor),
            )
            Meeting.objects.filter(pk=locked.pk).update(present_count=F("present_count") + 1)
            audit_record(
                actor=actor,
                action="decisions.meeting_attendance_recorded",
                target=locked,
                unit=locked.unit,
                data={
                    "household": household.pk,
                    "authorised": bool(authorised),
                    "cluster": cluster.pk if cluster else None,
                },
            )
    except IntegrityError:
        raise DecisionError(_("This household's attendance is already recorded.")) from None
    return row


def speaker_register(
    *, actor: Any, meeting: Meeting, household: Household, person: Person, topic: str = ""
) -> SpeakerRegistration:
    """A household member who disagrees with the representative registers to attend and speak
    (Art. 24(2))."""
    require_recorder(actor, meeting)
    if household.village_id != meeting.unit_id or household.left_on is not None:
        raise DecisionError(_("This household does not belong to the village of the meeting."))
    if not HouseholdMember.objects.filter(
        household=household, person=person, left_on__isnull=True
    ).exists():
        raise DecisionError(_("This person is not a member of the household."))
    if person.pk == household.representative_id:
        raise DecisionError(
            _("The representative speaks for the household; register another member.")
        )
    try:
        with transaction.atomic():
            locked = _lock(meeting)
            _require_status(locked, MeetingStatus.NOTIFIED, MeetingStatus.IN_PROGRESS)
            row = SpeakerRegistration.objects.create(
                meeting=locked,
                household=household,
                person=person,
                topic=normalise_spaces(topic)[:500],
            )
            audit_record(
                actor=actor,
                action="decisions.meeting_speaker_registered",
                target=locked,
                unit=locked.unit,
                data={"household": household.pk, "person": person.pk},
            )
    except IntegrityError:
        raise DecisionError(_("This person is already registered to speak.")) from None
    return row


def secretary_approve(*, actor: Any, meeting: Meeting, name: str, votes: int) -> Meeting:
    """The meeting appoints its secretary by the hands of more than 50% of the representatives
    present (Art. 18(4); ND 59/2023 Art. 3(5); R-DEC-16)."""
    require_runner(actor, meeting)
    name = normalise_spaces(name)[:150]
    if not name:
        raise DecisionError(_("Name the secretary."))
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.IN_PROGRESS)
        present = _approval(locked, votes, _("The secretary"))
        locked.secretary_name, locked.secretary_votes = name, votes
        locked.save(update_fields=["secretary_name", "secretary_votes"])
        audit_record(
            actor=actor,
            action="decisions.meeting_secretary_approved",
            target=locked,
            unit=locked.unit,
            data={"name": name, "votes": votes, "present": present},
        )
    return locked


def voting_method_choose(*, actor: Any, meeting: Meeting, method: str, votes: int) -> Meeting:
    """The attendees choose show of hands or secret ballot by the hands of more than 50% of the
    representatives present (ND 59/2023 Art. 3(5); R-DEC-16)."""
    require_runner(actor, meeting)
    if method not in VotingMethod.values:
        raise DecisionError(_("Unknown voting method."))
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.IN_PROGRESS)
        if locked.tallies.exists():
            raise DecisionError(_("Counts were already recorded with the chosen method."))
        present = _approval(locked, votes, _("The voting method"))
        locked.voting_method, locked.voting_method_votes = method, votes
        locked.save(update_fields=["voting_method", "voting_method_votes"])
        audit_record(
            actor=actor,
            action="decisions.meeting_voting_method_chosen",
            target=locked,
            unit=locked.unit,
            data={"method": method, "votes": votes, "present": present},
        )
    return locked


def counting_board(meeting: Meeting) -> Team | None:
    return Team.objects.filter(meeting=meeting, purpose=TeamPurpose.COUNTING).first()


def counting_board_set(*, actor: Any, meeting: Meeting, members: Sequence[str], votes: int) -> Team:
    """For a secret ballot, the meeting approves a vote-counting board of 3 to 5 people by the
    hands of more than 50% of the representatives present (ND 59/2023 Art. 3(5)(c)). The first
    named leads it."""
    require_runner(actor, meeting)
    names = list(dict.fromkeys(_names(members)))
    if not domain.counting_board_size_ok(len(names)):
        raise DecisionError(
            _("The vote-counting board has 3 to 5 people; %(count)s were named.")
            % {"count": len(names)}
        )
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.IN_PROGRESS)
        if locked.voting_method != VotingMethod.SECRET_BALLOT:
            raise DecisionError(_("A vote-counting board counts a secret ballot only."))
        if locked.tallies.exists():
            raise DecisionError(_("The board has already counted; it cannot be replaced."))
        present = _approval(locked, votes, _("The vote-counting board"))
        Team.objects.filter(meeting=locked, purpose=TeamPurpose.COUNTING).delete()
        team = Team.objects.create(
            purpose=TeamPurpose.COUNTING, meeting=locked, decided_on=timezone.localdate()
        )
        TeamMember.objects.bulk_create(
            TeamMember(team=team, full_name=name, is_leader=index == 0)
            for index, name in enumerate(names)
        )
        locked.counting_board_votes = votes
        locked.save(update_fields=["counting_board_votes"])
        audit_record(
            actor=actor,
            action="decisions.meeting_counting_board_set",
            target=locked,
            unit=locked.unit,
            data={"members": names, "votes": votes, "present": present},
        )
    return team


def witnesses_set(*, actor: Any, meeting: Meeting, names: Sequence[str]) -> Meeting:
    """Two household representatives present witness the secret-ballot count (ND 59/2023 Art.
    3(5)(c); R-DEC-14). Each must be recorded as attending."""
    require_runner(actor, meeting)
    chosen = list(dict.fromkeys(_names(names)))
    if not domain.witnesses_ok(len(chosen)):
        raise DecisionError(_("Name exactly 2 household representatives to witness the count."))
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.IN_PROGRESS)
        if locked.voting_method != VotingMethod.SECRET_BALLOT:
            raise DecisionError(_("Witnesses attend the count of a secret ballot."))
        present_names = {
            fold(n)
            for n in Attendance.objects.filter(meeting=locked).values_list(
                "attendee_name", flat=True
            )
        }
        missing = [n for n in chosen if fold(n) not in present_names]
        if missing:
            raise DecisionError(
                _("%(name)s is not recorded as attending for a household.") % {"name": missing[0]}
            )
        locked.witnesses = chosen
        locked.save(update_fields=["witnesses"])
        audit_record(
            actor=actor,
            action="decisions.meeting_witnesses_set",
            target=locked,
            unit=locked.unit,
            data={"witnesses": chosen},
        )
    return locked


def _whole(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DecisionError(_("Counts must be whole numbers, zero or more."))
    return value


def tally_record(
    *,
    actor: Any,
    meeting: Meeting,
    matter: Matter,
    agree: int,
    disagree: int,
    other: int = 0,
    invalid: int = 0,
    cluster: MeetingCluster | None = None,
    other_opinions: str = "",
) -> MeetingTally:
    """Record the count of one matter at the meeting, or at one cluster of it: hands counted on
    the spot, or the counting board's count of the secret ballot (ND 59/2023 Art. 3(5)). The
    counts cannot exceed the representatives present there. The matter's counts become the sum
    of its counts across clusters (Art. 18(3); R-DEC-18): stored counts, no household's choice."""
    require_recorder(actor, meeting)
    agree, disagree, other, invalid = (_whole(v) for v in (agree, disagree, other, invalid))
    try:
        with transaction.atomic():
            locked = _lock(meeting)
            _require_status(locked, MeetingStatus.IN_PROGRESS)
            target = Matter.objects.select_for_update().get(pk=matter.pk)
            if target.meeting_id != locked.pk:
                raise DecisionError(_("This matter is not on the meeting's agenda."))
            if Election.objects.filter(matter_id=target.pk).exists():
                raise DecisionError(
                    _(
                        "An election is counted candidate by candidate: enter each candidate's "
                        "households in favour on the election's page."
                    )
                )
            if target.status != MatterStatus.OPEN:
                raise DecisionError(_("Voting on this matter is not open."))
            if target.votes.exists():
                raise DecisionError(
                    _("Household votes were entered one by one for this matter; it has no count.")
                )
            method = locked.voting_method
            if not method:
                raise DecisionError(_("The meeting has not chosen its voting method yet."))
            if method == VotingMethod.SHOW_OF_HANDS and invalid:
                raise DecisionError(_("Only a secret ballot has invalid ballots."))
            if method == VotingMethod.SECRET_BALLOT:
                if counting_board(locked) is None:
                    raise DecisionError(_("The meeting has not approved a vote-counting board."))
                if len(locked.witnesses) != domain.WITNESSES:
                    raise DecisionError(_("Name the 2 representatives who witness the count."))
            if cluster is not None and cluster.meeting_id != locked.pk:
                raise DecisionError(_("That cluster belongs to another meeting."))
            if cluster is None and locked.clusters.exists():
                raise DecisionError(_("Choose the cluster whose count this is."))
            present = present_count(locked, cluster)
            if not domain.tally_fits(agree, disagree, other, invalid, present):
                raise DecisionError(
                    _("The count (%(total)s) is more than the %(present)s representatives present.")
                    % {"total": agree + disagree + other + invalid, "present": present}
                )
            tally = MeetingTally.objects.create(
                meeting=locked,
                matter=target,
                cluster=cluster,
                method=method,
                present=present,
                agree=agree,
                disagree=disagree,
                other=other,
                invalid=invalid,
                other_opinions=other_opinions.strip(),
                recorded_by=acting_user(actor),
            )
            sums = MeetingTally.objects.filter(matter=target).aggregate(
                agree=Sum("agree"), disagree=Sum("disagree"), other=Sum("other")
            )
            target.agree_count = sums["agree"] or 0
            target.disagree_count = sums["disagree"] or 0
            target.other_count = sums["other"] or 0
            target.save(update_fields=["agree_count", "disagree_count", "other_count"])
            if cluster is not None:
                MeetingCluster.objects.filter(pk=cluster.pk, reported_at__isnull=True).update(
                    reported_at=timezone.now()
                )
            audit_record(
                actor=actor,
                action="decisions.meeting_tally_recorded",
                target=locked,
                unit=locked.unit,
                data={
                    "matter": target.pk,
                    "cluster": cluster.pk if cluster else None,
                    "method": method,
                    "present": present,
                    "agree": agree,
                    "disagree": disagree,
                    "other": other,
                    "invalid": invalid,
                },
            )
    except IntegrityError:
        raise DecisionError(_("The count of this matter is already recorded here.")) from None
    return tally


# --- closing ---------------------------------------------------------------------------------


def _counting_minutes_data(meeting: Meeting, ended_at: datetime) -> dict[str, Any]:
    board = counting_board(meeting)
    tallies = (
        MeetingTally.objects.filter(meeting=meeting)
        .select_related("matter", "cluster")
        .order_by("matter_id", "cluster__name")
    )
    return {
        "title": meeting.title,
        "counted_at": timezone.localtime(ended_at).isoformat(),
        "counted_on": domain.local_day(ended_at).isoformat(),
        "place": meeting.place,
        "board": list(board.members.values_list("full_name", flat=True)) if board else [],
        "witnesses": list(meeting.witnesses),
        "eligible": meeting.eligible_households,
        "present": meeting.present_count,
        "results": [
            {
                "matter": t.matter.title,
                "cluster": t.cluster.name if t.cluster else "",
                "present": t.present,
                "agree": t.agree,
                "disagree": t.disagree,
                "other": t.other,
                "invalid": t.invalid,
                "other_opinions": t.other_opinions,
            }
            for t in tallies
        ],
    }


def counting_minutes_of(meeting: Meeting) -> GeneratedDocument | None:
    """The Mẫu 02 minutes generated when the meeting closed (``counting_minutes_document``)."""
    if meeting.counting_minutes_document_id is None:
        return None
    return meeting.counting_minutes_document


def meeting_close(*, actor: Any, meeting: Meeting, ended_at: datetime) -> Meeting:
    """Close the meeting and settle each matter (Art. 21(1); Art. 19(1)(b); ND 59/2023 Art.
    4(1)(b); ND 61/2023 Art. 10).

    A matter the representatives present could not adopt even if all of them agreed — or a
    village-code matter without more than 50% of households present — goes to household
    ballots: back to draft, form "ballot", ``ballot_fallback`` set, counts reset and opening
    cleared; its counts stay in the meeting's tallies for the record, and the ballots step
    makes a plan and opens it again. Any other matter is decided by ``services.matter_close``
    from its summed counts against ALL households. A secret ballot's counting minutes (Mẫu 02)
    are generated in PDF and DOCX.
    """
    require_runner(actor, meeting)
    _not_in_future(ended_at, _("The end cannot be dated in the future."))
    with transaction.atomic():
        locked = _lock(meeting)
        _require_status(locked, MeetingStatus.IN_PROGRESS)
        # Times are entered to the minute: an end in the minute the meeting started is fine.
        if locked.started_at is not None and ended_at < locked.started_at.replace(
            second=0, microsecond=0
        ):
            raise DecisionError(_("The meeting cannot end before it started."))
        present = present_count(locked)
        # An election's matter is decided by its candidates' counts (services_elections).
        matters = list(
            # Lock the matters only: PostgreSQL refuses FOR UPDATE on the outer join's side.
            locked.matters.select_for_update(of=("self",))
            .filter(status=MatterStatus.OPEN, election__isnull=True)
            .order_by("pk")
        )
        clusters = list(locked.clusters.all())
        tallied = {
            (row["matter_id"], row["cluster_id"])
            for row in MeetingTally.objects.filter(meeting=locked).values("matter_id", "cluster_id")
        }
        plan: list[tuple[Matter, bool]] = []
        for matter in matters:
            eligible = matter.eligible_households or 0
            fallback = rules.ballot_fallback_needed(matter.kind, eligible, min(present, eligible))
            if not fallback:
                needed = [(matter.pk, c.pk) for c in clusters] or [(matter.pk, None)]
                if any(key not in tallied for key in needed):
                    raise DecisionError(
                        _("Record the count of «%(title)s» before closing the meeting.")
                        % {"title": matter.title}
                    )
                if not locked.secretary_name:
                    raise DecisionError(_("The meeting has not appointed its secretary."))
            plan.append((matter, fallback))
        locked.present_count = present
        locked.ended_at = ended_at
        locked.status = MeetingStatus.CLOSED
        locked.save(update_fields=["present_count", "ended_at", "status"])
        results = {}
        for matter, fallback in plan:
            if fallback:
                Matter.objects.filter(pk=matter.pk).update(
                    status=MatterStatus.DRAFT,
                    form=DecisionForm.BALLOT,
                    ballot_fallback=True,
                    agree_count=0,
                    disagree_count=0,
                    other_count=0,
                    opened_at=None,
                    closed_at=None,
                )
                audit_record(
                    actor=actor,
                    action="decisions.meeting_ballot_fallback",
                    target=matter,
                    unit=locked.unit,
                    data={
                        "meeting": locked.pk,
                        "eligible": matter.eligible_households,
                        "present": present,
                    },
                )
                results[matter.pk] = "ballot"
            else:
                closed = services.matter_close(actor=actor, matter=matter, by_step=True)
                results[matter.pk] = closed.status
        if locked.voting_method == VotingMethod.SECRET_BALLOT and locked.tallies.exists():
            document = document_generate(
                actor=actor,
                doc_type=COUNTING_MINUTES,
                unit=locked.unit,
                data=_counting_minutes_data(locked, ended_at),
                formats=("pdf", "docx"),
            )
            locked.counting_minutes_document = document
            locked.save(update_fields=["counting_minutes_document"])
            audit_record(
                actor=actor,
                action=COUNTING_MINUTES_GENERATED,
                target=locked,
                unit=locked.unit,
                data={"document": document.pk},
            )
        audit_record(
            actor=actor,
            action="decisions.meeting_closed",
            target=locked,
            unit=locked.unit,
            data={
                "ended_at": ended_at.isoformat(),
                "eligible": locked.eligible_households,
                "present": present,
                "results": {str(k): v for k, v in results.items()},
            },
        )
    return locked


def tallies_by_matter(meeting: Meeting) -> dict[int, list[MeetingTally]]:
    """The meeting's counts grouped by matter (one query)."""
    grouped: dict[int, list[MeetingTally]] = {}
    for tally in (
        MeetingTally.objects.filter(meeting=meeting)
        .select_related("cluster", "recorded_by")
        .order_by("matter_id", "cluster__name")
    ):
        grouped.setdefault(tally.matter_id, []).append(tally)
    return grouped


def attendance_by_cluster(meeting: Meeting) -> dict[int | None, int]:
    return dict(
        Attendance.objects.filter(meeting=meeting)
        .values("cluster_id")
        .annotate(n=Count("pk"))
        .values_list("cluster_id", "n")
    )
