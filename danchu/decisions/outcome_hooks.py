"""What other steps do when the commune recognises, refuses or annuls a community decision.

The village code (ND 61/2023 Art. 11) and the village head (ND 59/2023 Art. 8) take effect only
on recognition; their modules register a hook for their kind of matter, and the recognition
service fires it inside its own transaction:

    on_outcome("recognised", "village_code", village_code_recognised)
    fire("recognised", decision)   # calls village_code_recognised(decision) for that kind
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

EVENTS = ("recognised", "refused", "annulled")

Hook = Callable[[Any], None]

_HOOKS: dict[tuple[str, str], list[Hook]] = defaultdict(list)


def on_outcome(event: str, kind: str, hook: Hook) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown outcome event {event!r}")
    if hook not in _HOOKS[(event, kind)]:
        _HOOKS[(event, kind)].append(hook)


def fire(event: str, decision: Any) -> None:
    """Run the hooks for ``decision.matter.kind``; they run in the caller's transaction."""
    if event not in EVENTS:
        raise ValueError(f"unknown outcome event {event!r}")
    for hook in _HOOKS[(event, decision.matter.kind)]:
        hook(decision)
