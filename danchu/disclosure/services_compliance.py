"""The one state change of the compliance area: generating the quarterly list of everything
publicised (Law 10/2022 Art. 13(2); R-PUB-04) as an official paper."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.services import document_generate
from danchu.core.units.models import Unit
from danchu.disclosure.compliance_setup import QUARTERLY_LIST
from danchu.disclosure.domain.compliance import QUARTER, Period, quarterly_list_rows
from danchu.disclosure.permissions import MANAGE_PUBLICATIONS
from danchu.disclosure.selectors_compliance import published_in_period


class ComplianceError(ValueError):
    """A request the compliance services refuse, with a message for the person."""


def quarterly_list_data(unit: Unit, period: Period, *, issued_on: date) -> dict[str, Any]:
    """The plain data of the paper: every publication of ``unit`` published in the quarter."""
    publications = published_in_period(unit, period)
    return {
        "period": period.key,
        "issued_on": issued_on.isoformat(),
        "rows": quarterly_list_rows(publications),
        "references": [p.reference for p in publications],
    }


def quarterly_list_generate(
    *,
    actor: Any,
    unit: Unit,
    period: Period,
    issued_on: date | None = None,
    formats: tuple[str, ...] = ("pdf", "docx"),
) -> GeneratedDocument:
    """Generate the quarterly list of ``unit`` for ``period`` (a quarter) through
    ``document_generate`` and record "disclosure.quarterly_list_generated" in the same
    transaction. Only those who publish for the unit may (MANAGE_PUBLICATIONS).

    Raises ComplianceError (not a quarter, or a quarter that has not started) or NotPermitted.
    """
    if not has_perm(actor, MANAGE_PUBLICATIONS, unit):
        raise NotPermitted()
    if period.kind != QUARTER:
        raise ComplianceError(_("The list of published information is compiled per quarter."))
    today = timezone.localdate()
    if period.start > today:
        raise ComplianceError(_("This quarter has not started yet."))
    data = quarterly_list_data(unit, period, issued_on=issued_on or today)
    references = data.pop("references")
    with transaction.atomic():
        document = document_generate(
            actor=actor, doc_type=QUARTERLY_LIST, unit=unit, data=data, formats=formats
        )
        audit_record(
            actor=actor,
            action="disclosure.quarterly_list_generated",
            target=document,
            unit=unit,
            data={"period": period.key, "count": len(references), "references": references},
        )
    return document
