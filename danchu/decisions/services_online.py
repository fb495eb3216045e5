"""Online votes (ND 59/2023/NĐ-CP Art. 5; Law 10/2022/QH15 Art. 17(2)): the online voting team,
the preliminary poll on voting online, and what happens when it passes or fails.

Only other self-managed matters (item 6) may be decided online (R-DEC-06), and only after more
than 50% of ALL the village's household representatives chose it in the poll (R-DEC-07).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.people.models import Household
from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.domain import rules
from danchu.decisions.models import (
    Choice,
    DecisionForm,
    Matter,
    MatterOrigin,
    MatterScope,
    MatterStatus,
    OnlinePollResponse,
    Team,
    TeamPurpose,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_ballots import MANAGE_ONLINE
from danchu.decisions.services import (
    DecisionError,
    initiative_support_check,
    is_representative,
    lock_matter,
    locked_matter_status,
    matter_open,
    village_households,
)
from danchu.decisions.services_ballots import (
    team_members_of,
    team_of,
    team_problem_message,
    team_replace,
)


def _online_matter(matter: Matter) -> None:
    if matter.form != DecisionForm.ONLINE:
        raise DecisionError(_("This matter is not decided by an online vote."))


def online_team_set(*, actor: Any, matter: Matter, members: Sequence[Mapping[str, Any]]) -> Team:
    """The online voting team: 3–5 people — the village, the Front work committee, a household
    representative and a person proficient in IT — led by the Front work committee's
    representative (ND 59 Art. 5(2)(b))."""
    if not has_perm(actor, MANAGE_ONLINE, matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = lock_matter(matter)
        _online_matter(locked)
        if locked.status not in (MatterStatus.DRAFT, MatterStatus.POLL, MatterStatus.OPEN):
            raise DecisionError(_("Voting on this matter is closed."))
        return team_replace(
            actor=actor,
            matter=locked,
            purpose=TeamPurpose.ONLINE,
            members=members,
            needs_it=True,
            action="decisions.online_team_set",
        )


def poll_open(*, actor: Any, matter: Matter) -> Matter:
    """Start the poll on whether to vote online (ND 59 Art. 5(2)(c)): an online matter, still a
    draft, agreed with the Front head (Art. 16(2)) and with a lawful online team."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = lock_matter(matter)
        _online_matter(locked)
        if locked.status != MatterStatus.DRAFT:
            raise DecisionError(_("The poll starts from a draft matter."))
        if locked.scope != MatterScope.VILLAGE or locked.parent_id is not None:
            raise DecisionError(_("Only a village decides online."))
        if not rules.form_allowed(locked.kind, DecisionForm.ONLINE):
            raise DecisionError(_("Only other self-managed matters may be decided online."))
        if locked.poll_closed_at is not None:
            raise DecisionError(
                _("The poll on voting online was already held; choose another form.")
            )
        if locked.origin == MatterOrigin.INITIATIVE:
            initiative_support_check(locked)
        elif not locked.front_agreed_by:
            raise DecisionError(_("Record the Front head's agreement before the poll."))
        problems = rules_ballots.team_problems(
            team_members_of(team_of(locked, TeamPurpose.ONLINE)), needs_it=True
        )
        if problems:
            raise DecisionError(
                _("Set up the online voting team first.")
                + " "
                + " ".join(team_problem_message(p) for p in problems)
            )
        locked.status = MatterStatus.POLL
        locked.poll_opened_at = timezone.now()
        locked.save(update_fields=["status", "poll_opened_at"])
        audit_record(actor=actor, action="decisions.poll_opened", target=locked, unit=locked.unit)
    return locked


def poll_answer(
    *,
    actor: Any,
    matter: Matter,
    household: Household,
    choice: str,
    other_opinion: str = "",
) -> OnlinePollResponse:
    """One answer per household to the poll: by its representative online, or entered by the
    team for a household without a device (who entered it is kept)."""
    by_representative = is_representative(actor, household)
    if not by_representative and not has_perm(actor, RECORD_VOTES, matter):
        raise NotPermitted()
    if choice not in Choice.values:
        raise DecisionError(_("Unknown choice."))
    if household.village_id != matter.unit_id or household.left_on is not None:
        raise DecisionError(_("This household does not belong to the village of the matter."))
    try:
        with transaction.atomic():
            if locked_matter_status(matter) != MatterStatus.POLL:
                raise DecisionError(_("The poll on voting online is not open."))
            answer = OnlinePollResponse.objects.create(
                matter=matter,
                household=household,
                choice=choice,
                other_opinion=normalise_spaces(other_opinion)[:500],
                entered_by=None if by_representative else actor,
            )
            audit_record(
                actor=actor,
                action="decisions.poll_answered",
                target=matter,
                unit=matter.unit,
                data={"household": household.pk, "by_team": not by_representative},
            )
    except IntegrityError:
        raise DecisionError(_("This household has already answered the poll.")) from None
    return answer


def poll_close(*, actor: Any, matter: Matter, closes_at: datetime | None = None) -> Matter:
    """Close the poll and count the households that chose to vote online, against ALL current
    households of the village (ND 59 Art. 5(2)(c)). More than 50%: the online vote opens (its
    end ``closes_at`` if given). Otherwise the matter returns to draft, to be decided at a
    meeting or by ballots (``matter_form_change``)."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    if closes_at is not None and closes_at <= timezone.now():
        raise DecisionError(_("The online vote must end in the future."))
    with transaction.atomic():
        locked = lock_matter(matter)
        if locked.status != MatterStatus.POLL:
            raise DecisionError(_("The poll on voting online is not open."))
        households = village_households(locked.unit)
        chose = OnlinePollResponse.objects.filter(
            matter=locked, choice=Choice.AGREE, household__left_on__isnull=True
        ).count()
        locked.poll_closed_at = timezone.now()
        locked.poll_chose_online = chose
        allowed = rules.online_vote_allowed(locked.kind, households, chose)
        if not allowed:
            locked.status = MatterStatus.DRAFT
        locked.save(update_fields=["poll_closed_at", "poll_chose_online", "status"])
        audit_record(
            actor=actor,
            action="decisions.poll_closed",
            target=locked,
            unit=locked.unit,
            data={"households": households, "chose_online": chose, "passed": allowed},
        )
        if allowed:
            locked = matter_open(actor=actor, matter=locked)
            if closes_at is not None:
                locked.closes_at = closes_at
                locked.save(update_fields=["closes_at"])
    return locked


def matter_form_change(*, actor: Any, matter: Matter, form: str) -> Matter:
    """The village head switches a draft matter to another lawful form, e.g. after the
    community did not choose to vote online (Art. 17; ND 59 Arts 4(1), 5). Refused once the
    matter is on a meeting's agenda."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    if form not in DecisionForm.values:
        raise DecisionError(_("Unknown form of decision."))
    with transaction.atomic():
        locked = lock_matter(matter)
        if locked.status != MatterStatus.DRAFT:
            raise DecisionError(_("Only a draft matter can change its form."))
        if locked.parent_id is not None:
            raise DecisionError(_("A village's part of a commune matter keeps its form."))
        if locked.meeting_id is not None:
            # The meeting's notice announced the matter (ND 59 Art. 3(3)); the fallback to
            # ballots after the meeting is set by the meeting's close (Art. 19(1)(b)).
            raise DecisionError(
                _(
                    "The matter is on the agenda of the meeting «%(meeting)s»; its form cannot "
                    "change."
                )
                % {"meeting": locked.meeting.title}
            )
        if form == locked.form:
            raise DecisionError(_("The matter already has this form."))
        if locked.scope == MatterScope.COMMUNE:
            allowed = form != DecisionForm.ONLINE
        else:
            allowed = rules.form_allowed(locked.kind, form) or (
                form == DecisionForm.BALLOT and locked.ballot_fallback
            )
        if not allowed:
            if form == DecisionForm.ONLINE:
                raise DecisionError(_("Only other self-managed matters may be decided online."))
            raise DecisionError(_("This matter must be decided at a community meeting."))
        if form == DecisionForm.ONLINE and locked.poll_closed_at is not None:
            raise DecisionError(_("The community already declined to vote online on this matter."))
        previous = locked.form
        locked.form = form
        locked.save(update_fields=["form"])
        audit_record(
            actor=actor,
            action="decisions.matter_form_changed",
            target=locked,
            unit=locked.unit,
            data={"from": previous, "to": form},
        )
    return locked


def poll_state(matter: Matter) -> dict[str, int]:
    """The poll's figures so far: answers by choice and all current households (two queries)."""
    from django.db.models import Count, Q

    counts = OnlinePollResponse.objects.filter(matter=matter).aggregate(
        answered=Count("pk"),
        agree=Count("pk", filter=Q(choice=Choice.AGREE)),
        disagree=Count("pk", filter=Q(choice=Choice.DISAGREE)),
        other=Count("pk", filter=Q(choice=Choice.OTHER)),
    )
    counts["households"] = village_households(matter.unit)
    return counts
