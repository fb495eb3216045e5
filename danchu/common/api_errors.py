"""How the API answers a service's refusal: 403 for a missing permission, 400 with the
service's message (already in the user's language) for anything else."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from danchu.core.access.errors import NotPermitted


def refusal(exc: Exception) -> HttpError:
    if isinstance(exc, NotPermitted):
        return HttpError(403, _("You are not allowed to do this"))
    return HttpError(400, str(exc))
