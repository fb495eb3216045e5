"""Pages of household ballots (Law 10/2022 Art. 19; ND 59/2023 Art. 4) and of the commune's
count of villages (Art. 21(1); ND 59 Art. 4(6)(c)).

Officials' pages: the plan, the ballot team, issuing, the printable ballots (HTML and PDF), the
ballot team's entry page and the count. Every matter is fetched through
``access_matter_by_id`` with the page's permission: outside the actor's units it is a 404. The
commune's page of villages is public once the matter is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import segno
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.documents.render.pdf import html_to_pdf
from danchu.decisions.access import access_matter_by_id
from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.domain import rules
from danchu.decisions.forms_ballots import (
    NOTICE_CHANNEL_CHOICES,
    REPRESENTS_LABELS,
    BallotEntryForm,
    BallotPlanForm,
    CountForm,
    TeamForm,
)
from danchu.decisions.models import (
    CLOSED_STATUSES,
    Ballot,
    BallotPlan,
    Choice,
    DecisionForm,
    Matter,
    MatterScope,
    MatterStatus,
    TeamPurpose,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS, VIEW_RESULTS
from danchu.decisions.permissions_ballots import MANAGE_BALLOTS, VIEW_COMMUNE_TALLY
from danchu.decisions.services_ballots import (
    ballot_count_close,
    ballot_enter,
    ballot_plan_create,
    ballot_team_set,
    ballots_issue,
    counting_minutes_of,
    plan_problems,
    team_of,
)
from danchu.decisions.view_steps import REFUSALS, matter_page, post_button

BALLOTS_PER_PRINT_PAGE = 50


def _ballot_matter(request: HttpRequest, pk: int, permission: str) -> Matter:
    matter = access_matter_by_id(request.user, pk, permission=permission)
    if matter.form != DecisionForm.BALLOT or matter.scope != MatterScope.VILLAGE:
        raise not_found()
    return matter


def _progress(matter: Matter) -> dict[str, int]:
    """Ballots issued and ballots entered so far."""
    return Ballot.objects.filter(matter=matter).aggregate(
        issued=Count("pk"), entered=Count("pk", filter=Q(vote__isnull=False))
    )


def team_page(
    request: HttpRequest,
    matter: Matter,
    *,
    purpose: str,
    save: Callable[..., Any],
    done: str,
    title: str,
) -> HttpResponse:
    """The page of a matter's ballot or online voting team: ``save(actor=, matter=, members=)``
    replaces its members."""
    form = TeamForm(request.POST or None, initial=TeamForm.initial_from(team_of(matter, purpose)))
    response = submit_to_service(
        request,
        form,
        lambda _data: save(actor=request.user, matter=matter, members=form.members()),
        refusals=REFUSALS,
        success=lambda _team: (done, matter_page(matter.pk)),
    )
    return response or render(
        request, "decisions/ballots/team.html", {"form": form, "matter": matter, "title": title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballots_plan(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _ballot_matter(request, pk, MANAGE_BALLOTS)
    plan = BallotPlan.objects.filter(matter=matter).first()
    initial = {}
    if plan is not None:
        initial = {
            name: getattr(plan, name)
            for name in (
                "purpose",
                "issued_on",
                "sent_to_commune_on",
                "notice_channels",
                "notice_posted_on",
                "distribution_starts_on",
                "return_deadline",
            )
        }
    form = BallotPlanForm(request.POST or None, initial=initial)
    done = submit_to_service(
        request,
        form,
        lambda data: ballot_plan_create(actor=request.user, matter=matter, **data),
        refusals=REFUSALS,
        success=lambda _plan: (_("The ballot plan was saved."), matter_page(matter.pk)),
    )
    return done or render(
        request, "decisions/ballots/plan.html", {"form": form, "matter": matter, "plan": plan}
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballots_team(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _ballot_matter(request, pk, MANAGE_BALLOTS)
    return team_page(
        request,
        matter,
        purpose=TeamPurpose.BALLOT,
        save=ballot_team_set,
        done=_("The ballot team was saved."),
        title=_("The ballot team"),
    )


@login_required
@require_POST
def ballots_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _ballot_matter(request, pk, MANAGE_BALLOTS)
    return post_button(
        request,
        lambda: ballots_issue(actor=request.user, matter=matter),
        done=lambda created: _("%(count)s ballots were issued.") % {"count": created},
        back=matter_page(matter.pk),
    )


def _print_context(request: HttpRequest, matter: Matter) -> dict[str, Any]:
    plan = BallotPlan.objects.filter(matter=matter).first()
    if plan is None:
        raise not_found()
    queryset = (
        Ballot.objects.filter(matter=matter)
        .select_related("household", "household__representative")
        .order_by("household__code", "pk")
    )
    page = paginate(request, queryset, per_page=BALLOTS_PER_PRINT_PAGE)
    entry = request.build_absolute_uri(reverse("decisions:ballots_enter", args=[matter.pk]))
    sheets = []
    for ballot in page.object_list:
        target = f"{entry}?code={ballot.code}"
        sheets.append(
            {
                "ballot": ballot,
                "household": ballot.household,
                "code": rules_ballots.format_code(ballot.code),
                "qr": segno.make(target, error="m").svg_inline(scale=2),
                "qr_text": target,
            }
        )
    unit = matter.unit
    commune = unit.parent
    return {
        "matter": matter,
        "unit": unit,
        "commune": commune,
        "commune_scope": matter.parent_id is not None,
        "plan": plan,
        "page": page,
        "sheets": sheets,
        "head_title": "Tổ trưởng tổ dân phố" if unit.kind == "residential_group" else "Trưởng thôn",
        "choices": Choice.choices,
    }


@login_required
@require_GET
def ballots_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballots to print, one sheet per household (ND 59 Art. 4(5); R-DEC-13)."""
    matter = _ballot_matter(request, pk, MANAGE_BALLOTS)
    return render(request, "decisions/ballots/print.html", _print_context(request, matter))


@login_required
@require_GET
def ballots_print_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _ballot_matter(request, pk, MANAGE_BALLOTS)
    context = _print_context(request, matter)
    context["for_pdf"] = True
    html = render(request, "decisions/ballots/print.html", context).content.decode()
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    page = context["page"].number
    response["Content-Disposition"] = f'inline; filename="phieu-{matter.pk}-{page}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def ballots_enter(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot team types or scans a returned ballot's code and enters its choice."""
    matter = _ballot_matter(request, pk, RECORD_VOTES)
    initial = {"code": request.GET.get("code", "")[:300]}
    form = BallotEntryForm(request.POST or None, initial=initial)
    done = submit_to_service(
        request,
        form,
        lambda data: ballot_enter(actor=request.user, matter=matter, **data),
        refusals=REFUSALS,
        success=lambda ballot: (
            _("Ballot %(code)s of household %(household)s was entered: %(choice)s.")
            % {
                "code": rules_ballots.format_code(ballot.code),
                "household": ballot.household.code,
                "choice": Choice(ballot.vote.choice).label,
            },
            redirect("decisions:ballots_enter", pk=matter.pk),
        ),
    )
    if done:
        return done
    progress = _progress(matter)
    return render(
        request,
        "decisions/ballots/enter.html",
        {"form": form, "matter": matter, "progress": progress},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballots_count(request: HttpRequest, pk: int) -> HttpResponse:
    """The count before two witnesses, the Mẫu 04 minutes and the result."""
    matter = _ballot_matter(request, pk, RUN_MATTERS)
    form = CountForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: ballot_count_close(
            actor=request.user,
            matter=matter,
            witnesses=[data["witness_1"], data["witness_2"]],
        ),
        refusals=REFUSALS,
        success=lambda closed: (
            _("The ballots were counted and the vote closed: %(status)s.")
            % {"status": closed.get_status_display()},
            matter_page(matter.pk),
        ),
    )
    if done:
        return done
    progress = _progress(matter)
    return render(
        request,
        "decisions/ballots/count.html",
        {"form": form, "matter": matter, "progress": progress},
    )


# --- the commune's count of villages --------------------------------------------------------


def access_commune_matter(actor: Any, pk: int) -> Matter:
    """A commune-scope matter: public once closed; while open, for the commune's officials."""
    matter = access_matter_by_id(actor, pk)
    if matter.scope != MatterScope.COMMUNE or matter.status == MatterStatus.DRAFT:
        raise not_found()
    permission = VIEW_RESULTS if matter.status in CLOSED_STATUSES else VIEW_COMMUNE_TALLY
    if not (has_perm(actor, permission, matter) or has_perm(actor, RUN_MATTERS, matter)):
        raise not_found()
    return matter


@require_GET
def ballots_commune(request: HttpRequest, pk: int) -> HttpResponse:
    """Each village's stored result and the commune's total: villages that adopted it against
    ALL villages of the commune (Art. 21(1); ND 59 Art. 4(6)(c); R-DEC-03)."""
    matter = access_commune_matter(request.user, pk)
    parts = Matter.objects.filter(parent=matter)
    totals = parts.aggregate(
        villages=Count("pk"),
        adopted=Count("pk", filter=Q(status=MatterStatus.ADOPTED)),
        still_open=Count("pk", filter=Q(status=MatterStatus.OPEN)),
        households=Sum("eligible_households"),
        agree=Sum("agree_count"),
        disagree=Sum("disagree_count"),
        other=Sum("other_count"),
    )
    all_villages = matter.eligible_households or totals["villages"]
    adopted = matter.villages_adopted if matter.status in CLOSED_STATUSES else totals["adopted"]
    page = paginate(request, parts.select_related("unit").order_by("unit__code", "pk"))
    return render(
        request,
        "decisions/ballots/commune.html",
        {
            "matter": matter,
            "unit": matter.unit,
            "page": page,
            "totals": totals,
            "all_villages": all_villages,
            "adopted": adopted,
            "passes": rules.passes(matter.kind, "commune", all_villages, min(adopted, all_villages))
            if all_villages
            else False,
            "closed": matter.status in CLOSED_STATUSES,
            "can_close": matter.status == MatterStatus.OPEN
            and has_perm(request.user, RUN_MATTERS, matter),
        },
    )


# --- the panel on the matter page -----------------------------------------------------------


def ballots_panel_context(request: HttpRequest, matter: Matter) -> dict[str, Any] | None:
    if matter.form != DecisionForm.BALLOT or matter.scope != MatterScope.VILLAGE:
        return None
    plan = BallotPlan.objects.filter(matter=matter).first()
    can_manage = has_perm(request.user, MANAGE_BALLOTS, matter)
    can_record = has_perm(request.user, RECORD_VOTES, matter)
    can_run = has_perm(request.user, RUN_MATTERS, matter)
    if plan is None and not can_manage:
        return None
    team = team_of(matter, TeamPurpose.BALLOT)
    progress = _progress(matter)
    is_open = matter.status == MatterStatus.OPEN
    return {
        "plan": plan,
        "channels": [
            str(label)
            for key, label in NOTICE_CHANNEL_CHOICES
            if plan and key in plan.notice_channels
        ],
        "team": list(team.members.all()) if team else [],
        "represents": REPRESENTS_LABELS,
        "problems": plan_problems(plan, team) if can_manage else [],
        "progress": progress,
        "can_manage": can_manage and matter.status in (MatterStatus.DRAFT, MatterStatus.OPEN),
        "can_issue": can_manage and is_open and plan is not None and plan.counted_at is None,
        "can_print": can_manage and progress["issued"] > 0,
        "can_enter": can_record and is_open and progress["issued"] > 0,
        "can_count": can_run and is_open and progress["issued"] > 0,
        "minutes": counting_minutes_of(matter) if plan and plan.counted_at and can_record else None,
    }


def commune_panel_context(request: HttpRequest, matter: Matter) -> dict[str, Any] | None:
    """A commune-scope matter links to its villages' results; a village's part to the commune
    matter."""
    if matter.scope == MatterScope.COMMUNE and matter.status != MatterStatus.DRAFT:
        try:
            access_commune_matter(request.user, matter.pk)
        except Http404:  # no link for this visitor
            return None
        return {"commune_matter": matter, "part_of": None}
    if matter.parent_id is not None:
        return {"commune_matter": None, "part_of": matter.parent}
    return None
