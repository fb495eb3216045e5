"""Workflow pages: permission matrix for every page and export, the queue's order, filters and
constant queries, the case page and its steps, and no denouncer identity anywhere."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.petitions import services_workflow as services
from danchu.petitions.models import Attachment, Case
from tests.petitions.test_workflow_services import (
    ACCUSED_SUMMARY,
    ON,
    SECRET,
    assert_no_identity,
    make_case,
    sealed_denunciation,
)

HANDLERS = {"chair_a", "officer_a"}
STATISTICS_VIEWERS = {"chair_a", "officer_a", "front_a", "province_officer"}
EVERYONE = [
    "chair_a",
    "officer_a",
    "front_a",
    "village_head_a1",
    "front_head_a1",
    "agency_head_a",
    "officer_b",
    "province_officer",
    "resident",
]


# The assigned handler of the matrix's case: the only one who may open its confidential file
# (Law on Denunciations Art. 56).
ASSIGNED_HANDLER = {"officer_a"}
LETTER = b"%PDF-1.4\n% thu goc\n%%EOF\n"


def attach(case, *, confidential: bool, content: bytes = LETTER) -> Attachment:
    """An attachment of ``case`` as intake stores one (a confidential one under a neutral
    name)."""
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        case=case,
        original_name=f"thu-{digest[:12]}" if confidential else "bien-lai.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=digest,
        confidential=confidential,
    )
    attachment.file.save(f"{digest[:24]}.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def attachment_url(attachment: Attachment, case=None) -> str:
    return reverse(
        "petitions:workflow_attachment", args=[(case or attachment.case).pk, attachment.pk]
    )


def pages(tree, case, attachments=()) -> list[tuple[str, set[str]]]:
    code = tree.commune_a.code
    files = [
        (attachment_url(a), ASSIGNED_HANDLER if a.confidential else HANDLERS) for a in attachments
    ]
    return files + [
        (reverse("petitions:workflow_queue", args=[code]), HANDLERS),
        (reverse("petitions:workflow_queue_export", args=[code, "xlsx"]), HANDLERS),
        (reverse("petitions:workflow_queue_export", args=[code, "csv"]), HANDLERS),
        (reverse("petitions:workflow_case", args=[case.pk]), HANDLERS),
        (reverse("petitions:workflow_statistics", args=[code]), STATISTICS_VIEWERS),
        (
            reverse("petitions:workflow_statistics_export", args=[code, "xlsx"]) + "?period=2026",
            STATISTICS_VIEWERS,
        ),
        (
            reverse("petitions:workflow_statistics_export", args=[code, "csv"]) + "?period=2026",
            STATISTICS_VIEWERS,
        ),
    ]


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode()


def test_permission_matrix_of_every_page_and_export(tree, personas, client):
    case = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(
        actor=personas["officer_a"], case=case, accused_summary=ACCUSED_SUMMARY, on=ON
    )
    Case.objects.filter(pk=case.pk).update(handler=personas["officer_a"])
    attachments = [attach(case, confidential=True), attach(case, confidential=False)]
    for url, allowed in pages(tree, case, attachments):
        client.logout()
        anonymous = client.get(url)
        assert anonymous.status_code == 302, url
        assert "/login" in anonymous["Location"] or "next=" in anonymous["Location"]
        for name in EVERYONE:
            client.force_login(personas[name])
            response = client.get(url)
            expected = 200 if name in allowed else 404
            assert response.status_code == expected, (url, name, response.status_code)
            if expected == 200:
                assert_no_identity(body(response))


def test_step_endpoint_permissions(tree, personas, client):
    case = make_case(tree.commune_a, "feedback")
    url = reverse("petitions:workflow_case_step", args=[case.pk, "answer"])
    data = {"answer-answer": "Đã trả lời.", "answer-on": ON.isoformat()}
    for name in EVERYONE:
        if name in HANDLERS:
            continue
        client.force_login(personas[name])
        assert client.post(url, data).status_code == 404
    client.logout()
    assert client.post(url, data).status_code == 302
    assert Case.objects.get(pk=case.pk).status == "received"
    client.force_login(personas["officer_a"])
    assert client.get(url).status_code == 405
    response = client.post(url, data)
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "answered"
    assert (
        client.post(
            reverse("petitions:workflow_case_step", args=[case.pk, "teleport"]), {}
        ).status_code
        == 404
    )


def test_the_case_page_offers_the_steps_the_state_machine_allows(tree, personas, client):
    case = make_case(tree.commune_a, "complaint")
    client.force_login(personas["officer_a"])
    url = reverse("petitions:workflow_case", args=[case.pk])
    page = client.get(url).content.decode()
    for action in ("accept", "refuse", "transfer", "withdraw"):
        assert reverse("petitions:workflow_case_step", args=[case.pk, action]) in page
    for action in ("resolve", "dialogue", "extend"):
        assert reverse("petitions:workflow_case_step", args=[case.pk, action]) not in page


def test_a_forbidden_step_posted_shows_the_reason_and_is_audited(tree, personas, client):
    case = make_case(tree.commune_a, "complaint")
    client.force_login(personas["officer_a"])
    response = client.post(
        reverse("petitions:workflow_case_step", args=[case.pk, "resolve"]),
        {"resolve-decision": "Bác đơn."},
    )
    assert response.status_code == 400
    assert gettext("The case must be accepted first.") in response.content.decode()
    assert AuditEvent.objects.filter(
        action=services.REFUSED_ACTION, target_id=str(case.pk)
    ).exists()
    assert Case.objects.get(pk=case.pk).status == "received"


def test_the_queue_is_sorted_by_deadline_filtered_and_shows_overdue_in_red(tree, personas, client):
    officer = personas["officer_a"]
    late = make_case(tree.commune_a, "feedback", due_on=date(2026, 3, 1), handler=officer)
    soon = make_case(tree.commune_a, "complaint", due_on=date(2099, 1, 5))
    later = make_case(tree.commune_a, "denunciation", due_on=date(2099, 2, 5))
    done = make_case(tree.commune_a, "feedback", status="answered", due_on=None)
    make_case(tree.commune_b, "feedback", due_on=date(2026, 3, 1))
    client.force_login(officer)
    url = reverse("petitions:workflow_queue", args=[tree.commune_a.code])
    response = client.get(url)
    codes = [c.tracking_code for c in response.context["page"].object_list]
    assert codes == [
        late.tracking_code,
        soon.tracking_code,
        later.tracking_code,
        done.tracking_code,
    ]
    page = response.content.decode()
    assert 'class="overdue"' in page
    assert gettext("Overdue") in page

    def filtered(**query):
        return [c.pk for c in client.get(url, query).context["page"].object_list]

    assert filtered(overdue="on") == [late.pk]
    assert filtered(kind="complaint") == [soon.pk]
    assert filtered(status="answered") == [done.pk]
    assert filtered(handler="mine") == [late.pk]
    assert filtered(handler=str(officer.pk)) == [late.pk]
    assert set(filtered(handler="none")) == {soon.pk, later.pk, done.pk}
    assert filtered(channel="post") == []


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queue_and_statistics_in_constant_queries(tree, personas, client):
    client.force_login(personas["officer_a"])
    officer = personas["officer_a"]
    for index in range(3):
        make_case(tree.commune_a, "feedback", handler=officer if index else None)
    queue = reverse("petitions:workflow_queue", args=[tree.commune_a.code])
    stats = reverse("petitions:workflow_statistics", args=[tree.commune_a.code]) + "?period=2026"
    export = reverse("petitions:workflow_queue_export", args=[tree.commune_a.code, "csv"])
    small = (_queries(client, queue), _queries(client, stats))
    for index in range(12):
        kind = ("feedback", "complaint", "denunciation")[index % 3]
        make_case(tree.commune_a, kind, handler=officer, channel=("web", "post")[index % 2])
        make_case(tree.agency_a, kind)
    assert (_queries(client, queue), _queries(client, stats)) == small
    with CaptureQueriesContext(connection) as captured:
        body(client.get(export))
    assert len(captured) <= small[0] + 2


def test_no_denouncer_identity_on_any_page_or_export(tree, personas, client):
    case = sealed_denunciation(tree.commune_a)
    officer = personas["officer_a"]
    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    services.denunciation_extend(actor=officer, case=case, reason="Phức tạp.", on=ON)
    for name in ("chair_a", "officer_a", "front_a", "province_officer"):
        client.force_login(personas[name])
        for url, allowed in pages(tree, case):
            if name in allowed:
                assert_no_identity(body(client.get(url)))
    province = reverse("petitions:workflow_statistics", args=[tree.province.code])
    client.force_login(personas["province_officer"])
    text = body(client.get(province + "?period=2026"))
    assert tree.commune_a.name in text
    assert_no_identity(text)
    assert SECRET["full_name"] not in text


# --- attachments ---------------------------------------------------------------------------------


def _download(client, url):
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, content


def test_the_handler_downloads_a_confidential_letter_and_each_download_is_audited(
    tree, personas, client
):
    """Law on Denunciations Art. 56: the original letter opens for the assigned handler only,
    as a download that no cache keeps, and every opening is recorded."""
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "denunciation", handler=officer)
    letter = attach(case, confidential=True)
    url = attachment_url(letter)

    client.force_login(officer)
    for _time in range(2):
        response, content = _download(client, url)
        assert response.status_code == 200
        assert content == LETTER
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"thu-{letter.sha256[:12]}.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    events = AuditEvent.objects.filter(action="petitions.confidential_attachment_opened")
    assert events.count() == 2
    event = events.first()
    assert (event.actor_id, event.target_id) == (officer.pk, str(case.pk))
    assert event.data == {
        "tracking_code": case.tracking_code,
        "attachment": letter.pk,
        "sha256": letter.sha256,
    }

    # The chair handles the unit's cases but is not this case's handler: the same 404 as for a
    # file that does not exist, and nothing recorded.
    client.force_login(personas["chair_a"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (404, 405)
    assert events.count() == 2
    # Once the case has another handler, the former one cannot open it either.
    Case.objects.filter(pk=case.pk).update(handler=personas["chair_a"])
    client.force_login(officer)
    assert client.get(url).status_code == 404
    client.force_login(personas["chair_a"])
    assert client.get(url).status_code == 200
    # Without any handler, nobody.
    Case.objects.filter(pk=case.pk).update(handler=None)
    for name in HANDLERS:
        client.force_login(personas[name])
        assert client.get(url).status_code == 404
    assert events.count() == 3


def test_an_attachment_opens_only_under_its_own_case_and_is_not_audited(tree, personas, client):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "feedback")
    other = make_case(tree.commune_a, "feedback")
    receipt = attach(case, confidential=False, content=b"%PDF-1.4\n% bien lai\n%%EOF\n")
    client.force_login(personas["chair_a"])
    response, content = _download(client, attachment_url(receipt))
    assert response.status_code == 200 and content.startswith(b"%PDF-1.4\n% bien lai")
    assert 'filename="bien-lai.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    # Another case's id in the path, or an id that does not exist: 404.
    assert client.get(attachment_url(receipt, other)).status_code == 404
    missing = reverse("petitions:workflow_attachment", args=[case.pk, receipt.pk + 1000])
    assert client.get(missing).status_code == 404
    client.force_login(officer)
    assert client.get(attachment_url(receipt)).status_code == 200
    assert not AuditEvent.objects.filter(action="petitions.confidential_attachment_opened").exists()


def test_the_case_page_lists_the_attachments_each_may_open(tree, personas, client):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "denunciation", handler=officer)
    letter = attach(case, confidential=True)
    receipt = attach(case, confidential=False, content=b"%PDF-1.4\n% bien lai\n%%EOF\n")
    page_url = reverse("petitions:workflow_case", args=[case.pk])

    client.force_login(officer)
    page = client.get(page_url).content.decode()
    assert gettext("Attachments") in page
    assert attachment_url(letter) in page and attachment_url(receipt) in page
    assert "bien-lai.pdf" in page
    assert letter.original_name not in page  # the letter is shown as such, not by a name

    client.force_login(personas["chair_a"])
    page = client.get(page_url).content.decode()
    assert attachment_url(receipt) in page
    assert attachment_url(letter) not in page

    bare = make_case(tree.commune_a, "feedback")
    page = client.get(reverse("petitions:workflow_case", args=[bare.pk])).content.decode()
    assert "petitions:workflow_attachment" not in page
    assert "/attachments/" not in page
