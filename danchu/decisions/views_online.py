"""Pages of the online vote (ND 59/2023 Art. 5): the online voting team, the poll on voting
online (a two-tap answer for the household's representative, entry by the team for a household
without a device), closing the poll, and switching a draft matter's form.

The poll page is public while the poll runs (anyone may follow it); every change needs a login
and its permission. Matters are fetched through ``access_matter_by_id``: 404 outside the unit.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.core.access.errors import NotPermitted, not_found
from danchu.core.access.registry import has_perm
from danchu.decisions.access import access_matter_by_id
from danchu.decisions.forms_ballots import (
    REPRESENTS_LABELS,
    FormChangeForm,
    PollAnswerForm,
    PollCloseForm,
    PollEntryForm,
)
from danchu.decisions.models import (
    DecisionForm,
    Matter,
    MatterStatus,
    OnlinePollResponse,
    TeamPurpose,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_ballots import MANAGE_ONLINE
from danchu.decisions.services import DecisionError, represented_household, village_household
from danchu.decisions.services_ballots import team_of
from danchu.decisions.services_online import (
    matter_form_change,
    online_team_set,
    poll_answer,
    poll_close,
    poll_open,
    poll_state,
)
from danchu.decisions.view_steps import matter_page, post_button, post_step
from danchu.decisions.views_ballots import team_page


def _online_matter(request: HttpRequest, pk: int, permission: str | None = None) -> Matter:
    matter = access_matter_by_id(request.user, pk, permission=permission)
    if matter.form != DecisionForm.ONLINE:
        raise not_found()
    return matter


def _back_to_poll(matter: Matter) -> HttpResponse:
    return redirect("decisions:online_poll", pk=matter.pk)


@login_required
@require_http_methods(["GET", "POST"])
def online_team(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _online_matter(request, pk, MANAGE_ONLINE)
    return team_page(
        request,
        matter,
        purpose=TeamPurpose.ONLINE,
        save=online_team_set,
        done=_("The online voting team was saved."),
        title=_("The online voting team"),
    )


@login_required
@require_POST
def online_poll_open(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _online_matter(request, pk, RUN_MATTERS)
    return post_button(
        request,
        lambda: poll_open(actor=request.user, matter=matter),
        done=_("The poll on voting online has started."),
        back=matter_page(matter.pk),
    )


@require_GET
def online_poll(request: HttpRequest, pk: int) -> HttpResponse:
    """The poll: its figures for everyone; the two-tap answer for a household's
    representative; entry by household number for the team."""
    matter = _online_matter(request, pk)
    if matter.status == MatterStatus.DRAFT and matter.poll_closed_at is None:
        raise not_found()
    return render(request, "decisions/online/poll.html", poll_context(request, matter))


def poll_context(request: HttpRequest, matter: Matter) -> dict[str, Any]:
    household = represented_household(request.user, matter)
    answered = (
        household is not None
        and OnlinePollResponse.objects.filter(matter=matter, household=household).exists()
    )
    is_poll = matter.status == MatterStatus.POLL
    return {
        "matter": matter,
        "state": poll_state(matter),
        "household": household,
        "answered": answered,
        "answer_form": PollAnswerForm() if is_poll and household and not answered else None,
        "entry_form": PollEntryForm()
        if is_poll and has_perm(request.user, RECORD_VOTES, matter)
        else None,
        "close_form": PollCloseForm()
        if is_poll and has_perm(request.user, RUN_MATTERS, matter)
        else None,
    }


@login_required
@require_POST
def online_poll_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The household representative's answer: one choice and one button."""
    matter = _online_matter(request, pk)
    household = represented_household(request.user, matter)
    if household is None:  # only a household's representative answers for it
        raise not_found()
    return post_step(
        request,
        PollAnswerForm(request.POST),
        lambda data: poll_answer(actor=request.user, matter=matter, household=household, **data),
        done=_("Your household's answer was recorded. Thank you."),
        back=_back_to_poll(matter),
        invalid=lambda _form: _("Please choose one answer."),
    )


@login_required
@require_POST
def online_poll_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The online team enters the answer of a household without a device (ND 59 Art. 5(2))."""
    matter = _online_matter(request, pk, RECORD_VOTES)

    def run(data: dict[str, Any]) -> Any:
        household = village_household(matter.unit, data["household_code"])
        try:
            return poll_answer(
                actor=request.user,
                matter=matter,
                household=household,
                choice=data["choice"],
                other_opinion=data["other_opinion"],
            )
        except NotPermitted:
            raise not_found() from None

    return post_step(
        request,
        PollEntryForm(request.POST),
        run,
        done=lambda answer: (
            _("The answer of household %(code)s was recorded.") % {"code": answer.household.code}
        ),
        back=_back_to_poll(matter),
        invalid=lambda _form: _("Please fill in the household number and the answer."),
    )


@login_required
@require_POST
def online_poll_close(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _online_matter(request, pk, RUN_MATTERS)
    form = PollCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a valid end time for the online vote."))
        return _back_to_poll(matter)
    try:
        closed = poll_close(
            actor=request.user, matter=matter, closes_at=form.cleaned_data.get("closes_at")
        )
    except DecisionError as exc:
        messages.error(request, str(exc))
        return _back_to_poll(matter)
    if closed.status == MatterStatus.OPEN:
        messages.success(
            request, _("More than half of all households chose to vote online: the vote is open.")
        )
    else:
        messages.warning(
            request,
            _(
                "The community did not choose to vote online: not more than half of all "
                "households agreed. Decide the matter at a meeting or by household ballots."
            ),
        )
    return matter_page(matter.pk)


@login_required
@require_POST
def online_form_change(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter_by_id(request.user, pk, permission=RUN_MATTERS)
    return post_step(
        request,
        FormChangeForm(request.POST),
        lambda data: matter_form_change(actor=request.user, matter=matter, form=data["form"]),
        done=lambda changed: (
            _("The matter will be decided by: %(form)s.") % {"form": changed.get_form_display()}
        ),
        back=matter_page(matter.pk),
        invalid=lambda _form: _("Please choose a form."),
    )


def online_panel_context(request: HttpRequest, matter: Matter) -> dict[str, Any] | None:
    """The poll's state, the representative's two-tap answer, and the officials' steps."""
    if matter.form != DecisionForm.ONLINE:
        return None
    can_run = has_perm(request.user, RUN_MATTERS, matter)
    can_manage = has_perm(request.user, MANAGE_ONLINE, matter)
    context = poll_context(request, matter)
    team = team_of(matter, TeamPurpose.ONLINE) if can_manage else None
    context.update(
        {
            "team": list(team.members.all()) if team else [],
            "represents": REPRESENTS_LABELS,
            "can_manage": can_manage and matter.status in (MatterStatus.DRAFT, MatterStatus.POLL),
            "can_open_poll": can_run
            and matter.status == MatterStatus.DRAFT
            and matter.form == DecisionForm.ONLINE
            and matter.poll_closed_at is None,
            "declined": matter.status == MatterStatus.DRAFT and matter.poll_closed_at is not None,
            "form_change": FormChangeForm(initial={"form": DecisionForm.MEETING})
            if can_run and matter.status == MatterStatus.DRAFT
            else None,
        }
    )
    return context
