"""The four channels behind one interface: in-app, e-mail, SMS and Zalo OA.

Each channel knows a recipient's address on it and sends a batch of :class:`OutgoingMessage`:

- ``in_app``: the stored ``Notification`` row is the delivery; nothing is sent.
- ``email``: Django's e-mail framework (``django.core.mail``, ``EMAIL_BACKEND``), to
  ``User.email``.
- ``sms`` and ``zalo``: the backend class named by ``DANCHU_SMS_BACKEND`` /
  ``DANCHU_ZALO_BACKEND`` (see :mod:`danchu.core.notify.backends`), to ``User.phone``.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from danchu.common.text import normalise_spaces
from danchu.core.notify.backends.base import OutgoingMessage
from danchu.core.notify.domain.preferences import EMAIL, IN_APP, SMS, ZALO

logger = logging.getLogger(__name__)

CONSOLE_BACKEND = "danchu.core.notify.backends.console.ConsoleBackend"


@dataclass(frozen=True)
class Recipient:
    """What the channels need to know of a user."""

    id: int
    email: str | None
    phone: str | None


class Channel(ABC):
    """One way of reaching a person. Subclasses say where a recipient is reached and how a batch
    of messages goes out."""

    name: str = ""
    label: str | Promise = ""
    short = False  # SMS: title and link only

    @abstractmethod
    def address(self, recipient: Recipient) -> str | None:
        """Where this channel reaches ``recipient``, or None when it cannot."""

    @abstractmethod
    def send(self, messages: Sequence[OutgoingMessage]) -> int:
        """Send the messages; return how many went out."""


class InAppChannel(Channel):
    name = IN_APP
    label = _("On this site")

    def address(self, recipient: Recipient) -> str | None:
        return str(recipient.id)

    def send(self, messages: Sequence[OutgoingMessage]) -> int:
        return len(messages)  # the stored rows are the delivery


class EmailChannel(Channel):
    name = EMAIL
    label = _("E-mail")

    def address(self, recipient: Recipient) -> str | None:
        return recipient.email or None

    def send(self, messages: Sequence[OutgoingMessage]) -> int:
        if not messages:
            return 0
        sender = getattr(settings, "DANCHU_NOTIFY_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL
        emails = [
            EmailMessage(
                subject=normalise_spaces(m.subject)[:200], body=m.body, from_email=sender, to=[m.to]
            )
            for m in messages
        ]
        return get_connection().send_messages(emails) or 0


class GatewayChannel(Channel):
    """SMS and Zalo: a backend chosen by a settings entry holding a dotted path."""

    setting = ""

    def address(self, recipient: Recipient) -> str | None:
        return recipient.phone or None

    def backend(self):
        path = getattr(settings, self.setting, None) or CONSOLE_BACKEND
        return import_string(path)(channel=self.name)

    def send(self, messages: Sequence[OutgoingMessage]) -> int:
        if not messages:
            return 0
        return self.backend().send_messages(list(messages)) or 0


class SmsChannel(GatewayChannel):
    name = SMS
    label = _("SMS")
    short = True
    setting = "DANCHU_SMS_BACKEND"


class ZaloChannel(GatewayChannel):
    name = ZALO
    label = _("Zalo")
    setting = "DANCHU_ZALO_BACKEND"


CHANNELS: dict[str, Channel] = {
    c.name: c for c in (InAppChannel(), EmailChannel(), SmsChannel(), ZaloChannel())
}


def channel(name: str) -> Channel:
    return CHANNELS[name]


def send_safely(name: str, messages: Sequence[OutgoingMessage]) -> int:
    """Send on one channel; a failing gateway is logged and does not stop the other channels."""
    if not messages:
        return 0
    try:
        return channel(name).send(messages)
    except Exception:
        logger.exception("Sending %d message(s) on channel %s failed", len(messages), name)
        return 0
