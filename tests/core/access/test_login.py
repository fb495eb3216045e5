"""Login by phone or e-mail, throttling (django-axes) and TOTP for officials (django-otp)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danchu.core.access.models import User
from tests.conftest import PASSWORD


def test_login_by_phone_in_any_format(client, personas):
    response = client.post("/login/", {"username": "+84 911 000 002", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/").context["user"] == personas["officer_a"]


def test_login_by_email_case_insensitive(client, db):
    user = User.objects.create_user(email="Can.Bo@Example.vn", password=PASSWORD)
    assert user.login == "can.bo@example.vn"
    response = client.post("/login/", {"username": "CAN.BO@example.VN", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_explains_in_vietnamese(client, personas):
    response = client.post("/login/", {"username": "0911000002", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu" in response.content.decode().lower()


def test_passwords_are_hashed_with_argon2_outside_tests():
    from danchu.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_repeated_failures_lock_the_login(client, personas, settings):
    # Writing the same phone number differently does not earn fresh attempts.
    for written in ["0911000002", "+84 911 000 002", "0911.000.002"][: settings.AXES_FAILURE_LIMIT]:
        client.post("/login/", {"username": written, "password": "sai"})
    response = client.post("/login/", {"username": "0911000002", "password": PASSWORD})
    assert response.status_code == 429
    assert "thử lại" in response.content.decode()
    # Another person on the same network is not locked out.
    assert (
        client.post("/login/", {"username": "0911000001", "password": PASSWORD}).status_code == 302
    )


@override_settings(DANCHU_REQUIRE_2FA_FOR_OFFICIALS=True)
def test_officials_must_set_up_and_use_totp(client, personas, households):
    response = client.post("/login/", {"username": "0911000002", "password": PASSWORD})
    assert response["Location"].startswith("/account/two-factor/setup/")
    # Until verified, official pages redirect to the second factor.
    response = client.get(f"/households/{households.a1.pk}/")
    assert response.status_code == 302 and "/account/two-factor/" in response["Location"]
    client.get("/account/two-factor/setup/")
    device = TOTPDevice.objects.get(user=personas["officer_a"])
    response = client.post(
        "/account/two-factor/setup/", {"token": f"{totp(device.bin_key):06d}", "next": "/account/"}
    )
    assert response.status_code == 302
    assert client.get(f"/households/{households.a1.pk}/").status_code == 200


@override_settings(DANCHU_REQUIRE_2FA_FOR_OFFICIALS=True)
def test_residents_need_no_second_factor(client, personas):
    response = client.post("/login/", {"username": "0911000009", "password": PASSWORD})
    assert response["Location"] == "/"
    assert client.get("/account/").status_code == 200


@override_settings(DANCHU_REQUIRE_2FA_FOR_OFFICIALS=True)
def test_second_login_asks_for_the_code(client, personas, households):
    device = TOTPDevice.objects.create(user=personas["officer_a"], name="phone", confirmed=True)
    response = client.post("/login/", {"username": "0911000002", "password": PASSWORD})
    assert response["Location"].startswith("/account/two-factor/?")
    response = client.post(
        "/account/two-factor/", {"token": f"{totp(device.bin_key):06d}", "next": "/account/"}
    )
    assert response["Location"] == "/account/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_next_cannot_leave_the_site(client, personas, target):
    client.force_login(personas["resident"])
    device = TOTPDevice.objects.create(user=personas["resident"], name="phone", confirmed=True)
    response = client.post(
        "/account/two-factor/", {"token": f"{totp(device.bin_key):06d}", "next": target}
    )
    assert response["Location"] == "/"


def test_wrong_code_is_explained(client, personas):
    client.force_login(personas["officer_a"])
    device = TOTPDevice.objects.create(user=personas["officer_a"], name="phone", confirmed=True)
    wrong = (totp(device.bin_key) + 1) % 1_000_000
    response = client.post("/account/two-factor/", {"token": f"{wrong:06d}"})
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


@override_settings(DANCHU_REQUIRE_2FA_FOR_OFFICIALS=True)
def test_the_api_does_not_accept_an_unverified_officials_session(client, personas, households):
    """The pages redirect an official to the second factor; the API cannot, so an unverified
    session counts as none there, and only a token or a verified session is accepted."""
    client.post("/login/", {"username": "0911000002", "password": PASSWORD})
    assert client.get(f"/api/v1/households/{households.a1.pk}").status_code == 401
    client.get("/account/two-factor/setup/")
    device = TOTPDevice.objects.get(user=personas["officer_a"])
    client.post(
        "/account/two-factor/setup/", {"token": f"{totp(device.bin_key):06d}", "next": "/account/"}
    )
    assert client.get(f"/api/v1/households/{households.a1.pk}").status_code == 200


@override_settings(DANCHU_REQUIRE_2FA_FOR_OFFICIALS=True)
def test_a_resident_session_still_works_on_the_api(client, personas):
    client.post("/login/", {"username": "0911000009", "password": PASSWORD})
    assert client.get("/api/v1/units/90001").status_code == 200
