"""Pages of publications.

Public (VIEW_PUBLISHED, cached for anonymous visitors): a unit's list filtered by item and
period, a publication with its versions and attachments, attachment downloads, the Atom feed
and the JSON/CSV open-data export. Officials (MANAGE_PUBLICATIONS over the unit): the working
list, drafting, attachments, publishing or scheduling, corrections, channels with their
posting records, the loudspeaker log and script, the printable notice. Village heads
(CONFIRM_RELAY over their village): relay confirmations. Everything fetched goes through the
access functions: a page outside the actor's units is a 404. Forms work without JavaScript.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.common.public_cache import cache_public_page
from danchu.core.access.errors import NotPermitted, not_found
from danchu.core.access.registry import has_perm, scope_queryset
from danchu.core.documents.tables import table_response
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.core.units.selectors import ancestors_of
from danchu.disclosure.access_publications import (
    access_attachment_by_id,
    access_publication_by_id,
)
from danchu.disclosure.feeds import UnitPublicationsFeed
from danchu.disclosure.forms_publications import (
    AttachmentForm,
    BroadcastForm,
    ChannelForm,
    CorrectionForm,
    PublicationEditForm,
    PublicationForm,
    PublishForm,
    RelayForm,
    ScheduleForm,
)
from danchu.disclosure.models import Follow, PublicationStatus
from danchu.disclosure.permissions import (
    CONFIRM_RELAY,
    MANAGE_PUBLICATIONS,
    VIEW_PUBLISHED,
)
from danchu.disclosure.selectors_publications import (
    EXPORT_COLUMNS,
    broadcasts_of,
    channel_records_of,
    export_row,
    export_rows,
    items_for_unit,
    managed_in_unit,
    parse_period,
    published_in_unit,
    relays_of,
    versions_of,
    villages_of,
)
from danchu.disclosure.services_publications import (
    PUBLIC_NAMESPACE,
    PublicationError,
    attachment_add,
    attachment_remove,
    body_text,
    broadcast_log,
    channel_record,
    follow_remove,
    follow_set,
    publication_correct,
    publication_create,
    publication_publish,
    publication_schedule,
    publication_update,
    relay_confirm,
)

REFUSALS = (PublicationError, NotPermitted)


def _detail(publication) -> HttpResponse:
    return redirect("disclosure:publication_detail", pk=publication.pk)


# --- public ----------------------------------------------------------------------------------


def _selected_item(items, raw: str):
    if not raw.isdigit():
        return None
    return next((i for i in items if i.number == int(raw)), None)


@require_GET
@cache_public_page(PUBLIC_NAMESPACE)
def unit_publications(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_PUBLISHED)
    items = list(items_for_unit(unit))
    item = _selected_item(items, request.GET.get("item", ""))
    period = parse_period(request.GET.get("period"))
    page = paginate(request, published_in_unit(unit, item=item, period=period))
    following = False
    if request.user.is_authenticated:
        following = Follow.objects.filter(user=request.user, unit=unit).exists()
    context = {
        "unit": unit,
        "ancestors": ancestors_of(unit),
        "items": items,
        "item": item,
        "period": period,
        "period_text": request.GET.get("period", "")[:10],
        "page": page,
        "following": following,
        "can_manage": has_perm(request.user, MANAGE_PUBLICATIONS, unit),
    }
    if request.htmx and request.htmx.target == "publication-results":
        return render(request, "disclosure/publications/_results.html", context)
    return render(request, "disclosure/publications/unit_list.html", context)


@require_GET
@cache_public_page(PUBLIC_NAMESPACE)
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk)
    can_manage = has_perm(request.user, MANAGE_PUBLICATIONS, publication)
    published = publication.status == PublicationStatus.PUBLISHED
    versions = versions_of(publication, published_only=not can_manage or published)
    current = next((v for v in versions if v.pk == publication.current_version_id), None)
    context = {
        "publication": publication,
        "unit": publication.unit,
        "ancestors": ancestors_of(publication.unit),
        "current": current,
        "previous": [v for v in versions if v is not current],
        "channels": channel_records_of(publication) if published else [],
        "broadcasts": broadcasts_of(publication) if published else [],
        "relays": relays_of(publication) if published else [],
        "can_manage": can_manage,
    }
    return render(request, "disclosure/publications/detail.html", context)


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_attachment_by_id(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


unit_feed = require_GET(cache_public_page(PUBLIC_NAMESPACE)(UnitPublicationsFeed()))


@require_GET
@cache_public_page(PUBLIC_NAMESPACE)
def unit_export_json(request: HttpRequest, code: str) -> JsonResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_PUBLISHED)
    paginator = Paginator(
        published_in_unit(unit).order_by("published_on", "id"), settings.DANCHU_API_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    url = request.build_absolute_uri

    def link(p) -> str:
        return url(reverse("disclosure:publication_detail", args=[p.pk]))

    base = url(reverse("disclosure:unit_export_json", args=[unit.code]))
    data = {
        "unit": {"code": unit.code, "name": unit.name},
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": f"{base}?page={page.next_page_number()}" if page.has_next() else None,
        "previous": f"{base}?page={page.previous_page_number()}" if page.has_previous() else None,
        "results": [
            dict(zip(EXPORT_COLUMNS, export_row(p, link), strict=True)) for p in page.object_list
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def unit_export_csv(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_PUBLISHED)
    url = request.build_absolute_uri

    def link(p) -> str:
        return url(reverse("disclosure:publication_detail", args=[p.pk]))

    return table_response(
        EXPORT_COLUMNS, export_rows(unit, link), "csv", filename=f"cong-khai-{unit.code}"
    )


@login_required
@require_POST
def unit_follow(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_PUBLISHED)
    items = list(items_for_unit(unit))
    item = _selected_item(items, request.POST.get("item", ""))
    if request.POST.get("action") == "unfollow":
        follow_remove(actor=request.user, unit=unit, item=item)
        messages.success(request, _("You no longer follow %(unit)s.") % {"unit": unit.name})
    else:
        follow_set(actor=request.user, unit=unit, item=item)
        messages.success(
            request,
            _("You will be notified when %(unit)s publishes information.") % {"unit": unit.name},
        )
    return redirect("disclosure:unit_publications", code=unit.code)


# --- officials -------------------------------------------------------------------------------


@login_required
@require_GET
def unit_manage(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=MANAGE_PUBLICATIONS)
    status = request.GET.get("status", "")
    page = paginate(request, managed_in_unit(request.user, unit, status=status))
    return render(
        request,
        "disclosure/publications/manage.html",
        {
            "unit": unit,
            "ancestors": ancestors_of(unit),
            "page": page,
            "status": status,
            "statuses": PublicationStatus.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=MANAGE_PUBLICATIONS)
    items = items_for_unit(unit)
    form = PublicationForm(request.POST or None, request.FILES or None, items=items)
    done = submit_to_service(
        request,
        form,
        lambda data: publication_create(
            actor=request.user,
            unit=unit,
            item=data["item"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            decision_ref=data["decision_ref"],
            decision_date=data["decision_date"],
            attachments=[data["attachment"]] if data.get("attachment") else [],
        ),
        refusals=REFUSALS,
        success=lambda p: (
            _("The draft was saved."),
            redirect("disclosure:publication_edit", pk=p.pk),
        ),
    )
    return done or render(
        request,
        "disclosure/publications/form.html",
        {"form": form, "unit": unit, "title": _("New publication"), "multipart": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    if publication.status == PublicationStatus.PUBLISHED:
        messages.info(
            request, _("A published publication cannot be edited; publish a correction instead.")
        )
        return redirect("disclosure:publication_correct", pk=publication.pk)
    version = publication.current_version
    initial = {
        "title": version.title,
        "summary": version.summary,
        "body": version.body,
        "decision_ref": publication.decision_ref,
        "decision_date": publication.decision_date,
    }
    form = PublicationEditForm(request.POST or None, initial=initial)
    done = submit_to_service(
        request,
        form,
        lambda data: publication_update(actor=request.user, publication=publication, **data),
        refusals=REFUSALS,
        success=lambda p: (
            _("The draft was saved."),
            redirect("disclosure:publication_edit", pk=p.pk),
        ),
    )
    return done or render(
        request,
        "disclosure/publications/edit.html",
        {
            "form": form,
            "publication": publication,
            "unit": publication.unit,
            "attachments": list(version.attachments.order_by("pk")),
            "attachment_form": AttachmentForm(),
            "publish_form": PublishForm(),
            "schedule_form": ScheduleForm(),
        },
    )


def _refused(request: HttpRequest, exc: Exception, publication) -> HttpResponse:
    messages.error(request, str(exc) or _("You may not do this."))
    return redirect("disclosure:publication_edit", pk=publication.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("disclosure:publication_edit", pk=publication.pk)
    try:
        attachment_add(
            actor=request.user, publication=publication, upload=form.cleaned_data["file"]
        )
    except REFUSALS as exc:
        return _refused(request, exc, publication)
    messages.success(request, _("The file was attached."))
    return redirect("disclosure:publication_edit", pk=publication.pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access_attachment_by_id(request.user, pk)
    publication = attachment.version.publication
    if not has_perm(request.user, MANAGE_PUBLICATIONS, publication):
        raise not_found()
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except REFUSALS as exc:
        return _refused(request, exc, publication)
    messages.success(request, _("The file was removed."))
    return redirect("disclosure:publication_edit", pk=publication.pk)


@login_required
@require_POST
def publication_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        publication_publish(
            actor=request.user,
            publication=publication,
            notify_households=form.cleaned_data.get("notify_households", False),
        )
    except REFUSALS as exc:
        messages.error(request, str(exc))
        return _detail(publication)
    messages.success(request, _("The publication is published."))
    return _detail(publication)


@login_required
@require_POST
def publication_schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date and time of publication."))
        return redirect("disclosure:publication_edit", pk=publication.pk)
    try:
        publication_schedule(
            actor=request.user, publication=publication, at=form.cleaned_data["at"]
        )
    except REFUSALS as exc:
        return _refused(request, exc, publication)
    messages.success(request, _("The publication is scheduled."))
    return redirect("disclosure:publication_edit", pk=publication.pk)


@login_required
@require_http_methods(["GET", "POST"])
def publication_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    version = publication.current_version
    initial = {
        "title": version.title if version else "",
        "summary": version.summary if version else "",
        "body": version.body if version else "",
        "keep_attachments": True,
    }
    form = CorrectionForm(request.POST or None, request.FILES or None, initial=initial)
    done = submit_to_service(
        request,
        form,
        lambda data: publication_correct(
            actor=request.user,
            publication=publication,
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            reason=data["reason"],
            attachments=[data["attachment"]] if data.get("attachment") else [],
            keep_attachments=data["keep_attachments"],
        ),
        refusals=REFUSALS,
        success=lambda v: (_("The correction is published."), _detail(publication)),
    )
    return done or render(
        request,
        "disclosure/publications/form.html",
        {
            "form": form,
            "unit": publication.unit,
            "publication": publication,
            "title": _("Correct %(reference)s") % {"reference": publication.reference},
            "multipart": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_channels(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    unit = publication.unit
    places = Unit.objects.filter(pk=unit.pk) | villages_of(unit)
    form = ChannelForm(request.POST or None, places=places.order_by("path"))
    done = submit_to_service(
        request,
        form,
        lambda data: channel_record(actor=request.user, publication=publication, **data),
        refusals=REFUSALS,
        success=lambda r: (
            _("The channel was recorded."),
            redirect("disclosure:publication_channels", pk=publication.pk),
        ),
    )
    return done or render(
        request,
        "disclosure/publications/channels.html",
        {
            "form": form,
            "publication": publication,
            "unit": unit,
            "records": channel_records_of(publication),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_broadcasts(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    form = BroadcastForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: broadcast_log(actor=request.user, publication=publication, **data),
        refusals=REFUSALS,
        success=lambda b: (
            _("The broadcast was logged."),
            redirect("disclosure:publication_broadcasts", pk=publication.pk),
        ),
    )
    return done or render(
        request,
        "disclosure/publications/broadcasts.html",
        {
            "form": form,
            "publication": publication,
            "unit": publication.unit,
            "broadcasts": broadcasts_of(publication),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_relays(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk)
    villages = scope_queryset(request.user, CONFIRM_RELAY, villages_of(publication.unit), "path")
    can_manage = has_perm(request.user, MANAGE_PUBLICATIONS, publication)
    can_confirm = villages.exists()
    if not (can_manage or can_confirm):
        raise not_found()
    form = RelayForm(request.POST or None, villages=villages) if can_confirm else None
    if request.method == "POST" and form is None:
        raise not_found()
    done = form and submit_to_service(
        request,
        form,
        lambda data: relay_confirm(actor=request.user, publication=publication, **data),
        refusals=REFUSALS,
        success=lambda r: (
            _("The relay was confirmed."),
            redirect("disclosure:publication_relays", pk=publication.pk),
        ),
    )
    return done or render(
        request,
        "disclosure/publications/relays.html",
        {
            "form": form,
            "publication": publication,
            "unit": publication.unit,
            "relays": relays_of(publication),
        },
    )


def _printable(request: HttpRequest, pk: int, template: str) -> HttpResponse:
    publication = access_publication_by_id(request.user, pk, permission=MANAGE_PUBLICATIONS)
    if publication.status != PublicationStatus.PUBLISHED:
        raise not_found()
    version = publication.current_version
    return render(
        request,
        template,
        {
            "publication": publication,
            "unit": publication.unit,
            "version": version,
            "attachments": list(version.attachments.order_by("pk")),
            "paragraphs": body_text(version.body).splitlines(),
        },
    )


@login_required
@require_GET
def publication_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable notice posted at the headquarters or a culture house."""
    return _printable(request, pk, "disclosure/publications/notice.html")


@login_required
@require_GET
def publication_script(request: HttpRequest, pk: int) -> HttpResponse:
    """The loudspeaker reading script."""
    return _printable(request, pk, "disclosure/publications/script.html")
