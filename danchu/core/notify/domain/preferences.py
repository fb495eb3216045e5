"""What a person receives, from the kind's defaults and their own choice.

A notification is stored for every recipient (the in-app row is also the record the digest reads).
Whether it shows in the in-app list, and which outside channels (e-mail, SMS, Zalo OA) carry it,
follows the person's preference for the kind, or the kind's defaults: urgent kinds (a deadline
about to pass, a ballot opening) immediately, the others in the daily digest. In-app rows appear
at once in both modes; the mode governs the outside channels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

IN_APP = "in_app"
EMAIL = "email"
SMS = "sms"
ZALO = "zalo"
CHANNEL_NAMES: tuple[str, ...] = (IN_APP, EMAIL, SMS, ZALO)
OUTSIDE_CHANNELS: tuple[str, ...] = (EMAIL, SMS, ZALO)

IMMEDIATE = "immediate"
DIGEST = "digest"
MODES: tuple[str, ...] = (IMMEDIATE, DIGEST)

# Delivery state of a stored notification on the outside channels.
DELIVERY_NONE = "none"  # no outside channel chosen
DELIVERY_NOW = "now"  # waiting for the immediate send
DELIVERY_DIGEST = "digest"  # waiting for the next daily digest
DELIVERY_SENT = "sent"


@dataclass(frozen=True)
class Choice:
    """The effective preference of one person for one kind."""

    channels: frozenset[str]
    mode: str

    @property
    def in_app(self) -> bool:
        return IN_APP in self.channels

    @property
    def outside(self) -> tuple[str, ...]:
        return tuple(c for c in OUTSIDE_CHANNELS if c in self.channels)

    @property
    def delivery(self) -> str:
        if not self.outside:
            return DELIVERY_NONE
        return DELIVERY_NOW if self.mode == IMMEDIATE else DELIVERY_DIGEST


def default_choice(*, urgent: bool, default_channels: Iterable[str]) -> Choice:
    return Choice(frozenset(default_channels), IMMEDIATE if urgent else DIGEST)


def effective_choice(
    *,
    urgent: bool,
    default_channels: Iterable[str],
    stored_channels: Iterable[str] | None = None,
    stored_mode: str | None = None,
) -> Choice:
    """The stored choice where there is one, else the kind's defaults. Unknown channel names
    (a channel removed since) are dropped; an unknown mode falls back to the default mode."""
    default = default_choice(urgent=urgent, default_channels=default_channels)
    channels = (
        default.channels
        if stored_channels is None
        else frozenset(c for c in stored_channels if c in CHANNEL_NAMES)
    )
    mode = stored_mode if stored_mode in MODES else default.mode
    return Choice(channels, mode)
