"""Preferences: defaults from the kind, changes by the person (service and plain form)."""

import pytest

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.notify.models import NotificationPreference
from danchu.core.notify.registry import UnknownNotificationKind
from danchu.core.notify.selectors import choices_of
from danchu.core.notify.services import NotifyError, preferences_update
from tests.core.notify.conftest import NEWS, URGENT


def test_defaults_urgent_at_once_others_in_the_digest(personas):
    choices = choices_of(personas["resident"])
    assert choices[URGENT].mode == "immediate"
    assert choices[URGENT].channels == {"in_app", "sms"}
    assert choices[NEWS].mode == "digest"
    assert choices["notify.announcement"].mode == "digest"
    assert not NotificationPreference.objects.exists()


def test_changing_preferences_is_stored_per_person_and_audited(personas):
    resident = personas["resident"]
    changed = preferences_update(
        actor=resident,
        choices={NEWS: (["email"], "immediate"), URGENT: (["in_app", "sms"], "immediate")},
    )
    assert changed == 1  # URGENT equals its defaults: nothing stored for it
    choices = choices_of(resident)
    assert choices[NEWS].channels == {"email"} and choices[NEWS].mode == "immediate"
    assert choices_of(personas["officer_a"])[NEWS].mode == "digest"
    assert NotificationPreference.objects.get().kind == NEWS
    event = AuditEvent.objects.get(action="notify.preferences_changed")
    assert event.actor_id == resident.pk and NEWS in event.data["kinds"]


def test_preferences_refuse_unknown_kinds_channels_and_anonymous(personas):
    resident = personas["resident"]
    with pytest.raises(UnknownNotificationKind):
        preferences_update(actor=resident, choices={"tests.nope": (["email"], "digest")})
    with pytest.raises(NotifyError):
        preferences_update(actor=resident, choices={NEWS: (["fax"], "digest")})
    with pytest.raises(NotifyError):
        preferences_update(actor=resident, choices={NEWS: (["email"], "weekly")})
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotPermitted):
        preferences_update(actor=AnonymousUser(), choices={NEWS: (["email"], "digest")})


def test_preferences_page_is_a_plain_labelled_form(login, personas):
    client = login(personas["resident"])
    page = client.get("/notify/preferences/").content.decode()
    assert 'method="post"' in page and "<legend>" in page
    assert f'name="{NEWS}-channels" value="email"' in page
    assert f'<label for="id_{NEWS}-mode_0">' in page
    from danchu.core.notify.registry import registered_kinds

    # Every kind other apps registered keeps its in-app default; these three are changed.
    data = {}
    for spec in registered_kinds():
        data[f"{spec.name}-channels"] = ["in_app"]
        data[f"{spec.name}-mode"] = "digest"
    data.update(
        {
            f"{NEWS}-channels": ["in_app", "zalo"],
            f"{NEWS}-mode": "immediate",
            f"{URGENT}-channels": ["in_app", "sms"],
            f"{URGENT}-mode": "immediate",
            "notify.announcement-channels": ["in_app"],
            "notify.announcement-mode": "digest",
        }
    )
    response = client.post("/notify/preferences/", data)
    assert response.status_code == 302
    choices = choices_of(personas["resident"])
    assert choices[NEWS].channels == {"in_app", "zalo"} and choices[NEWS].mode == "immediate"
    assert choices["notify.announcement"].channels == {"in_app"}
    page = client.get("/notify/preferences/").content.decode()
    assert f'value="zalo" id="id_{NEWS}-channels_3" checked' in page


def test_preferences_page_needs_login(client):
    assert client.get("/notify/preferences/").status_code == 302
