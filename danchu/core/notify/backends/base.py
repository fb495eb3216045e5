"""The message handed to an SMS or Zalo backend, and the interface a backend provides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    to: str
    subject: str
    body: str
    user_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class MessageBackend(Protocol):
    def __init__(self, *, channel: str) -> None: ...

    def send_messages(self, messages: Sequence[OutgoingMessage]) -> int: ...
