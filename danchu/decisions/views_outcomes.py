"""Pages of the community decision's outcome (Law 10/2022 Arts 16(3), 20–23).

The village head draws up the decision of an adopted matter and records its sending; the commune
UBND or Front recognises it or answers with reasons; the commune UBND sets the date of a
commune-scope decision, annuls a decision or asks for its amendment; the village head puts an
amendment to the community. The commune's officials follow the villages' decisions on one list.
The village head and the Front work committee head record consents to a residents' initiative,
and the Front work committee head may approve it below 10%. The decision itself shows on the
matter page, to everyone once the matter is adopted (ND 59/2023 Art. 5(4)(b); Art. 23(2)).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.registry import has_perm
from danchu.core.units.selectors import ancestors_of
from danchu.decisions import forms_outcomes as outcome_forms
from danchu.decisions.access import access_matter_by_id
from danchu.decisions.access_outcomes import (
    access_commune_by_code,
    access_decision_by_matter_id,
    access_decision_for_answer,
    access_initiative_by_id,
)
from danchu.decisions.models import MatterStatus
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_outcomes import APPROVE_INITIATIVE, COMMUNE_COMMITTEE_ACTS
from danchu.decisions.selectors_outcomes import commune_pending_decisions, initiative_summary
from danchu.decisions.services import (
    DecisionError,
    consent_record,
    consents_valid_from,
    household_by_code,
)
from danchu.decisions.services_outcomes import (
    amendment_propose,
    decision_annul,
    decision_draw_up,
    decision_receive,
    decision_recognise,
    decision_refuse,
    decision_request_amendment,
    decision_send,
    decision_set_effective,
    initiative_front_approve,
)
from danchu.decisions.view_steps import REFUSALS, matter_page, post_button, post_step

# --- the village head ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outcomes_draw_up(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter_by_id(request.user, pk, permission=RUN_MATTERS)
    initial = {
        "village_head_name": getattr(request.user, "full_name", ""),
        "front_head_name": matter.front_agreed_by,
    }
    form = outcome_forms.DrawUpForm(request.POST or None, initial=initial)
    done = submit_to_service(
        request,
        form,
        lambda data: decision_draw_up(
            actor=request.user, matter=matter, **form.service_arguments()
        ),
        refusals=REFUSALS,
        success=lambda d: (_("The community decision was drawn up."), matter_page(matter.pk)),
    )
    return done or render(
        request,
        "decisions/outcomes/draw_up.html",
        {"form": form, "matter": matter, "unit": matter.unit},
    )


@login_required
@require_POST
def outcomes_send(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_by_matter_id(request.user, pk, permission=RUN_MATTERS)
    return post_step(
        request,
        outcome_forms.SendForm(request.POST, prefix="send"),
        lambda d: decision_send(actor=request.user, decision=decision, sent_on=d["sent_on"]),
        done=_("The sending to the commune was recorded."),
        back=matter_page(pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcomes_amend(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_by_matter_id(request.user, pk, permission=RUN_MATTERS)
    matter = decision.matter
    form = outcome_forms.AmendmentForm(
        request.POST or None,
        initial={"title": matter.title, "description": matter.description, "form": matter.form},
    )
    done = submit_to_service(
        request,
        form,
        lambda data: amendment_propose(actor=request.user, decision=decision, **data),
        refusals=REFUSALS,
        success=lambda m: (_("The amendment was proposed."), matter_page(m.pk)),
    )
    return done or render(
        request,
        "decisions/outcomes/amend.html",
        {"form": form, "matter": matter, "decision": decision, "unit": matter.unit},
    )


# --- the commune ---------------------------------------------------------------------------------


@login_required
@require_POST
def outcomes_receive(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_for_answer(request.user, pk)
    return post_step(
        request,
        outcome_forms.ReceiveForm(request.POST, prefix="receive"),
        lambda d: decision_receive(
            actor=request.user, decision=decision, received_on=d["received_on"]
        ),
        done=_("The day the commune received the decision was recorded."),
        back=matter_page(pk),
    )


@login_required
@require_POST
def outcomes_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_for_answer(request.user, pk)
    return post_step(
        request,
        outcome_forms.RecogniseForm(request.POST, prefix="recognise"),
        lambda d: decision_recognise(actor=request.user, decision=decision, on=d["on"]),
        done=_("The decision was recognised."),
        back=matter_page(pk),
    )


@login_required
@require_POST
def outcomes_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_for_answer(request.user, pk)
    return post_step(
        request,
        outcome_forms.RefuseForm(request.POST, prefix="refuse"),
        lambda d: decision_refuse(
            actor=request.user, decision=decision, on=d["on"], reasons=d["reasons"]
        ),
        done=_("The written answer refusing recognition was issued."),
        back=matter_page(pk),
    )


@login_required
@require_POST
def outcomes_set_effective(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_by_matter_id(request.user, pk, permission=COMMUNE_COMMITTEE_ACTS)
    return post_step(
        request,
        outcome_forms.EffectiveForm(request.POST, prefix="effective"),
        lambda d: decision_set_effective(actor=request.user, decision=decision, on=d["on"]),
        done=_("The effective date was set."),
        back=matter_page(pk),
    )


@login_required
@require_POST
def outcomes_annul(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_by_matter_id(request.user, pk, permission=COMMUNE_COMMITTEE_ACTS)
    return post_step(
        request,
        outcome_forms.AnnulForm(request.POST, prefix="annul"),
        lambda d: decision_annul(
            actor=request.user, decision=decision, on=d["on"], grounds=d["grounds"]
        ),
        done=_("The decision was annulled."),
        back=matter_page(pk),
    )


@login_required
@require_POST
def outcomes_request_amendment(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision_by_matter_id(request.user, pk, permission=COMMUNE_COMMITTEE_ACTS)
    return post_step(
        request,
        outcome_forms.AmendmentRequestForm(request.POST, prefix="amendreq"),
        lambda d: decision_request_amendment(
            actor=request.user, decision=decision, grounds=d["grounds"]
        ),
        done=_("The community was asked to amend the decision."),
        back=matter_page(pk),
    )


@login_required
@require_GET
def outcomes_commune(request: HttpRequest, code: str) -> HttpResponse:
    commune = access_commune_by_code(request.user, code)
    today = timezone.localdate()
    return render(
        request,
        "decisions/outcomes/commune.html",
        {
            "unit": commune,
            "ancestors": ancestors_of(commune),
            "page": paginate(request, commune_pending_decisions(commune, today)),
            "today": today,
        },
    )


# --- residents' initiatives (Art. 16(3)) ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outcomes_initiative(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_initiative_by_id(request.user, pk, permission=RECORD_VOTES)
    form = outcome_forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        household = household_by_code(matter.unit_id, form.cleaned_data["household_code"])
        if household is None:
            form.add_error(
                "household_code", _("No current household with that number in this village.")
            )
        else:
            try:
                consent_record(
                    actor=request.user,
                    matter=matter,
                    household=household,
                    given_on=form.cleaned_data["given_on"],
                )
            except DecisionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The household's consent was recorded."))
                return redirect("decisions:outcomes_initiative", pk=matter.pk)
    today = timezone.localdate()
    consents = matter.consents.select_related("household").order_by("-given_on", "-pk")
    return render(
        request,
        "decisions/outcomes/initiative.html",
        {
            "matter": matter,
            "unit": matter.unit,
            "form": form,
            "summary": initiative_summary(matter, today),
            "valid_from": consents_valid_from(today),
            "page": paginate(request, consents),
            "can_approve": not matter.initiative_front_approved
            and matter.status == MatterStatus.DRAFT
            and _can_approve(request, matter),
        },
    )


def _can_approve(request: HttpRequest, matter: Any) -> bool:
    return has_perm(request.user, APPROVE_INITIATIVE, matter)


@login_required
@require_POST
def outcomes_initiative_approve(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_initiative_by_id(request.user, pk, permission=APPROVE_INITIATIVE)
    return post_button(
        request,
        lambda: initiative_front_approve(actor=request.user, matter=matter),
        done=_("The Front work committee's approval was recorded."),
        back=redirect("decisions:outcomes_initiative", pk=matter.pk),
    )
