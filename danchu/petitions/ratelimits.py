"""Rate limits of the public petitions endpoints (docs/decisions/0013-rate-limits.md).

Anyone may send a case, follow it by its tracking code and book a reception slot without signing
in (Law 10/2022/QH15 Art. 34; Law on Citizen Reception 42/2013/QH13 Arts 24, 28). These guards
stop a script from flooding cases, enumerating tracking codes or taking every slot: each request
of a guarded kind is counted in the cache (django-ratelimit) per client — the signed-in user, or
else the client's address — against ``settings.DANCHU_RATE_LIMITS``. Past the limit the request
is answered 429 before anything is read or written: no case, no booking and no audit event, since
auditing every refused request of a flood would serialise it on the audit chain's lock. The first
refusal of a window is logged as a warning instead.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
from collections.abc import Callable
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# An IPv6 client usually holds a whole /64: counting single addresses would be trivial to evade.
IPV6_PREFIX = 64
RATE_RE = re.compile(r"\d+/\d*[smhd]")

View = Callable[..., HttpResponse]


CACHE_KEY_SALT = "danchu.petitions.ratelimits.key"


def limit_message() -> str:
    return _("Too many requests from this connection. Please try again later.")


def client_address(request: HttpRequest) -> str:
    """The client's address as django-axes sees it for sign-in lockouts (REMOTE_ADDR unless
    ``AXES_CLIENT_IP_CALLABLE`` says otherwise); IPv6 addresses are reduced to their /64."""
    raw = get_client_ip_address(request) or ""
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
    return str(address)


def client_key(request: HttpRequest) -> str:
    """The signed-in user (an API bearer token's user, else the session's), or the address."""
    user = getattr(request, "auth", None)
    if not getattr(user, "is_authenticated", False):
        user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"


def rate_of(group: str) -> str | None:
    """The limit of ``group`` ("N/s", "N/m", "N/h", "N/d"), or None when it is off."""
    rate = getattr(settings, "DANCHU_RATE_LIMITS", {}).get(group) or None
    if rate is not None and not RATE_RE.fullmatch(rate):
        raise ImproperlyConfigured(
            f"DANCHU_RATE_LIMITS[{group!r}] = {rate!r}: write a count and a period, e.g. '20/h'."
        )
    return rate


def over_limit(request: HttpRequest, group: str) -> int | None:
    """Count this request against ``group``; the seconds until the window ends when the client
    is over the limit, None otherwise."""
    rate = rate_of(group)
    if rate is None:
        return None
    try:
        usage = get_usage(
            request,
            group=group,
            # Keyed, so that the cache (whose keys the library hashes without a secret) cannot
            # be searched for an address or an account.
            key=lambda _group, req: salted_hmac(CACHE_KEY_SALT, client_key(req)).hexdigest(),
            rate=rate,
            increment=True,
        )
    except Exception:  # the cache is down: let the citizen through rather than refuse everyone
        logger.exception("Rate limit %s was not checked: the cache failed.", group)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    if usage["count"] == usage["limit"] + 1:
        # The client is named by a keyed digest: a log line must not tie an address or an
        # account to a petitions endpoint (a denouncer's identity is protected, Law on
        # Denunciations Art. 9).
        logger.warning(
            "Rate limit %s (%s) reached by client %s; its requests are refused for %s s.",
            group,
            rate,
            salted_hmac("danchu.petitions.ratelimits", client_key(request)).hexdigest()[:16],
            usage["time_left"],
        )
    return max(int(usage["time_left"]), 1)


def is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


def is_lookup(request: HttpRequest) -> bool:
    """A tracking lookup: the page with a code to look up (the empty form is not counted)."""
    return "code" in request.GET


def rate_limited(group: str, *, counts: Callable[[HttpRequest], bool] = is_post):
    """Guard a page: requests for which ``counts`` is true are counted against ``group``; over
    the limit, a 429 page is answered and the view does not run."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if counts(request):
                retry_after = over_limit(request, group)
                if retry_after is not None:
                    response = render(
                        request,
                        "petitions/rate_limited.html",
                        {"message": limit_message()},
                        status=429,
                    )
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return guarded

    return decorator


def api_rate_limited(request: HttpRequest, group: str) -> JsonResponse | None:
    """Guard an API endpoint (call it first): a 429 answer to return when over the limit, with
    the API's error shape ``{"detail": ...}``; None otherwise."""
    retry_after = over_limit(request, group)
    if retry_after is None:
        return None
    response = JsonResponse({"detail": limit_message()}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
