"""Errors raised by services when the actor may not act."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class NotPermitted(PermissionDenied):
    """The actor may see the object but not perform this act on it."""


def not_found() -> Http404:
    """One 404 for 'does not exist' and 'not yours', so that nobody learns which."""
    return Http404("Not found")
