"""XLSX/CSV exports of the workflow pages, without personal data: no name, address, phone,
identity number, subject, content, note or handler — codes, kinds, channels, statuses, dates
and counts only (Law on Denunciations Arts 8, 9(1), 56 for denouncers; Decree 13/2023 on
personal data for everyone else)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danchu.petitions.models import CaseChannel, CaseKind


def queue_columns() -> list[str]:
    return [
        _("Tracking code"),
        _("Kind"),
        pgettext("petitions", "Channel"),
        _("Status"),
        _("Received on"),
        _("Accepted on"),
        _("Due on"),
        _("Extensions"),
        _("Overdue"),
    ]


def queue_rows(queryset: QuerySet, statuses: dict[str, str]) -> Iterator[Sequence[Any]]:
    """One row per case of the queue, in the queue's order, streamed."""
    kinds = dict(CaseKind.choices)
    channels = dict(CaseChannel.choices)
    yes, no = _("Yes"), _("No")
    rows = queryset.values_list(
        "tracking_code",
        "kind",
        "channel",
        "status",
        "received_on",
        "accepted_on",
        "due_on",
        "extensions",
        "overdue",
    )
    for code, kind, channel, status, received, accepted, due, extensions, overdue in rows.iterator(
        chunk_size=2000
    ):
        yield (
            code,
            str(kinds.get(kind, kind)),
            str(channels.get(channel, channel)),
            str(statuses.get(status, status)),
            received,
            accepted,
            due,
            extensions,
            yes if overdue else no,
        )


def statistics_columns() -> list[str]:
    return [
        _("Unit code"),
        _("Unit"),
        _("Received"),
        _("On time"),
        _("Late"),
        _("Pending"),
        _("Overdue"),
        _("Extended"),
        _("Closed"),
        _("On-time rate (%)"),
        *(str(label) for label in CaseKind.labels),
        *(str(label) for label in CaseChannel.labels),
    ]


def _statistics_row(code: str, name: str, figures: dict[str, Any]) -> list[Any]:
    counts = figures["counts"]
    return [
        code,
        name,
        counts["received"],
        counts["on_time"],
        counts["late"],
        counts["pending"],
        counts["overdue"],
        counts["extended"],
        counts["closed"],
        figures["on_time_rate"],
        *(figures["by_kind"].get(kind, 0) for kind in CaseKind.values),
        *(figures["by_channel"].get(channel, 0) for channel in CaseChannel.values),
    ]


def statistics_rows(rollup: dict[str, Any]) -> list[list[Any]]:
    """Each unit of the roll-up, then the totals."""
    rows = [
        _statistics_row(item["unit"]["code"], item["unit"]["name"], item)
        for item in rollup["units"]
    ]
    rows.append(_statistics_row(rollup["unit"]["code"], _("Total"), rollup["totals"]))
    return rows


def export_filename(prefix: str, code: str, day: date) -> str:
    return f"{prefix}-{code}-{day:%Y%m%d}"
