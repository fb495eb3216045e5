"""The registry of searchable kinds.

Each app that wants its records found registers a kind in ``AppConfig.ready()``:

    register_kind(
        "disclosure.publication",
        label=_("Publication"),
        permission="disclosure.view_publication",   # or None: every record is public
        document=publication_document,              # obj -> SearchDocument | None
        queryset=lambda: Publication.objects.select_related("unit"),
    )

An unknown kind raises :class:`UnknownSearchKind` instead of being skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise


class UnknownSearchKind(LookupError):
    pass


class SearchKindAlreadyRegistered(ValueError):
    pass


@dataclass(frozen=True)
class SearchDocument:
    """What the index keeps of one object. ``unit`` is the unit whose officials may open it
    (its path is matched against the kind's permission); ``public`` entries anyone may find."""

    title: str
    body: str
    unit: Any
    url: str
    public: bool = False


@dataclass(frozen=True)
class SearchKind:
    name: str
    label: str | Promise
    permission: str | None
    document: Callable[[Any], SearchDocument | None]
    queryset: Callable[[], QuerySet]

    @property
    def model(self) -> type[Model]:
        return self.queryset().model

    @property
    def is_public(self) -> bool:
        return self.permission is None


_KINDS: dict[str, SearchKind] = {}


def register_kind(
    name: str,
    *,
    label: str | Promise,
    permission: str | None,
    document: Callable[[Any], SearchDocument | None],
    queryset: Callable[[], QuerySet],
) -> SearchKind:
    """Register a searchable kind. ``permission`` names the permission (from the access
    registry) that guards its records over their unit; ``None`` makes every record public."""
    kind = SearchKind(name, label, permission, document, queryset)
    existing = _KINDS.get(name)
    if existing is not None and existing != kind:
        raise SearchKindAlreadyRegistered(name)
    _KINDS[name] = kind
    return kind


def unregister_kind(name: str) -> None:
    """Remove a kind (tests register throw-away kinds)."""
    get_kind(name)
    del _KINDS[name]


def get_kind(name: str) -> SearchKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownSearchKind(name) from None


def get_kinds(names: Iterable[str] | None = None) -> list[SearchKind]:
    """The named kinds (all of them for ``None``); raises on an unknown name."""
    if names is None:
        return list(_KINDS.values())
    return [get_kind(name) for name in names]


def kinds_for_model(model: type[Model]) -> list[SearchKind]:
    """The kinds indexing objects of ``model``; raises when there is none."""
    concrete = model._meta.concrete_model
    found = [k for k in _KINDS.values() if k.model._meta.concrete_model is concrete]
    if not found:
        raise UnknownSearchKind(model._meta.label)
    return found


def registered_kinds() -> frozenset[str]:
    return frozenset(_KINDS)
