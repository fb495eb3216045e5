"""Pages of village codes (ND 61/2023/NĐ-CP).

Public: a village's codes (posted drafts and adopted codes; drafts being written only for the
village's and the commune's officials) and a code's page with its text, posting period, status,
deadlines and reviews. Village head (MANAGE_CODES): draft, edit, post, put to the vote, send the
dossier, record the yearly review. Commune People's Committee (CONTROL_CODES): record a report,
suspend, abolish, issue the Mẫu 03 recognition decision when none was issued; its page lists the
reports with their due dates, the codes awaiting recognition and those due for review.
Everything is fetched through the access functions: outside one's units it is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.documents.access import view_permission_for
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.selectors import ancestors_of
from danchu.decisions import forms_village_codes as forms
from danchu.decisions.access_village_codes import (
    access_code_by_id,
    codes_of_village,
    commune_awaiting_recognition,
    commune_reports,
    commune_reviews_due,
)
from danchu.decisions.domain import rules
from danchu.decisions.domain import village_codes as law
from danchu.decisions.models import CommunityDecision, Matter, VillageCode, VillageCodeStatus
from danchu.decisions.permissions_village_codes import (
    CONTROL_CODES,
    MANAGE_CODES,
    SEE_DRAFTS,
    VIEW_CODES,
)
from danchu.decisions.services_village_codes import (
    BINDING,
    adopted_on,
    code_abolish,
    code_dossier_send,
    code_draft,
    code_edit,
    code_post,
    code_put_to_vote,
    code_recognition_issue,
    code_review_day_set,
    code_review_record,
    code_suspend,
    code_suspension_report,
    community_decision_of,
    documents_of_code,
    dossier_complete_on,
    recognition_paper_missing,
    report_pending,
)
from danchu.decisions.view_steps import REFUSALS, access_village_by_code, post_button

S = VillageCodeStatus


@require_GET
def code_list(request: HttpRequest, code: str) -> HttpResponse:
    village = access_village_by_code(request, code, VIEW_CODES)
    return render(
        request,
        "decisions/village_codes/list.html",
        {
            "unit": village,
            "ancestors": ancestors_of(village),
            "page": paginate(request, codes_of_village(request.user, village)),
            "can_manage": has_perm(request.user, MANAGE_CODES, village),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_new(request: HttpRequest, code: str) -> HttpResponse:
    village = access_village_by_code(request, code, MANAGE_CODES)
    form = forms.CodeForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: code_draft(actor=request.user, village=village, **data),
        refusals=REFUSALS,
        success=lambda c: (
            _("The draft village code was saved."),
            redirect("decisions:village_codes_detail", pk=c.pk),
        ),
    )
    return done or render(
        request,
        "decisions/village_codes/action.html",
        {"form": form, "unit": village, "heading": _("Draft a village code")},
    )


def _deadlines(
    code: VillageCode, matter: Matter | None, decision: CommunityDecision | None
) -> list[dict[str, Any]]:
    """The legal limits running now, with 'overdue' when today is past them; recognition runs
    from the complete dossier (ND 61 Art. 11(2)), once the community decision has reached the
    commune too."""
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    if code.status == S.ADOPTED and matter is not None:
        day = adopted_on(matter)
        if code.dossier_sent_on is None and day is not None:
            rows.append(
                {"label": _("Dossier to the commune (ND 61 Art. 11)"), "due": law.dossier_due(day)}
            )
        complete = dossier_complete_on(code, decision) if decision is not None else None
        if complete is not None:
            rows.append(
                {
                    "label": _("Recognition by the commune (ND 61 Art. 11)"),
                    "due": law.recognition_due(complete),
                }
            )
    if report_pending(code):
        received = code.suspension_reported_on
        rows.append({"label": _("Suspension (ND 61 Art. 12)"), "due": law.suspension_due(received)})
        rows.append({"label": _("Abolition (ND 61 Art. 14)"), "due": law.abolition_due(received)})
    for row in rows:
        row["overdue"] = today > row["due"]
    return rows


@require_GET
def code_detail(request: HttpRequest, pk: int) -> HttpResponse:
    code = access_code_by_id(request.user, pk)
    matter = (
        Matter.objects.select_related("meeting").filter(pk=code.matter_id).first()
        if code.matter_id
        else None
    )
    # A GET writes nothing: the code follows its matter through the post_save receiver
    # (services_village_codes.matter_saved), in the transaction that closes the vote.
    today = timezone.localdate()
    user = request.user
    can_manage = has_perm(user, MANAGE_CODES, code)
    can_control = has_perm(user, CONTROL_CODES, code)
    decision = community_decision_of(code)
    decision_documents = []
    if decision is not None:
        for doc in (
            decision.document,
            decision.recognition_document,
            decision.refusal_document,
        ):
            if doc is not None and has_perm(user, view_permission_for(doc.doc_type), doc):
                decision_documents.append(doc)
    shown = {doc.pk for doc in decision_documents}
    documents = [
        d
        for d in documents_of_code(code)
        if d.pk not in shown and has_perm(user, view_permission_for(d.doc_type), d)
    ]
    posting = None
    if code.posted_on is not None:
        posting = {
            "until": law.earliest_vote_on(code.posted_on, code.comment_days),
            "days_left": law.comment_days_left(code.posted_on, code.comment_days, today),
        }
    return render(
        request,
        "decisions/village_codes/detail.html",
        {
            "code": code,
            "unit": code.unit,
            "matter": matter,
            "posting": posting,
            "decision": decision,
            "documents": documents,
            "decision_documents": decision_documents,
            "deadlines": _deadlines(code, matter, decision),
            "reviews": paginate(request, code.reviews.all(), param="reviews"),
            "can_manage": can_manage,
            "can_control": can_control,
            "can_issue_recognition": can_control
            and code.status in BINDING
            and code.recognised_on is not None
            and recognition_paper_missing(code, decision),
            "report_pending": report_pending(code),
            "binding": code.status in BINDING,
        },
    )


def _code_step(
    service: Callable[..., Any],
    *,
    permission: str,
    form_class: type,
    heading: Any,
    done: Any,
    explanation: Any = "",
    initial: Callable[[VillageCode], dict[str, Any]] | None = None,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """The page of one step on a code: a form whose data goes to
    ``service(actor=..., code=..., **data)``; back to the code's page with ``done``, or the form
    again with the service's refusal."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        code = access_code_by_id(request.user, pk, permission=permission)
        form = form_class(request.POST or None, initial=initial(code) if initial else None)
        response = submit_to_service(
            request,
            form,
            lambda data: service(actor=request.user, code=code, **data),
            refusals=REFUSALS,
            success=lambda _result: (
                str(done),
                redirect("decisions:village_codes_detail", pk=code.pk),
            ),
        )
        return response or render(
            request,
            "decisions/village_codes/action.html",
            {
                "form": form,
                "code": code,
                "unit": code.unit,
                "heading": heading,
                "explanation": explanation,
            },
        )

    return view


code_edit_view = _code_step(
    code_edit,
    permission=MANAGE_CODES,
    form_class=forms.CodeForm,
    heading=gettext_lazy("Edit the draft"),
    done=gettext_lazy("The draft was saved."),
    initial=lambda code: {"title": code.title, "text": code.draft_text},
)


code_post_view = _code_step(
    code_post,
    permission=MANAGE_CODES,
    form_class=forms.PostForm,
    heading=gettext_lazy("Post the draft for comment"),
    done=gettext_lazy("The posting of the draft was recorded."),
    explanation=gettext_lazy(
        "The draft stays posted at the culture house or the community's meeting points for "
        "at least 30 days before the households vote (ND 61 Art. 9)."
    ),
    initial=lambda code: {"posted_on": timezone.localdate()},
)


code_vote_view = _code_step(
    code_put_to_vote,
    permission=MANAGE_CODES,
    form_class=forms.VoteForm,
    heading=gettext_lazy("Put the code to the households' vote"),
    done=gettext_lazy("The code was put to the households' vote."),
    explanation=gettext_lazy(
        # xgettext:no-python-format
        "The code is decided at a community meeting attended by representatives of more "
        "than 50% of households; it passes when more than 50% of all households agree "
        "(ND 61 Art. 10)."
    ),
)


code_dossier_view = _code_step(
    code_dossier_send,
    permission=MANAGE_CODES,
    form_class=forms.DossierForm,
    heading=gettext_lazy("Send the recognition dossier"),
    done=gettext_lazy("The dossier was recorded as sent and the request was generated."),
    explanation=gettext_lazy(
        "Within 5 working days of the adoption: the request (form 01), the minutes or "
        "resolution (form 02) and the adopted text (ND 61 Art. 11)."
    ),
    initial=lambda code: {"sent_on": timezone.localdate()},
)


code_report_view = _code_step(
    code_suspension_report,
    permission=CONTROL_CODES,
    form_class=forms.ReportForm,
    heading=gettext_lazy("Record a written report on the code"),
    done=gettext_lazy("The report was recorded."),
    explanation=gettext_lazy(
        "The commune answers within 3 working days by suspending (ND 61 Art. 12), or "
        "decides an abolition within 5 working days (Art. 14)."
    ),
    initial=lambda code: {"received_on": timezone.localdate()},
)


code_suspend_view = _code_step(
    code_suspend,
    permission=CONTROL_CODES,
    form_class=forms.SuspendForm,
    heading=gettext_lazy("Suspend the code"),
    done=gettext_lazy("The suspension was recorded and its decision generated."),
    initial=lambda code: {"on": timezone.localdate()},
)


code_abolish_view = _code_step(
    code_abolish,
    permission=CONTROL_CODES,
    form_class=forms.AbolishForm,
    heading=gettext_lazy("Abolish the code"),
    done=gettext_lazy("The abolition was recorded and its decision generated."),
    initial=lambda code: {"on": timezone.localdate()},
)


code_review_view = _code_step(
    code_review_record,
    permission=MANAGE_CODES,
    form_class=forms.ReviewForm,
    heading=gettext_lazy("Record the yearly review"),
    done=gettext_lazy("The review was recorded."),
    explanation=gettext_lazy(
        "Every year on 18 November, or on another day the community agreed (ND 61 Art. 15)."
    ),
    initial=lambda code: {"reviewed_on": timezone.localdate()},
)


code_review_day_view = _code_step(
    code_review_day_set,
    permission=MANAGE_CODES,
    form_class=forms.ReviewDayForm,
    heading=gettext_lazy("Day of the yearly review"),
    done=gettext_lazy("The day of the yearly review was saved."),
    explanation=gettext_lazy(
        "The community reviews its code every year on 18 November, or on another day it "
        "agreed (ND 61 Art. 15)."
    ),
    initial=lambda code: {"month": code.review_month, "day": code.review_day},
)


@login_required
@require_POST
def code_recognition_view(request: HttpRequest, pk: int) -> HttpResponse:
    code = access_code_by_id(request.user, pk, permission=CONTROL_CODES)
    return post_button(
        request,
        lambda: code_recognition_issue(actor=request.user, code=code),
        done=_("The recognition decision was generated."),
        back=redirect("decisions:village_codes_detail", pk=code.pk),
    )


def _with_due(page, due: Callable[[VillageCode], Any]):
    today = timezone.localdate()
    return [{"code": c, "due": due(c), "overdue": today > due(c)} for c in page.object_list]


@login_required
@require_GET
def commune_codes(request: HttpRequest, code: str) -> HttpResponse:
    commune = access_unit_by_code(request.user, code, permission=SEE_DRAFTS)
    if not commune.is_commune:
        raise not_found()
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2023), today.year + 1)
    reports = paginate(request, commune_reports(commune), param="reports")
    awaiting = paginate(request, commune_awaiting_recognition(commune), param="awaiting")
    reviews = paginate(request, commune_reviews_due(commune, year), param="reviews")
    return render(
        request,
        "decisions/village_codes/commune.html",
        {
            "unit": commune,
            "ancestors": ancestors_of(commune),
            "reports": reports,
            "report_rows": [
                {
                    "code": c,
                    "suspension_due": law.suspension_due(c.suspension_reported_on),
                    "abolition_due": law.abolition_due(c.suspension_reported_on),
                    "overdue": today > law.suspension_due(c.suspension_reported_on),
                }
                for c in reports.object_list
            ],
            "awaiting": awaiting,
            "awaiting_rows": _with_due(awaiting, lambda c: law.recognition_due(c.dossier_sent_on)),
            "reviews": reviews,
            "year": year,
            "review_day": law.review_day(year),
        },
    )


def matter_panel_context(request: HttpRequest, matter: Any) -> dict[str, Any] | None:
    """The matter page links a village-code matter to its code."""
    if getattr(matter, "kind", None) != rules.VILLAGE_CODE:
        return None
    code = VillageCode.objects.filter(matter_id=matter.pk).first()
    if code is None:
        return None
    return {"code": code}
