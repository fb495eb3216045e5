"""Gateways for SMS and Zalo OA messages.

The backend for each channel is a class named by a dotted path in settings (read with
defaults, so nothing needs configuring for development)::

    DANCHU_SMS_BACKEND = "danchu.core.notify.backends.console.ConsoleBackend"   # default
    DANCHU_ZALO_BACKEND = "danchu.core.notify.backends.console.ConsoleBackend"  # default
    DANCHU_NOTIFY_OUTBOX_DIR = VAR_DIR / "outbox"   # used by the file backend

Shipped: ``console.ConsoleBackend`` (prints to standard output), ``files.FileBackend`` (writes
``<outbox>/<channel>/<time>-<random>.jsonl``, one JSON line per message) and
``memory.MemoryBackend`` (keeps messages in ``memory.outbox[channel]``, for tests).

A real gateway is a settings change only: write a class with this interface and name it in
``DANCHU_SMS_BACKEND`` or ``DANCHU_ZALO_BACKEND``::

    class MyGateway:
        def __init__(self, *, channel: str) -> None:
            # "sms" or "zalo"; read credentials from your own settings here
            ...

        def send_messages(self, messages: Sequence[OutgoingMessage]) -> int:
            # deliver each message; return how many were accepted
            ...

``OutgoingMessage`` has ``to`` (the phone number, national form ``0XXXXXXXXX``; Zalo OA's
ZNS messages are addressed by phone number too), ``subject``, ``body`` and ``user_id``. Messages
are handed over in batches of up to 1,000 from a background worker, never from a web request.
A gateway raising an exception is logged; the batch is not retried (no message is sent twice).
"""

from danchu.core.notify.backends.base import MessageBackend, OutgoingMessage

__all__ = ["MessageBackend", "OutgoingMessage"]
