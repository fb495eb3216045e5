"""The compliance page of a unit for a period (Law 10/2022 Arts 12(3), 13(2)–(4), 47(2), 48,
65(2), 66): figures, the lists of what is late, missing or cut short, the units below, and the
button that generates the quarterly list (Art. 13(2)).

Only holders of VIEW_COMPLIANCE over the unit see it; anyone else, signed in or not, gets the
same 404 as for a unit that does not exist.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danchu.common.pagination import paginate
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.core.units.selectors import ancestors_of
from danchu.disclosure.domain.channels import Channel
from danchu.disclosure.domain.compliance import (
    HALF,
    QUARTER,
    ComplianceResult,
    Period,
    PeriodError,
    rates,
)
from danchu.disclosure.permissions import MANAGE_PUBLICATIONS, VIEW_COMPLIANCE
from danchu.disclosure.selectors_compliance import subtree_compliance, unit_compliance
from danchu.disclosure.services_compliance import ComplianceError, quarterly_list_generate

YEARS_OFFERED = 3


def period_label(period: Period) -> str:
    if period.kind == QUARTER:
        return _("Quarter %(number)s of %(year)s") % {"number": period.number, "year": period.year}
    if period.kind == HALF:
        if period.number == 1:
            return _("First half of %(year)s") % {"year": period.year}
        return _("Second half of %(year)s") % {"year": period.year}
    return _("Year %(year)s") % {"year": period.year}


def periods_offered(today: date) -> list[Period]:
    """Quarters, halves and years of the current and the two previous years, newest first,
    without periods that have not started."""
    offered = []
    for year in range(today.year, today.year - YEARS_OFFERED, -1):
        candidates = [Period.whole_year(year)]
        candidates += [Period.half(year, n) for n in (2, 1)]
        candidates += [Period.quarter(year, n) for n in (4, 3, 2, 1)]
        offered += [p for p in candidates if p.start <= today]
    return offered


def _period_from(value: str | None, today: date) -> Period:
    if value:
        try:
            return Period.parse(value)
        except PeriodError:
            pass
    return Period.quarter_of(today)


def _place_names(result: ComplianceResult) -> dict[int, str]:
    """Names of the villages named in the lists (one query)."""
    ids = {e.village_id for e in result.relay_missing}
    ids |= {e.place_id for e in result.channel_missing if e.place_id is not None}
    ids |= {e.place_id for e in result.posting_cut_short if e.place_id is not None}
    if not ids:
        return {}
    return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))


def _page_url(code: str, period: Period) -> str:
    return f"{reverse('disclosure:compliance_unit', args=[code])}?period={period.key}"


@require_GET
def compliance_unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_COMPLIANCE)
    today = timezone.localdate()
    period = _period_from(request.GET.get("period"), today)
    result = unit_compliance(unit, period, today=today)
    names = _place_names(result)
    channel_labels = dict(Channel.choices)
    cut_short = [
        {
            "entry": entry,
            "channel": channel_labels.get(entry.channel, entry.channel),
            "place": names.get(entry.place_id, "") if entry.place_id else "",
        }
        for entry in result.posting_cut_short
    ]
    relays = [{"entry": e, "village": names.get(e.village_id, "")} for e in result.relay_missing]
    unused = [
        {
            "entry": e,
            "channel": channel_labels.get(e.channel, e.channel),
            "place": names.get(e.place_id, "") if e.place_id else "",
        }
        for e in result.channel_missing
    ]
    below = None
    if not unit.is_village:
        rows = [
            {"unit": u, "counts": r.counts(), "rates": rates(r.counts())}
            for u, r in subtree_compliance(unit, period, today=today)
            if u.pk != unit.pk
        ]
        below = paginate(request, rows, param="units_page") if rows else None
    counts = result.counts()
    offered = periods_offered(today)
    if period not in offered:
        offered.insert(0, period)
    context = {
        "unit": unit,
        "ancestors": ancestors_of(unit),
        "period": period,
        "period_label": period_label(period),
        "periods": [(p.key, period_label(p)) for p in offered],
        "today": today,
        "counts": counts,
        "rates": rates(counts),
        "late": paginate(request, list(result.late), param="late_page"),
        "missing": paginate(request, list(result.missing), param="missing_page"),
        "cut_short": paginate(request, cut_short, param="cut_page"),
        "loudspeaker": paginate(request, list(result.loudspeaker_short), param="loud_page"),
        "relays": paginate(request, relays, param="relay_page"),
        "unused": paginate(request, unused, param="unused_page"),
        "below": below,
        "can_generate": period.kind == QUARTER
        and has_perm(request.user, MANAGE_PUBLICATIONS, unit),
    }
    return render(request, "disclosure/compliance/unit.html", context)


@require_POST
def compliance_quarterly_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_COMPLIANCE)
    today = timezone.localdate()
    period = _period_from(request.POST.get("period"), today)
    try:
        document = quarterly_list_generate(actor=request.user, unit=unit, period=period)
    except ComplianceError as error:
        messages.error(request, str(error))
        return redirect(_page_url(unit.code, period))
    messages.success(
        request,
        _("The list of information published in %(period)s was generated.")
        % {"period": period_label(period)},
    )
    return redirect("documents:detail", pk=document.pk)
