"""One way to paginate a list page: every list in danchu goes through here."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    per_page: int | None = None,
    param: str = "page",
) -> Page:
    """Return the requested page; a bad or out-of-range page number gives the nearest page.

    ``param`` names the query parameter, so that one page can hold two paginated lists.
    """
    paginator = Paginator(queryset, per_page or settings.DANCHU_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]
    return page
