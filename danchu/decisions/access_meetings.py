"""Fetching meetings. A meeting whose notice has gone out is public (the notice is posted at the
culture house, ND 59/2023 Art. 3(3)); a planned one is for the village's officials. Anyone
else gets a 404, never a 403."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.decisions.models import Meeting, MeetingStatus
from danchu.decisions.permissions import VIEW_RESULTS
from danchu.decisions.permissions_meetings import VIEW_MEETING_RECORDS


def access_meeting_by_id(actor: Any, meeting_id: int, *, permission: str | None = None) -> Meeting:
    meeting = (
        Meeting.objects.select_related("unit", "unit__parent", "notice_document")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise not_found()
    if permission is None:
        permission = (
            VIEW_MEETING_RECORDS if meeting.status == MeetingStatus.PLANNED else VIEW_RESULTS
        )
    if not has_perm(actor, permission, meeting):
        raise not_found()
    return meeting
