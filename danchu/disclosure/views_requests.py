"""Pages for information requests (Law on Access to Information 104/2016/QH13).

Public: the request form of a unit and the status page by tracking code (status and dates, no
personal data). Officials who handle the unit's requests (``disclosure.handle_requests``; a 404
for anyone else): the list with overdue flags and filters, the detail with its actions, entering
a paper or in-person request, and the logbook (Art. 26) as XLSX or CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.pagination import paginate
from danchu.core.documents.tables import FORMATS, table_response
from danchu.core.units.selectors import ancestors_of
from danchu.disclosure.access_requests import (
    access_handling_unit,
    access_request_by_id,
    access_request_status,
    access_requesting_unit,
)
from danchu.disclosure.domain import requests as rules
from danchu.disclosure.forms_requests import (
    ExtendForm,
    OfficialRequestForm,
    ProvideForm,
    RefuseForm,
    RequestFilterForm,
    RequestForm,
)
from danchu.disclosure.models import InformationRequest, RequestChannel, RequestStatus
from danchu.disclosure.selectors_requests import (
    logbook_columns,
    logbook_rows,
    request_history,
    requests_in_unit,
)
from danchu.disclosure.services_requests import (
    RequestError,
    request_extend,
    request_mark_complex,
    request_provide,
    request_receive,
    request_refuse,
)


def _refused(form: forms.Form, exc: RequestError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# --- public ------------------------------------------------------------------------------------


def _limit_text(limit: rules.Limit) -> str:
    if limit.unit == rules.WORKING_DAYS:
        return ngettext("%(n)d working day", "%(n)d working days", limit.amount) % {
            "n": limit.amount
        }
    return ngettext("%(n)d day", "%(n)d days", limit.amount) % {"n": limit.amount}


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, code: str) -> HttpResponse:
    """The request form (phiếu yêu cầu cung cấp thông tin), sent electronically."""
    unit = access_requesting_unit(request.user, code)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = request_receive(actor=request.user, unit=unit, data=form.request_input())
        except RequestError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your request was received. Its tracking code is %(code)s: keep it to "
                    "follow your request."
                )
                % {"code": created.tracking_code},
            )
            return redirect("disclosure:request_status", created.tracking_code)
    return render(
        request,
        "disclosure/requests/request_form.html",
        {
            "form": form,
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "simple_limit": _limit_text(rules.limit(rules.ELECTRONIC, rules.SIMPLE)),
            "notice_limit": _limit_text(rules.limit(rules.ELECTRONIC, rules.COMPLEX_NOTICE)),
            "complex_limit": _limit_text(rules.limit(rules.ELECTRONIC, rules.COMPLEX)),
        },
    )


@require_GET
def request_status_lookup(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip()[:40]
    not_found = False
    if code:
        try:
            row = access_request_status(code)
        except Http404:
            not_found = True
        else:
            return redirect("disclosure:request_status", row["tracking_code"])
    return render(
        request,
        "disclosure/requests/status_lookup.html",
        {"code": code, "not_found": not_found},
        status=404 if not_found else 200,
    )


@require_GET
def request_status(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """Status and dates only; the answer is shown to the signed-in requester alone."""
    row = access_request_status(tracking_code)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "row": row,
        "channel_label": RequestChannel(row["channel"]).label,
        "status_label": RequestStatus(row["status"]).label,
        "effective_due": rules.effective_due(row["due_on"], row["extended_to"]),
        "overdue": rules.is_overdue(
            status=row["status"],
            due_on=row["due_on"],
            extended_to=row["extended_to"],
            today=today,
        ),
        "own": None,
    }
    user = request.user
    if user.is_authenticated and row["requester_id"] == user.pk:
        context["own"] = InformationRequest.objects.only(
            "answer", "refusal_ground", "refusal_reason", "information", "status"
        ).get(tracking_code=row["tracking_code"])
    return render(request, "disclosure/requests/status.html", context)


# --- officials ---------------------------------------------------------------------------------


@login_required
@require_GET
def request_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_handling_unit(request.user, code)
    filter_form = RequestFilterForm(request.GET or None)
    today = timezone.localdate()
    page = paginate(
        request, requests_in_unit(request.user, unit, today=today, **filter_form.filters())
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosure/requests/list.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "page": page,
            "filter_form": filter_form,
            "export_query": query.urlencode(),
            "today": today,
        },
    )


@login_required
@require_GET
def request_logbook(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The tracking book (sổ theo dõi cung cấp thông tin theo yêu cầu, Art. 26)."""
    unit = access_handling_unit(request.user, code)
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    filters = RequestFilterForm(request.GET or None).filters()
    queryset = requests_in_unit(request.user, unit, today=timezone.localdate(), **filters)
    return table_response(
        logbook_columns(),
        logbook_rows(queryset),
        fmt,
        filename=f"so-theo-doi-yeu-cau-cung-cap-thong-tin-{unit.code}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_receive_view(request: HttpRequest, code: str) -> HttpResponse:
    """An official enters a request received in person, by post or fax, or by e-mail."""
    unit = access_handling_unit(request.user, code)
    form = OfficialRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = request_receive(
                actor=request.user,
                unit=unit,
                data=form.request_input(),
                channel=data["channel"],
                complex=data["complex"],
                received_on=data["received_on"],
                entered_by_official=True,
            )
        except RequestError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("Request %(code)s was logged; answer due by %(date)s.")
                % {"code": created.tracking_code, "date": created.due_on.strftime("%d/%m/%Y")},
            )
            return redirect("disclosure:request_detail", created.pk)
    return render(
        request,
        "disclosure/requests/receive_form.html",
        {"form": form, "unit": unit, "ancestors": ancestors_of(unit)},
    )


def _detail_context(item: InformationRequest, **forms_: forms.Form) -> dict[str, Any]:
    today = timezone.localdate()
    is_open = item.status == RequestStatus.RECEIVED
    notice_due = rules.complex_notice_due(item.received_on, item.channel)
    can_mark_complex = (
        rules.complex_problem(
            status=item.status,
            complex=item.complex,
            extended_to=item.extended_to,
            notice_due=notice_due,
            today=today,
        )
        is None
    )
    can_extend = is_open and item.complex and item.extended_to is None and today <= item.due_on
    context: dict[str, Any] = {
        "item": item,
        "unit": item.unit,
        "is_open": is_open,
        "today": today,
        "effective_due": rules.effective_due(item.due_on, item.extended_to),
        "overdue": rules.is_overdue(
            status=item.status, due_on=item.due_on, extended_to=item.extended_to, today=today
        ),
        "notice_due": notice_due,
        "latest_extension": rules.latest_extension(item.due_on, item.channel),
        "can_mark_complex": can_mark_complex,
        "can_extend": can_extend,
        "delivery_label": rules.DeliveryForm(item.delivery_form).label
        if item.delivery_form in rules.DeliveryForm.values
        else item.delivery_form,
        "history": request_history(item),
        "extend_form": ExtendForm(),
        "provide_form": ProvideForm(),
        "refuse_form": RefuseForm(),
    }
    context.update(forms_)
    return context


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_request_by_id(request.user, pk)
    return render(request, "disclosure/requests/detail.html", _detail_context(item))


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form] | None,
    form_name: str,
    run: Callable[[InformationRequest, dict[str, Any]], InformationRequest],
    done: str,
) -> HttpResponse:
    item = access_request_by_id(request.user, pk)
    form = form_class(request.POST) if form_class else forms.Form(request.POST)
    if form.is_valid():
        try:
            run(item, form.cleaned_data)
        except RequestError as exc:
            _refused(form, exc)
        else:
            messages.success(request, done)
            return redirect("disclosure:request_detail", item.pk)
    item.refresh_from_db()
    context = _detail_context(item, **({form_name: form} if form_class else {}))
    if not form_class:
        context["action_errors"] = form.non_field_errors()
    return render(request, "disclosure/requests/detail.html", context, status=400)


@login_required
@require_POST
def request_extend_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ExtendForm,
        "extend_form",
        lambda item, data: request_extend(
            actor=request.user, request=item, extended_to=data["extended_to"], notice=data["notice"]
        ),
        _("The deadline was extended."),
    )


@login_required
@require_POST
def request_complex_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        None,
        "",
        lambda item, data: request_mark_complex(actor=request.user, request=item),
        _("The request is classified as complex; the deadline was recalculated."),
    )


@login_required
@require_POST
def request_provide_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ProvideForm,
        "provide_form",
        lambda item, data: request_provide(actor=request.user, request=item, answer=data["answer"]),
        _("The answer was recorded."),
    )


@login_required
@require_POST
def request_refuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        RefuseForm,
        "refuse_form",
        lambda item, data: request_refuse(
            actor=request.user, request=item, ground=data["ground"], reason=data["reason"]
        ),
        _("The refusal was recorded."),
    )
