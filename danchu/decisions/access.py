"""Fetching matters: results are public (they are published, ND 59/2023 Art. 5(4)); drafts are
for those who run the village's matters."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.decisions.models import Matter, MatterStatus
from danchu.decisions.permissions import RUN_MATTERS, VIEW_RESULTS


def access_matter_by_id(actor: Any, matter_id: int, *, permission: str | None = None) -> Matter:
    matter = Matter.objects.select_related("unit", "unit__parent").filter(pk=matter_id).first()
    if matter is None:
        raise not_found()
    if permission is None:
        permission = RUN_MATTERS if matter.status == MatterStatus.DRAFT else VIEW_RESULTS
    if not has_perm(actor, permission, matter):
        raise not_found()
    return matter
