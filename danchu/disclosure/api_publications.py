"""API of publications: public reads (a unit's published list, one publication with its
versions) and officials' writes (create a draft, publish, correct), with the same access
functions and services as the pages. Writes authenticate with a bearer token or the session
(``api_auth``); reads also answer anonymous callers."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from danchu.common.api_errors import refusal
from danchu.core.access.api_auth import ApiTokenAuth, api_auth
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.disclosure.access_publications import access_publication_by_id
from danchu.disclosure.models import Publication, PublicationStatus
from danchu.disclosure.permissions import MANAGE_PUBLICATIONS, VIEW_PUBLISHED
from danchu.disclosure.selectors_publications import (
    items_for_unit,
    parse_period,
    published_in_unit,
    versions_of,
)
from danchu.disclosure.services_publications import (
    PublicationError,
    publication_correct,
    publication_create,
    publication_publish,
)

router = Router(tags=["disclosure"])


def _anonymous(request: HttpRequest):
    """Reads are public: a caller without credentials reads as an anonymous visitor."""
    return request.user if request.user.is_authenticated else True


def _session(request: HttpRequest):
    return request.user if request.user.is_authenticated else None


read_auth = [ApiTokenAuth(), _session, _anonymous]


class PublicationOut(Schema):
    id: int
    reference: str
    unit_code: str
    item_code: str
    item_number: int
    title: str
    summary: str
    decision_ref: str
    decision_date: date
    due_on: date
    status: str
    published_on: date | None
    posting_ends_on: date | None
    version: int | None
    url: str

    @staticmethod
    def resolve_unit_code(obj: Publication) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_item_code(obj: Publication) -> str:
        return obj.item.code

    @staticmethod
    def resolve_item_number(obj: Publication) -> int:
        return obj.item.number

    @staticmethod
    def resolve_title(obj: Publication) -> str:
        return obj.current_version.title if obj.current_version_id else ""

    @staticmethod
    def resolve_summary(obj: Publication) -> str:
        return obj.current_version.summary if obj.current_version_id else ""

    @staticmethod
    def resolve_version(obj: Publication) -> int | None:
        return obj.current_version.number if obj.current_version_id else None

    @staticmethod
    def resolve_url(obj: Publication) -> str:
        return reverse("disclosure:publication_detail", args=[obj.pk])


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("disclosure:attachment_download", args=[obj.pk])


class VersionOut(Schema):
    number: int
    title: str
    summary: str
    body: str
    reason: str
    published_at: datetime | None
    content_hash: str
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj) -> list:
        return list(obj.attachments.all())


class PublicationDetailOut(PublicationOut):
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj: Publication) -> list:
        return obj.api_versions


class PublicationIn(Schema):
    item: int
    title: str
    summary: str = ""
    body: str = ""
    decision_ref: str = ""
    decision_date: date


class PublishIn(Schema):
    notify_households: bool = False


class CorrectionIn(Schema):
    title: str
    reason: str
    summary: str = ""
    body: str = ""
    keep_attachments: bool = True


@router.get(
    "/disclosure/units/{code}/publications",
    response=list[PublicationOut],
    auth=read_auth,
)
@paginate(PageNumberPagination, page_size=settings.DANCHU_API_PAGE_SIZE)
def list_publications(
    request: HttpRequest, code: str, item: int | None = None, period: str | None = None
):
    """Published publications of a unit, newest first; ``item`` is the catalogue item
    number, ``period`` a year (2027), quarter (2027-Q1) or month (2027-03)."""
    unit = access_unit_by_code(request.user, code, permission=VIEW_PUBLISHED)
    chosen = items_for_unit(unit).filter(number=item).first() if item else None
    return published_in_unit(unit, item=chosen, period=parse_period(period)).select_related("unit")


@router.get(
    "/disclosure/publications/{publication_id}",
    response=PublicationDetailOut,
    auth=read_auth,
)
def get_publication(request: HttpRequest, publication_id: int):
    publication = access_publication_by_id(request.user, publication_id)
    return _with_versions(request, publication)


def _with_versions(request: HttpRequest, publication: Publication) -> Publication:
    """The publication with the versions the caller may read (drafts only for managers)."""
    manager = has_perm(request.user, MANAGE_PUBLICATIONS, publication)
    published = publication.status == PublicationStatus.PUBLISHED
    publication.api_versions = versions_of(publication, published_only=published or not manager)
    return publication


@router.post(
    "/disclosure/units/{code}/publications",
    response={201: PublicationDetailOut},
    auth=api_auth,
)
def create_publication(request: HttpRequest, code: str, payload: PublicationIn):
    unit = access_unit_by_code(request.user, code, permission=MANAGE_PUBLICATIONS)
    item = items_for_unit(unit).filter(number=payload.item).first()
    if item is None:
        raise HttpError(400, _("Unknown catalogue item for this unit."))
    try:
        publication = publication_create(
            actor=request.user,
            unit=unit,
            item=item,
            title=payload.title,
            summary=payload.summary,
            body=payload.body,
            decision_ref=payload.decision_ref,
            decision_date=payload.decision_date,
        )
    except (PublicationError, NotPermitted) as exc:
        raise refusal(exc) from exc
    publication = access_publication_by_id(request.user, publication.pk)
    return Status(201, _with_versions(request, publication))


@router.post(
    "/disclosure/publications/{publication_id}/publish",
    response=PublicationDetailOut,
    auth=api_auth,
)
def publish_publication(request: HttpRequest, publication_id: int, payload: PublishIn):
    publication = access_publication_by_id(
        request.user, publication_id, permission=MANAGE_PUBLICATIONS
    )
    try:
        publication_publish(
            actor=request.user,
            publication=publication,
            notify_households=payload.notify_households,
        )
    except (PublicationError, NotPermitted) as exc:
        raise refusal(exc) from exc
    publication = access_publication_by_id(request.user, publication.pk)
    return _with_versions(request, publication)


@router.post(
    "/disclosure/publications/{publication_id}/correct",
    response=PublicationDetailOut,
    auth=api_auth,
)
def correct_publication(request: HttpRequest, publication_id: int, payload: CorrectionIn):
    publication = access_publication_by_id(
        request.user, publication_id, permission=MANAGE_PUBLICATIONS
    )
    try:
        publication_correct(
            actor=request.user,
            publication=publication,
            title=payload.title,
            summary=payload.summary,
            body=payload.body,
            reason=payload.reason,
            keep_attachments=payload.keep_attachments,
        )
    except (PublicationError, NotPermitted) as exc:
        raise refusal(exc) from exc
    publication = access_publication_by_id(request.user, publication.pk)
    return _with_versions(request, publication)
