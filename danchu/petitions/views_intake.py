"""Pages of the intake step.

Public: the form of a unit (anyone; a signed-in resident's name is prefilled), the receipt
(right after sending in the same session, or for the owner), the tracking page by code (status,
kind, dates and public steps; no personal data, no content). Signed-in residents: "my cases"
and the satisfaction rating (Law 10/2022 Art. 35(2)(a)). Officials who receive the unit's cases
(``petitions.receive``; 404 for anyone else): desk intake, and a case's intake page with
classify, split, route, duplicates/merge and — for the assigned handler — unseal.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.pagination import paginate
from danchu.core.access.errors import NotPermitted
from danchu.core.documents.models import DocumentFile
from danchu.core.units.models import Unit
from danchu.petitions.access_intake import (
    access_case_by_id,
    access_case_status,
    access_own_case,
    access_receipt,
    access_receiving_unit,
    access_sending_unit,
    remember_receipt,
)
from danchu.petitions.domain import intake as rules
from danchu.petitions.errors import PetitionError
from danchu.petitions.forms_intake import (
    CaseForm,
    ClassifyForm,
    DeskForm,
    MergeForm,
    RateForm,
    RouteForm,
    SplitForm,
    TrackForm,
    UnsealForm,
)
from danchu.petitions.forms_workflow import STATUS_LABELS, STEP_LABELS
from danchu.petitions.models.cases import CaseChannel, CaseEvent, CaseKind, PartyRole
from danchu.petitions.ratelimits import is_lookup, rate_limited
from danchu.petitions.sealing import redactor_for, unseal
from danchu.petitions.selectors_intake import handlers_of, public_events
from danchu.petitions.services_intake import (
    ANSWERED_STATUSES,
    case_classify,
    case_merge,
    case_rate,
    case_receive,
    case_route,
    case_split,
    duplicates_of,
    lodged_on,
    own_cases,
    split_links_visible,
)


def _status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def _refused(form: forms.Form, exc: PetitionError) -> None:
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))


# --- public ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@rate_limited("petitions_send")
def intake_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_sending_unit(request.user, code)
    initial = {}
    if request.user.is_authenticated:
        initial = {"full_name": request.user.full_name, "phone": request.user.phone or ""}
    form = CaseForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_receive(
                actor=request.user,
                unit=unit,
                channel=CaseChannel.WEB,
                subject=data["subject"],
                content=data["content"],
                sender=form.sender(),
                kind_hint=data["kind_hint"],
                anonymous=data["anonymous"],
                decision_known_on=data["decision_known_on"],
                attachments=[data["attachment"]] if data.get("attachment") else (),
            )
        except PetitionError as exc:
            _refused(form, exc)
        else:
            remember_receipt(request, case.tracking_code)
            return redirect("petitions:intake_receipt", case.tracking_code)
    return render(request, "petitions/intake/new.html", {"form": form, "unit": unit})


def _receipt_file(case: Any) -> DocumentFile | None:
    event = (
        CaseEvent.objects.filter(case=case, action="received", document__isnull=False)
        .order_by("pk")
        .first()
    )
    if event is None:
        return None
    return DocumentFile.objects.filter(document_id=event.document_id, format="pdf").first()


@require_GET
def intake_receipt(request: HttpRequest, tracking_code: str) -> HttpResponse:
    case = access_receipt(request, tracking_code)
    return render(
        request,
        "petitions/intake/receipt.html",
        {
            "case": case,
            "kind_label": CaseKind(case.kind).label,
            "has_pdf": _receipt_file(case) is not None,
        },
    )


@require_GET
def intake_receipt_pdf(request: HttpRequest, tracking_code: str) -> HttpResponse:
    case = access_receipt(request, tracking_code)
    stored = _receipt_file(case)
    if stored is None:
        raise Http404("No receipt")
    return FileResponse(
        stored.file.open("rb"),
        content_type="application/pdf",
        filename=f"phieu-tiep-nhan-{case.tracking_code}.pdf",
    )


@require_GET
@rate_limited("petitions_track", counts=is_lookup)
def intake_track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    row = None
    not_found = False
    if form.is_bound and form.is_valid():
        try:
            row = access_case_status(form.cleaned_data["code"])
        except Http404:
            not_found = True
    context: dict[str, Any] = {"form": form, "row": row, "not_found": not_found}
    if row is not None:
        context.update(
            kind_label=CaseKind(row["kind"]).label,
            channel_label=CaseChannel(row["channel"]).label,
            status_label=_status_label(row["status"]),
            events=[
                {
                    **e,
                    "label": _status_label(e["to_status"])
                    if e["to_status"]
                    else str(STEP_LABELS.get(e["action"], e["action"])),
                }
                for e in public_events(row["pk"])
            ],
        )
    return render(request, "petitions/intake/track.html", context, status=404 if not_found else 200)


@login_required
@require_GET
def intake_mine(request: HttpRequest) -> HttpResponse:
    page = paginate(request, own_cases(request.user))
    rows = [
        {
            "case": c,
            "kind_label": CaseKind(c.kind).label,
            "status_label": _status_label(c.status),
            "can_rate": c.status in ANSWERED_STATUSES and c.satisfaction is None,
        }
        for c in page.object_list
    ]
    return render(
        request,
        "petitions/intake/mine.html",
        {"page": page, "rows": rows, "rate_form": RateForm()},
    )


@login_required
@require_POST
def intake_rate(request: HttpRequest, tracking_code: str) -> HttpResponse:
    case = access_own_case(request.user, tracking_code)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            case_rate(
                actor=request.user,
                case=case,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except PetitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you: your rating was recorded."))
    else:
        messages.error(request, _("Choose a score from 1 to 5."))
    return redirect("petitions:intake_mine")


# --- officials ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def intake_desk(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_receiving_unit(request.user, code)
    form = DeskForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_receive(
                actor=request.user,
                unit=unit,
                channel=data["channel"],
                subject=data["subject"],
                content=data["content"],
                sender=form.sender(),
                kind_hint=data["kind_hint"],
                anonymous=data["anonymous"],
                group_size=data["group_size"],
                representatives=form.representative_rows(),
                signed=data["signed"],
                decision_known_on=data["decision_known_on"],
                received_on=data["received_on"],
                attachments=[data["attachment"]] if data.get("attachment") else (),
                confirmed_by_citizen=data["confirmed_by_citizen"],
            )
        except PetitionError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request, _("Case %(code)s was received.") % {"code": case.tracking_code}
            )
            return redirect("petitions:intake_case", case.pk)
    return render(request, "petitions/intake/desk.html", {"form": form, "unit": unit})


def _case_context(request: HttpRequest, case: Any, **forms_: forms.Form) -> dict[str, Any]:
    redact = redactor_for(request.user, case)
    sealed = hasattr(case, "sealed_identity")
    parties = [] if sealed else list(case.parties.all())
    links = split_links_visible(request.user, case)
    context: dict[str, Any] = {
        "case": case,
        "content": redact(case.content),
        "subject": redact(case.subject),
        "unit": case.unit,
        "kind_label": CaseKind(case.kind).label,
        "status_label": _status_label(case.status),
        "sealed": sealed,
        "parties": parties,
        "role_labels": dict(PartyRole.choices),
        "is_handler": case.handler_id is not None and case.handler_id == request.user.pk,
        "is_open": case.status == "received",
        # Art. 9's 90 days for a first complaint, counted to the day it was first lodged; a
        # second complaint's Art. 33 window is checked where its terms are set.
        "time_barred": case.instance <= 1
        and rules.is_time_barred(case.decision_known_on, lodged_on(case)),
        "duplicates": list(duplicates_of(case)[:20]) if case.status == "received" else [],
        "parent": case.parent if links else None,
        "parts": list(case.parts.all()) if links else [],
        "classify_form": ClassifyForm(initial={"kind": case.kind}, anonymous=case.anonymous),
        "split_form": SplitForm(),
        "route_form": RouteForm(handlers=handlers_of(case.unit)),
        "unseal_form": UnsealForm(),
        "identity": None,
    }
    context.update(forms_)
    return context


@login_required
@require_GET
def intake_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case_by_id(request.user, pk)
    return render(request, "petitions/intake/case.html", _case_context(request, case))


def _act(request: HttpRequest, pk: int, form: forms.Form, name: str, run, done: str):
    case = access_case_by_id(request.user, pk)
    if form.is_valid():
        try:
            run(case, form)
        except PetitionError as exc:
            _refused(form, exc)
        except NotPermitted:
            raise Http404("Not found") from None
        else:
            messages.success(request, done)
            return redirect("petitions:intake_case", case.pk)
    case.refresh_from_db()
    return render(
        request,
        "petitions/intake/case.html",
        _case_context(request, case, **{name: form}),
        status=400,
    )


@login_required
@require_POST
def intake_classify(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ClassifyForm(request.POST),
        "classify_form",
        lambda case, form: case_classify(
            actor=request.user,
            case=case,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        ),
        _("The case was classified; its deadline was recalculated."),
    )


@login_required
@require_POST
def intake_split(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        SplitForm(request.POST),
        "split_form",
        lambda case, form: case_split(actor=request.user, case=case, parts=form.parts()),
        _("The letter was split into separate cases."),
    )


def _route(request: HttpRequest, case: Any, form: RouteForm) -> Any:
    handler_pk = form.cleaned_data["handler"]
    code = (form.cleaned_data["to_unit"] or "").strip()
    handler = get_user_model().objects.filter(pk=handler_pk).first() if handler_pk else None
    to_unit = Unit.objects.filter(code=code).first() if code else None
    if code and to_unit is None:
        raise PetitionError(_("No unit has this code."))
    return case_route(actor=request.user, case=case, handler=handler, to_unit=to_unit)


@login_required
@require_POST
def intake_route(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case_by_id(request.user, pk)
    return _act(
        request,
        pk,
        RouteForm(request.POST, handlers=handlers_of(case.unit)),
        "route_form",
        lambda case, form: _route(request, case, form),
        _("The case was routed."),
    )


@login_required
@require_POST
def intake_merge(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Any, form: MergeForm) -> Any:
        into = access_case_by_id(request.user, form.cleaned_data["into"])
        return case_merge(actor=request.user, case=case, into=into)

    return _act(request, pk, MergeForm(request.POST), "merge_form", run, _("The case was merged."))


@login_required
@require_POST
def intake_unseal(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows the sealed identity once, on this response only (never stored in the session)."""
    case = access_case_by_id(request.user, pk)
    form = UnsealForm(request.POST)
    identity = None
    if form.is_valid():
        try:
            identity = unseal(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except PetitionError as exc:
            form.add_error(None, str(exc))
    else:
        try:
            unseal(actor=request.user, case=case, reason="")
        except PetitionError as exc:
            form.add_error(None, str(exc))
    context = _case_context(request, case, unseal_form=form)
    context["identity"] = identity
    response = render(
        request, "petitions/intake/case.html", context, status=200 if identity else 400
    )
    response["Cache-Control"] = "no-store"
    return response
