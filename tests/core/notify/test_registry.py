import pytest

from danchu.core.notify.registry import (
    NotificationKindConflict,
    UnknownNotificationKind,
    notification_kind,
    register_notification_kind,
)
from danchu.core.notify.services import notify_send
from tests.core.notify.conftest import NEWS, URGENT


def test_kinds_are_registered_with_their_urgency_and_channels():
    assert notification_kind(URGENT).urgent is True
    assert notification_kind(NEWS).urgent is False
    assert notification_kind("notify.announcement").default_channels == ("in_app", "email")


def test_unknown_kind_raises(personas):
    with pytest.raises(UnknownNotificationKind):
        notification_kind("tests.never_registered")
    with pytest.raises(UnknownNotificationKind):
        notify_send(
            actor=None, kind="tests.never_registered", recipients=[personas["resident"]], title="x"
        )


def test_registering_a_name_twice_differently_or_an_unknown_channel_raises():
    register_notification_kind(
        URGENT, "Deadline near", urgent=True, default_channels=("in_app", "sms")
    )
    with pytest.raises(NotificationKindConflict):
        register_notification_kind(URGENT, "Deadline near", urgent=False)
    with pytest.raises(ValueError):
        register_notification_kind("tests.pigeon", "Pigeon", default_channels=("pigeon",))
