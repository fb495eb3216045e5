"""Login, logout, the account page and TOTP two-factor verification."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from danchu.core.access.forms import LoginForm, TokenForm
from danchu.core.access.roles import is_official
from danchu.core.access.selectors import current_assignments
from danchu.core.audit.services import audit_record


class DanchuLoginView(auth_views.LoginView):
    template_name = "access/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        user = self.request.user
        if settings.DANCHU_REQUIRE_2FA_FOR_OFFICIALS and is_official(user):
            target = "access:two_factor"
            if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                target = "access:two_factor_setup"
            return f"{reverse(target)}?next={self.get_redirect_url() or '/'}"
        return super().get_success_url()


class DanchuLogoutView(auth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "access/account.html",
        {
            "assignments": current_assignments(request.user),
            "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    if not devices.exists():
        return redirect(f"{reverse('access:two_factor_setup')}?next={_safe_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in devices:
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error(
            "token", _("This code is not valid. Check your phone's clock and try again.")
        )
    return render(request, "access/two_factor.html", {"form": form, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists() and not (
        request.user.is_verified()
    ):
        return redirect(f"{reverse('access:two_factor')}?next={_safe_next(request)}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "danchu"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(actor=request.user, action="access.totp_confirmed", target=device)
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now on for your account."))
            return redirect(_safe_next(request))
        form.add_error(
            "token", _("This code is not valid. Check your phone's clock and try again.")
        )
    secret = _base32(device.bin_key)
    return render(
        request,
        "access/two_factor_setup.html",
        {
            "form": form,
            "secret": secret,
            "config_url": device.config_url,
            "next": _safe_next(request),
        },
    )


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
