"""Pages for electing and dismissing the village head and board members (ND 59/2023 Arts
6–9): the commune's list, the election page with its legal timeline, the forms of each step,
and the dismissal page. The candidate list and the results are public once the election is
posted; everything else is for the officials of the village and its commune."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.domain.kinds import Level
from danchu.core.units.models import Unit
from danchu.core.units.selectors import ancestors_of
from danchu.decisions.access_elections import access_dismissal_by_id, access_election_by_id
from danchu.decisions.domain import elections as rules_el
from danchu.decisions.forms_elections import (
    CandidateForm,
    CandidatesSentForm,
    CandidateVotesForm,
    DismissalForm,
    ElectionPlanForm,
    InterimHeadForm,
    NoticeForm,
    TeamForm,
)
from danchu.decisions.models import (
    CLOSED_STATUSES,
    Candidate,
    CommunityDecision,
    Dismissal,
    Election,
    MatterStatus,
    MeetingStatus,
    TeamPurpose,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_elections import PLAN_ELECTIONS, VIEW_ELECTIONS
from danchu.decisions.services import DecisionError
from danchu.decisions.services_elections import (
    candidate_add,
    candidate_list_document,
    candidate_votes_record,
    candidates_sent,
    dismissal_open,
    election_close,
    election_plan,
    election_team_set,
    interim_head_appoint,
    notice_posted,
    overdue_new_elections,
    took_office,
)
from danchu.decisions.view_steps import REFUSALS, post_step

STEP_LABELS = {
    rules_el.PLAN: gettext_lazy("Commune chair's decision and plan"),
    rules_el.TEAM: gettext_lazy("Election team set up"),
    rules_el.CANDIDATES_SENT: gettext_lazy("Candidate-list minutes (Form 05) to the commune"),
    rules_el.NOTICE: gettext_lazy("Public notice at the culture house"),
}


def _villages_in(unit: Unit):
    if unit.is_village:
        return Unit.objects.filter(pk=unit.pk)
    return Unit.objects.current().filter(path__startswith=unit.path, level=Level.VILLAGE)


def _village_field(form: forms.Form, unit: Unit) -> None:
    form.fields = {
        "village": forms.ModelChoiceField(
            label=_("Village or residential group"),
            queryset=_villages_in(unit),
            initial=unit.pk if unit.is_village else None,
        ),
        **form.fields,
    }


# --- the commune's list ------------------------------------------------------------------------


@login_required
@require_GET
def unit_elections(request: HttpRequest, code: str) -> HttpResponse:
    """Elections, dismissals and late new elections of a commune (or one village)."""
    unit = access_unit_by_code(request.user, code, permission=VIEW_ELECTIONS)
    elections = (
        Election.objects.filter(matter__unit__path__startswith=unit.path)
        .select_related("matter", "matter__unit")
        .prefetch_related(
            Prefetch(
                "candidates", queryset=Candidate.objects.filter(elected=True), to_attr="winners"
            )
        )
        .order_by("-meeting_on", "-pk")
    )
    dismissals = (
        Dismissal.objects.filter(unit__path__startswith=unit.path)
        .select_related("unit", "matter")
        .order_by("-received_on", "-pk")
    )
    return render(
        request,
        "decisions/elections/unit_elections.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "elections": paginate(request, elections),
            "dismissals": paginate(request, dismissals, param="dpage"),
            "overdue": paginate(request, overdue_new_elections(unit), param="opage"),
            "can_plan": has_perm(request.user, PLAN_ELECTIONS, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def election_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=PLAN_ELECTIONS)
    form = ElectionPlanForm(request.POST or None)
    _village_field(form, unit)
    done = submit_to_service(
        request,
        form,
        lambda data: election_plan(actor=request.user, **data),
        refusals=REFUSALS,
        success=lambda e: (
            _("The election was planned."),
            redirect("decisions:elections_detail", pk=e.pk),
        ),
    )
    return done or render(
        request,
        "decisions/elections/form.html",
        {"form": form, "unit": unit, "heading": _("Plan an election")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dismissal_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=PLAN_ELECTIONS)
    form = DismissalForm(request.POST or None)
    _village_field(form, unit)
    done = submit_to_service(
        request,
        form,
        lambda data: dismissal_open(actor=request.user, **data),
        refusals=REFUSALS,
        success=lambda d: (
            _("The dismissal was opened; the Front work committee head convenes the meeting."),
            redirect("decisions:elections_dismissal", pk=d.pk),
        ),
    )
    return done or render(
        request,
        "decisions/elections/form.html",
        {"form": form, "unit": unit, "heading": _("Dismiss a village head")},
    )


# --- the election page --------------------------------------------------------------------------


@require_GET
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = access_election_by_id(request.user, pk)
    matter = election.matter
    user = request.user
    is_official = has_perm(user, VIEW_ELECTIONS, election)
    candidates = list(election.candidates.order_by("pk"))
    decision = CommunityDecision.objects.filter(matter=matter).first()
    closed = matter.status in CLOSED_STATUSES
    meeting = matter.meeting if matter.meeting_id else None
    if meeting is not None and meeting.status == MeetingStatus.PLANNED and not is_official:
        meeting = None  # a meeting is public once its notice is out
    context: dict[str, Any] = {
        "election": election,
        "matter": matter,
        "unit": matter.unit,
        "candidates": candidates,
        "closed": closed,
        "winner": next((c for c in candidates if c.elected), None),
        "decision": decision,
        "office": took_office(election) if closed else None,
        "is_official": is_official,
        "meeting": meeting,
    }
    if is_official:
        today = timezone.localdate()
        done = {
            rules_el.PLAN: election.plan_issued_on,
            rules_el.TEAM: election.team_decided_on,
            rules_el.CANDIDATES_SENT: election.candidates_sent_on,
            rules_el.NOTICE: election.notice_posted_on,
        }
        team = (
            election.teams.filter(purpose=TeamPurpose.ELECTION)
            .prefetch_related("members")
            .order_by("pk")
            .first()
        )
        running = matter.status in (MatterStatus.DRAFT, MatterStatus.POLL, MatterStatus.OPEN)
        can_plan = has_perm(user, PLAN_ELECTIONS, election)
        can_run = has_perm(user, RUN_MATTERS, election)
        can_record = has_perm(user, RECORD_VOTES, election)
        context.update(
            {
                # ND 59 Art. 6 times the village head's election only.
                "timeline": [
                    (STEP_LABELS[step.step], step)
                    for step in rules_el.timeline(election.meeting_on, done, today)
                ]
                if rules_el.timeline_applies(matter.kind)
                else [],
                "team": team,
                "team_members": list(team.members.all()) if team else [],
                "document": candidate_list_document(election),
                "can_plan": can_plan and running,
                "can_add_candidate": (can_plan or can_run) and running,
                # The vote opens when the election meeting starts, on the meetings page.
                "meeting_to_plan": can_run and matter.status == MatterStatus.DRAFT,
                "can_count": (can_record or can_plan)
                and matter.status == MatterStatus.OPEN
                and meeting is not None
                and meeting.status == MeetingStatus.IN_PROGRESS,
                "can_close": (can_run or can_plan) and matter.status == MatterStatus.OPEN,
                "team_form": TeamForm(),
                "candidate_form": CandidateForm(),
                "sent_form": CandidatesSentForm(),
                "notice_form": NoticeForm(),
            }
        )
    return render(request, "decisions/elections/detail.html", context)


def _election_step(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    run: Callable[[Election, forms.Form], Any],
    done_message: str,
) -> HttpResponse:
    """Validate the form, call the service and come back to the election page with its
    answer; someone who may not see the election gets a 404."""
    election = access_election_by_id(request.user, pk, permission=VIEW_ELECTIONS)
    form = form_class(request.POST)
    return post_step(
        request,
        form,
        lambda _data: run(election, form),
        done=done_message,
        back=redirect("decisions:elections_detail", pk=election.pk),
        invalid=lambda f: (
            _("Please correct the form: %(errors)s")
            % {"errors": "; ".join(str(e) for errs in f.errors.values() for e in errs)}
        ),
    )


@login_required
@require_POST
def election_team(request: HttpRequest, pk: int) -> HttpResponse:
    return _election_step(
        request,
        pk,
        TeamForm,
        lambda e, f: election_team_set(
            actor=request.user,
            election=e,
            members=f.members(),
            decided_on=f.cleaned_data["decided_on"],
        ),
        _("The election team was recorded."),
    )


@login_required
@require_POST
def election_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    return _election_step(
        request,
        pk,
        CandidateForm,
        lambda e, f: candidate_add(actor=request.user, election=e, **f.cleaned_data),
        _("The candidate was added."),
    )


@login_required
@require_POST
def election_sent(request: HttpRequest, pk: int) -> HttpResponse:
    return _election_step(
        request,
        pk,
        CandidatesSentForm,
        lambda e, f: candidates_sent(actor=request.user, election=e, **f.cleaned_data),
        _("The candidate list was recorded as sent; its minutes were generated."),
    )


@login_required
@require_POST
def election_notice(request: HttpRequest, pk: int) -> HttpResponse:
    return _election_step(
        request,
        pk,
        NoticeForm,
        lambda e, f: notice_posted(actor=request.user, election=e, **f.cleaned_data),
        _("The public notice was recorded."),
    )


def _record_votes(actor: Any, election: Election, form: forms.Form) -> Candidate:
    candidate = election.candidates.filter(pk=form.cleaned_data["candidate"]).first()
    if candidate is None:
        raise DecisionError(_("This person is not a candidate in this election."))
    return candidate_votes_record(
        actor=actor,
        election=election,
        candidate=candidate,
        agree_count=form.cleaned_data["agree_count"],
    )


@login_required
@require_POST
def election_votes(request: HttpRequest, pk: int) -> HttpResponse:
    return _election_step(
        request,
        pk,
        CandidateVotesForm,
        lambda e, f: _record_votes(request.user, e, f),
        _("The count was recorded."),
    )


class _NoFields(forms.Form):
    pass


@login_required
@require_POST
def election_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _election_step(
        request,
        pk,
        _NoFields,
        lambda e, f: election_close(actor=request.user, election=e),
        _("The election was decided."),
    )


# --- the dismissal page ---------------------------------------------------------------------------


@login_required
@require_GET
def dismissal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dismissal = access_dismissal_by_id(request.user, pk)
    interim_until = (
        rules_el.interim_until(
            dismissal.interim_appointed_on, settings.DANCHU_INTERIM_VILLAGE_HEAD_MAX_MONTHS
        )
        if dismissal.interim_appointed_on
        else None
    )
    today = timezone.localdate()
    return render(
        request,
        "decisions/elections/dismissal.html",
        {
            "dismissal": dismissal,
            "unit": dismissal.unit,
            "interim_until": interim_until,
            "interim_overdue": interim_until is not None
            and today > interim_until
            and dismissal.new_election_ordered_on is None,
            "new_election_late": dismissal.new_election_due is not None
            and (
                (dismissal.new_election_ordered_on is None and today > dismissal.new_election_due)
                or (
                    dismissal.new_election_ordered_on is not None
                    and dismissal.new_election_ordered_on > dismissal.new_election_due
                )
            ),
            "can_appoint": has_perm(request.user, PLAN_ELECTIONS, dismissal)
            and dismissal.recognised_on is not None,
            "interim_form": InterimHeadForm(),
        },
    )


@login_required
@require_POST
def dismissal_interim(request: HttpRequest, pk: int) -> HttpResponse:
    dismissal = access_dismissal_by_id(request.user, pk)
    return post_step(
        request,
        InterimHeadForm(request.POST),
        lambda data: interim_head_appoint(actor=request.user, dismissal=dismissal, **data),
        done=_("The interim head was recorded."),
        back=redirect("decisions:elections_dismissal", pk=dismissal.pk),
        invalid=lambda _form: _("Please fill in the interim head, the date and the agreement."),
    )
