"""Caching of public pages for anonymous visitors.

Residents read unit pages far more often than officials change them. A page is served from the
cache only to a visitor who is not logged in and carries no session or message cookie, and it is
stored only when it is a plain 200 that sets no cookie. Keys carry a version per namespace that
services bump when the data behind the pages changes (``bump(namespace)``), so a change shows at
once in this process and, with a shared cache (Redis, ``REDIS_URL``), in every process; the
timeout bounds staleness when the cache is per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language


def _version_key(namespace: str) -> str:
    return f"public-page-version:{namespace}"


def bump(namespace: str) -> None:
    """Invalidate every cached page of ``namespace``."""
    try:
        cache.incr(_version_key(namespace))
    except ValueError:
        cache.set(_version_key(namespace), 2, None)


def _version(namespace: str) -> int:
    return cache.get_or_set(_version_key(namespace), 1, None)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    names = {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    }
    return not any(name in request.COOKIES for name in names)


def _key(namespace: str, request: HttpRequest) -> str:
    # Exactly what the views read (django-htmx: HX-Request must be "true"), so that a request
    # with odd headers cannot store a full page under the key of a partial, or the reverse.
    htmx = getattr(request, "htmx", None)
    target = f"{htmx.target or ''}|{htmx.boosted}" if htmx else "-"
    raw = f"{request.get_full_path()}|{get_language()}|{target}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public-page:{namespace}:{_version(namespace)}:{digest}"


def cache_public_page(namespace: str) -> Callable:
    """Decorate a view whose anonymous response depends only on its URL, language and data."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            timeout = settings.DANCHU_PUBLIC_PAGE_CACHE_SECONDS
            if not timeout or not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _key(namespace, request)
            cached = cache.get(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, response, timeout)
            return response

        return wrapped

    return decorator
