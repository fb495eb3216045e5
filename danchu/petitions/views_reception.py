"""Pages for citizen reception (Law on Citizen Reception 42/2013/QH13).

Public: a unit's reception schedule (leaders' days, postponements with their reason, free
slots) and booking a slot; a signed-in citizen cancels their own booking. Officials who manage
the unit's reception (``petitions.manage_reception``; a 404 for anyone else): the reception
days with the head's coverage (R-TCD-01), posting and postponing a day, the bookings of a day,
the logbook (Art. 25(2)) with its XLSX/CSV export, recording an entry, the leader's answer,
a refusal (Art. 9), conversion into a case, and the printable schedule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.pagination import paginate
from danchu.core.documents.tables import FORMATS, table_response
from danchu.core.units.selectors import ancestors_of
from danchu.petitions.access_reception import (
    access_booking_by_id,
    access_entry_by_id,
    access_managing_unit,
    access_public_schedule,
    access_reception_unit,
    access_schedule_by_id,
)
from danchu.petitions.domain import reception as rules
from danchu.petitions.errors import PetitionError
from danchu.petitions.forms_reception import (
    AnswerForm,
    BookingForm,
    ConvertForm,
    EntryForm,
    PostponeForm,
    RefuseForm,
    ScheduleDocumentForm,
    ScheduleForm,
)
from danchu.petitions.models import ReceptionBooking, ReceptionEntry, ReceptionSchedule
from danchu.petitions.ratelimits import rate_limited
from danchu.petitions.selectors_reception import (
    attach_free_slots,
    leader_coverage,
    logbook_columns,
    logbook_entries,
    logbook_rows,
    public_schedules,
    schedule_bookings,
    unit_schedules,
)
from danchu.petitions.services_reception import (
    booking_cancel,
    booking_make,
    entry_answer,
    entry_record,
    entry_refuse,
    entry_to_case,
    logbook_export_record,
    schedule_document,
    schedule_postpone,
    schedule_publish,
)

COVERAGE_WEEKS_BEFORE = 4
COVERAGE_WEEKS_AFTER = 8
COVERAGE_MONTHS = 3


# --- public ------------------------------------------------------------------------------------


@require_GET
def reception_unit(request: HttpRequest, code: str) -> HttpResponse:
    """The posted schedule (Art. 24): leaders' days, postponements, free slots, booking."""
    unit = access_reception_unit(request.user, code)
    today = timezone.localdate()
    page = paginate(request, public_schedules(unit, today))
    attach_free_slots(page.object_list, today)
    for schedule in page.object_list:
        schedule.form = (  # type: ignore[attr-defined]
            BookingForm(slots=schedule.free_slots, auto_id=f"id_%s_{schedule.pk}")
            if schedule.free_slots
            else None
        )
    own: list[ReceptionBooking] = []
    if request.user.is_authenticated:
        own = list(
            ReceptionBooking.objects.filter(
                citizen=request.user, cancelled=False, schedule__unit=unit, schedule__on__gte=today
            )
            .select_related("schedule")
            .order_by("schedule__on", "starts_at")
        )
    return render(
        request,
        "petitions/reception/unit.html",
        {"unit": unit, "ancestors": ancestors_of(unit), "page": page, "own": own},
    )


@require_http_methods(["GET", "POST"])
@rate_limited("petitions_book")
def reception_book(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = access_public_schedule(request.user, pk)
    today = timezone.localdate()
    attach_free_slots([schedule], today)
    form = BookingForm(request.POST or None, slots=schedule.free_slots)
    if request.method == "POST" and form.is_valid():
        try:
            booking_make(
                actor=request.user,
                schedule=schedule,
                starts_at=form.slot(),
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                topic=form.cleaned_data["topic"],
            )
        except PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your slot at %(time)s on %(day)s is booked. Bring your identity card.")
                % {
                    "time": form.cleaned_data["starts_at"],
                    "day": schedule.on.strftime("%d/%m/%Y"),
                },
            )
            return redirect("petitions:reception_unit", schedule.unit.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "petitions/reception/book.html",
        {"schedule": schedule, "unit": schedule.unit, "form": form},
        status=status,
    )


@login_required
@require_POST
def reception_booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking_by_id(request.user, pk)
    try:
        booking_cancel(actor=request.user, booking=booking)
    except PetitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The booking was cancelled."))
    if booking.citizen_id == request.user.pk:
        return redirect("petitions:reception_unit", booking.schedule.unit.code)
    return redirect("petitions:reception_day", booking.schedule_id)


# --- officials: reception days -----------------------------------------------------------------


def _coverage_period(unit: Any, today: Any) -> tuple[Any, Any]:
    if unit.is_commune:
        start = rules.week_start(today) - timedelta(weeks=COVERAGE_WEEKS_BEFORE)
        end = rules.week_start(today) + timedelta(weeks=COVERAGE_WEEKS_AFTER, days=-1)
        return start, end
    start = rules.month_start(today)
    for _i in range(COVERAGE_MONTHS):
        start = rules.month_start(start - timedelta(days=1))
    end = rules.month_start(today)
    for _i in range(COVERAGE_MONTHS + 1):
        end = rules.month_start(end + timedelta(days=32))
    return start, end - timedelta(days=1)


@login_required
@require_GET
def reception_manage(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_managing_unit(request.user, code)
    today = timezone.localdate()
    start, end = _coverage_period(unit, today)
    page = paginate(request, unit_schedules(request.user, unit))
    return render(
        request,
        "petitions/reception/manage.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "page": page,
            "coverage": leader_coverage(unit, start, end),
            "today": today,
            "document_form": ScheduleDocumentForm(
                initial={"start": today, "end": today + timedelta(days=27)}
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_day_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_managing_unit(request.user, code)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule = schedule_publish(
                actor=request.user,
                unit=unit,
                leader=None,
                leader_name=data["leader_name"],
                leader_title=data["leader_title"],
                on=data["on"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                posted_on=data["posted_on"],
                slot_minutes=data["slot_minutes"],
            )
        except PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The reception day %(day)s was posted.")
                % {"day": schedule.on.strftime("%d/%m/%Y")},
            )
            return redirect("petitions:reception_manage", unit.code)
    return render(
        request,
        "petitions/reception/schedule_form.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "form": form,
            "earliest": rules.earliest_reception_day(timezone.localdate()),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def reception_day(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = access_schedule_by_id(request.user, pk)
    return render(
        request,
        "petitions/reception/day.html",
        {
            "schedule": schedule,
            "unit": schedule.unit,
            "bookings": schedule_bookings(schedule),
            "entries": schedule.entries.order_by("number"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_day_postpone(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = access_schedule_by_id(request.user, pk)
    form = PostponeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = schedule_postpone(
                actor=request.user,
                schedule=schedule,
                new_day=form.cleaned_data["new_day"],
                reason=form.cleaned_data["reason"],
            )
        except PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The reception day was postponed to %(day)s and the new day announced.")
                % {"day": new.on.strftime("%d/%m/%Y")},
            )
            return redirect("petitions:reception_manage", schedule.unit.code)
    return render(
        request,
        "petitions/reception/postpone.html",
        {"schedule": schedule, "unit": schedule.unit, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def reception_schedule_document(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_managing_unit(request.user, code)
    form = ScheduleDocumentForm(request.POST)
    if form.is_valid():
        try:
            document = schedule_document(
                actor=request.user,
                unit=unit,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
            )
        except PetitionError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("documents:detail", document.pk)
    else:
        messages.error(request, _("Choose the first and the last day of the schedule."))
    return redirect("petitions:reception_manage", unit.code)


# --- officials: the logbook --------------------------------------------------------------------


@login_required
@require_GET
def reception_logbook(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_managing_unit(request.user, code)
    query = request.GET.get("q", "")[:100]
    page = paginate(request, logbook_entries(request.user, unit, query=query))
    return render(
        request,
        "petitions/reception/logbook.html",
        {"unit": unit, "ancestors": ancestors_of(unit), "page": page, "q": query},
    )


@login_required
@require_GET
def reception_logbook_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The logbook as a table; it holds personal data, so only for the unit's officials."""
    unit = access_managing_unit(request.user, code)
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    queryset = logbook_entries(request.user, unit, query=request.GET.get("q", "")[:100])
    logbook_export_record(actor=request.user, unit=unit, fmt=fmt, rows=queryset.count())
    return table_response(
        logbook_columns(),
        logbook_rows(queryset),
        fmt,
        filename=f"so-tiep-cong-dan-{unit.code}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_entry_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_managing_unit(request.user, code)
    today = timezone.localdate()
    schedules = list(
        ReceptionSchedule.objects.filter(
            unit=unit, on__gte=today - timedelta(days=31), on__lte=today
        ).order_by("-on")
    )
    form = EntryForm(request.POST or None, schedules=schedules)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {s.pk: s for s in schedules}.get(data["schedule"]) if data["schedule"] else None
        try:
            entry = entry_record(
                actor=request.user,
                unit=unit,
                received_on=data["received_on"],
                full_name=data["full_name"],
                address=data["address"],
                content=data["content"],
                request=data["request"],
                prior_handling=data["prior_handling"],
                handling=data["handling"],
                people=data["people"],
                schedule=chosen,
                id_number=data["id_number"],
            )
        except PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Entry %(number)s was written in the logbook.")
                % {"number": f"{entry.number}/{entry.year}"},
            )
            return redirect("petitions:reception_entry", entry.pk)
    return render(
        request,
        "petitions/reception/entry_form.html",
        {"unit": unit, "ancestors": ancestors_of(unit), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _entry_context(entry: ReceptionEntry, **forms_: forms.Form) -> dict[str, Any]:
    refused = rules.is_refused(entry.handling)
    context: dict[str, Any] = {
        "entry": entry,
        "unit": entry.unit,
        "refused": refused,
        "can_answer": not refused and not entry.leader_answer,
        "can_refuse": not refused and not entry.leader_answer and not entry.case_id,
        "can_convert": not refused and not entry.case_id,
        "answer_form": AnswerForm(),
        "refuse_form": RefuseForm(),
        "convert_form": ConvertForm(),
    }
    context.update(forms_)
    return context


@login_required
@require_GET
def reception_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access_entry_by_id(request.user, pk)
    return render(request, "petitions/reception/entry.html", _entry_context(entry))


def _entry_act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    form_name: str,
    run: Callable[[ReceptionEntry, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    entry = access_entry_by_id(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(entry, form.cleaned_data)
        except PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("petitions:reception_entry", entry.pk)
    entry = access_entry_by_id(request.user, pk)
    return render(
        request,
        "petitions/reception/entry.html",
        _entry_context(entry, **{form_name: form}),
        status=400,
    )


@login_required
@require_POST
def reception_entry_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_act(
        request,
        pk,
        AnswerForm,
        "answer_form",
        lambda entry, data: entry_answer(
            actor=request.user, entry=entry, leader_answer=data["leader_answer"]
        ),
        _("The leader's answer was recorded."),
    )


@login_required
@require_POST
def reception_entry_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_act(
        request,
        pk,
        RefuseForm,
        "refuse_form",
        lambda entry, data: entry_refuse(actor=request.user, entry=entry, ground=data["ground"]),
        _("The refusal was recorded in the logbook."),
    )


@login_required
@require_POST
def reception_entry_convert(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_act(
        request,
        pk,
        ConvertForm,
        "convert_form",
        lambda entry, data: entry_to_case(
            actor=request.user, entry=entry, kind_hint=data["kind_hint"]
        ),
        _("The reception was converted into a case."),
    )
