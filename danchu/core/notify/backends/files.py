"""Development backend: write messages into a folder, one JSON Lines file per batch,
``<DANCHU_NOTIFY_OUTBOX_DIR or VAR_DIR/outbox>/<channel>/<UTC time>-<random>.jsonl``."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from danchu.core.notify.backends.base import OutgoingMessage


def outbox_dir() -> Path:
    configured = getattr(settings, "DANCHU_NOTIFY_OUTBOX_DIR", None)
    if configured:
        return Path(configured)
    return Path(getattr(settings, "VAR_DIR", Path.cwd() / "var")) / "outbox"


class FileBackend:
    def __init__(self, *, channel: str, directory: str | Path | None = None) -> None:
        self.channel = channel
        self.directory = Path(directory) if directory else outbox_dir() / channel

    def send_messages(self, messages: Sequence[OutgoingMessage]) -> int:
        if not messages:
            return 0
        self.directory.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        name = f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.jsonl"
        sent_at = now.isoformat()
        lines = [
            json.dumps(
                {"channel": self.channel, "sent_at": sent_at, **m.as_dict()}, ensure_ascii=False
            )
            for m in messages
        ]
        (self.directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return len(messages)
