"""Notification pages: the list with "mark as read", the bell (an HTMX partial), preferences,
and the page where officials notify the households of a unit, with its progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.errors import not_found
from danchu.core.access.registry import scope_queryset
from danchu.core.notify.access import access_fanout_by_id, access_notification_by_id
from danchu.core.notify.apps import ANNOUNCEMENT
from danchu.core.notify.audiences import HouseholdMembersUnder, audience_from, audience_label
from danchu.core.notify.domain.links import safe_link
from danchu.core.notify.forms import AnnounceForm, PreferencesForm
from danchu.core.notify.permissions import SEND_FANOUT
from danchu.core.notify.registry import notification_kind, registered_kinds
from danchu.core.notify.selectors import choices_of, notifications_of, unread_count
from danchu.core.notify.services import (
    NotifyError,
    notification_mark_read,
    notifications_mark_all_read,
    notify_fanout,
    preferences_update,
)
from danchu.core.units.domain.kinds import Level
from danchu.core.units.models import Unit

READ_EVENT = "notify-read"


def _with_labels(rows):
    labels = {k.name: k.label for k in registered_kinds()}
    for row in rows:
        row.kind_label = labels.get(row.kind, row.kind)
    return rows


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, notifications_of(request.user))
    _with_labels(page.object_list)
    return render(
        request,
        "notify/notification_list.html",
        {"page": page, "unread": unread_count(request.user)},
    )


@login_required
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    context = {"unread_count": unread_count(request.user), "bell_loaded": True}
    return render(request, "notify/_bell.html", context)


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = access_notification_by_id(request.user, pk)
    notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        _with_labels([notification])
        response = render(request, "notify/_notification.html", {"n": notification})
        response["HX-Trigger"] = READ_EVENT
        return response
    return redirect(safe_link(request.POST.get("next")) or reverse("notify:list"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("notify:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(
        request.POST or None, kinds=registered_kinds(), current=choices_of(request.user)
    )
    done = submit_to_service(
        request,
        form,
        lambda data: preferences_update(actor=request.user, choices=form.choices()),
        refusals=(NotifyError,),
        success=lambda changed: (_("Your choices were saved."), redirect("notify:preferences")),
    )
    return done or render(request, "notify/preferences.html", {"form": form})


def _announce_units(actor) -> object:
    units = Unit.objects.current().filter(level__in=[Level.COMMUNE, Level.VILLAGE])
    return scope_queryset(actor, SEND_FANOUT, units, "path").order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def announce(request: HttpRequest) -> HttpResponse:
    units = _announce_units(request.user)
    if not units.exists():
        raise not_found()
    form = AnnounceForm(request.POST or None, units=units)
    done = submit_to_service(
        request,
        form,
        lambda data: notify_fanout(
            actor=request.user,
            kind=ANNOUNCEMENT,
            audience=HouseholdMembersUnder(data["unit"].pk),
            title=data["title"],
            body=data["body"],
            url=data["url"],
        ),
        refusals=(NotifyError,),
        success=lambda fanout: (
            _("The notification is being sent."),
            redirect("notify:fanout", pk=fanout.pk),
        ),
    )
    return done or render(request, "notify/announce.html", {"form": form})


@login_required
@require_GET
def fanout_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fanout = access_fanout_by_id(request.user, pk)
    context = {
        "fanout": fanout,
        "audience": audience_label(audience_from(fanout.audience), fanout.unit),
        "kind_label": notification_kind(fanout.kind).label,
    }
    if request.htmx:
        return render(request, "notify/_fanout_status.html", context)
    return render(request, "notify/fanout_detail.html", context)
