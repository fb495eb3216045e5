import pytest

from danchu.core.notify.domain import compose
from danchu.core.notify.domain.links import absolute, safe_link
from danchu.core.notify.domain.preferences import (
    DELIVERY_DIGEST,
    DELIVERY_NONE,
    DELIVERY_NOW,
    DIGEST,
    IMMEDIATE,
    effective_choice,
)


@pytest.mark.parametrize(
    ("urgent", "stored_channels", "stored_mode", "channels", "mode", "delivery"),
    [
        (True, None, None, {"in_app", "sms"}, IMMEDIATE, DELIVERY_NOW),
        (False, None, None, {"in_app", "sms"}, DIGEST, DELIVERY_DIGEST),
        (False, ["in_app", "sms"], IMMEDIATE, {"in_app", "sms"}, IMMEDIATE, DELIVERY_NOW),
        (True, ["in_app"], IMMEDIATE, {"in_app"}, IMMEDIATE, DELIVERY_NONE),
        (True, ["email", "fax"], "whenever", {"email"}, IMMEDIATE, DELIVERY_NOW),
        (False, [], DIGEST, set(), DIGEST, DELIVERY_NONE),
    ],
)
def test_effective_choice(urgent, stored_channels, stored_mode, channels, mode, delivery):
    choice = effective_choice(
        urgent=urgent,
        default_channels=("in_app", "sms"),
        stored_channels=stored_channels,
        stored_mode=stored_mode,
    )
    assert (set(choice.channels), choice.mode, choice.delivery) == (channels, mode, delivery)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("/petitions/12/", "/petitions/12/"),
        ("https://evil.example/", ""),
        ("//evil.example/x", ""),
        ("javascript:alert(1)", ""),
        ("/\\evil.example", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_links_stay_on_the_site(url, safe):
    assert safe_link(url) == safe


def test_absolute_links():
    assert absolute("/a/", "https://x.vn/") == "https://x.vn/a/"
    assert absolute("/a/", "") == "/a/"
    assert absolute("", "https://x.vn") == ""


def test_single_message_short_and_long():
    item = compose.Item("Họp thôn tối nay", "Lúc 19 giờ tại nhà văn hoá.", "https://x.vn/m/1/")
    assert compose.single(item, short=True).body == "Họp thôn tối nay https://x.vn/m/1/"
    long = compose.single(item, short=False)
    assert long.subject == "Họp thôn tối nay"
    assert "Lúc 19 giờ" in long.body and long.body.endswith("https://x.vn/m/1/")


def test_digest_sms_stays_short_and_counts_what_is_left_out():
    items = [compose.Item(f"Thông báo số {i} về việc họp thôn", "", "") for i in range(40)]
    text = compose.digest(
        items, short=True, heading="Tin mới:", more_label="và {count} tin khác", subject="S"
    )
    assert len(text.body) <= compose.SMS_LIMIT
    assert text.body.startswith("Tin mới: - Thông báo số 0")
    assert "tin khác" in text.body


def test_digest_email_lists_items_up_to_a_limit():
    items = [compose.Item(f"T{i}", f"B{i}", f"/l/{i}") for i in range(35)]
    text = compose.digest(
        items, short=False, heading="H", more_label="and {count} more", subject="Subject"
    )
    assert text.subject == "Subject"
    assert "• T0" in text.body and "• T29" in text.body and "• T30" not in text.body
    assert text.body.endswith("and 5 more")
