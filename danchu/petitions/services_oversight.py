"""The superior's oversight of overdue denunciations (Law on Denunciations 25/2018/QH14 Art. 38;
LAW.md R-TC-08).

    overdue_under(superior, *, today) -> QuerySet                  the overdue denunciations of
                                                                    the bodies directly under it
    report_request(*, actor, case, on=None) -> CaseEvent            Art. 38(1)
    report_submit(*, actor, case, report, on=None) -> CaseEvent     Art. 38(2)

When a denunciation is not resolved in time, the direct superior of the resolving body asks for
a report within 5 working days of the lapse (Art. 38(1)); the resolver reports within 5 working
days of the request and goes on resolving (Art. 38(2)); the superior may take the case over
where the violations are serious (Art. 38(3); not modelled here: a decision outside the
platform). The superior is the body whose unit is the parent of the case's unit — the commune
over its agencies and enterprises, the province over its communes — and acts through
``petitions.supervise`` held over its own unit. The request and the report are steps beside the
state machine (the case stays accepted), never public, never sent to the accused, and carry no
personal data: the superior sees the unit, the code and the dates, not the subject or the
content; a report that names the denouncer is refused. Every refusal is audited with nothing
else written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.notify.services import notify_send
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.petitions.domain import workflow as wf
from danchu.petitions.domain.deadlines import DENUNCIATION, overdue_report_due
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import Case, CaseEvent
from danchu.petitions.permissions import HANDLE, SUPERVISE
from danchu.petitions.sealing import text_reveals_identity
from danchu.petitions.services_workflow import (
    OVERDUE_NOTIFICATION,
    audit_refusal,
    clean_text,
    record_side_step,
    supervisors_of,
    unit_heads,
)

REQUESTED = "report_requested"
REPORTED = "overdue_report"
REQUEST_ACTION = "petitions.report_requested"
REPORT_ACTION = "petitions.overdue_reported"


def _messages() -> dict[str, str]:
    return {
        "not_overdue": _("Only an accepted denunciation past its deadline is asked for a report."),
        "already_requested": _("A report on this delay has already been asked for."),
        "no_request": _("No report has been asked for, or it has already been sent."),
        "report_required": _("Write the report: the state of the case and why it is late."),
        "identity_in_text": _(
            "The text names the denouncer or gives their phone or identity number: remove it "
            "(Law on Denunciations Arts 8 and 40)."
        ),
        "not_handler": _("Only the handler assigned to this denunciation reports on it."),
        "future": _("The date cannot be in the future."),
    }


class _Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def superior_of(case: Case) -> Unit | None:
    """The body directly above the case's unit (Art. 38: the direct superior); none for an
    enterprise, which has no superior in the state's hierarchy."""
    if case.unit.kind == Kind.ENTERPRISE:
        return None
    return case.unit.parent


def overdue_under(superior: Unit, *, today: date) -> QuerySet:
    """Accepted denunciations of the bodies directly under ``superior`` whose deadline has
    passed, oldest deadline first, with whether a report was asked for and the latest report
    (its text and date: the handler's, checked not to name the denouncer)."""
    events = CaseEvent.objects.filter(case=OuterRef("pk"))
    return (
        Case.objects.filter(
            unit__parent=superior,
            kind=DENUNCIATION,
            status=wf.ACCEPTED,
            due_on__lt=today,
        )
        .exclude(unit__kind=Kind.ENTERPRISE)
        .select_related("unit")
        .annotate(
            requested=Exists(events.filter(action=REQUESTED)),
            report=Subquery(
                events.filter(action=REPORTED).order_by("-created_at", "-pk").values("note")[:1]
            ),
            reported_on=Subquery(
                events.filter(action=REPORTED).order_by("-created_at", "-pk").values("on")[:1]
            ),
        )
        .only("pk", "tracking_code", "unit__name", "unit__code", "accepted_on", "due_on")
        .order_by("due_on", "pk")
    )


def _guarded(
    actor: Any,
    case: Case,
    step: str,
    permitted: Callable[[], bool],
    work: Callable[[Case], CaseEvent],
) -> CaseEvent:
    """Check ``permitted``, lock the case, run ``work``; audit any refusal (in its own
    transaction, nothing else written) and raise it."""
    try:
        with transaction.atomic():
            if not permitted():
                raise NotPermitted()
            locked = (
                # Only the case row is locked (a unit's parent is an outer join, which
                # PostgreSQL does not lock).
                Case.objects.select_for_update(of=("self",))
                .select_related("unit", "unit__parent")
                .get(pk=case.pk)
            )
            return work(locked)
    except _Refused as refused:
        audit_refusal(actor, case, step, refused.code)
        raise PetitionError(_messages()[refused.code]) from None
    except NotPermitted:
        audit_refusal(actor, case, step, "not_permitted")
        raise


def _open_request(case: Case) -> CaseEvent | None:
    """The latest request not yet answered by a report."""
    last = (
        CaseEvent.objects.filter(case=case, action__in=(REQUESTED, REPORTED))
        .order_by("-created_at", "-pk")
        .first()
    )
    return last if last is not None and last.action == REQUESTED else None


def report_request(*, actor: Any, case: Case, on: date | None = None) -> CaseEvent:
    """The superior asks the resolving body for a report on an overdue denunciation (Art.
    38(1)): once per deadline; ``late`` in the audit when asked more than 5 working days after
    the lapse. The handler and the unit's heads are notified."""
    day = on or timezone.localdate()
    superior = superior_of(case)

    def work(locked: Case) -> CaseEvent:
        if day > timezone.localdate():
            raise _Refused("future")
        if (
            locked.kind != DENUNCIATION
            or locked.status != wf.ACCEPTED
            or locked.due_on is None
            or locked.due_on >= day
        ):
            raise _Refused("not_overdue")
        if CaseEvent.objects.filter(case=locked, action=REQUESTED, on__gt=locked.due_on).exists():
            raise _Refused("already_requested")
        report_by = overdue_report_due(day)
        event = record_side_step(
            actor,
            locked,
            REQUESTED,
            REQUEST_ACTION,
            on=day,
            note=_("Report by %(date)s (Law on Denunciations Art. 38)")
            % {"date": report_by.strftime("%d/%m/%Y")},
            data={
                "due_on": locked.due_on,
                "on": day,
                "report_by": report_by,
                "late": day > overdue_report_due(locked.due_on),
            },
        )
        heads = unit_heads([locked.unit_id], day).get(locked.unit_id, [])
        notify_send(
            actor=actor,
            kind=OVERDUE_NOTIFICATION,
            recipients=[r for r in dict.fromkeys([locked.handler_id, *heads]) if r is not None],
            title=_("Report asked on overdue case %(code)s by %(date)s")
            % {"code": locked.tracking_code, "date": report_by.strftime("%d/%m/%Y")},
            url=reverse("petitions:workflow_case", args=[locked.pk]),
        )
        return event

    return _guarded(
        actor,
        case,
        "report_request",
        lambda: superior is not None and has_perm(actor, SUPERVISE, superior),
        work,
    )


def report_submit(*, actor: Any, case: Case, report: str, on: date | None = None) -> CaseEvent:
    """The handler reports to the superior on the delay (Art. 38(2)), within 5 working days of
    the request (``late`` in the audit otherwise), and goes on resolving."""
    day = on or timezone.localdate()
    text = clean_text(report)

    def work(locked: Case) -> CaseEvent:
        if day > timezone.localdate():
            raise _Refused("future")
        if locked.handler_id is None or locked.handler_id != getattr(actor, "pk", None):
            raise _Refused("not_handler")
        request = _open_request(locked)
        if request is None:
            raise _Refused("no_request")
        if not text:
            raise _Refused("report_required")
        if text_reveals_identity(locked, text):
            raise _Refused("identity_in_text")
        report_by = overdue_report_due(request.on)
        event = record_side_step(
            actor,
            locked,
            REPORTED,
            REPORT_ACTION,
            on=day,
            note=text,
            data={
                "requested_on": request.on,
                "report_by": report_by,
                "on": day,
                "late": day > report_by,
            },
        )
        superior = locked.unit.parent
        if superior is not None:
            notify_send(
                actor=actor,
                kind=OVERDUE_NOTIFICATION,
                recipients=supervisors_of([superior.pk], day).get(superior.pk, []),
                title=_("%(unit)s reported on an overdue denunciation")
                % {"unit": locked.unit.name},
                url=reverse("petitions:oversight_overdue", args=[superior.code]),
            )
        return event

    return _guarded(actor, case, "report", lambda: has_perm(actor, HANDLE, case), work)


def open_request(case: Case) -> CaseEvent | None:
    """The request for a report still waiting for it, if any (for the case page)."""
    return _open_request(case)
