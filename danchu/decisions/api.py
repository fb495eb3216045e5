"""API for the community's decisions (Law 10/2022 Arts 15–21; ND 59/2023 Arts 3–5).

Public: the matters of a village or commune and their results (drafts only for those who run
them); the agree/disagree/other counts of a matter still being decided only for those who record
votes on it (null for everyone else until it is closed). A household's representative votes
online (token or session). The village head opens a matter of household ballots (on a lawful
plan and team) or a commune-scope matter, and closes an online vote or a commune-scope matter;
a meeting-form matter opens and closes only with its meeting. The ballot team enters a returned
ballot by its printed code; ``record`` takes only an answer given on paper to an online vote,
entered by the online team. Same services, same permission checks as the pages: 404 for a unit
or matter the caller may not see, 401 without credentials, 403 for a step the caller may not
take, 400 with the service's message for a refused step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from danchu.common.api_errors import refusal
from danchu.core.access.api_auth import ApiTokenAuth, api_auth
from danchu.core.access.errors import NotPermitted, not_found
from danchu.core.access.models import User
from danchu.core.access.registry import has_perm
from danchu.core.people.models import Household
from danchu.core.units.access import access_unit_by_code
from danchu.decisions.access import access_matter_by_id
from danchu.decisions.models import CLOSED_STATUSES, Choice, Matter, MatterStatus, VoteChannel
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS, VIEW_RESULTS
from danchu.decisions.services import (
    DecisionError,
    household_by_code,
    matter_close,
    matter_open,
    represented_household,
    vote_record,
)
from danchu.decisions.services_ballots import ballot_enter
from danchu.decisions.services_online import poll_answer

router = Router(tags=["community decisions"])


def _anyone(request: HttpRequest) -> bool:
    """Public endpoints: a valid bearer token (tried first) identifies the caller."""
    return True


public_auth = [ApiTokenAuth(), _anyone]


def _caller(request: HttpRequest):
    if isinstance(request.auth, User):
        return request.auth
    user = getattr(request, "user", None)
    return user if user is not None else AnonymousUser()


def _counts_shown(matter: Matter, context: dict | None) -> bool:
    """The counts of a matter are published once it is closed (ND 59/2023 Art. 5(4)); while it
    is being decided only those who record its votes see them."""
    if matter.status in CLOSED_STATUSES:
        return True
    request = (context or {}).get("request")
    if request is None:
        return False
    return has_perm(_caller(request), RECORD_VOTES, matter)


class MatterOut(Schema):
    id: int
    unit_code: str
    scope: str
    kind: str
    form: str
    title: str
    status: str
    eligible: int | None
    agree: int | None
    disagree: int | None
    other: int | None
    villages_adopted: int
    opened_at: datetime | None
    closed_at: datetime | None

    @staticmethod
    def resolve_unit_code(obj: Matter) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_eligible(obj: Matter) -> int | None:
        return obj.eligible_households

    @staticmethod
    def resolve_agree(obj: Matter, context) -> int | None:
        return obj.agree_count if _counts_shown(obj, context) else None

    @staticmethod
    def resolve_disagree(obj: Matter, context) -> int | None:
        return obj.disagree_count if _counts_shown(obj, context) else None

    @staticmethod
    def resolve_other(obj: Matter, context) -> int | None:
        return obj.other_count if _counts_shown(obj, context) else None


class MatterDetailOut(MatterOut):
    description: str
    parent_id: int | None


class VoteIn(Schema):
    choice: Choice
    other_opinion: str = ""


class RecordIn(Schema):
    household_code: str
    choice: Choice
    # Only an answer given on paper to an online vote (ND 59/2023 Art. 5(2)): a meeting records
    # counts, and a returned ballot is entered by its code (``ballots/enter``).
    channel: Literal["paper"] = "paper"
    other_opinion: str = ""


class BallotIn(Schema):
    code: str
    choice: Choice
    other_opinion: str = ""


class PollOut(Schema):
    matter_id: int
    household_code: str
    choice: str


class VoteOut(Schema):
    matter_id: int
    household_code: str
    choice: str
    channel: str


@router.get("/decisions/units/{code}/matters", response=list[MatterOut], auth=public_auth)
@paginate(PageNumberPagination, page_size=settings.DANCHU_API_PAGE_SIZE)
def list_matters(request: HttpRequest, code: str):
    actor = _caller(request)
    unit = access_unit_by_code(actor, code, permission=VIEW_RESULTS)
    matters = Matter.objects.filter(unit=unit).select_related("unit").order_by("-created_at")
    if not has_perm(actor, RUN_MATTERS, unit):
        matters = matters.exclude(status=MatterStatus.DRAFT)
    return matters


@router.get("/decisions/matters/{matter_id}", response=MatterDetailOut, auth=public_auth)
def get_matter(request: HttpRequest, matter_id: int):
    return access_matter_by_id(_caller(request), matter_id)


@router.post("/decisions/matters/{matter_id}/vote", response={201: VoteOut}, auth=api_auth)
def vote_online(request: HttpRequest, matter_id: int, payload: VoteIn):
    """The household's representative votes online for the household (ND 59/2023 Art. 5)."""
    actor = request.user
    matter = access_matter_by_id(actor, matter_id)
    household = _represented_household(actor, matter)
    try:
        vote = vote_record(
            actor=actor,
            matter=matter,
            household=household,
            choice=payload.choice,
            channel=VoteChannel.ONLINE,
            other_opinion=payload.other_opinion,
        )
    except (DecisionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return Status(201, _vote_out(vote, household))


@router.post("/decisions/matters/{matter_id}/record", response={201: VoteOut}, auth=api_auth)
def record_vote(request: HttpRequest, matter_id: int, payload: RecordIn):
    """The online voting team enters the answer a household gave on paper to an online vote,
    and who entered it is kept (ND 59/2023 Art. 5(2)). Refused (400) on any other matter: a
    meeting records its counts, and a returned ballot is entered by its code."""
    matter = access_matter_by_id(request.user, matter_id, permission=RECORD_VOTES)
    household = household_by_code(matter.unit, payload.household_code)
    if household is None:
        raise not_found()
    try:
        vote = vote_record(
            actor=request.user,
            matter=matter,
            household=household,
            choice=payload.choice,
            channel=payload.channel,
            other_opinion=payload.other_opinion,
        )
    except (DecisionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return Status(201, _vote_out(vote, household))


@router.post("/decisions/matters/{matter_id}/open", response=MatterDetailOut, auth=api_auth)
def open_matter(request: HttpRequest, matter_id: int):
    matter = access_matter_by_id(request.user, matter_id, permission=RUN_MATTERS)
    try:
        return matter_open(actor=request.user, matter=matter)
    except (DecisionError, NotPermitted) as exc:
        raise refusal(exc) from exc


@router.post("/decisions/matters/{matter_id}/close", response=MatterDetailOut, auth=api_auth)
def close_matter(request: HttpRequest, matter_id: int):
    matter = access_matter_by_id(request.user, matter_id, permission=RUN_MATTERS)
    try:
        return matter_close(actor=request.user, matter=matter)
    except (DecisionError, NotPermitted) as exc:
        raise refusal(exc) from exc


def _represented_household(actor, matter: Matter) -> Household:
    household = represented_household(actor, matter)
    if household is None:
        raise not_found()
    return household


@router.post("/decisions/matters/{matter_id}/poll", response={201: PollOut}, auth=api_auth)
def answer_poll(request: HttpRequest, matter_id: int, payload: VoteIn):
    """The representative answers the poll on voting online (ND 59/2023 Art. 5(2)(c))."""
    matter = access_matter_by_id(request.user, matter_id)
    household = _represented_household(request.user, matter)
    try:
        poll_answer(
            actor=request.user,
            matter=matter,
            household=household,
            choice=payload.choice,
            other_opinion=payload.other_opinion,
        )
    except (DecisionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return Status(
        201, {"matter_id": matter.pk, "household_code": household.code, "choice": payload.choice}
    )


@router.post("/decisions/matters/{matter_id}/ballots/enter", response={201: VoteOut}, auth=api_auth)
def enter_ballot(request: HttpRequest, matter_id: int, payload: BallotIn):
    """The ballot team enters a returned paper ballot by its printed code: once and only once
    (Art. 19(3))."""
    matter = access_matter_by_id(request.user, matter_id, permission=RECORD_VOTES)
    try:
        ballot = ballot_enter(
            actor=request.user,
            code=payload.code,
            choice=payload.choice,
            other_opinion=payload.other_opinion,
            matter=matter,
        )
    except (DecisionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return Status(201, _vote_out(ballot.vote, ballot.household))


def _vote_out(vote, household: Household) -> dict:
    return {
        "matter_id": vote.matter_id,
        "household_code": household.code,
        "choice": vote.choice,
        "channel": vote.channel,
    }
