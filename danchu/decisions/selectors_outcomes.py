"""Reads for the outcome pages: the matter-page panel, the commune's list of decisions awaiting
sending or recognition (overdue first), and a residents' initiative's consents."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone

from danchu.core.access.registry import has_perm
from danchu.core.units.models import Unit
from danchu.decisions.domain import outcomes as rules
from danchu.decisions.domain.initiative import (
    CONSENT_SHARE_DENOMINATOR,
    CONSENT_SHARE_NUMERATOR,
    initiative_reaches_agenda,
)
from danchu.decisions.models import (
    CommunityDecision,
    DecisionStatus,
    Matter,
    MatterOrigin,
    MatterScope,
    MatterStatus,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_outcomes import (
    APPROVE_INITIATIVE,
    BODY_PERMISSION,
    COMMUNE_COMMITTEE_ACTS,
    may_see_decision_papers,
)
from danchu.decisions.services import consents_valid_from, valid_consents, village_households
from danchu.decisions.services_outcomes import AMENDABLE


def initiative_summary(matter: Matter, on: date) -> dict[str, Any]:
    """Valid consents against 10% of ALL current households of the village (Art. 16(3))."""
    households = village_households(matter.unit_id)
    valid = min(valid_consents(matter, on), households)
    needed = -(-CONSENT_SHARE_NUMERATOR * households // CONSENT_SHARE_DENOMINATOR)
    return {
        "households": households,
        "valid": valid,
        "needed": needed,
        "front_approved": matter.initiative_front_approved,
        "reaches": initiative_reaches_agenda(households, valid, matter.initiative_front_approved),
        "valid_from": consents_valid_from(on),
    }


def decision_deadlines(decision: CommunityDecision, today: date) -> dict[str, bool]:
    sending = decision.matter.scope == MatterScope.VILLAGE and decision.status not in (
        DecisionStatus.ANNULLED,
        DecisionStatus.AMENDMENT_REQUESTED,
    )
    answered = decision.recognised_on or decision.refused_on
    return {
        "send_overdue": sending and rules.is_overdue(decision.send_due, decision.sent_on, today),
        "recognition_overdue": decision.status == DecisionStatus.SENT
        and rules.is_overdue(decision.recognition_due, answered, today),
    }


def outcome_panel_context(request: HttpRequest, matter: Matter) -> dict[str, Any] | None:
    """The decision of the matter with its papers and deadlines, and the steps the actor may
    take: the village head draws up and sends; the commune recognises, refuses, sets the date,
    annuls or asks for an amendment. Draft residents' initiatives show their consents.

    The decision's content is shown to everyone; the links to its papers only to those who may
    open them (the unit's officials and residents: ``permissions_outcomes``)."""
    from danchu.decisions import forms_outcomes as forms

    user = request.user
    today = timezone.localdate()
    can_run = has_perm(user, RUN_MATTERS, matter)
    context: dict[str, Any] = {
        "today": today,
        "amends": matter.amends if matter.amends_id else None,
    }
    if (
        matter.origin == MatterOrigin.INITIATIVE
        and matter.status == MatterStatus.DRAFT
        and has_perm(user, RECORD_VOTES, matter)
    ):
        context["initiative"] = initiative_summary(matter, today)
        context["can_approve_initiative"] = not matter.initiative_front_approved and has_perm(
            user, APPROVE_INITIATIVE, matter
        )
    decision = (
        CommunityDecision.objects.select_related(
            "document", "recognition_document", "refusal_document"
        )
        .filter(matter=matter)
        .first()
    )
    if decision is None:
        context["can_draw_up"] = matter.status == MatterStatus.ADOPTED and can_run
        if not context["can_draw_up"] and "initiative" not in context and not context["amends"]:
            return None
        context["decision"] = None
        return context
    decision.matter = matter
    committee = has_perm(user, COMMUNE_COMMITTEE_ACTS, decision)
    body_permission = BODY_PERMISSION.get(decision.recognising_body)
    can_answer = (
        decision.status == DecisionStatus.SENT
        and body_permission is not None
        and has_perm(user, body_permission, decision)
    )
    status = decision.status
    context.update(
        decision=decision,
        can_see_papers=may_see_decision_papers(user, matter.unit),
        commune_scope=matter.scope == MatterScope.COMMUNE,
        can_send=can_run
        and matter.scope == MatterScope.VILLAGE
        and decision.sent_on is None
        and status in (DecisionStatus.DRAFT, DecisionStatus.IN_EFFECT),
        can_answer=can_answer,
        can_set_effective=committee
        and matter.scope == MatterScope.COMMUNE
        and status == DecisionStatus.DRAFT,
        can_annul=committee and status != DecisionStatus.ANNULLED,
        can_request_amendment=committee
        and status not in (DecisionStatus.ANNULLED, DecisionStatus.AMENDMENT_REQUESTED),
        can_amend=can_run and status in AMENDABLE,
        amendments=list(
            matter.amendments.exclude(status=MatterStatus.DRAFT).only("pk", "title", "status")
            if not can_run
            else matter.amendments.only("pk", "title", "status")
        ),
        send_form=forms.SendForm(prefix="send"),
        receive_form=forms.ReceiveForm(
            prefix="receive", initial={"received_on": decision.received_on}
        ),
        recognise_form=forms.RecogniseForm(prefix="recognise"),
        refuse_form=forms.RefuseForm(prefix="refuse"),
        effective_form=forms.EffectiveForm(prefix="effective"),
        annul_form=forms.AnnulForm(prefix="annul"),
        amendment_request_form=forms.AmendmentRequestForm(prefix="amendreq"),
        **decision_deadlines(decision, today),
    )
    return context


def commune_pending_decisions(commune: Unit, today: date) -> QuerySet[CommunityDecision]:
    """Decisions of the commune's villages (and the commune's own) awaiting sending, recognition
    or the commune's effective date, overdue first, then by the nearest deadline (Arts 20(3),
    21(2), 23(1))."""
    awaiting = (
        Q(
            matter__scope=MatterScope.VILLAGE,
            sent_on__isnull=True,
            status__in=(DecisionStatus.DRAFT, DecisionStatus.IN_EFFECT),
        )
        | Q(status=DecisionStatus.SENT)
        | Q(matter__scope=MatterScope.COMMUNE, status=DecisionStatus.DRAFT)
    )
    return (
        CommunityDecision.objects.filter(Q(matter__unit__parent=commune) | Q(matter__unit=commune))
        .filter(awaiting)
        .annotate(
            due=Case(
                When(matter__scope=MatterScope.VILLAGE, sent_on__isnull=True, then=F("send_due")),
                When(status=DecisionStatus.SENT, then=F("recognition_due")),
                default=None,
            )
        )
        .annotate(
            overdue=Case(
                When(due__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("matter", "matter__unit")
        .order_by("-overdue", F("due").asc(nulls_last=True), "pk")
    )
