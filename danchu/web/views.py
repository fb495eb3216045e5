"""The home page, the health check and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from danchu.common.pagination import paginate
from danchu.common.public_cache import cache_public_page
from danchu.common.text import fold
from danchu.core.access.selectors import current_assignments
from danchu.core.units.models import Unit
from danchu.core.units.selectors import provinces
from danchu.core.units.signals import PUBLIC_PAGES


@require_GET
@cache_public_page(PUBLIC_PAGES)
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


@require_GET
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the language with a plain link (no form, no token), then go back."""
    if code not in {c for c, _name in settings.LANGUAGES}:
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


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
