"""Proposing a matter, opening it, recording each household's voice, and closing it.

Village scope only so far (commune-scope aggregation village by village is still to come).
Every function is atomic, re-checks permission and writes its audit event in the same
transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.people.models import Household
from danchu.core.units.models import Unit
from danchu.decisions.domain import rules
from danchu.decisions.models import (
    Choice,
    DecisionForm,
    HouseholdVote,
    Matter,
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


def matter_create(
    *, actor: Any, village: Unit, kind: str, form: str, title: str, description: str = ""
) -> Matter:
    """Propose a village matter (Art. 16(2)). Items 3–5 are decided at a meeting (Art. 17(2);
    ballots only as the fallback of Art. 19(1)(b)); online votes only for item 6 (ND 59 Art. 5)."""
    if not village.is_village:
        raise DecisionError(_("A matter belongs to a village."))
    if not has_perm(actor, RUN_MATTERS, village):
        raise NotPermitted()
    if kind not in rules.KINDS:
        raise DecisionError(_("Unknown kind of matter."))
    if form not in DecisionForm.values:
        raise DecisionError(_("Unknown form of decision."))
    if not rules.form_allowed(kind, form):
        if form == DecisionForm.ONLINE:
            raise DecisionError(_("Only other self-managed matters may be decided online."))
        raise DecisionError(_("This matter must be decided at a community meeting."))
    title = normalise_spaces(title)
    if not title:
        raise DecisionError(_("The title is required."))
    with transaction.atomic():
        matter = Matter.objects.create(
            unit=village,
            kind=kind,
            form=form,
            title=title[:255],
            description=description.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="decisions.matter_created",
            target=matter,
            unit=village,
            data={"kind": kind, "form": form, "title": matter.title},
        )
    return matter


def matter_open(*, actor: Any, matter: Matter) -> Matter:
    """Open voting. The number of ALL current households of the village is fixed now: every
    threshold counts against it (Art. 21(1))."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status != MatterStatus.DRAFT:
            raise DecisionError(_("Voting on this matter has already been opened."))
        locked.eligible_households = Household.objects.current().filter(village=locked.unit).count()
        locked.status = MatterStatus.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["eligible_households", "status", "opened_at"])
        audit_record(
            actor=actor,
            action="decisions.matter_opened",
            target=locked,
            unit=locked.unit,
            data={"eligible_households": locked.eligible_households},
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
) -> HouseholdVote:
    """Record a household's voice once and only once, whatever the channel (Art. 19(3)).

    Online: the household's representative votes for the household. On paper or at the meeting:
    the ballot team or the village head enters it, and who entered it is kept.
    """
    if choice not in Choice.values:
        raise DecisionError(_("Unknown choice."))
    if channel not in VoteChannel.values:
        raise DecisionError(_("Unknown channel."))
    if channel == VoteChannel.ONLINE:
        is_representative = getattr(actor, "person_id", None) is not None and (
            actor.person_id == household.representative_id
        )
        if matter.form != DecisionForm.ONLINE or not is_representative:
            raise NotPermitted()
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
            # count that decided the matter.
            current = (
                Matter.objects.select_for_update()
                .filter(pk=matter.pk)
                .values_list("status", flat=True)
                .get()
            )
            if current != MatterStatus.OPEN:
                raise DecisionError(_("Voting on this matter is not open."))
            vote = HouseholdVote.objects.create(
                matter=matter,
                household=household,
                choice=choice,
                other_opinion=normalise_spaces(other_opinion)[:500],
                channel=channel,
                entered_by=actor if getattr(actor, "is_authenticated", False) else None,
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
        raise DecisionError(
            _("This household's voice on this matter is already recorded.")
        ) from None
    return vote


def matter_close(*, actor: Any, matter: Matter) -> Matter:
    """Close voting and decide from the stored counts against ALL households (Art. 21(1))."""
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status != MatterStatus.OPEN:
            raise DecisionError(_("Voting on this matter is not open."))
        adopted = rules.passes(
            locked.kind, "village", locked.eligible_households or 0, locked.agree_count
        )
        locked.status = MatterStatus.ADOPTED if adopted else MatterStatus.REJECTED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=actor,
            action="decisions.matter_closed",
            target=locked,
            unit=locked.unit,
            data={
                "eligible_households": locked.eligible_households,
                "agree": locked.agree_count,
                "disagree": locked.disagree_count,
                "other": locked.other_count,
                "adopted": adopted,
            },
        )
    return locked
