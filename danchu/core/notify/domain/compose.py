"""The text of outside messages: one notification sent at once, or a person's daily digest.

SMS are short: the digest by SMS lists titles only, and is cut to one message's worth with a
count of what was left out. E-mail and Zalo carry the bodies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMS_LIMIT = 320  # two concatenated SMS segments of Vietnamese text without tone marks
DIGEST_ITEMS_LISTED = 30


@dataclass(frozen=True)
class Item:
    title: str
    body: str
    link: str  # absolute or local link, possibly empty


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def single(item: Item, *, short: bool) -> Text:
    """One notification. ``short`` for SMS: title and link only."""
    if short:
        tail = f" {item.link}" if item.link else ""
        return Text(item.title, _cut(item.title, SMS_LIMIT - len(tail)) + tail)
    lines = [item.title, "", item.body] if item.body else [item.title]
    if item.link:
        lines += ["", item.link]
    return Text(item.title, "\n".join(lines).strip())


def digest(
    items: Sequence[Item], *, short: bool, heading: str, more_label: str, subject: str
) -> Text:
    """Every pending item of one person in one message. ``heading`` introduces the list;
    ``more_label`` is a format string with ``{count}`` for the items left out."""
    if short:
        text = heading
        for index, item in enumerate(items):
            rest = len(items) - index
            piece = f" - {item.title}"
            more = " " + more_label.format(count=rest - 1) if rest > 1 else ""
            if len(text) + len(piece) + len(more) > SMS_LIMIT:
                text += " " + more_label.format(count=rest)
                break
            text += piece
        return Text(subject, _cut(text, SMS_LIMIT))
    blocks = [heading]
    for item in items[:DIGEST_ITEMS_LISTED]:
        block = [f"• {item.title}"]
        if item.body:
            block.append(f"  {item.body}")
        if item.link:
            block.append(f"  {item.link}")
        blocks.append("\n".join(block))
    if len(items) > DIGEST_ITEMS_LISTED:
        blocks.append(more_label.format(count=len(items) - DIGEST_ITEMS_LISTED))
    return Text(subject, "\n\n".join(blocks))
