"""Proposing a matter, opening it, recording each household's voice, and closing it.

A village matter is decided by the village's households, through the step of its form: a
meeting-form matter opens when its meeting starts and closes when it ends (Law 10/2022 Art. 18;
ND 59/2023 Art. 3), a ballot-form matter opens on a lawful ballot plan and team and closes with
the count (Art. 19; ND 59 Art. 4), an online matter opens after its poll (ND 59 Art. 5). Only an
online matter and a commune-scope matter are closed here directly.

A commune-scope matter (items 1–2) creates a draft part in every village of the commune, each
decided by its village through its own step; the commune then counts the villages that adopted
it against ALL its villages: the results are aggregated per ND 59/2023 Art. 4(6)(c), and the
at-least-two-thirds-of-villages threshold is Law 10/2022 Art. 21(1). Every function is atomic,
re-checks permission and writes its audit event in the same transaction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access import roles
from danchu.core.access.errors import NotPermitted
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.people.models import Household
from danchu.core.units.domain.kinds import Level
from danchu.core.units.models import Unit
from danchu.decisions.domain import rules
from danchu.decisions.domain.initiative import CONSENT_VALID_MONTHS, initiative_reaches_agenda
from danchu.decisions.models import (
    Choice,
    DecisionForm,
    HouseholdVote,
    InitiativeConsent,
    Matter,
    MatterOrigin,
    MatterScope,
    MatterStatus,
    VoteChannel,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS

COUNT_FIELD = {
    Choice.AGREE: "agree_count",
    Choice.DISAGREE: "disagree_count",
    Choice.OTHER: "other_count",
}


class DecisionError(ValueError):
    """A step that cannot be taken; the message is in the user's language."""


def acting_user(actor: Any) -> Any:
    """The actor to keep as who created or entered a row: a signed-in user, else None."""
    return actor if getattr(actor, "is_authenticated", False) else None


def lock_matter(matter: Matter) -> Matter:
    """The matter's row, locked for the caller's transaction, with its unit."""
    return Matter.objects.select_for_update().select_related("unit").get(pk=matter.pk)


def locked_matter_status(matter: Matter) -> str:
    """Lock the matter's row and read its status: serialises answers and votes with the step
    that closes them."""
    return (
        Matter.objects.select_for_update()
        .filter(pk=matter.pk)
        .values_list("status", flat=True)
        .get()
    )


def village_households(village: Unit | int) -> int:
    """ALL current households of the village, the base of every threshold (Art. 21(1))."""
    return Household.objects.current().filter(village=village).count()


def household_by_code(village: Unit | int, code: str) -> Household | None:
    """The current household of the village with the household number typed in."""
    return (
        Household.objects.current()
        .select_related("representative")
        .filter(village=village, code=code.strip())
        .first()
    )


def village_household(village: Unit | int, code: str) -> Household:
    """``household_by_code``, refusing a number that is not a current household of the village."""
    household = household_by_code(village, code)
    if household is None:
        raise DecisionError(_("No current household with that number in this village."))
    return household


def represented_household(actor: Any, matter: Matter) -> Household | None:
    """The household the actor represents in the matter's village, if any."""
    person_id = getattr(actor, "person_id", None)
    if not person_id:
        return None
    return (
        Household.objects.current().filter(village=matter.unit, representative_id=person_id).first()
    )


def is_representative(actor: Any, household: Household) -> bool:
    """Whether the actor is the household's representative (who votes for it online)."""
    return getattr(actor, "person_id", None) is not None and (
        actor.person_id == household.representative_id
    )


def matter_create(
    *,
    actor: Any,
    village: Unit,
    kind: str,
    form: str,
    title: str,
    description: str = "",
    front_agreed_by: str = "",
    front_agreed_on: date | None = None,
    origin: str = MatterOrigin.PROPOSAL,
) -> Matter:
    """Propose a matter (Art. 16).

    ``village`` is a village, or a commune for a commune-scope contribution or fund matter
    (Art. 15(1)–(2); the commune chair proposes it with the commune Front chair, Art. 16(1), and
    may choose household ballots, Art. 19(1)(a)). Items 3–5 are decided at a meeting (Art.
    17(2); ballots only as the fallback of Art. 19(1)(b)); online votes only for item 6 (ND 59
    Art. 5). A residents' initiative (Art. 16(3)) opens only once enough households consented.
    """
    unit = village
    if unit.is_commune:
        scope = MatterScope.COMMUNE
    elif unit.is_village:
        scope = MatterScope.VILLAGE
    else:
        raise DecisionError(_("A matter belongs to a village or, for contributions, a commune."))
    if not has_perm(actor, RUN_MATTERS, unit):
        raise NotPermitted()
    if kind not in rules.KINDS:
        raise DecisionError(_("Unknown kind of matter."))
    if form not in DecisionForm.values:
        raise DecisionError(_("Unknown form of decision."))
    if origin not in MatterOrigin.values:
        raise DecisionError(_("Unknown origin of the matter."))
    if scope == MatterScope.COMMUNE:
        if kind not in rules.COMMUNE_SCOPE_KINDS:
            raise DecisionError(
                _("Only contributions and community funds are decided at commune scope.")
            )
        if form == DecisionForm.ONLINE:
            raise DecisionError(_("Only other self-managed matters may be decided online."))
        if origin != MatterOrigin.PROPOSAL:
            raise DecisionError(_("A residents' initiative belongs to a village."))
    elif not rules.form_allowed(kind, form):
        if form == DecisionForm.ONLINE:
            raise DecisionError(_("Only other self-managed matters may be decided online."))
        raise DecisionError(_("This matter must be decided at a community meeting."))
    title = normalise_spaces(title)
    if not title:
        raise DecisionError(_("The title is required."))
    with transaction.atomic():
        matter = Matter.objects.create(
            unit=unit,
            scope=scope,
            kind=kind,
            form=form,
            origin=origin,
            title=title[:255],
            description=description.strip(),
            front_agreed_by=normalise_spaces(front_agreed_by)[:150],
            front_agreed_on=front_agreed_on,
            created_by=acting_user(actor),
        )
        audit_record(
            actor=actor,
            action="decisions.matter_created",
            target=matter,
            unit=unit,
            data={"kind": kind, "form": form, "scope": scope, "title": matter.title},
        )
    return matter


def front_agreement_record(
    *, actor: Any, matter: Matter, agreed_by: str, agreed_on: date
) -> Matter:
    """Record the Front head's agreement with the proposal (Art. 16(1)–(2))."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    agreed_by = normalise_spaces(agreed_by)[:150]
    if not agreed_by:
        raise DecisionError(_("Name the Front head who agreed."))
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status != MatterStatus.DRAFT:
            raise DecisionError(_("Voting on this matter has already been opened."))
        locked.front_agreed_by, locked.front_agreed_on = agreed_by, agreed_on
        locked.save(update_fields=["front_agreed_by", "front_agreed_on"])
        audit_record(
            actor=actor,
            action="decisions.front_agreed",
            target=locked,
            unit=locked.unit,
            data={"agreed_by": agreed_by, "agreed_on": agreed_on.isoformat()},
        )
    return locked


def consent_record(
    *, actor: Any, matter: Matter, household: Household, given_on: date
) -> InitiativeConsent:
    """Record a household's consent to a residents' initiative (Art. 16(3)); the initiator
    answers for the list, the village head keeps it."""
    if not has_perm(actor, RECORD_VOTES, matter):
        raise NotPermitted()
    if matter.origin != MatterOrigin.INITIATIVE:
        raise DecisionError(_("This matter is not a residents' initiative."))
    if household.village_id != matter.unit_id or household.left_on is not None:
        raise DecisionError(_("This household does not belong to the village of the matter."))
    if given_on > timezone.localdate():
        raise DecisionError(_("A consent cannot be dated in the future."))
    try:
        with transaction.atomic():
            # Consents put an initiative on the agenda (Art. 16(3)): once it is opened (or
            # decided) they count for nothing, so they are refused.
            if locked_matter_status(matter) != MatterStatus.DRAFT:
                raise DecisionError(
                    _("Consents are collected only while the initiative is a draft.")
                )
            consent = InitiativeConsent.objects.create(
                matter=matter,
                household=household,
                given_on=given_on,
                recorded_by=acting_user(actor),
            )
            audit_record(
                actor=actor,
                action="decisions.consent_recorded",
                target=matter,
                unit=matter.unit,
                data={"household": household.pk, "given_on": given_on.isoformat()},
            )
    except IntegrityError:
        raise DecisionError(_("This household's consent is already recorded.")) from None
    return consent


def consents_valid_from(on: date) -> date:
    """The oldest consent still valid on ``on``: valid for three months from the day given
    (Art. 16(3)), counted as the Civil Code counts months (Arts 147–148): the day after it was
    given is the first day, and the period ends with the same day number three months later."""
    return _months_before(on, CONSENT_VALID_MONTHS)


def valid_consents(matter: Matter, on: date) -> int:
    """Consents still valid on ``on`` (given from ``consents_valid_from(on)`` to ``on``) of
    households still current in the matter's village: the numerator of the 10% of Art. 16(3),
    whose denominator is the village's current households."""
    return matter.consents.filter(
        given_on__gte=consents_valid_from(on),
        given_on__lte=on,
        household__village_id=matter.unit_id,
        household__left_on__isnull=True,
    ).count()


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate_day in range(day.day, 0, -1):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    return date(year, month, 1) - timedelta(days=1)


def initiative_support_check(matter: Matter) -> None:
    """Refuse to put a residents' initiative to the community without valid consents of at least
    10% of ALL the village's households or the Front work committee's approval (Art. 16(3))."""
    if not initiative_reaches_agenda(
        village_households(matter.unit),
        valid_consents(matter, timezone.localdate()),
        matter.initiative_front_approved,
    ):
        raise DecisionError(
            _(
                # xgettext:no-python-format
                "Fewer than 10% of the village's households have consented in the last "
                "three months, and the Front work committee has not approved it."
            )
        )


_holds_the_village_heads_role = holds_role_over(roles.VILLAGE_HEAD)


def refuse_the_dismissed_head(actor: Any, matter: Matter) -> None:
    """The dismissal of a village head is decided without him (ND 59/2023 Art. 9; Art. 18(1)):
    refuse any step on a dismissal's matter — its household ballots after a meeting without
    enough households included — to an actor holding the village head's role over the
    village."""
    from danchu.decisions.models import Dismissal

    if _holds_the_village_heads_role.check(actor, matter) and (
        Dismissal.objects.filter(matter_id=matter.pk).exists()
    ):
        raise NotPermitted()


def _ballot_plan_problems(matter: Matter) -> list[str]:
    """What still prevents opening a ballot-form matter: its plan and team (ND 59 Art. 4(2)–(4))."""
    from danchu.decisions.models import BallotPlan, TeamPurpose
    from danchu.decisions.services_ballots import plan_problems, team_of

    plan = BallotPlan.objects.filter(matter_id=matter.pk).first()
    return plan_problems(plan, team_of(matter, TeamPurpose.BALLOT))


def matter_open(*, actor: Any, matter: Matter, by_step: bool = False) -> Matter:
    """Open voting. The number of ALL current households of the village is fixed now: every
    threshold counts against it (Art. 21(1)). A proposal needs the Front head's agreement
    recorded (Art. 16(1)–(2)); an initiative needs valid consents of at least 10% of households
    or the Front work committee's approval (Art. 16(3)).

    Each form opens only through its step, so that no step of the procedure can be skipped:
    a meeting-form matter when its meeting starts (``services_meetings.meeting_start`` passes
    ``by_step=True``, having checked who runs the meeting; Art. 18; ND 59/2023 Art. 3); a
    ballot-form matter — chosen up front or as the fallback of Art. 19(1)(b) — only once its
    ballot plan and team are lawful (ND 59 Art. 4(2)–(4)); an online matter only after its poll
    passed (ND 59 Art. 5(2)(c)). A commune-scope matter opens directly: it creates a draft part
    in every village of the commune, and each part opens through its village's own step (its
    meeting, or its ballot plan and team), when that village's households are counted."""
    if not by_step:
        if not has_perm(actor, RUN_MATTERS, matter):
            raise NotPermitted()
        refuse_the_dismissed_head(actor, matter)
    with transaction.atomic():
        locked = lock_matter(matter)
        if locked.status not in (MatterStatus.DRAFT, MatterStatus.POLL):
            raise DecisionError(_("Voting on this matter has already been opened."))
        if locked.parent_id is not None and not (
            Matter.objects.filter(pk=locked.parent_id, status=MatterStatus.OPEN).exists()
        ):
            raise DecisionError(_("The commune-scope matter of this part is not open."))
        village_scope = locked.scope == MatterScope.VILLAGE
        if (
            village_scope
            and locked.form == DecisionForm.MEETING
            and not (by_step and locked.meeting_id is not None)
        ):
            raise DecisionError(
                _(
                    "A matter decided at a community meeting opens when its meeting starts: "
                    "plan the meeting, send its notice and start it."
                )
            )
        if locked.form == DecisionForm.ONLINE and not (
            locked.status == MatterStatus.POLL
            and locked.poll_closed_at is not None
            and rules.online_vote_allowed(
                locked.kind, village_households(locked.unit), locked.poll_chose_online
            )
        ):
            raise DecisionError(
                _("An online vote opens only after the poll on voting online has passed.")
            )
        if locked.form == DecisionForm.BALLOT:
            if not (
                rules.form_allowed(locked.kind, locked.form)
                or locked.ballot_fallback
                or locked.scope == MatterScope.COMMUNE
                or locked.parent_id is not None
            ):
                raise DecisionError(_("This matter must be decided at a community meeting."))
            if village_scope:
                problems = _ballot_plan_problems(locked)
                if problems:
                    raise DecisionError(
                        _("Household ballots open only on a lawful plan and team.")
                        + " "
                        + " ".join(problems)
                    )
        if locked.origin == MatterOrigin.INITIATIVE:
            initiative_support_check(locked)
        elif not locked.front_agreed_by:
            raise DecisionError(_("Record the Front head's agreement before opening the vote."))
        now = timezone.now()
        if locked.scope == MatterScope.COMMUNE:
            villages = list(locked.unit.children.current().filter(level=Level.VILLAGE))
            if not villages:
                raise DecisionError(_("The commune has no villages."))
            locked.eligible_households = len(villages)
            for village in villages:
                # Each village decides its part through its own step; its households are
                # counted when that part opens.
                Matter.objects.create(
                    unit=village,
                    scope=MatterScope.VILLAGE,
                    parent=locked,
                    kind=locked.kind,
                    form=locked.form,
                    origin=locked.origin,
                    title=locked.title,
                    description=locked.description,
                    front_agreed_by=locked.front_agreed_by,
                    front_agreed_on=locked.front_agreed_on,
                    status=MatterStatus.DRAFT,
                    created_by=locked.created_by,
                )
        else:
            locked.eligible_households = village_households(locked.unit)
        locked.status = MatterStatus.OPEN
        locked.opened_at = now
        locked.save(update_fields=["eligible_households", "status", "opened_at"])
        audit_record(
            actor=actor,
            action="decisions.matter_opened",
            target=locked,
            unit=locked.unit,
            data={"eligible": locked.eligible_households, "scope": locked.scope},
        )
    return locked


def vote_record(
    *,
    actor: Any,
    matter: Matter,
    household: Household,
    choice: str,
    channel: str,
    other_opinion: str = "",
    via_ballot: bool = False,
) -> HouseholdVote:
    """Record a household's voice once and only once, whatever the channel (Art. 19(3)).

    Online: the household's representative votes for the household, on an online matter only
    (ND 59/2023 Art. 5). On paper: a returned ballot of a ballot-form matter is entered only by
    its printed code (``services_ballots.ballot_enter`` passes ``via_ballot=True``); on an online
    matter the online team enters the answers households gave on paper (ND 59 Art. 5(2): paper
    and online together), and who entered it is kept. A meeting never records a household's
    vote: it records the counts of each matter (``MeetingTally``, ND 59 Art. 3(5)). Once the
    announced end of an online vote (``closes_at``) has passed, no vote is taken. A second voice
    of the same household is refused with a message that says how the first one was given; the
    unique constraint stays the final guard against concurrent entries.
    """
    if choice not in Choice.values:
        raise DecisionError(_("Unknown choice."))
    if channel not in VoteChannel.values:
        raise DecisionError(_("Unknown channel."))
    if channel == VoteChannel.MEETING:
        raise DecisionError(
            _(
                "A meeting records the count of each matter, not each household's vote: enter "
                "the count on the meeting's page."
            )
        )
    if channel == VoteChannel.ONLINE:
        if not is_representative(actor, household):
            raise NotPermitted()
        if matter.form != DecisionForm.ONLINE:
            from danchu.decisions.services_ballots import already_voted_message

            if HouseholdVote.objects.filter(matter=matter, household=household).exists():
                raise DecisionError(already_voted_message(matter, household, channel))
            raise DecisionError(_("This matter is not decided by an online vote."))
    elif not has_perm(actor, RECORD_VOTES, matter):
        raise NotPermitted()
    if household.village_id != matter.unit_id or household.left_on is not None:
        raise DecisionError(_("This household does not belong to the village of the matter."))
    if matter.opened_at is not None and household.created_at > matter.opened_at:
        # The threshold counts the households of the village when voting opened (Art. 21(1));
        # a household registered later is not among them.
        raise DecisionError(_("This household was registered after voting opened."))
    try:
        with transaction.atomic():
            # Locking the matter row serialises votes with closing: no vote lands after the
            # count that decided the matter, nor after the announced end of the vote.
            status, form, closes_at = (
                Matter.objects.select_for_update()
                .filter(pk=matter.pk)
                .values_list("status", "form", "closes_at")
                .get()
            )
            if status != MatterStatus.OPEN:
                raise DecisionError(_("Voting on this matter is not open."))
            if closes_at is not None and timezone.now() >= closes_at:
                raise DecisionError(
                    _("Voting on this matter ended at %(when)s.")
                    % {
                        "when": formats.date_format(
                            timezone.localtime(closes_at), "SHORT_DATETIME_FORMAT"
                        )
                    }
                )
            if channel == VoteChannel.PAPER:
                if form == DecisionForm.BALLOT and not via_ballot:
                    raise DecisionError(
                        _(
                            "A paper ballot is entered by the code printed on it, on the "
                            "matter's ballots page."
                        )
                    )
                if form == DecisionForm.MEETING:
                    raise DecisionError(
                        _(
                            "This matter is decided at a community meeting: the meeting records "
                            "its count, not paper ballots."
                        )
                    )
            vote = HouseholdVote.objects.create(
                matter=matter,
                household=household,
                choice=choice,
                other_opinion=normalise_spaces(other_opinion)[:500],
                channel=channel,
                entered_by=acting_user(actor),
            )
            Matter.objects.filter(pk=matter.pk).update(
                **{COUNT_FIELD[choice]: F(COUNT_FIELD[choice]) + 1}
            )
            audit_record(
                actor=actor,
                action="decisions.vote_recorded",
                target=matter,
                unit=matter.unit,
                data={"household": household.pk, "channel": channel},
            )
    except IntegrityError:
        # Said precisely: how and when the household's first voice was given.
        from danchu.decisions.services_ballots import already_voted_message

        raise DecisionError(already_voted_message(matter, household, channel)) from None
    return vote


def settled_by_a_step(matter: Matter) -> bool:
    """Whether the matter is decided by its own step — the meeting's close, the ballot count
    (with its Mẫu 04 minutes) or the election's count — rather than by closing it directly.

    Every village matter decided at a meeting or by household ballots is (Arts 18–19; ND 59
    Arts 3–4), and so is a dismissal or an election (ND 59 Arts 8–9). Only an online matter and
    the commune-scope matter, which counts its villages, are closed directly."""
    from danchu.decisions.models import BallotPlan, Dismissal, Election

    if matter.scope == MatterScope.COMMUNE:
        return False
    if matter.form in (DecisionForm.MEETING, DecisionForm.BALLOT):
        return True
    return (
        matter.meeting_id is not None
        or BallotPlan.objects.filter(matter_id=matter.pk).exists()
        or Election.objects.filter(matter_id=matter.pk).exists()
        or Dismissal.objects.filter(matter_id=matter.pk).exists()
    )


def matter_close(*, actor: Any, matter: Matter, by_step: bool = False) -> Matter:
    """Close voting and decide from the stored counts against ALL households (Art. 21(1)).

    A commune-scope matter is decided once every village's part is closed: the villages that
    adopted it are counted against ALL villages of the commune, from their stored results (the
    aggregation of ND 59/2023 Art. 4(6)(c); the two-thirds threshold of Art. 21(1)). A matter
    decided at a meeting or by ballots, an election and a dismissal are closed only by their
    step (``by_step``, the step having checked who takes it), so that its minutes and checks
    cannot be skipped (``settled_by_a_step``).
    """
    if not by_step:
        if not has_perm(actor, RUN_MATTERS, matter):
            raise NotPermitted()
        refuse_the_dismissed_head(actor, matter)
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status != MatterStatus.OPEN:
            raise DecisionError(_("Voting on this matter is not open."))
        if not by_step and settled_by_a_step(locked):
            raise DecisionError(
                _(
                    "This matter is decided by its meeting, its ballot count or its election; "
                    "close it there."
                )
            )
        if locked.scope == MatterScope.COMMUNE:
            parts = Matter.objects.filter(parent=locked)
            if parts.filter(
                status__in=(MatterStatus.DRAFT, MatterStatus.POLL, MatterStatus.OPEN)
            ).exists():
                raise DecisionError(_("Some villages have not closed their vote yet."))
            locked.villages_adopted = parts.filter(status=MatterStatus.ADOPTED).count()
            adopted = rules.passes(
                locked.kind, "commune", locked.eligible_households or 0, locked.villages_adopted
            )
        else:
            adopted = rules.passes(
                locked.kind, "village", locked.eligible_households or 0, locked.agree_count
            )
        locked.status = MatterStatus.ADOPTED if adopted else MatterStatus.REJECTED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "villages_adopted"])
        audit_record(
            actor=actor,
            action="decisions.matter_closed",
            target=locked,
            unit=locked.unit,
            data={
                "eligible": locked.eligible_households,
                "agree": locked.agree_count,
                "disagree": locked.disagree_count,
                "other": locked.other_count,
                "villages_adopted": locked.villages_adopted,
                "adopted": adopted,
            },
        )
    return locked
