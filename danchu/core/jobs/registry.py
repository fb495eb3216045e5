"""Job kinds. A pillar registers a handler in AppConfig.ready():

    register_job("disclosure.export", export_publications, _("Export publications"))

A handler is called as ``handler(job, progress)``; it calls ``progress(done, total, message)``
as it goes, and returns None or a ``JobFile(name, content)`` that becomes the download. To fail
with a message for the person, it raises ``JobError(_("…"))``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


class JobError(Exception):
    """A failure whose message is written for the person who started the job."""


class UnknownJobKind(LookupError):
    pass


@dataclass(frozen=True)
class JobFile:
    name: str
    content: bytes


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Callable[..., JobFile | None]
    label: str | Promise
    # The permission the starter must still hold over the job's unit to see it and its result.
    view_permission: str | None = None


_KINDS: dict[str, JobKind] = {}


def register_job(
    name: str,
    handler: Callable[..., Any],
    label: str | Promise,
    *,
    view_permission: str | None = None,
) -> None:
    existing = _KINDS.get(name)
    if existing is not None and existing.handler is not handler:
        raise ValueError(f"Job kind {name!r} is already registered")
    _KINDS[name] = JobKind(name, handler, label, view_permission)


def job_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownJobKind(name) from None
