"""The one permission registry. Pages, HTMX partials, the API and services all ask here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from danchu.core.access.predicates import Predicate


class UnknownPermission(LookupError):
    pass


class PermissionAlreadyRegistered(ValueError):
    pass


_PERMISSIONS: dict[str, Predicate] = {}


def register(name: str, predicate: Predicate) -> None:
    if name in _PERMISSIONS and _PERMISSIONS[name] is not predicate:
        raise PermissionAlreadyRegistered(name)
    _PERMISSIONS[name] = predicate


def get_predicate(name: str) -> Predicate:
    try:
        return _PERMISSIONS[name]
    except KeyError:
        raise UnknownPermission(name) from None


def has_perm(actor: Any, name: str, obj: Any = None) -> bool:
    return get_predicate(name).check(actor, obj)


def scope_q(actor: Any, name: str, path_field: str) -> Q:
    return get_predicate(name).q(actor, path_field)


def scope_queryset(actor: Any, name: str, queryset: QuerySet, path_field: str) -> QuerySet:
    """Filter ``queryset`` to the rows the actor holds ``name`` over."""
    return queryset.filter(scope_q(actor, name, path_field))


def registered_permissions() -> frozenset[str]:
    return frozenset(_PERMISSIONS)
