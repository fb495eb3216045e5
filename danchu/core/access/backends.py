"""Authentication by phone number or e-mail address."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from danchu.core.access.models import User
from danchu.core.people.domain.phone import normalise_phone


def find_user_by_login(login: str | None) -> User | None:
    if not login:
        return None
    login = login.strip()
    if "@" in login:
        return User.objects.filter(email__iexact=login).first()
    phone = normalise_phone(login)
    if phone is None:
        return None
    return User.objects.filter(phone=phone).first()


class PhoneOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = find_user_by_login(username)
        if user is None:
            # Run the hasher anyway so that timing does not reveal unknown logins.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials: dict | None) -> str:
    """The login as django-axes counts failures: one form per person, so that typing the phone
    as "+84 912…" or "0912…" does not give an attacker a fresh set of attempts."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    raw = raw.strip()
    if "@" in raw:
        return raw.lower()
    return normalise_phone(raw) or raw
