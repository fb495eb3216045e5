"""Household ballots (Law 10/2022/QH15 Art. 19; ND 59/2023/NĐ-CP Art. 4): the plan, the ballot
team, one coded ballot per household, entering the returned ballots and the count.

Every function is keyword-only, atomic, re-checks permission, locks what it changes, writes its
audit event in the same transaction and raises DecisionError (nothing changed) for a refused
step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.calendar import deadline
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.services import document_generate
from danchu.core.people.models import Household
from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.models import (
    Ballot,
    BallotPlan,
    DecisionForm,
    HouseholdVote,
    Matter,
    MatterScope,
    MatterStatus,
    Team,
    TeamMember,
    TeamPurpose,
    VoteChannel,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_ballots import MANAGE_BALLOTS
from danchu.decisions.services import (
    DecisionError,
    acting_user,
    lock_matter,
    matter_close,
    refuse_the_dismissed_head,
    vote_record,
)

COUNTING_MINUTES = "decisions.ballot_counting_minutes"
ISSUE_BATCH = 500


def _when(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def already_voted_message(matter: Matter, household: Household, channel: str) -> str:
    """Why a second voice of a household is refused: how and when the first was given (used by
    ``services.vote_record`` and by ballot entry)."""
    first = (
        HouseholdVote.objects.filter(matter=matter, household=household)
        .values_list("channel", "cast_at")
        .first()
    )
    if first is None:  # the other entry rolled back meanwhile: nothing more precise to say
        return _("This household's voice on this matter is already recorded.")
    first_channel, cast_at = first
    when = _when(cast_at)
    if first_channel == VoteChannel.PAPER and channel == VoteChannel.ONLINE:
        return _(
            "Your household's paper ballot was already counted (%(when)s); the household "
            "cannot also vote online."
        ) % {"when": when}
    if first_channel == VoteChannel.ONLINE and channel != VoteChannel.ONLINE:
        return _(
            "This household already voted online (%(when)s); a paper ballot or a meeting vote "
            "for it cannot also be counted."
        ) % {"when": when}
    if first_channel == VoteChannel.MEETING:
        return _("This household's vote at the meeting is already recorded (%(when)s).") % {
            "when": when
        }
    if first_channel == VoteChannel.PAPER:
        return _("This household's paper ballot is already counted (%(when)s).") % {"when": when}
    return _("This household already voted online (%(when)s).") % {"when": when}


# --- teams (shared with the online voting team) ---------------------------------------------


def team_problem_message(code: str) -> str:
    messages = {
        rules_ballots.TEAM_UNNAMED_MEMBER: _("Every member of the team needs a name."),
        rules_ballots.TEAM_TOO_SMALL: _("The team needs at least 3 members."),
        rules_ballots.TEAM_TOO_LARGE: _("The team has at most 5 members."),
        rules_ballots.TEAM_NO_LEADER: _("Choose the member who leads the team."),
        rules_ballots.TEAM_SEVERAL_LEADERS: _("Only one member leads the team."),
        rules_ballots.TEAM_LEADER_NOT_FRONT: _(
            "The team is led by the representative of the Front work committee."
        ),
        rules_ballots.TEAM_NO_IT: _(
            "The online voting team includes a person proficient in information technology."
        ),
    }
    return messages[code]


def _facts(members: Sequence[Mapping[str, Any]]) -> list[rules_ballots.MemberFacts]:
    return [
        rules_ballots.MemberFacts(
            full_name=normalise_spaces(str(m.get("full_name", ""))),
            is_leader=bool(m.get("is_leader")),
            is_front_representative=bool(m.get("is_front_representative")),
            represents=str(m.get("represents", "")),
        )
        for m in members
    ]


def team_members_of(team: Team | None) -> list[rules_ballots.MemberFacts]:
    if team is None:
        return []
    return [
        rules_ballots.MemberFacts(
            full_name=m.full_name,
            is_leader=m.is_leader,
            is_front_representative=m.is_front_representative,
            represents=m.represents,
        )
        for m in team.members.all()
    ]


def team_of(matter: Matter, purpose: str) -> Team | None:
    return (
        Team.objects.filter(matter=matter, purpose=purpose)
        .prefetch_related("members")
        .order_by("-pk")
        .first()
    )


def team_replace(
    *,
    actor: Any,
    matter: Matter,
    purpose: str,
    members: Sequence[Mapping[str, Any]],
    needs_it: bool,
    action: str,
) -> Team:
    """Set the team of ``purpose`` for the matter (replacing its members); refused unless the
    domain finds it lawful. The caller has checked permission and the matter's state."""
    facts = _facts(members)
    problems = rules_ballots.team_problems(facts, needs_it=needs_it)
    if problems:
        raise DecisionError(" ".join(team_problem_message(p) for p in problems))
    for m in facts:
        if m.represents and m.represents not in rules_ballots.REPRESENTS:
            raise DecisionError(_("Unknown kind of representation in the team."))
    team = Team.objects.select_for_update().filter(matter=matter, purpose=purpose).first()
    if team is None:
        team = Team.objects.create(matter=matter, purpose=purpose, decided_on=timezone.localdate())
    else:
        team.members.all().delete()
        team.decided_on = timezone.localdate()
        team.save(update_fields=["decided_on"])
    TeamMember.objects.bulk_create(
        [
            TeamMember(
                team=team,
                full_name=fact.full_name[:150],
                represents=fact.represents,
                is_leader=fact.is_leader,
                is_front_representative=fact.is_front_representative,
                person=raw.get("person"),
                user=raw.get("user"),
            )
            for fact, raw in zip(facts, members, strict=True)
        ]
    )
    audit_record(
        actor=actor,
        action=action,
        target=matter,
        unit=matter.unit,
        data={
            "team": team.pk,
            "members": [f.full_name for f in facts],
            "leader": next(f.full_name for f in facts if f.is_leader),
        },
    )
    return team


# --- the plan and the team ------------------------------------------------------------------


def _ballot_matter(matter: Matter) -> None:
    if matter.form != DecisionForm.BALLOT:
        raise DecisionError(_("This matter is not decided by household ballots."))
    if matter.scope == MatterScope.COMMUNE:
        raise DecisionError(
            _("Each village plans and counts its own ballots; open the village's part.")
        )


def ballot_plan_create(
    *,
    actor: Any,
    matter: Matter,
    purpose: str,
    issued_on: date,
    distribution_starts_on: date,
    return_deadline: date,
    notice_channels: Sequence[str],
    notice_posted_on: date | None = None,
    sent_to_commune_on: date | None = None,
) -> BallotPlan:
    """Issue (or, before any ballot is issued, revise) the ballot plan of the village head and
    the Front work committee head (ND 59 Art. 4(2)): sent to the commune within 02 days of
    issue, publicised at least 02 days before distribution (Art. 19(2); ND 59 Art. 4(4)), the
    return deadline after distribution. The issue, the sending and the notice are recorded
    facts: none may be dated in the future. A matter of form "ballot", including a village's
    part of a commune-scope matter."""
    if not has_perm(actor, MANAGE_BALLOTS, matter):
        raise NotPermitted()
    refuse_the_dismissed_head(actor, matter)
    purpose = purpose.strip()
    channels = list(dict.fromkeys(notice_channels))
    today = timezone.localdate()
    # The issue, the sending and the notice are facts recorded after they happened.
    for day, message in (
        (issued_on, _("The plan cannot be dated in the future.")),
        (
            sent_to_commune_on,
            _("The sending of the plan to the commune cannot be dated in the future."),
        ),
        (notice_posted_on, _("The notice to the households cannot be dated in the future.")),
    ):
        if day is not None and day > today:
            raise DecisionError(message)
    with transaction.atomic():
        locked = lock_matter(matter)
        _ballot_matter(locked)
        if locked.status not in (MatterStatus.DRAFT, MatterStatus.OPEN):
            raise DecisionError(_("Voting on this matter is closed."))
        if Ballot.objects.filter(matter=locked).exists():
            raise DecisionError(_("The ballots are already issued; the plan can no longer change."))
        if not purpose:
            raise DecisionError(_("Write the purpose and content of the ballot."))
        if not channels or any(c not in rules_ballots.NOTICE_CHANNELS for c in channels):
            raise DecisionError(_("Choose how the households are notified."))
        if distribution_starts_on < issued_on:
            raise DecisionError(_("The ballots cannot be handed out before the plan is issued."))
        if not rules_ballots.return_deadline_valid(distribution_starts_on, return_deadline):
            raise DecisionError(
                _("The return deadline must come after the ballots are handed out.")
            )
        if sent_to_commune_on is not None:
            due = rules_ballots.plan_send_due(issued_on, deadline)
            if sent_to_commune_on < issued_on:
                raise DecisionError(_("The plan cannot be sent before it is issued."))
            if sent_to_commune_on > due:
                raise DecisionError(
                    _(
                        "The plan must reach the commune chair and the commune Front chair "
                        "within 2 days of its issue, by %(due)s; issue a new plan."
                    )
                    % {"due": formats.date_format(due, "SHORT_DATE_FORMAT")}
                )
        if notice_posted_on is not None:
            if notice_posted_on < issued_on:
                raise DecisionError(_("The notice cannot precede the plan."))
            if not rules_ballots.notice_in_time(notice_posted_on, distribution_starts_on):
                latest = rules_ballots.latest_notice_day(distribution_starts_on)
                raise DecisionError(
                    _(
                        "The households must be notified at least 2 days before the ballots "
                        "are handed out, by %(latest)s."
                    )
                    % {"latest": formats.date_format(latest, "SHORT_DATE_FORMAT")}
                )
        values = {
            "purpose": purpose,
            "issued_on": issued_on,
            "distribution_starts_on": distribution_starts_on,
            "return_deadline": return_deadline,
            "notice_channels": channels,
            "notice_posted_on": notice_posted_on,
            "sent_to_commune_on": sent_to_commune_on,
        }
        plan = BallotPlan.objects.select_for_update().filter(matter=locked).first()
        revised = plan is not None
        if plan is None:
            plan = BallotPlan.objects.create(
                matter=locked,
                created_by=acting_user(actor),
                **values,
            )
        else:
            for name, value in values.items():
                setattr(plan, name, value)
            plan.save(update_fields=list(values))
        audit_record(
            actor=actor,
            action="decisions.ballot_plan_created",
            target=locked,
            unit=locked.unit,
            data={
                "revised": revised,
                "issued_on": issued_on,
                "distribution_starts_on": distribution_starts_on,
                "return_deadline": return_deadline,
                "notice_posted_on": notice_posted_on,
                "sent_to_commune_on": sent_to_commune_on,
            },
        )
    return plan


def ballot_team_set(*, actor: Any, matter: Matter, members: Sequence[Mapping[str, Any]]) -> Team:
    """The ballot team: 3–5 members, led by the Front work committee's representative (Art.
    19(2); ND 59 Art. 4(3)). ``members``: mappings with full_name, represents, is_leader,
    is_front_representative (and optionally person, user)."""
    if not has_perm(actor, MANAGE_BALLOTS, matter):
        raise NotPermitted()
    refuse_the_dismissed_head(actor, matter)
    with transaction.atomic():
        locked = lock_matter(matter)
        _ballot_matter(locked)
        if locked.status not in (MatterStatus.DRAFT, MatterStatus.OPEN):
            raise DecisionError(_("Voting on this matter is closed."))
        return team_replace(
            actor=actor,
            matter=locked,
            purpose=TeamPurpose.BALLOT,
            members=members,
            needs_it=False,
            action="decisions.ballot_team_set",
        )


def plan_problems(plan: BallotPlan | None, team: Team | None) -> list[str]:
    """What still prevents issuing the ballots, as messages (empty: ready)."""
    problems = []
    if plan is None:
        return [_("Issue the ballot plan first.")]
    if plan.sent_to_commune_on is None:
        problems.append(_("Record when the plan was sent to the commune."))
    elif plan.sent_to_commune_on > rules_ballots.plan_send_due(plan.issued_on, deadline):
        problems.append(_("The plan reached the commune late; issue a new plan."))
    if plan.notice_posted_on is None:
        problems.append(_("Record when the households were notified."))
    elif not rules_ballots.notice_in_time(plan.notice_posted_on, plan.distribution_starts_on):
        problems.append(_("The households were notified less than 2 days before distribution."))
    facts = team_members_of(team)
    problems += [team_problem_message(p) for p in rules_ballots.team_problems(facts)]
    return problems


def _eligible_households(matter: Matter):
    """The households counted when voting opened: current, of the village, registered by then
    (Art. 21(1))."""
    return Household.objects.current().filter(
        village_id=matter.unit_id, created_at__lte=matter.opened_at
    )


def _fresh_codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        wanted = count - len(codes)
        batch = {rules_ballots.new_code() for _ in range(wanted)}
        batch -= set(Ballot.objects.filter(code__in=batch).values_list("code", flat=True))
        codes |= batch
    return list(codes)


def ballots_issue(*, actor: Any, matter: Matter) -> int:
    """One ballot per household counted at opening, each with an unguessable code (Art. 19(3);
    R-DEC-09). Only on an open matter whose plan and team are lawful. Issuing again creates
    ballots only for households that have none; returns how many were created."""
    if not has_perm(actor, MANAGE_BALLOTS, matter):
        raise NotPermitted()
    refuse_the_dismissed_head(actor, matter)
    with transaction.atomic():
        locked = lock_matter(matter)
        _ballot_matter(locked)
        if locked.status != MatterStatus.OPEN:
            raise DecisionError(_("Ballots are issued once voting on the matter is open."))
        plan = BallotPlan.objects.filter(matter=locked).first()
        if plan is not None and plan.counted_at is not None:
            raise DecisionError(_("The ballots are already counted."))
        problems = plan_problems(plan, team_of(locked, TeamPurpose.BALLOT))
        if problems:
            raise DecisionError(" ".join(problems))
        missing = list(
            _eligible_households(locked)
            .exclude(pk__in=Ballot.objects.filter(matter=locked).values("household_id"))
            .order_by("code", "pk")
            .values_list("pk", flat=True)
        )
        codes = _fresh_codes(len(missing))
        Ballot.objects.bulk_create(
            [
                Ballot(matter=locked, household_id=household_id, code=code)
                for household_id, code in zip(missing, codes, strict=True)
            ],
            batch_size=ISSUE_BATCH,
        )
        audit_record(
            actor=actor,
            action="decisions.ballots_issued",
            target=locked,
            unit=locked.unit,
            data={"created": len(missing), "total": Ballot.objects.filter(matter=locked).count()},
        )
    return len(missing)


# --- entering the returned ballots ----------------------------------------------------------


def ballot_enter(
    *,
    actor: Any,
    code: str,
    choice: str,
    other_opinion: str = "",
    matter: Matter | None = None,
) -> Ballot:
    """Enter one returned ballot by its code (typed or scanned): the household's one voice on
    paper (Art. 19(3)). Refused, with nothing changed: an unknown code, a ballot of another
    matter, a ballot already entered (when and by whom), or a household that already voted
    online."""
    normalised = rules_ballots.normalise_code(code)
    if not rules_ballots.code_well_formed(normalised):
        raise DecisionError(
            _("This is not a ballot code; check it for typing mistakes (12 letters and digits).")
        )
    with transaction.atomic():
        ballot = (
            Ballot.objects.select_for_update()
            .select_related("matter", "matter__unit", "household")
            .filter(code=normalised)
            .first()
        )
        if ballot is None or not has_perm(actor, RECORD_VOTES, ballot.matter):
            if matter is not None and not has_perm(actor, RECORD_VOTES, matter):
                raise NotPermitted()
            raise DecisionError(_("No ballot has the code %(code)s.") % {"code": code.strip()})
        refuse_the_dismissed_head(actor, ballot.matter)
        if matter is not None and ballot.matter_id != matter.pk:
            raise DecisionError(
                _("This ballot belongs to another matter: %(title)s.")
                % {"title": ballot.matter.title}
            )
        if ballot.vote_id is not None:
            vote = HouseholdVote.objects.select_related("entered_by").get(pk=ballot.vote_id)
            raise DecisionError(
                _("This ballot was already entered on %(when)s by %(who)s.")
                % {
                    "when": _when(vote.cast_at),
                    "who": str(vote.entered_by) if vote.entered_by else _("an unknown user"),
                }
            )
        existing = (
            HouseholdVote.objects.filter(matter=ballot.matter, household=ballot.household)
            .values_list("channel", flat=True)
            .first()
        )
        if existing is not None:
            raise DecisionError(
                already_voted_message(ballot.matter, ballot.household, VoteChannel.PAPER)
            )
        vote = vote_record(
            actor=actor,
            matter=ballot.matter,
            household=ballot.household,
            choice=choice,
            channel=VoteChannel.PAPER,
            other_opinion=other_opinion,
            via_ballot=True,
        )
        ballot.vote = vote
        ballot.save(update_fields=["vote"])
    return ballot


# --- the count (ND 59 Art. 4(6); Mẫu 04) ----------------------------------------------------


def ballot_count_close(*, actor: Any, matter: Matter, witnesses: Sequence[str]) -> Matter:
    """Count the ballots before two witnessing household representatives (ND 59 Art. 4(6)(a);
    R-DEC-14), generate the counting minutes (Mẫu 04, PDF and DOCX) and close the vote with
    ``services.matter_close`` — all or nothing. Counting starts on the return deadline, or
    earlier once every issued ballot is back."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    refuse_the_dismissed_head(actor, matter)
    names = [normalise_spaces(n) for n in witnesses]
    if not rules_ballots.witnesses_valid(names):
        raise DecisionError(_("Name exactly two different household representatives as witnesses."))
    with transaction.atomic():
        locked = lock_matter(matter)
        _ballot_matter(locked)
        if locked.status != MatterStatus.OPEN:
            raise DecisionError(_("Voting on this matter is not open."))
        plan = BallotPlan.objects.select_for_update().filter(matter=locked).first()
        issued = Ballot.objects.filter(matter=locked).count()
        if plan is None or issued == 0:
            raise DecisionError(_("No ballot has been issued for this matter."))
        returned = Ballot.objects.filter(matter=locked, vote__isnull=False).count()
        today = timezone.localdate()
        if today < plan.return_deadline and returned < issued:
            raise DecisionError(
                _("The ballots are returned until %(deadline)s; count them after that.")
                % {"deadline": formats.date_format(plan.return_deadline, "SHORT_DATE_FORMAT")}
            )
        team = team_of(locked, TeamPurpose.BALLOT)
        now = timezone.now()
        document = document_generate(
            actor=actor,
            doc_type=COUNTING_MINUTES,
            unit=locked.unit,
            data=counting_minutes_data(locked, plan, team, issued, returned, names, now),
        )
        plan.witnesses = names
        plan.counted_at = now
        plan.counting_minutes_document = document
        plan.save(update_fields=["witnesses", "counted_at", "counting_minutes_document"])
        audit_record(
            actor=actor,
            action="decisions.ballots_counted",
            target=locked,
            unit=locked.unit,
            data={
                "issued": issued,
                "returned": returned,
                "witnesses": names,
                "document": document.pk,
            },
        )
        return matter_close(actor=actor, matter=locked, by_step=True)


def counting_minutes_data(
    matter: Matter,
    plan: BallotPlan,
    team: Team | None,
    issued: int,
    returned: int,
    witnesses: Sequence[str],
    counted_at: Any,
) -> dict[str, Any]:
    unit = matter.unit
    commune = unit.parent
    return {
        "title": matter.title,
        "village": unit.name,
        "commune": commune.name if commune is not None else "",
        "commune_scope": matter.parent_id is not None,
        "counted_at": timezone.localtime(counted_at).isoformat(),
        "issued_on": plan.issued_on.isoformat(),
        "return_deadline": plan.return_deadline.isoformat(),
        "households": matter.eligible_households or 0,
        "issued": issued,
        "returned": returned,
        "agree": matter.agree_count,
        "disagree": matter.disagree_count,
        "other": matter.other_count,
        "not_returned": issued - returned,
        "witnesses": list(witnesses),
        "team": [
            {"name": m.full_name, "leader": m.is_leader}
            for m in (team.members.all() if team else [])
        ],
        "other_opinions": list(
            HouseholdVote.objects.filter(matter=matter, channel=VoteChannel.PAPER)
            .exclude(other_opinion="")
            .order_by("pk")
            .values_list("other_opinion", flat=True)[:50]
        ),
    }


def counting_minutes_of(matter: Matter) -> GeneratedDocument | None:
    """The counting minutes (Mẫu 04) generated when the matter's ballots were counted."""
    return GeneratedDocument.objects.filter(
        pk__in=BallotPlan.objects.filter(matter_id=matter.pk).values("counting_minutes_document_id")
    ).first()
