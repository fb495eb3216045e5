"""The search page and its HTMX partial; both go through ``search``, which applies the
permission filter for the requesting user."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danchu.core.search.selectors import QUERY_LENGTH, search

RESULTS_TARGET = "search-results"


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    page = search(request.user, query, page=request.GET.get("page"))
    context = {"query": query, "page": page, "max_length": QUERY_LENGTH}
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        return render(request, "search/_results.html", context)
    return render(request, "search/results.html", context)
