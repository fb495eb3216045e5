"""Matters of a village: results for everyone, a two-tap vote for a household's representative,
and the steps the village head and the ballot team take."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.errors import NotPermitted, not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.selectors import ancestors_of
from danchu.decisions.access import access_matter_by_id
from danchu.decisions.forms import MatterForm, PaperVoteForm, VoteForm
from danchu.decisions.models import (
    DecisionForm,
    HouseholdVote,
    Matter,
    MatterScope,
    MatterStatus,
    VoteChannel,
)
from danchu.decisions.panels import render_panels
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS, VIEW_RESULTS
from danchu.decisions.services import (
    DecisionError,
    matter_close,
    matter_create,
    matter_open,
    represented_household,
    settled_by_a_step,
    village_household,
    vote_record,
)
from danchu.decisions.view_steps import REFUSALS, matter_page, post_button, post_step


@require_GET
def village_matters(request: HttpRequest, code: str) -> HttpResponse:
    village = access_unit_by_code(request.user, code, permission=VIEW_RESULTS)
    matters = Matter.objects.filter(unit=village).order_by("-created_at")
    # The village head proposes the village's matters; the commune chair the commune-scope
    # contributions and funds (Art. 16(1)) and sees their drafts.
    can_run = has_perm(request.user, RUN_MATTERS, village)
    if not can_run:
        matters = matters.exclude(status=MatterStatus.DRAFT)
    return render(
        request,
        "decisions/village_matters.html",
        {
            "unit": village,
            "ancestors": ancestors_of(village),
            "page": paginate(request, matters),
            "can_run": can_run,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_new(request: HttpRequest, code: str) -> HttpResponse:
    village = access_unit_by_code(request.user, code, permission=RUN_MATTERS)
    form = MatterForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: matter_create(actor=request.user, village=village, **data),
        refusals=REFUSALS,
        success=lambda m: (
            _("The matter was proposed."),
            redirect("decisions:matter_detail", pk=m.pk),
        ),
    )
    return done or render(request, "decisions/matter_form.html", {"form": form, "unit": village})


@require_GET
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter_by_id(request.user, pk)
    household = represented_household(request.user, matter)
    already = (
        household is not None
        and HouseholdVote.objects.filter(matter=matter, household=household).exists()
    )
    can_vote_online = (
        matter.status == MatterStatus.OPEN
        and matter.form == DecisionForm.ONLINE
        and household is not None
        and not already
    )
    can_run = has_perm(request.user, RUN_MATTERS, matter)
    return render(
        request,
        "decisions/matter_detail.html",
        {
            "matter": matter,
            "unit": matter.unit,
            "household": household,
            "already_voted": already,
            "vote_form": VoteForm() if can_vote_online else None,
            "can_run": can_run,
            "opens_here": can_run and _opens_here(matter),
            "closes_here": not settled_by_a_step(matter),
            "can_record": _takes_paper_answers(matter)
            and has_perm(request.user, RECORD_VOTES, matter),
            "record_form": PaperAnswerForm(),
            "panels": render_panels(request, matter),
        },
    )


def _opens_here(matter: Matter) -> bool:
    """Whether the matter's page offers "Open the vote": a draft commune-scope matter, or a
    draft village matter of household ballots whose plan and team are lawful. A meeting-form
    matter opens when its meeting starts, an online matter when its poll passes."""
    if matter.status != MatterStatus.DRAFT:
        return False
    if matter.scope == MatterScope.COMMUNE:
        return True
    if matter.form != DecisionForm.BALLOT:
        return False
    from danchu.decisions.models import BallotPlan, TeamPurpose
    from danchu.decisions.services_ballots import plan_problems, team_of

    plan = BallotPlan.objects.filter(matter=matter).first()
    return not plan_problems(plan, team_of(matter, TeamPurpose.BALLOT))


def _takes_paper_answers(matter: Matter) -> bool:
    """Only an open online vote takes answers given on paper, entered by the online team (ND
    59/2023 Art. 5(2)); a meeting records counts and a ballot is entered by its code."""
    return matter.status == MatterStatus.OPEN and matter.form == DecisionForm.ONLINE


class PaperAnswerForm(PaperVoteForm):
    """A household's answer to an online vote given on paper: the channel is always paper."""

    channel = None


@login_required
@require_POST
def matter_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The household representative's vote: one choice and one button."""
    matter = access_matter_by_id(request.user, pk)
    household = represented_household(request.user, matter)
    form = VoteForm(request.POST)
    if household is None:  # only a household's representative votes online
        raise not_found()

    def run(data: dict[str, Any]) -> Any:
        try:
            return vote_record(
                actor=request.user,
                matter=matter,
                household=household,
                channel=VoteChannel.ONLINE,
                **data,
            )
        except NotPermitted:
            raise DecisionError(_("Your household cannot vote online on this matter.")) from None

    return post_step(
        request,
        form,
        run,
        done=_("Your household's vote was recorded. Thank you."),
        back=matter_page(matter.pk),
        invalid=lambda _form: _("Please choose one answer."),
    )


@login_required
@require_POST
def matter_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The online voting team enters the answer a household gave on paper to an online vote
    (ND 59/2023 Art. 5(2)). A meeting records its counts on the meeting's page, and a returned
    ballot is entered by its printed code on the ballots page: the service refuses both here."""
    matter = access_matter_by_id(request.user, pk, permission=RECORD_VOTES)

    def run(data: dict[str, Any]) -> Any:
        return vote_record(
            actor=request.user,
            matter=matter,
            household=village_household(matter.unit, data["household_code"]),
            choice=data["choice"],
            channel=VoteChannel.PAPER,
            other_opinion=data["other_opinion"],
        )

    return post_step(
        request,
        PaperAnswerForm(request.POST),
        run,
        done=_("The household's voice was recorded."),
        back=matter_page(matter.pk),
        invalid=lambda _form: _("Please fill in the household number and the choice."),
    )


@login_required
@require_POST
def matter_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter_by_id(request.user, pk, permission=RUN_MATTERS)
    return post_button(
        request,
        lambda: matter_open(actor=request.user, matter=matter),
        done=None,
        back=matter_page(matter.pk),
    )


@login_required
@require_POST
def matter_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter_by_id(request.user, pk, permission=RUN_MATTERS)
    return post_button(
        request,
        lambda: matter_close(actor=request.user, matter=matter),
        done=None,
        back=matter_page(matter.pk),
    )
