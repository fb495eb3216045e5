"""The home page, the health check and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danchu.common.pagination import paginate
from danchu.common.text import fold
from danchu.core.access.selectors import current_assignments
from danchu.core.units.models import Unit
from danchu.core.units.selectors import provinces


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    if query:
        units = (
            Unit.objects.current()
            .filter(name_folded__contains=fold(query))
            .select_related("parent")
            .order_by("depth", "name_folded")
        )
    else:
        units = provinces()
    page = paginate(request, units)
    my_units = [
        {"role": a.role.name, "code": a.unit.code, "unit": a.unit.name}
        for a in current_assignments(request.user)
    ]
    template = "web/_unit_results.html" if request.htmx else "web/home.html"
    return render(request, template, {"page": page, "query": query, "my_scopes": my_units})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def floor(request: HttpRequest) -> HttpResponse:
    """The benchmark floor: a tiny template through the full middleware stack (bench/README.md).
    Routed only when DANCHU_BENCH_FLOOR is on."""
    return render(request, "web/floor.html", {"now": "ok"})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
