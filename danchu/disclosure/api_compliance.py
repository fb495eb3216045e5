"""API for publicity compliance (Law 10/2022 Arts 12(3), 13(2)–(4), 47(2), 48, 65(2), 66):
the figures of one unit, or the roll-up over its subtree, for a period. Only holders of
``disclosure.view_compliance`` over the unit (404 for anyone else, 401 without credentials).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from danchu.core.access.api_auth import api_auth
from danchu.core.units.access import access_unit_by_code
from danchu.disclosure.domain.compliance import Period, PeriodError
from danchu.disclosure.permissions import VIEW_COMPLIANCE
from danchu.disclosure.reports import publicity_compliance, publicity_compliance_rollup

router = Router(tags=["disclosure compliance"], auth=api_auth)


@router.get("/disclosure/compliance/{code}", response=dict[str, Any])
def compliance_figures(request: HttpRequest, code: str, period: str, rollup: bool = False):
    """Counts and rates for ``period`` ("2026-Q2", "2026-H1" or "2026"); with ``rollup``, the
    totals and every publishing unit of the subtree."""
    unit = access_unit_by_code(request.auth, code, permission=VIEW_COMPLIANCE)
    try:
        wanted = Period.parse(period)
    except PeriodError as error:
        raise HttpError(422, str(error)) from error
    if rollup:
        return publicity_compliance_rollup(unit, wanted)
    return publicity_compliance(unit, wanted)
