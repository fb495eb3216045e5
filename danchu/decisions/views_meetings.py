"""Pages of community meetings: the village's meetings and each meeting's notice for everyone
(the notice is posted publicly, ND 59/2023 Art. 3(3)); the attendance register, the approvals,
the counts and closing for the village's officials. Outsiders get a 404."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.common.text import fold
from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.people.models import Household, HouseholdMember
from danchu.core.units.selectors import ancestors_of
from danchu.decisions import services_meetings as svc
from danchu.decisions.access import access_matter_by_id
from danchu.decisions.access_meetings import access_meeting_by_id
from danchu.decisions.forms_meetings import (
    CHANNEL_LABELS,
    AttendanceForm,
    CloseForm,
    ClusterForm,
    ClusterPlanApproveForm,
    CountingBoardForm,
    DocumentsDeliveredForm,
    MeetingForm,
    NoticeForm,
    SecretaryForm,
    SpeakerForm,
    StartForm,
    TallyForm,
    VotingMethodForm,
    WitnessesForm,
)
from danchu.decisions.models import (
    Attendance,
    Meeting,
    MeetingStatus,
    SpeakerRegistration,
    VotingMethod,
)
from danchu.decisions.permissions import RUN_MATTERS, VIEW_RESULTS
from danchu.decisions.permissions_meetings import APPROVE_CLUSTER_PLAN, VIEW_MEETING_RECORDS
from danchu.decisions.services import DecisionError, village_household
from danchu.decisions.view_steps import REFUSALS, access_village_by_code, matter_page, post_step


def _may_plan(user: Any, village: Any) -> bool:
    """The village head plans the village's meetings; the Front work committee head plans a
    dismissal meeting; the commune chair may plan either (Art. 18(1); ND 59/2023 Art. 9)."""
    return has_perm(user, RUN_MATTERS, village) or has_perm(
        user, svc.RUN_DISMISSAL_MEETING, village
    )


def _meeting_to_run(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, if the user convenes and runs it (``svc.may_run``); a 404 otherwise."""
    meeting = access_meeting_by_id(request.user, pk)
    if not svc.may_run(request.user, meeting):
        raise not_found()
    return meeting


def _meeting_to_record(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, if the user records its attendance and counts (``svc.may_record``)."""
    meeting = access_meeting_by_id(request.user, pk)
    if not svc.may_record(request.user, meeting):
        raise not_found()
    return meeting


@require_GET
def meetings_list(request: HttpRequest, code: str) -> HttpResponse:
    """The village's meetings: title, time and place are public once the notice is out."""
    village = access_village_by_code(request, code, VIEW_RESULTS)
    meetings = Meeting.objects.filter(unit=village).order_by("-scheduled_at", "-pk")
    if not has_perm(request.user, VIEW_MEETING_RECORDS, village):
        meetings = meetings.exclude(status=MeetingStatus.PLANNED)
    return render(
        request,
        "decisions/meetings/list.html",
        {
            "unit": village,
            "ancestors": ancestors_of(village),
            "page": paginate(request, meetings),
            "can_run": _may_plan(request.user, village),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meetings_new(request: HttpRequest, code: str) -> HttpResponse:
    village = access_village_by_code(request, code, VIEW_RESULTS)
    if not _may_plan(request.user, village):
        raise not_found()
    form = MeetingForm(request.POST or None, village=village)
    # The village head plans ordinary matters; a dismissal is put to its meeting by the Front
    # work committee head or the commune chair (ND 59/2023 Art. 9).
    choices = form.fields["matters"].queryset
    if not has_perm(request.user, svc.RUN_DISMISSAL_MEETING, village):
        choices = choices.filter(dismissal__isnull=True)
    if not has_perm(request.user, RUN_MATTERS, village):
        choices = choices.filter(dismissal__isnull=False)
    form.fields["matters"].queryset = choices
    done = submit_to_service(
        request,
        form,
        lambda data: svc.meeting_create(actor=request.user, village=village, **data),
        refusals=REFUSALS,
        success=lambda m: (
            _("The meeting was planned. Send its notice at least 2 days ahead."),
            redirect("decisions:meetings_detail", pk=m.pk),
        ),
    )
    return done or render(request, "decisions/meetings/form.html", {"form": form, "unit": village})


@require_GET
def meetings_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, pk)
    user = request.user
    officials = has_perm(user, VIEW_MEETING_RECORDS, meeting)
    dismissal = svc.decides_a_dismissal(meeting)
    can_run = svc.may_run(user, meeting, dismissal=dismissal)
    can_record = svc.may_record(user, meeting, dismissal=dismissal)
    can_approve_plan = has_perm(user, APPROVE_CLUSTER_PLAN, meeting)
    status = meeting.status
    in_progress = status == MeetingStatus.IN_PROGRESS
    before = status in (MeetingStatus.PLANNED, MeetingStatus.NOTIFIED)
    clusters = list(meeting.clusters.order_by("name"))
    matters_page = paginate(request, meeting.matters.order_by("pk"), param="matters")
    open_matters = [m for m in meeting.matters.order_by("pk") if m.status == "open"]
    show_tallies = officials or status == MeetingStatus.CLOSED
    tallies = svc.tallies_by_matter(meeting) if show_tallies else {}
    for matter in matters_page.object_list:
        matter.meeting_tallies_list = tallies.get(matter.pk, [])
    context: dict[str, Any] = {
        "meeting": meeting,
        "unit": meeting.unit,
        "ancestors": ancestors_of(meeting.unit),
        "channels": [CHANNEL_LABELS.get(c, c) for c in meeting.notice_channels],
        "matters_page": matters_page,
        "clusters": clusters,
        "officials": officials,
        "show_tallies": show_tallies,
        "can_run": can_run,
        "can_record": can_record,
        "dismissal_meeting": dismissal,
    }
    if officials:
        by_cluster = svc.attendance_by_cluster(meeting)
        for cluster in clusters:
            cluster.present = by_cluster.get(cluster.pk, 0)
        context.update(
            attendance_page=paginate(
                request,
                Attendance.objects.filter(meeting=meeting)
                .select_related("household", "cluster")
                .order_by("household__code"),
                param="attendance",
            ),
            speakers_page=paginate(
                request,
                SpeakerRegistration.objects.filter(meeting=meeting)
                .select_related("household", "person")
                .order_by("registered_at"),
                param="speakers",
            ),
            board=svc.counting_board(meeting),
            counting_minutes=svc.counting_minutes_of(meeting)
            if status == MeetingStatus.CLOSED
            else None,
        )
    if can_run and status == MeetingStatus.PLANNED:
        context["notice_form"] = NoticeForm()
    if can_run and before and meeting.cluster_plan_approved_on is None:
        context["cluster_form"] = ClusterForm()
    if can_approve_plan and before and clusters and meeting.cluster_plan_approved_on is None:
        context["cluster_approve_form"] = ClusterPlanApproveForm()
    if can_run and status == MeetingStatus.NOTIFIED:
        context["start_form"] = StartForm()
    if can_record and in_progress:
        context["attendance_form"] = AttendanceForm(clusters=clusters)
        context["tally_form"] = TallyForm(matters=open_matters, clusters=clusters)
    if can_record and status in (MeetingStatus.NOTIFIED, MeetingStatus.IN_PROGRESS):
        context["speaker_form"] = SpeakerForm()
    if can_run and in_progress:
        context.update(
            secretary_form=SecretaryForm(),
            method_form=VotingMethodForm(),
            close_form=CloseForm(),
        )
        if meeting.voting_method == VotingMethod.SECRET_BALLOT:
            context.update(board_form=CountingBoardForm(), witnesses_form=WitnessesForm())
    return render(request, "decisions/meetings/detail.html", context)


# --- the steps (POST) ------------------------------------------------------------------------


def _back(meeting: Meeting) -> HttpResponse:
    return redirect("decisions:meetings_detail", pk=meeting.pk)


def _member(household: Household, name: str):
    wanted = fold(name)
    for membership in HouseholdMember.objects.filter(
        household=household, left_on__isnull=True
    ).select_related("person"):
        if fold(membership.person.full_name) == wanted:
            return membership.person
    return None


def _cluster(meeting: Meeting, value: str | None):
    if not value:
        return None
    cluster = meeting.clusters.filter(pk=value).first() if str(value).isdigit() else None
    if cluster is None:
        raise DecisionError(_("Choose a cluster of this meeting."))
    return cluster


@login_required
@require_POST
def meetings_notice(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        NoticeForm(request.POST),
        lambda d: svc.notice_send(
            actor=request.user, meeting=meeting, channels=d["channels"], sent_at=d["sent_at"]
        ),
        done=_("The notice was sent and posted."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_cluster_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        ClusterForm(request.POST),
        lambda d: svc.cluster_add(actor=request.user, meeting=meeting, **d),
        done=_("The cluster was added to the plan."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_cluster_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, pk, permission=APPROVE_CLUSTER_PLAN)
    return post_step(
        request,
        ClusterPlanApproveForm(request.POST),
        lambda d: svc.cluster_plan_approve(actor=request.user, meeting=meeting, on=d["on"]),
        done=_("The cluster plan was approved."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_start(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        StartForm(request.POST),
        lambda d: svc.meeting_start(
            actor=request.user, meeting=meeting, started_at=d["started_at"]
        ),
        done=_("The meeting has started; its matters are open."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_record(request, pk)

    def run(data: dict[str, Any]) -> Attendance:
        household = village_household(meeting.unit_id, data["household_code"])
        name = data["attendee_name"].strip()
        if data["authorised"]:
            attendee = _member(household, name)
        else:
            attendee = household.representative
            if attendee is None:
                raise DecisionError(
                    _("This household has no representative; record an authorised member.")
                )
        return svc.attendance_record(
            actor=request.user,
            meeting=meeting,
            household=household,
            attendee_name=name,
            authorised=data["authorised"],
            cluster=_cluster(meeting, data.get("cluster")),
            attendee=attendee,
        )

    form = AttendanceForm(request.POST, clusters=list(meeting.clusters.all()))
    return post_step(
        request, form, run, done=_("The household's attendance was recorded."), back=_back(meeting)
    )


@login_required
@require_POST
def meetings_speaker(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_record(request, pk)

    def run(data: dict[str, Any]) -> SpeakerRegistration:
        household = village_household(meeting.unit_id, data["household_code"])
        person = _member(household, data["member_name"])
        if person is None:
            raise DecisionError(_("No current member of that name in this household."))
        return svc.speaker_register(
            actor=request.user,
            meeting=meeting,
            household=household,
            person=person,
            topic=data["topic"],
        )

    return post_step(
        request,
        SpeakerForm(request.POST),
        run,
        done=_("The registration was recorded."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_secretary(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        SecretaryForm(request.POST),
        lambda d: svc.secretary_approve(actor=request.user, meeting=meeting, **d),
        done=_("The secretary was appointed."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_method(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        VotingMethodForm(request.POST),
        lambda d: svc.voting_method_choose(actor=request.user, meeting=meeting, **d),
        done=_("The voting method was chosen."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_board(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        CountingBoardForm(request.POST),
        lambda d: svc.counting_board_set(actor=request.user, meeting=meeting, **d),
        done=_("The vote-counting board was approved."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_witnesses(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        WitnessesForm(request.POST),
        lambda d: svc.witnesses_set(
            actor=request.user, meeting=meeting, names=[d["first"], d["second"]]
        ),
        done=_("The witnesses of the count were named."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_tally(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_record(request, pk)
    matters = list(meeting.matters.all())

    def run(data: dict[str, Any]):
        matter = next((m for m in matters if str(m.pk) == data["matter"]), None)
        if matter is None:
            raise DecisionError(_("This matter is not on the meeting's agenda."))
        return svc.tally_record(
            actor=request.user,
            meeting=meeting,
            matter=matter,
            agree=data["agree"],
            disagree=data["disagree"],
            other=data["other"] or 0,
            invalid=data["invalid"] or 0,
            cluster=_cluster(meeting, data.get("cluster")),
            other_opinions=data["other_opinions"],
        )

    form = TallyForm(request.POST, matters=matters, clusters=list(meeting.clusters.all()))
    return post_step(request, form, run, done=_("The count was recorded."), back=_back(meeting))


@login_required
@require_POST
def meetings_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return post_step(
        request,
        CloseForm(request.POST),
        lambda d: svc.meeting_close(actor=request.user, meeting=meeting, ended_at=d["ended_at"]),
        done=_("The meeting was closed and its matters settled."),
        back=_back(meeting),
    )


@login_required
@require_POST
def meetings_documents_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    """From the matter page: the day the matter's documents reached every household."""
    matter = access_matter_by_id(request.user, pk, permission=RUN_MATTERS)
    return post_step(
        request,
        DocumentsDeliveredForm(request.POST),
        lambda d: svc.documents_delivered(actor=request.user, matter=matter, on=d["on"]),
        done=_("The delivery of the documents was recorded."),
        back=matter_page(matter.pk),
    )
