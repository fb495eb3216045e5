"""What the publications area contributes to the core registries (called at startup by
``contributions.register_all()``): the public search kind, the notification kind, the posting
record (biên bản niêm yết) document type, the periodic tasks, and the guard that keeps
published versions and their attachments unchanged."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models.signals import pre_delete, pre_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danchu.common.text import fold
from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.domain.description import (
    Header,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
)
from danchu.core.documents.registry import register_document_type
from danchu.core.notify.registry import register_notification_kind
from danchu.core.search.registry import SearchDocument, register_kind


class PublishedVersionImmutable(RuntimeError):
    """A published version, or an attachment of one, cannot be changed or deleted."""


# --- search ----------------------------------------------------------------------------------


def publication_document(publication: Any) -> SearchDocument | None:
    """Published publications are public: title in the title; summary, body and the
    catalogue item in the text. Drafts stay out of the index."""
    from danchu.disclosure.models import PublicationStatus
    from danchu.disclosure.services_publications import body_text

    version = publication.current_version
    if publication.status != PublicationStatus.PUBLISHED or version is None:
        return None
    text = " · ".join(
        part for part in (version.summary, body_text(version.body), publication.item.title) if part
    )
    return SearchDocument(
        title=version.title,
        body=text,
        unit=publication.unit,
        url=reverse("disclosure:publication_detail", args=[publication.pk]),
        # An agency's or enterprise's publicity is internal (Arts 46, 64): not in public search.
        public=publication.unit.level != "organisation",
    )


def publication_queryset():
    from danchu.disclosure.models import Publication

    return Publication.objects.select_related("unit", "item", "current_version")


# --- the posting record (biên bản niêm yết) --------------------------------------------------


def issuing_body(unit: Any) -> str:
    """ "Xã Hà Trung" → "Ủy ban nhân dân xã Hà Trung"; organisations sign in their own name."""
    if unit.is_commune:
        name = unit.name
        return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return unit.name


def body_abbreviation(unit: Any) -> str:
    if unit.is_commune:
        return "UBND"
    initials = "".join(w[0] for w in fold(unit.name).split() if w[:1].isalnum()).upper()
    return initials[:10] or "CQ"


def build_posting_record(data: dict[str, Any], unit: Any) -> OfficialDocument:
    """Biên bản niêm yết (Law 10/2022 Arts 12(1)(a), 13(2)): what was posted, where, from and
    until when, and who posted it; signed by the person who posted and the unit's
    representative."""
    started = date.fromisoformat(data["started_on"])
    ended = date.fromisoformat(data["ended_on"]) if data.get("ended_on") else None
    where = data["place"]
    if data.get("place_is_village"):
        where = f"Nhà văn hóa {where[:1].lower()}{where[1:]}"
    else:
        where = f"Trụ sở {issuing_body(unit)}"
    until = date_text(ended) if ended else "niêm yết thường xuyên (cập nhật khi có thay đổi)"
    return OfficialDocument(
        header=Header(
            issuing_body=issuing_body(unit),
            symbol_groups=("BB", body_abbreviation(unit)),
            show_date=False,
        ),
        title="Biên bản",
        summary=f"Niêm yết công khai: {data['title']}",
        blocks=(
            Paragraph(
                "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 "
                f"({data.get('legal_basis', '')});"
            ),
            LabelledField("Nội dung niêm yết", f"{data['title']} (số hiệu {data['reference']})"),
            LabelledField("Thuộc nội dung", data.get("item", "")),
            LabelledField("Địa điểm niêm yết", where),
            LabelledField("Thời gian niêm yết", f"từ {date_text(started)} đến {until}"),
            LabelledField("Người niêm yết", data.get("posted_by", "")),
            Paragraph(
                "Biên bản được lập thành 02 bản, 01 bản lưu tại nơi niêm yết, 01 bản lưu hồ sơ."
            ),
        ),
        signatures=(
            Signature(position="Người niêm yết", full_name=data.get("posted_by", "")),
            Signature(position=f"Đại diện {issuing_body(unit)}"),
        ),
        archive="VT, Hồ sơ",
    )


# --- immutability ----------------------------------------------------------------------------


def _version_guard(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("published_at", flat=True).first()
    if stored is not None:
        raise PublishedVersionImmutable(f"Publication version #{instance.pk} is published.")


def _attachment_guard(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    if instance.version.published_at is not None:
        raise PublishedVersionImmutable(
            f"Attachment #{instance.pk} belongs to a published version."
        )


def register() -> None:
    from danchu.disclosure import tasks_publications  # noqa: F401  (huey learns the tasks)
    from danchu.disclosure.models import Attachment, PublicationVersion
    from danchu.disclosure.services_publications import NOTIFY_KIND, POSTING_RECORD, SEARCH_KIND

    register_kind(
        SEARCH_KIND,
        label=_("Publication"),
        permission=None,
        document=publication_document,
        queryset=publication_queryset,
    )
    register_notification_kind(NOTIFY_KIND, _("A unit you follow published information"))
    register_document_type(POSTING_RECORD, label=_("Posting record"), build=build_posting_record)
    pre_save.connect(
        _version_guard, sender=PublicationVersion, dispatch_uid="disclosure_version_guard"
    )
    pre_save.connect(
        _attachment_guard, sender=Attachment, dispatch_uid="disclosure_attachment_guard"
    )
    pre_delete.connect(
        _attachment_guard, sender=Attachment, dispatch_uid="disclosure_attachment_delete_guard"
    )
    _register_unit_links()


def _register_unit_links() -> None:
    """Links to the public list and the officials' list on every publishing unit's page."""
    try:
        from danchu.core.units.links import register_unit_link
    except ModuleNotFoundError:  # the unit-links registry is not there yet
        return
    from danchu.disclosure.permissions import MANAGE_PUBLICATIONS, VIEW_PUBLISHED

    register_unit_link(
        "disclosure.publications",
        _("Published information"),
        "disclosure:unit_publications",
        permission=VIEW_PUBLISHED,
        levels=("commune", "organisation"),
    )
    register_unit_link(
        "disclosure.manage_publications",
        _("Manage publications"),
        "disclosure:unit_manage",
        permission=MANAGE_PUBLICATIONS,
        levels=("commune", "organisation"),
        official=True,
    )
