"""The superior's page of overdue denunciations of the bodies directly under it, and its request
for a report (Law on Denunciations Art. 38; ``services_oversight``). No subject, content or
person is shown: the unit, the code and the dates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danchu.common.pagination import paginate
from danchu.core.access.errors import NotPermitted
from danchu.core.units.selectors import ancestors_of
from danchu.petitions.access_oversight import access_overseen_case, access_superior_unit
from danchu.petitions.errors import PetitionError
from danchu.petitions.services_oversight import overdue_under, report_request


@login_required
@require_GET
def oversight_overdue(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_superior_unit(request.user, code)
    today = timezone.localdate()
    return render(
        request,
        "petitions/oversight/overdue.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "page": paginate(request, overdue_under(unit, today=today)),
            "today": today,
        },
    )


@login_required
@require_POST
def oversight_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_overseen_case(request.user, pk)
    try:
        report_request(actor=request.user, case=case)
    except PetitionError as exc:
        messages.error(request, str(exc))
    except NotPermitted:
        raise Http404("Not found") from None
    else:
        messages.success(request, _("The report was asked for; the handler has been notified."))
    return redirect("petitions:oversight_overdue", case.unit.parent.code)
