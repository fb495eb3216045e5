"""Officials' pages of the statutory workflows: the work queue by deadline, the case page with
its timeline and the steps the state machine allows, the statistics, and their XLSX/CSV
exports (without personal data).

Every page is for signed-in officials and fetches through ``access_workflow`` (a 404 for
another unit's cases): the queue, the case page and its steps need ``petitions.handle``; the
statistics ``petitions.view_statistics``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from danchu.common.pagination import paginate
from danchu.core.access.errors import NotPermitted
from danchu.core.documents.tables import FORMATS, table_response
from danchu.core.units.selectors import ancestors_of
from danchu.petitions import exports
from danchu.petitions import forms_workflow as wforms
from danchu.petitions import services_workflow as services
from danchu.petitions.access_workflow import (
    access_case_by_id,
    access_queue_unit,
    access_statistics_unit,
    first_instance_case,
)
from danchu.petitions.domain import workflow as wf
from danchu.petitions.domain.deadlines import (
    COMPLAINT,
    DENUNCIATION,
    PETITION,
    denunciation_transfer_due,
)
from danchu.petitions.domain.intake import clean_tracking_code
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import Case, CaseParty
from danchu.petitions.reports import Period, petitions_statistics_rollup
from danchu.petitions.sealing import listed_subject, redactor_for
from danchu.petitions.selectors_workflow import case_timeline, queue_for
from danchu.petitions.services_oversight import open_request, report_submit

Run = Callable[[Any, Case, dict[str, Any]], Case]


@dataclass(frozen=True)
class Step:
    label: str | Promise
    form: type[forms.Form]
    runs: dict[str, Run]


def _refuse(service: Callable[..., Case]) -> Run:
    return lambda actor, case, d: service(
        actor=actor, case=case, grounds=d["grounds"], reason=d["reason"], on=d["on"]
    )


def _transfer(service: Callable[..., Case]) -> Run:
    return lambda actor, case, d: service(
        actor=actor, case=case, to_unit=d["to_unit"], reason=d["reason"], on=d["on"]
    )


def _withdraw(actor: Any, case: Case, d: dict[str, Any]) -> Case:
    return services.case_withdraw(
        actor=actor,
        case=case,
        signed=d["signed"],
        reason=d["reason"],
        on=d["on"],
        continue_ground=d["continue_ground"],
    )


STEPS: dict[str, Step] = {
    wf.ACCEPT: Step(
        gettext_lazy("Accept"),
        wforms.AcceptForm,
        {
            COMPLAINT: lambda a, c, d: services.complaint_accept(actor=a, case=c, on=d["on"]),
            DENUNCIATION: lambda a, c, d: services.denunciation_accept(
                actor=a, case=c, accused_summary=d["accused_summary"], on=d["on"]
            ),
        },
    ),
    wf.REFUSE: Step(
        gettext_lazy("Do not accept"),
        wforms.RefuseForm,
        {
            COMPLAINT: _refuse(services.complaint_refuse),
            DENUNCIATION: _refuse(services.denunciation_refuse),
            PETITION: _refuse(services.petition_refuse),
        },
    ),
    wf.TRANSFER: Step(
        gettext_lazy("Transfer to the competent unit"),
        wforms.TransferForm,
        {
            COMPLAINT: _transfer(services.complaint_transfer),
            DENUNCIATION: _transfer(services.denunciation_transfer),
            PETITION: _transfer(services.petition_transfer),
        },
    ),
    wf.DIALOGUE: Step(
        gettext_lazy("Record a dialogue"),
        wforms.DialogueForm,
        {
            COMPLAINT: lambda a, c, d: services.complaint_dialogue(
                actor=a,
                case=c,
                held_on=d["on"],
                participants=d["participants"],
                opinions=d["opinions"],
                result=d["result"],
            )
        },
    ),
    wf.RESOLVE: Step(
        gettext_lazy("Resolve"),
        wforms.ResolveForm,
        {
            COMPLAINT: lambda a, c, d: services.complaint_resolve(
                actor=a, case=c, decision=d["decision"], on=d["on"], sent_on=d["sent_on"]
            )
        },
    ),
    wf.WITHDRAW: Step(
        gettext_lazy("Record a withdrawal"),
        wforms.WithdrawForm,
        {COMPLAINT: _withdraw, DENUNCIATION: _withdraw},
    ),
    wf.EXTEND: Step(
        gettext_lazy("Extend the deadline"),
        wforms.ExtendForm,
        {
            DENUNCIATION: lambda a, c, d: services.denunciation_extend(
                actor=a, case=c, reason=d["reason"], on=d["on"]
            )
        },
    ),
    wf.CONCLUDE: Step(
        gettext_lazy("Conclude"),
        wforms.ConcludeForm,
        {
            DENUNCIATION: lambda a, c, d: services.denunciation_conclude(
                actor=a, case=c, conclusion=d["conclusion"], on=d["on"]
            )
        },
    ),
    wf.PUBLISH: Step(
        gettext_lazy("Publish the conclusion"),
        wforms.PublishForm,
        {
            DENUNCIATION: lambda a, c, d: services.denunciation_publish(
                actor=a, case=c, place=d["place"], on=d["on"]
            )
        },
    ),
    wf.ANSWER: Step(
        gettext_lazy("Answer in writing"),
        wforms.AnswerForm,
        {
            PETITION: lambda a, c, d: services.petition_answer(
                actor=a, case=c, answer=d["answer"], on=d["on"]
            )
        },
    ),
    wf.CHECK: Step(
        gettext_lazy("Record the check"),
        wforms.CheckForm,
        {
            wf.INFORMATION: lambda a, c, d: services.information_check(
                actor=a, case=c, result=d["result"], on=d["on"]
            )
        },
    ),
    wf.CLOSE: Step(
        gettext_lazy("Close"),
        wforms.CloseForm,
        {
            wf.INFORMATION: lambda a, c, d: services.information_close(
                actor=a, case=c, note=d["note"], on=d["on"]
            ),
            wf.INADMISSIBLE: lambda a, c, d: services.inadmissible_close(
                actor=a, case=c, note=d["note"], on=d["on"]
            ),
        },
    ),
}


def step_form(action: str, machine: str, data: Any = None, case: Case | None = None) -> forms.Form:
    """The form of ``action`` for a case of ``machine`` (pages and API alike)."""
    if action == wf.ACCEPT and machine == DENUNCIATION:
        return wforms.DenunciationAcceptForm(data, prefix=action)
    if action == TERMS:
        if machine == DENUNCIATION:
            initial = {"multi_location": case.multi_location} if case else None
            return wforms.DenunciationTermsForm(data, prefix=action, initial=initial)
        initial = (
            {
                "instance": case.instance,
                "complex": case.complex,
                "remote": case.remote,
                "first_known_on": case.first_decision_known_on,
                "earlier_code": case.earlier_case.tracking_code if case.earlier_case else "",
            }
            if case
            else None
        )
        return wforms.ComplaintTermsForm(data, prefix=action, initial=initial)
    form_class = step_of(action).form
    if form_class is wforms.RefuseForm:
        return form_class(data, machine=machine, prefix=action)
    return form_class(data, prefix=action)


# --- terms and parties: steps that do not move the state machine ------------------------------

TERMS = "terms"
ACCUSED = "accused"


def _set_terms(actor: Any, case: Case, d: dict[str, Any]) -> Case:
    if wf.machine_of(case.kind) == DENUNCIATION:
        return services.case_set_terms(actor=actor, case=case, multi_location=d["multi_location"])
    earlier = None
    code = clean_tracking_code(d.get("earlier_code") or "")
    if code:
        earlier = first_instance_case(case, code)
        if earlier is None:
            raise PetitionError(services.message("earlier_case"))
    return services.case_set_terms(
        actor=actor,
        case=case,
        instance=d["instance"],
        complex=d["complex"],
        remote=d["remote"],
        first_known_on=d["first_known_on"],
        earlier_case=earlier,
    )


def _add_accused(actor: Any, case: Case, d: dict[str, Any]) -> Case:
    services.case_add_accused(
        actor=actor, case=case, full_name=d["full_name"], address=d["address"]
    )
    return case


def step_of(action: str) -> Step | None:
    """The step ``action`` of the state machine, or of terms and parties; None if unknown."""
    return STEPS.get(action) or EXTRA_STEPS.get(action)


def _report(actor: Any, case: Case, d: dict[str, Any]) -> Case:
    report_submit(actor=actor, case=case, report=d["report"])
    return case


REPORT = "report"

EXTRA_STEPS: dict[str, Step] = {
    TERMS: Step(
        gettext_lazy("Time-limit circumstances"),
        wforms.ComplaintTermsForm,
        {COMPLAINT: _set_terms, DENUNCIATION: _set_terms},
    ),
    ACCUSED: Step(
        gettext_lazy("Record the person or body complained about or denounced"),
        wforms.AccusedForm,
        {COMPLAINT: _add_accused, DENUNCIATION: _add_accused},
    ),
    REPORT: Step(
        gettext_lazy("Report on the delay (Law on Denunciations Art. 38)"),
        wforms.OverdueReportForm,
        {DENUNCIATION: _report},
    ),
}


# --- the queue -------------------------------------------------------------------------------


def _queue_handlers(unit: Any) -> list[tuple[int, str]]:
    """The handlers of the unit's cases, for the queue's filter (page and export alike)."""
    return list(
        Case.objects.filter(unit=unit, handler__isnull=False)
        .values_list("handler_id", "handler__full_name")
        .distinct()
        .order_by("handler__full_name")
    )


@login_required
@require_GET
def workflow_queue(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_queue_unit(request.user, code)
    today = timezone.localdate()
    filter_form = wforms.QueueFilterForm(request.GET or None, handlers=_queue_handlers(unit))
    page = paginate(request, queue_for(request.user, unit, today=today, **filter_form.filters()))
    for case in page.object_list:
        case.shown_subject = listed_subject(request.user, case)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/workflow/queue.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "page": page,
            "filter_form": filter_form,
            "export_query": query.urlencode(),
            "statuses": wforms.status_labels(),
            "today": today,
        },
    )


@login_required
@require_GET
def workflow_queue_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    unit = access_queue_unit(request.user, code)
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    today = timezone.localdate()
    filters = wforms.QueueFilterForm(request.GET or None, handlers=_queue_handlers(unit)).filters()
    queryset = queue_for(request.user, unit, today=today, **filters)
    return table_response(
        exports.queue_columns(),
        exports.queue_rows(queryset, wforms.status_labels()),
        fmt,
        filename=exports.export_filename("hang-doi-don-thu", unit.code, today),
    )


# --- the case page ---------------------------------------------------------------------------


def _case_context(actor: Any, case: Case, **bound: forms.Form) -> dict[str, Any]:
    redact = redactor_for(actor, case)
    today = timezone.localdate()
    facts = services.case_facts(case)
    machine = wf.machine_of(case.kind)
    steps = []
    for action in wf.allowed_actions(facts):
        if action == wf.WITHDRAW_CONTINUE:
            action = wf.WITHDRAW
        if action in (s["action"] for s in steps) or machine not in STEPS[action].runs:
            continue
        steps.append(
            {
                "action": action,
                "label": STEPS[action].label,
                "form": bound.get(action) or step_form(action, machine),
            }
        )
    extra = []
    if machine in (COMPLAINT, DENUNCIATION) and case.status in services.TERMS_STATUSES:
        extra += [TERMS, ACCUSED]
    if machine == DENUNCIATION and open_request(case) is not None:
        extra.insert(0, REPORT)
    for action in extra:
        steps.append(
            {
                "action": action,
                "label": EXTRA_STEPS[action].label,
                "form": bound.get(action) or step_form(action, machine, case=case),
            }
        )
    shown = {s["action"] for s in steps}
    action_errors = [
        error
        for action, form in bound.items()
        if action not in shown
        for error in form.non_field_errors()
    ]
    return {
        "case": case,
        "content": redact(case.content),
        "subject": redact(case.subject),
        "action_errors": action_errors,
        "unit": case.unit,
        "ancestors": ancestors_of(case.unit),
        "today": today,
        "status_label": wforms.status_labels().get(case.status, case.status),
        "overdue": wf.is_overdue(status=case.status, due_on=case.due_on, today=today),
        "parties": list(CaseParty.objects.filter(case=case).order_by("role", "pk")),
        "timeline": [
            {
                "event": event,
                "label": wforms.STEP_LABELS.get(event.action, event.action),
                "note": redact(event.note),
            }
            for event in case_timeline(case)
        ],
        "statuses": wforms.status_labels(),
        "steps": steps,
        "transfer_by": (
            denunciation_transfer_due(case.received_on)
            if machine == DENUNCIATION and case.status == wf.RECEIVED
            else None
        ),
    }


@login_required
@require_GET
def workflow_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case_by_id(request.user, pk)
    return render(request, "petitions/workflow/case.html", _case_context(request.user, case))


@login_required
@require_POST
def workflow_case_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = access_case_by_id(request.user, pk)
    step = step_of(action)
    machine = wf.machine_of(case.kind)
    if step is None or machine not in step.runs:
        raise Http404("Unknown step")
    form = step_form(action, machine, request.POST, case=case)
    if form.is_valid():
        try:
            step.runs[machine](request.user, case, form.cleaned_data)
        except PetitionError as exc:
            form.add_error(None, str(exc))
        except NotPermitted:
            raise Http404("Not found") from None
        else:
            messages.success(request, _("The step was recorded."))
            return redirect("petitions:workflow_case", case.pk)
    case.refresh_from_db()
    return render(
        request,
        "petitions/workflow/case.html",
        _case_context(request.user, case, **{action: form}),
        status=400,
    )


# --- statistics ------------------------------------------------------------------------------


def _statistics(request: HttpRequest, code: str) -> tuple[Any, Period, dict[str, Any], Any]:
    unit = access_statistics_unit(request.user, code)
    form = wforms.StatisticsForm(request.GET or None)
    today = timezone.localdate()
    period = Period.current_year(today)
    if form.is_bound and form.is_valid() and form.cleaned_data["period"]:
        period = Period.parse(form.cleaned_data["period"])
    return unit, period, petitions_statistics_rollup(unit, period, today=today), form


@login_required
@require_GET
def workflow_statistics(request: HttpRequest, code: str) -> HttpResponse:
    unit, period, rollup, form = _statistics(request, code)
    return render(
        request,
        "petitions/workflow/statistics.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "period": period,
            "rollup": rollup,
            "form": form,
            "columns": exports.statistics_columns(),
            "rows": exports.statistics_rows(rollup),
        },
    )


@login_required
@require_GET
def workflow_statistics_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    unit, period, rollup, _form_ = _statistics(request, code)
    return table_response(
        exports.statistics_columns(),
        exports.statistics_rows(rollup),
        fmt,
        filename=f"thong-ke-don-thu-{unit.code}-{period.key}",
    )
