"""Development backend: print each message to standard output."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from danchu.core.notify.backends.base import OutgoingMessage


class ConsoleBackend:
    def __init__(self, *, channel: str, stream: TextIO | None = None) -> None:
        self.channel = channel
        self.stream = stream

    def send_messages(self, messages: Sequence[OutgoingMessage]) -> int:
        stream = self.stream or sys.stdout
        for message in messages:
            stream.write(f"--- {self.channel} to {message.to}: {message.subject}\n{message.body}\n")
        stream.flush()
        return len(messages)
