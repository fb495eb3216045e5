"""What the meetings step registers when the app is ready: audit actions, permissions,
document types (Mẫu 01 notice, Mẫu 02 counting minutes) and its panel on the matter page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danchu.core.access.registry import has_perm
from danchu.core.audit.registry import register_actions
from danchu.core.documents.registry import register_document_type


def meeting_panel_context(request: HttpRequest, matter: Any) -> dict[str, Any] | None:
    """The meeting that decides the matter, who convenes it, and its counts per cluster (for
    the village's officials while the meeting runs, for everyone once it is closed); for the
    village head, the day the matter's documents reached the households (ND 59/2023 Art. 3(4))."""
    from danchu.decisions.domain import meetings as domain
    from danchu.decisions.forms_meetings import DocumentsDeliveredForm
    from danchu.decisions.models import DecisionForm, MatterStatus, MeetingStatus, MeetingTally
    from danchu.decisions.permissions import RUN_MATTERS
    from danchu.decisions.permissions_meetings import VIEW_MEETING_RECORDS

    if not matter.unit.is_village:
        return None
    can_run = has_perm(request.user, RUN_MATTERS, matter)
    officials = has_perm(request.user, VIEW_MEETING_RECORDS, matter)
    meeting = matter.meeting
    if meeting is not None and meeting.status == MeetingStatus.PLANNED and not officials:
        meeting = None  # a meeting is public once its notice is out
    # The counts are the village's officials' until the meeting closes: the public learns the
    # result from the meeting, not cluster by cluster while it is still running.
    counts_public = meeting is not None and meeting.status == MeetingStatus.CLOSED
    tallies = (
        list(
            MeetingTally.objects.filter(matter=matter)
            .select_related("cluster")
            .order_by("cluster__name")
        )
        if officials or counts_public
        else []
    )
    documents_required = domain.documents_required(matter.kind)
    dismissal = getattr(matter, "dismissal", None) if matter.kind == "village_head" else None
    return {
        "meeting": meeting,
        "decided_at_a_meeting": matter.form == DecisionForm.MEETING,
        "dismissal": dismissal,
        "tallies": tallies,
        "documents_required": documents_required,
        "documents_form": (
            DocumentsDeliveredForm(initial={"on": matter.documents_sent_on})
            if can_run and documents_required and matter.status == MatterStatus.DRAFT
            else None
        ),
    }


def register() -> None:
    from danchu.decisions.documents_meetings import (
        COUNTING_MINUTES,
        MEETING_NOTICE,
        build_counting_minutes,
        build_meeting_notice,
    )
    from danchu.decisions.panels import register_panel
    from danchu.decisions.permissions_meetings import register_permissions
    from danchu.decisions.services_meetings import (
        register_permissions as register_dismissal_meeting_permissions,
    )

    register_permissions()
    register_dismissal_meeting_permissions()
    register_actions(
        {
            "decisions.meeting_created": _("Community meeting planned"),
            "decisions.meeting_notice_sent": _("Meeting notice sent"),
            "decisions.meeting_documents_delivered": _("Meeting documents delivered"),
            "decisions.meeting_cluster_added": _("Meeting cluster added"),
            "decisions.meeting_cluster_plan_approved": _("Meeting cluster plan approved"),
            "decisions.meeting_started": _("Community meeting started"),
            "decisions.meeting_attendance_recorded": _("Household attendance recorded"),
            "decisions.meeting_speaker_registered": _("Registration to speak recorded"),
            "decisions.meeting_secretary_approved": _("Meeting secretary approved"),
            "decisions.meeting_voting_method_chosen": _("Meeting voting method chosen"),
            "decisions.meeting_counting_board_set": _("Vote-counting board approved"),
            "decisions.meeting_witnesses_set": _("Count witnesses named"),
            "decisions.meeting_tally_recorded": _("Meeting count recorded"),
            "decisions.meeting_ballot_fallback": _("Matter sent to household ballots"),
            "decisions.counting_minutes_generated": _("Counting minutes generated"),
            "decisions.meeting_closed": _("Community meeting closed"),
        }
    )
    register_document_type(
        MEETING_NOTICE, label=_("Notice of a community meeting"), build=build_meeting_notice
    )
    register_document_type(
        COUNTING_MINUTES,
        label=_("Minutes of a secret-ballot count"),
        build=build_counting_minutes,
    )
    register_panel("meetings", "decisions/meetings/panel.html", meeting_panel_context, order=10)
