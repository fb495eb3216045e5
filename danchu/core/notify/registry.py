"""Notification kinds. A pillar registers the kinds it sends in ``AppConfig.ready()``:

    register_notification_kind(
        "petitions.answered", _("Your petition was answered"), urgent=False,
        default_channels=(IN_APP, EMAIL),
    )
    register_notification_kind(
        "decisions.ballot_opening", _("A ballot opens"), urgent=True,
        default_channels=(IN_APP, SMS, ZALO),
    )

``urgent`` kinds (a deadline about to pass, a ballot opening) are delivered at once by default;
the others wait for the daily digest. ``default_channels`` apply until the person chooses
otherwise on notify/preferences/. Sending a kind that was never registered raises
:class:`UnknownNotificationKind`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

from danchu.core.notify.domain.preferences import CHANNEL_NAMES, EMAIL, IN_APP


class UnknownNotificationKind(LookupError):
    pass


class NotificationKindConflict(ValueError):
    """The same name registered twice with different settings."""


@dataclass(frozen=True)
class NotificationKind:
    name: str
    label: str | Promise
    urgent: bool
    default_channels: tuple[str, ...]


_KINDS: dict[str, NotificationKind] = {}


def register_notification_kind(
    name: str,
    label: str | Promise,
    urgent: bool = False,
    default_channels: Iterable[str] = (IN_APP, EMAIL),
) -> NotificationKind:
    channels = tuple(default_channels)
    unknown = [c for c in channels if c not in CHANNEL_NAMES]
    if unknown:
        raise ValueError(f"Unknown channels for notification kind {name!r}: {unknown}")
    kind = NotificationKind(name, label, bool(urgent), channels)
    existing = _KINDS.get(name)
    if existing is not None and existing != kind:
        raise NotificationKindConflict(name)
    _KINDS[name] = kind
    return kind


def notification_kind(name: str) -> NotificationKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownNotificationKind(name) from None


def registered_kinds() -> list[NotificationKind]:
    """Every registered kind, urgent ones first, then by name."""
    return sorted(_KINDS.values(), key=lambda k: (not k.urgent, k.name))
