"""The client's address, as sign-in lockouts (django-axes) and rate limits count it.

By default ``REMOTE_ADDR``: the address of whoever opened the connection, which a client cannot
forge. Behind a reverse proxy that is the proxy's address, so every citizen would share one
count; ``DANCHU_CLIENT_IP_HEADER`` names the request header the proxy *overwrites* with the
client's address (e.g. ``X-Real-IP``), read only when it is configured. Never a header the client
sets itself, such as ``X-Forwarded-For`` as the client sent it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def meta_key(header: str) -> str:
    """``X-Real-IP`` → ``HTTP_X_REAL_IP`` (the WSGI name of a request header)."""
    name = header.strip().upper().replace("-", "_")
    return name if name.startswith("HTTP_") else f"HTTP_{name}"


def client_ip(request: HttpRequest) -> str:
    header = getattr(settings, "DANCHU_CLIENT_IP_HEADER", "")
    if header:
        # The proxy's own entry is the last (a header proxies append to holds the client's
        # own claims before it).
        value = request.META.get(meta_key(header), "").split(",")[-1].strip()
        if value:
            return value
    return request.META.get("REMOTE_ADDR", "")
