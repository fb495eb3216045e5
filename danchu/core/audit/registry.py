"""The registry of audit action names. Each app registers its actions in ``AppConfig.ready``;
recording an unregistered action raises instead of writing an event nobody can read."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise


class UnknownAuditAction(LookupError):
    pass


class DuplicateAuditAction(ValueError):
    pass


_ACTIONS: dict[str, str | Promise] = {}


def register_actions(actions: Mapping[str, str | Promise]) -> None:
    for name, label in actions.items():
        if name in _ACTIONS and _ACTIONS[name] != label:
            raise DuplicateAuditAction(name)
        _ACTIONS[name] = label


def action_label(name: str) -> str | Promise:
    try:
        return _ACTIONS[name]
    except KeyError:
        raise UnknownAuditAction(name) from None


def registered_actions() -> frozenset[str]:
    return frozenset(_ACTIONS)
