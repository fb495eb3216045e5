"""Officials must verify a second factor when DANCHU_REQUIRE_2FA_FOR_OFFICIALS is on.

Pages redirect to the second-factor step. The API cannot redirect: a browser session of an
official who has not verified counts as no session there (a bearer token still works), so the
API never grants through a password alone what the pages refuse."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from danchu.core.access.roles import is_official

API_PREFIX = "/api/"
EXEMPT_PREFIXES = ("/static/", "/language/", "/healthz")


class OfficialTwoFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            if _unverified_official(request):
                request.user = AnonymousUser()
        elif self._must_verify(request):
            return redirect(f"{reverse('access:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        if not _unverified_official(request):
            return False
        path = request.path
        exempt = {
            reverse("access:two_factor"),
            reverse("access:two_factor_setup"),
            reverse("access:logout"),
            reverse("access:login"),
        }
        return not (path in exempt or path.startswith(EXEMPT_PREFIXES))


def _unverified_official(request) -> bool:
    if not getattr(settings, "DANCHU_REQUIRE_2FA_FOR_OFFICIALS", False):
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    return is_official(user)
