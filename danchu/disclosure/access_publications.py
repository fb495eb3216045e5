"""The only way interfaces fetch publications, their versions and attachments.

Published publications are public (VIEW_PUBLISHED); drafts and scheduled ones only for those
who hold MANAGE_PUBLICATIONS over the unit. Anything else is the same 404 as "does not exist".
"""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.disclosure.models import Attachment, Publication, PublicationStatus
from danchu.disclosure.permissions import MANAGE_PUBLICATIONS, VIEW_PUBLISHED


def may_see(actor: Any, publication: Publication) -> bool:
    if publication.status == PublicationStatus.PUBLISHED:
        return has_perm(actor, VIEW_PUBLISHED, publication)
    return has_perm(actor, MANAGE_PUBLICATIONS, publication)


def access_publication_by_id(
    actor: Any, publication_id: int, *, permission: str | None = None
) -> Publication:
    """The publication if the actor may see it (or holds ``permission`` over its unit)."""
    publication = (
        Publication.objects.select_related("unit", "unit__parent", "item", "current_version")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None:
        raise not_found()
    allowed = (
        has_perm(actor, permission, publication)
        if permission is not None
        else may_see(actor, publication)
    )
    if not allowed:
        raise not_found()
    return publication


def access_attachment_by_id(actor: Any, attachment_id: int) -> Attachment:
    """An attachment of a published version (public), or of a draft for its managers."""
    attachment = (
        Attachment.objects.select_related("version__publication__unit")
        .filter(pk=attachment_id)
        .first()
    )
    if attachment is None:
        raise not_found()
    publication = attachment.version.publication
    if attachment.version.published_at is not None:
        allowed = has_perm(actor, VIEW_PUBLISHED, publication)
    else:
        allowed = has_perm(actor, MANAGE_PUBLICATIONS, publication)
    if not allowed:
        raise not_found()
    return attachment
