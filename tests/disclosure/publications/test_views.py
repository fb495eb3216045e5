"""The officials' pages work as plain HTML forms (no JavaScript): draft, attach, publish,
schedule, correct, record channels, log broadcasts and confirm relays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danchu.disclosure.models import (
    Attachment,
    BroadcastLog,
    ChannelRecord,
    Publication,
    PublicationStatus,
    RelayConfirmation,
)
from tests.disclosure.publications.conftest import PDF_BYTES, PNG_BYTES, commune_item, upload


@pytest.fixture
def officer(login, personas):
    return login(personas["officer_a"])


def test_draft_attach_and_publish_through_forms(officer, tree):
    response = officer.post(
        "/publications/units/90001/new/",
        {
            "item": commune_item(2).pk,
            "title": "Dự toán ngân sách xã An Phú năm 2027",
            "summary": "Tóm tắt",
            "body": "<p>Nội dung</p>",
            "decision_ref": "52/NQ-HĐND",
            "decision_date": "2026-04-27",
            "attachment": upload("du-toan.pdf", PDF_BYTES),
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/publications/{publication.pk}/edit/"
    assert publication.current_version.attachments.count() == 1
    page = officer.get(response["Location"])
    assert "du-toan.pdf" in page.content.decode()
    refused = officer.post(
        f"/publications/{publication.pk}/attachments/",
        {"file": upload("anh.pdf", PNG_BYTES)},
        follow=True,
    )
    assert "PNG" in refused.content.decode()
    assert Attachment.objects.count() == 1
    officer.post(f"/publications/{publication.pk}/publish/", {})
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    again = officer.post(f"/publications/{publication.pk}/publish/", {}, follow=True)
    assert "đã được công khai" in again.content.decode()
    edit = officer.get(f"/publications/{publication.pk}/edit/")
    assert edit["Location"] == f"/publications/{publication.pk}/correct/"


def test_create_form_refuses_an_item_of_another_regime(officer):
    from danchu.disclosure.models import CatalogueItem

    agency_item = CatalogueItem.objects.get(regime="agency", number=1)
    response = officer.post(
        "/publications/units/90001/new/",
        {"item": agency_item.pk, "title": "X", "decision_date": "2026-04-27"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["item"]
    assert Publication.objects.count() == 0


def test_schedule_through_the_form(officer, make_draft):
    draft = make_draft()
    at = timezone.localtime() + timedelta(days=1)
    officer.post(f"/publications/{draft.pk}/schedule/", {"at": at.strftime("%Y-%m-%dT%H:%M")})
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.SCHEDULED
    assert draft.scheduled_for is not None


def test_correction_form_requires_a_reason(officer, make_published):
    publication = make_published()
    url = f"/publications/{publication.pk}/correct/"
    response = officer.post(url, {"title": "Dự toán (điều chỉnh)", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = officer.post(
        url, {"title": "Dự toán (điều chỉnh)", "reason": "Sai số", "keep_attachments": "on"}
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.current_version.number == 2


def test_channel_broadcast_and_relay_forms(officer, make_published, login, personas, tree):
    publication = make_published(title="Danh sách hộ nghèo", number=7)
    today = publication.published_on.isoformat()
    response = officer.post(
        f"/publications/{publication.pk}/channels/",
        {"channel": "posting_hq", "started_on": today, "posted_by": "Lê Văn Niêm"},
    )
    assert response.status_code == 302
    record = ChannelRecord.objects.get()
    assert record.place == tree.commune_a and record.proof_document_id
    page = officer.get(f"/publications/{publication.pk}/channels/")
    assert f"/documents/{record.proof_document_id}/" in page.content.decode()
    officer.post(f"/publications/{publication.pk}/broadcasts/", {"broadcast_on": today})
    twice = officer.post(f"/publications/{publication.pk}/broadcasts/", {"broadcast_on": today})
    assert twice.status_code == 200 and twice.context["form"].non_field_errors()
    assert BroadcastLog.objects.count() == 1
    head = login(personas["village_head_a1"])
    form_page = head.get(f"/publications/{publication.pk}/relays/")
    assert list(form_page.context["form"].fields["village"].queryset) == [tree.village_a1]
    head.post(
        f"/publications/{publication.pk}/relays/",
        {"village": tree.village_a1.pk, "method": "Họp thôn", "relayed_on": today},
    )
    assert RelayConfirmation.objects.get().village == tree.village_a1
    detail = head.get(f"/publications/{publication.pk}/").content.decode()
    assert "Thôn Một" in detail


def test_script_and_notice(officer, make_published):
    publication = make_published(body="<p>Dòng một.</p><p>Dòng <b>hai</b>.</p>")
    script = officer.get(f"/publications/{publication.pk}/script/").content.decode()
    assert "Kính thưa toàn thể Nhân dân" in script and "<p>Dòng hai.</p>" in script
    notice = officer.get(f"/publications/{publication.pk}/notice/").content.decode()
    assert "THÔNG BÁO CÔNG KHAI" in notice and publication.reference in notice


@pytest.mark.urls("tests.disclosure.publications.api_urls")
def test_api_refuses_bad_input_with_clear_errors(client, personas, make_published):
    from danchu.core.access.tokens import api_token_create

    _token, raw = api_token_create(actor=None, user=personas["officer_a"], name="test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    publication = make_published()
    twice = client.post(
        f"/test-api/disclosure/publications/{publication.pk}/publish",
        {},
        content_type="application/json",
        **auth,
    )
    assert twice.status_code == 400 and "đã được công khai" in twice.json()["detail"]
    wrong_item = client.post(
        "/test-api/disclosure/units/90001/publications",
        {"item": 99, "title": "X", "decision_date": "2026-04-27"},
        content_type="application/json",
        **auth,
    )
    assert wrong_item.status_code == 400
    created = client.post(
        "/test-api/disclosure/units/90001/publications",
        {"item": 2, "title": "<b>Dự toán</b><script>x</script>", "decision_date": "2026-04-27"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201
    assert created.json()["title"] == "Dự toán"
    assert created.json()["due_on"] == "2026-05-06"
