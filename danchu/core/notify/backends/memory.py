"""Test backend: keep messages in memory, like Django's locmem e-mail backend."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from danchu.core.notify.backends.base import OutgoingMessage

outbox: defaultdict[str, list[OutgoingMessage]] = defaultdict(list)


class MemoryBackend:
    def __init__(self, *, channel: str) -> None:
        self.channel = channel

    def send_messages(self, messages: Sequence[OutgoingMessage]) -> int:
        outbox[self.channel].extend(messages)
        return len(messages)
