"""Officials must verify a second factor when DANCHU_REQUIRE_2FA_FOR_OFFICIALS is on."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from danchu.core.access.roles import is_official

EXEMPT_PREFIXES = ("/static/", "/language/", "/healthz", "/api/")


class OfficialTwoFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            return redirect(f"{reverse('access:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        if not getattr(settings, "DANCHU_REQUIRE_2FA_FOR_OFFICIALS", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return False
        path = request.path
        exempt = {
            reverse("access:two_factor"),
            reverse("access:two_factor_setup"),
            reverse("access:logout"),
            reverse("access:login"),
        }
        if path in exempt or path.startswith(EXEMPT_PREFIXES):
            return False
        return is_official(user)
