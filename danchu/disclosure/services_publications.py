"""Publications: drafting, publishing (now or scheduled), corrections, the end of posting
periods, proof of the channels used, village relays and followers.

Every function that changes state is atomic, re-checks the permission with the registry and
writes its audit event in the same transaction (Law 10/2022 Arts 11–14 for commune-level
units, Arts 46–48 for agencies, Arts 64–66 for enterprises). The rules themselves are small
pure functions at the top of the module; their numbers come from the catalogue rows
(CatalogueItem), which are configuration.
"""

from __future__ import annotations

import hashlib
import html
import logging
import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import nh3
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.public_cache import bump
from danchu.common.text import fold
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.models import AuditEvent
from danchu.core.audit.services import audit_record
from danchu.core.calendar import deadline
from danchu.core.search.services import search_index
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.disclosure.attachments import AttachmentRefused, CheckedFile, check_upload
from danchu.disclosure.domain.channels import POSTING_CHANNELS, Channel
from danchu.disclosure.models import (
    Attachment,
    BroadcastLog,
    CatalogueItem,
    ChannelRecord,
    Follow,
    Publication,
    PublicationStatus,
    PublicationVersion,
    Regime,
    RelayConfirmation,
)
from danchu.disclosure.permissions import CONFIRM_RELAY, MANAGE_PUBLICATIONS

logger = logging.getLogger(__name__)

PUBLIC_NAMESPACE = "disclosure"
SEARCH_KIND = "disclosure.publication"
NOTIFY_KIND = "disclosure.published"
POSTING_RECORD = "disclosure.posting_record"

# Simple formatting a body may keep (paragraphs, emphasis, lists, tables, links).
BODY_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan"}}
URL_SCHEMES = {"http", "https", "mailto"}


class PublicationError(ValueError):
    """A request the publication services refuse; the message is for the person."""


# --- pure rules ------------------------------------------------------------------------------


def regime_of(unit: Unit) -> str | None:
    """Which part of the catalogue a unit publishes under: commune-level units Art. 11,
    agencies and public service units Art. 46, organisations employing labour Art. 64."""
    if unit.is_commune:
        return Regime.COMMUNE
    if unit.kind == Kind.AGENCY:
        return Regime.AGENCY
    if unit.kind == Kind.ENTERPRISE:
        return Regime.ENTERPRISE
    return None


def due_date(decision_date: date, item: CatalogueItem) -> date:
    """Publish-by date: the item's deadline counted from the decision (Art. 12(3): 05 working
    days by default; Art. 47(2) agencies; Art. 65(2): 15 days for state-owned enterprises)."""
    if not item.deadline_amount:
        return decision_date
    return deadline(decision_date, item.deadline_amount, item.deadline_unit)


def posting_end(first_day: date, item: CatalogueItem) -> date | None:
    """Last day of the minimum posting period: first day + posting_days − 1 (Art. 13(2): ≥ 30
    consecutive days; Art. 48 and 66: ≥ 20); None for permanent items (4 and 13) and for items
    without a posting period."""
    if item.permanent or not item.posting_days:
        return None
    return first_day + timedelta(days=item.posting_days - 1)


def content_hash(title: str, summary: str, body: str, attachment_hashes: Iterable[str]) -> str:
    """SHA-256 over the version's title, summary, body and its attachments' SHA-256 (sorted),
    separated by a unit separator so that moving text between fields changes the hash."""
    parts = [title, summary, body, *sorted(attachment_hashes)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def clean_plain(text: str | None) -> str:
    """Plain text: every tag removed (script and style with their content), spaces collapsed."""
    stripped = html.unescape(nh3.clean(str(text or ""), tags=set()))
    return " ".join(stripped.split())


def clean_body(text: str | None) -> str:
    """Body HTML reduced to simple formatting; links get rel="noopener noreferrer"."""
    return nh3.clean(
        str(text or ""),
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def body_text(body: str) -> str:
    """The body as plain text (search, feeds, the reading script)."""
    with_breaks = body.replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "\n")
    text = html.unescape(nh3.clean(with_breaks, tags=set()))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


# --- helpers ---------------------------------------------------------------------------------


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(actor: Any, permission: str, obj: Any) -> None:
    if not has_perm(actor, permission, obj):
        raise NotPermitted()


def _new_reference(published_year: int) -> str:
    for _attempt in range(5):
        reference = f"CK{published_year}-{secrets.token_hex(4).upper()}"
        if not Publication.objects.filter(reference=reference).exists():
            return reference
    raise PublicationError(_("Could not give the publication a reference; try again."))


def _locked(publication: Publication) -> Publication:
    return (
        Publication.objects.select_for_update(of=("self",))
        .select_related("unit", "item", "current_version")
        .get(pk=publication.pk)
    )


def _text(title: str, summary: str, body: str) -> tuple[str, str, str]:
    title, summary, body = clean_plain(title), clean_plain(summary), clean_body(body)
    if not title:
        raise PublicationError(_("A publication needs a title."))
    if len(title) > 255:
        raise PublicationError(_("The title is longer than 255 characters."))
    return title, summary, body


def _store(version: PublicationVersion, files: Sequence[CheckedFile], saved: list[str]) -> None:
    for checked in files:
        attachment = Attachment(
            version=version,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        attachment.file.save(checked.name, ContentFile(checked.content), save=False)
        saved.append(attachment.file.name)
        attachment.save()


def _forget(saved: list[str]) -> None:
    for name in saved:  # the rows rolled back; do not leave their files behind
        try:
            default_storage.delete(name)
        except Exception:  # cleanup must not hide the original error
            logger.exception("Could not remove %s after a failed write", name)


def _check_all(uploads: Iterable[Any]) -> list[CheckedFile]:
    try:
        return [check_upload(upload) for upload in uploads]
    except AttachmentRefused as exc:
        raise PublicationError(str(exc)) from exc


def _after_change() -> None:
    """Anonymous visitors' cached disclosure pages are dropped once the change commits."""
    transaction.on_commit(lambda: bump(PUBLIC_NAMESPACE))


# --- drafts ----------------------------------------------------------------------------------


def publication_create(
    *,
    actor: Any,
    unit: Unit,
    item: CatalogueItem,
    title: str,
    decision_date: date,
    summary: str = "",
    body: str = "",
    decision_ref: str = "",
    attachments: Iterable[Any] = (),
) -> Publication:
    """A draft under a catalogue item, with its first (unpublished) version. The item must
    belong to the unit's part of the catalogue; ``due_on`` follows the item's deadline."""
    _require(actor, MANAGE_PUBLICATIONS, unit)
    if not item.active or regime_of(unit) != item.regime:
        raise PublicationError(
            _("This catalogue item does not apply to %(unit)s.") % {"unit": unit.name}
        )
    title, summary, body = _text(title, summary, body)
    files = _check_all(attachments)
    saved: list[str] = []
    try:
        with transaction.atomic():
            publication = Publication.objects.create(
                unit=unit,
                item=item,
                reference=_new_reference(decision_date.year),
                decision_ref=clean_plain(decision_ref)[:120],
                decision_date=decision_date,
                due_on=due_date(decision_date, item),
                title_folded=fold(title)[:255],
                created_by=_user(actor),
            )
            version = PublicationVersion.objects.create(
                publication=publication, number=1, title=title, summary=summary, body=body
            )
            _store(version, files, saved)
            publication.current_version = version
            publication.save(update_fields=["current_version", "updated_at"])
            audit_record(
                actor=actor,
                action="disclosure.publication_created",
                target=publication,
                unit=unit,
                data={
                    "reference": publication.reference,
                    "item": item.code,
                    "decision_date": decision_date,
                    "due_on": publication.due_on,
                },
            )
    except BaseException:
        _forget(saved)
        raise
    return publication


def _draft_version(publication: Publication) -> PublicationVersion:
    version = publication.current_version
    if publication.status == PublicationStatus.PUBLISHED or version is None:
        raise PublicationError(
            _("A published publication cannot be edited; publish a correction instead.")
        )
    if version.published_at is not None:
        raise PublicationError(_("This version is published and cannot be changed."))
    return version


def publication_update(
    *,
    actor: Any,
    publication: Publication,
    title: str,
    decision_date: date,
    summary: str = "",
    body: str = "",
    decision_ref: str = "",
) -> Publication:
    """Edit a draft (or a scheduled publication not yet out). Drafts are working papers: the
    publish event records their final content and hash."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    title, summary, body = _text(title, summary, body)
    with transaction.atomic():
        publication = _locked(publication)
        version = _draft_version(publication)
        version.title, version.summary, version.body = title, summary, body
        version.save(update_fields=["title", "summary", "body"])
        publication.decision_ref = clean_plain(decision_ref)[:120]
        before = (publication.decision_date, publication.due_on)
        publication.decision_date = decision_date
        publication.due_on = due_date(decision_date, publication.item)
        publication.title_folded = fold(title)[:255]
        publication.save()
        if before[0] != decision_date:
            # The decision date sets the deadline compliance is measured against: moving it
            # is audited, so that a late publication cannot be made "on time" unnoticed.
            audit_record(
                actor=actor,
                action="disclosure.decision_date_changed",
                target=publication,
                unit=publication.unit,
                data={
                    "reference": publication.reference,
                    "decision_date": [before[0], decision_date],
                    "due_on": [before[1], publication.due_on],
                },
            )
    return publication


def attachment_add(*, actor: Any, publication: Publication, upload: Any) -> Attachment:
    """Attach a checked file to the draft version; a refused file writes nothing."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    (checked,) = _check_all([upload])
    saved: list[str] = []
    try:
        with transaction.atomic():
            publication = _locked(publication)
            version = _draft_version(publication)
            _store(version, [checked], saved)
    except BaseException:
        _forget(saved)
        raise
    return version.attachments.order_by("-pk").first()


def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    publication = attachment.version.publication
    _require(actor, MANAGE_PUBLICATIONS, publication)
    with transaction.atomic():
        publication = _locked(publication)
        version = _draft_version(publication)
        if attachment.version_id != version.pk:
            raise PublicationError(_("This version is published and cannot be changed."))
        name = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: _forget([name]))


# --- publishing ------------------------------------------------------------------------------


def _publish_locked(
    publication: Publication, *, actor: Any, now: datetime, scheduled: bool
) -> Publication:
    if publication.status == PublicationStatus.PUBLISHED:
        raise PublicationError(_("This publication is already published."))
    version = publication.current_version
    if version is None or version.published_at is not None:
        raise PublicationError(_("This publication is already published."))
    hashes = list(version.attachments.values_list("sha256", flat=True))
    version.published_at = now
    version.published_by = _user(actor)
    version.content_hash = content_hash(version.title, version.summary, version.body, hashes)
    version.save(update_fields=["published_at", "published_by", "content_hash"])
    today = timezone.localdate(now)
    publication.status = PublicationStatus.PUBLISHED
    publication.scheduled_for = None
    publication.published_on = today
    publication.posting_ends_on = posting_end(today, publication.item)
    publication.title_folded = fold(version.title)[:255]
    publication.save()
    audit_record(
        actor=actor,
        action="disclosure.publication_published",
        target=publication,
        unit=publication.unit,
        data={
            "reference": publication.reference,
            "item": publication.item.code,
            "version": version.number,
            "content_hash": version.content_hash,
            "attachments": sorted(hashes),
            "published_on": today,
            "due_on": publication.due_on,
            "posting_ends_on": publication.posting_ends_on,
            "scheduled": scheduled,
        },
    )
    search_index(publication, kind=SEARCH_KIND)
    _after_change()
    actor_id = getattr(_user(actor), "pk", None)
    from danchu.disclosure.tasks_publications import notify_followers

    transaction.on_commit(lambda: notify_followers.enqueue(publication.pk, actor_id))
    return publication


def publication_publish(
    *, actor: Any, publication: Publication, notify_households: bool = False
) -> Publication:
    """Publish the current version now: it becomes immutable, with its content hash;
    ``published_on`` is today and the posting period runs from it. Publishing twice is refused.
    ``notify_households`` also notifies every household member under the unit (a fan-out)."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    with transaction.atomic():
        publication = _locked(publication)
        _publish_locked(publication, actor=actor, now=timezone.now(), scheduled=False)
        if notify_households:
            _fanout(actor, publication)
    return publication


def _fanout(actor: Any, publication: Publication) -> None:
    from danchu.core.notify.audiences import HouseholdMembersUnder
    from danchu.core.notify.services import notify_fanout

    version = publication.current_version
    notify_fanout(
        actor=actor,
        kind=NOTIFY_KIND,
        audience=HouseholdMembersUnder(publication.unit_id),
        title=f"{publication.unit.name}: {version.title}",
        body=version.summary,
        url=reverse("disclosure:publication_detail", args=[publication.pk]),
    )


def publication_schedule(*, actor: Any, publication: Publication, at: datetime) -> Publication:
    """Schedule the draft to be published at ``at`` (a periodic task publishes it)."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at <= timezone.now():
        raise PublicationError(_("Choose a time in the future, or publish now."))
    with transaction.atomic():
        publication = _locked(publication)
        _draft_version(publication)
        publication.status = PublicationStatus.SCHEDULED
        publication.scheduled_for = at
        publication.save()
        audit_record(
            actor=actor,
            action="disclosure.publication_scheduled",
            target=publication,
            unit=publication.unit,
            data={"reference": publication.reference, "at": at},
        )
    return publication


def publications_publish_due(now: datetime | None = None) -> int:
    """Publish every scheduled publication whose time has come (run by the system, from the
    periodic task); each in its own transaction. Returns how many were published."""
    now = now or timezone.now()
    due = list(
        Publication.objects.filter(
            status=PublicationStatus.SCHEDULED, scheduled_for__lte=now
        ).values_list("pk", flat=True)
    )
    published = 0
    for pk in due:
        with transaction.atomic():
            publication = (
                Publication.objects.select_for_update(of=("self",))
                .select_related("unit", "item", "current_version")
                .filter(pk=pk, status=PublicationStatus.SCHEDULED)
                .first()
            )
            if publication is None:
                continue
            _publish_locked(publication, actor=None, now=now, scheduled=True)
            published += 1
    return published


def publication_correct(
    *,
    actor: Any,
    publication: Publication,
    title: str,
    reason: str,
    summary: str = "",
    body: str = "",
    attachments: Iterable[Any] = (),
    keep_attachments: bool = True,
) -> PublicationVersion:
    """Publish a correction (Art. 14(1): changed information is published again): a new
    version with a required reason becomes current; the old versions stay readable."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    reason = clean_plain(reason)[:255]
    if not reason:
        raise PublicationError(_("A correction needs a reason."))
    title, summary, body = _text(title, summary, body)
    files = _check_all(attachments)
    saved: list[str] = []
    try:
        with transaction.atomic():
            publication = _locked(publication)
            if publication.status != PublicationStatus.PUBLISHED:
                raise PublicationError(
                    _("Only a published publication can be corrected; edit the draft instead.")
                )
            previous = publication.current_version
            now = timezone.now()
            version = PublicationVersion.objects.create(
                publication=publication,
                number=publication.versions.count() + 1,
                title=title,
                summary=summary,
                body=body,
                reason=reason,
            )
            if keep_attachments and previous is not None:
                Attachment.objects.bulk_create(
                    Attachment(
                        version=version,
                        file=old.file.name,
                        name=old.name,
                        content_type=old.content_type,
                        size=old.size,
                        sha256=old.sha256,
                    )
                    for old in previous.attachments.all()
                )
            _store(version, files, saved)
            hashes = list(version.attachments.values_list("sha256", flat=True))
            version.published_at = now
            version.published_by = _user(actor)
            version.content_hash = content_hash(title, summary, body, hashes)
            version.save(update_fields=["published_at", "published_by", "content_hash"])
            publication.current_version = version
            publication.title_folded = fold(title)[:255]
            publication.save()
            audit_record(
                actor=actor,
                action="disclosure.publication_corrected",
                target=publication,
                unit=publication.unit,
                data={
                    "reference": publication.reference,
                    "version": version.number,
                    "replaces": previous.number if previous else None,
                    "reason": reason,
                    "content_hash": version.content_hash,
                    "attachments": sorted(hashes),
                },
            )
            search_index(publication, kind=SEARCH_KIND)
            _after_change()
    except BaseException:
        _forget(saved)
        raise
    return version


# --- posting periods -------------------------------------------------------------------------


def postings_end_due(today: date | None = None) -> int:
    """End the posting periods that have run their course (run by the system every day).

    The publication stays published (it remains on the website, Art. 13(1)); the end is
    recorded once as "disclosure.posting_ended", and the open posting records (HQ, culture
    houses) are closed on the last day of their own minimum period. Returns the number of
    publications whose posting ended."""
    today = today or timezone.localdate()
    already = AuditEvent.objects.filter(
        action="disclosure.posting_ended",
        target_type="disclosure.publication",
        target_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    due = list(
        Publication.objects.filter(status=PublicationStatus.PUBLISHED, posting_ends_on__lt=today)
        .exclude(Exists(already))
        .select_related("unit", "item")
        .order_by("pk")
    )
    for publication in due:
        with transaction.atomic():
            closed = []
            records = ChannelRecord.objects.select_for_update().filter(
                publication=publication, channel__in=POSTING_CHANNELS, ended_on__isnull=True
            )
            for record in records:
                record.ended_on = posting_end(record.started_on, publication.item)
                if record.ended_on is not None and record.ended_on < today:
                    record.save(update_fields=["ended_on"])
                    closed.append(record.pk)
            audit_record(
                actor=None,
                action="disclosure.posting_ended",
                target=publication,
                unit=publication.unit,
                data={
                    "reference": publication.reference,
                    "posting_ends_on": publication.posting_ends_on,
                    "records_closed": closed,
                },
            )
    if due:
        _after_change()
    return len(due)


# --- channels and proof ----------------------------------------------------------------------


def _require_published(publication: Publication) -> None:
    if publication.status != PublicationStatus.PUBLISHED:
        raise PublicationError(_("Publish the publication first."))


def _check_place(publication: Publication, channel: str, place: Unit | None) -> Unit | None:
    """Posting at the HQ happens at the unit itself; posting at a culture house needs a
    village of the unit; any other place must be the unit or a unit under it."""
    unit = publication.unit
    if channel == Channel.POSTING_HQ:
        place = place or unit
    village_needed = channel == Channel.POSTING_VILLAGE
    if village_needed and (place is None or not place.is_village):
        raise PublicationError(_("Choose the village whose culture house it is posted at."))
    if place is not None and not (place.path.startswith(unit.path) and place.valid_to is None):
        raise PublicationError(
            _("The place must be %(unit)s or a unit under it.") % {"unit": unit.name}
        )
    return place


def _check_proof_date(publication: Publication, day: date) -> None:
    """Proof of publicity is dated between the publication date and today: a future date would
    make a channel look used (e.g. three loudspeaker days, Art. 13(3)) before it happened."""
    if publication.published_on and day < publication.published_on:
        raise PublicationError(_("This date is before the publication date."))
    if day > timezone.localdate():
        raise PublicationError(_("This date is in the future."))


def channel_record(
    *,
    actor: Any,
    publication: Publication,
    channel: str,
    started_on: date,
    place: Unit | None = None,
    ended_on: date | None = None,
    note: str = "",
    posted_by: str = "",
    formats: Sequence[str] = ("pdf", "docx"),
) -> ChannelRecord:
    """Record that the publication went out on ``channel`` (Art. 12(1)). For posting at the
    headquarters or a culture house the posting record (biên bản niêm yết) is generated as an
    official document; the posting runs until the end of the item's minimum period unless
    ``ended_on`` says otherwise (None for permanent items)."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    if channel not in Channel.values:
        raise PublicationError(_("Unknown channel."))
    _require_published(publication)
    place = _check_place(publication, channel, place)
    _check_proof_date(publication, started_on)
    if channel in POSTING_CHANNELS and ended_on is None:
        ended_on = posting_end(started_on, publication.item)
    if ended_on is not None and ended_on < started_on:
        raise PublicationError(_("The end date cannot be before the start date."))
    note = clean_plain(note)[:255]
    posted_by = clean_plain(posted_by)[:150]
    with transaction.atomic():
        record = _channel_record_write(
            actor, publication, channel, place, started_on, ended_on, note, posted_by, formats
        )
    _after_change()
    return record


def _channel_record_write(
    actor: Any,
    publication: Publication,
    channel: str,
    place: Unit | None,
    started_on: date,
    ended_on: date | None,
    note: str,
    posted_by: str,
    formats: Sequence[str],
) -> ChannelRecord:
    """The posting record paper and the channel record commit together (or neither does)."""
    document = None
    if channel in POSTING_CHANNELS:
        from danchu.core.documents.services import document_generate

        document = document_generate(
            actor=actor,
            doc_type=POSTING_RECORD,
            unit=publication.unit,
            data={
                "title": publication.current_version.title,
                "reference": publication.reference,
                "item": str(publication.item),
                "legal_basis": publication.item.legal_basis,
                "place": place.name if place else publication.unit.name,
                "place_is_village": bool(place and place.is_village),
                "started_on": started_on.isoformat(),
                "ended_on": ended_on.isoformat() if ended_on else None,
                "posted_by": posted_by or str(_user(actor) or ""),
            },
            formats=formats,
        )
    with transaction.atomic():
        record = ChannelRecord.objects.create(
            publication=publication,
            channel=channel,
            place=place,
            started_on=started_on,
            ended_on=ended_on,
            note=note or posted_by,
            proof_document_id=document.pk if document else None,
            recorded_by=_user(actor),
        )
        audit_record(
            actor=actor,
            action="disclosure.channel_recorded",
            target=publication,
            unit=publication.unit,
            data={
                "reference": publication.reference,
                "record": record.pk,
                "channel": channel,
                "place": place.code if place else None,
                "from": started_on,
                "until": ended_on,
                "document": record.proof_document_id,
            },
        )
    return record


def broadcast_log(
    *, actor: Any, publication: Publication, broadcast_on: date, read_by: str = ""
) -> BroadcastLog:
    """One day's loudspeaker reading (Art. 13(3): items 7–12 on ≥ 03 consecutive days)."""
    _require(actor, MANAGE_PUBLICATIONS, publication)
    _require_published(publication)
    _check_proof_date(publication, broadcast_on)
    try:
        with transaction.atomic():
            log = BroadcastLog.objects.create(
                publication=publication,
                broadcast_on=broadcast_on,
                read_by=clean_plain(read_by)[:150],
                recorded_by=_user(actor),
            )
            audit_record(
                actor=actor,
                action="disclosure.broadcast_logged",
                target=publication,
                unit=publication.unit,
                data={"reference": publication.reference, "on": broadcast_on},
            )
    except IntegrityError:
        raise PublicationError(_("The broadcast of that day is already logged.")) from None
    _after_change()
    return log


def relay_confirm(
    *, actor: Any, publication: Publication, village: Unit, method: str, relayed_on: date
) -> RelayConfirmation:
    """A village head confirms relaying the publication to their village (Art. 13(4)). The
    village must be under the publication's unit and the actor must hold CONFIRM_RELAY over
    it."""
    _require(actor, CONFIRM_RELAY, village)
    if not village.is_village or not village.path.startswith(publication.unit.path):
        raise PublicationError(_("This village is not under the publishing unit."))
    _require_published(publication)
    _check_proof_date(publication, relayed_on)
    method = clean_plain(method)[:120]
    if not method:
        raise PublicationError(_("Say how it was relayed."))
    try:
        with transaction.atomic():
            relay = RelayConfirmation.objects.create(
                publication=publication,
                village=village,
                method=method,
                relayed_on=relayed_on,
                confirmed_by=_user(actor),
            )
            audit_record(
                actor=actor,
                action="disclosure.relay_confirmed",
                target=publication,
                unit=village,
                data={"reference": publication.reference, "village": village.code},
            )
    except IntegrityError:
        raise PublicationError(_("The relay to this village is already confirmed.")) from None
    _after_change()
    return relay


# --- followers -------------------------------------------------------------------------------


def follow_set(*, actor: Any, unit: Unit, item: CatalogueItem | None = None) -> Follow:
    """A resident follows a unit (or one item of it). A person's own preference: not audited."""
    if _user(actor) is None:
        raise NotPermitted()
    follow, _created = Follow.objects.get_or_create(user=actor, unit=unit, item=item)
    return follow


def follow_remove(*, actor: Any, unit: Unit, item: CatalogueItem | None = None) -> None:
    if _user(actor) is None:
        raise NotPermitted()
    Follow.objects.filter(user=actor, unit=unit, item=item).delete()
