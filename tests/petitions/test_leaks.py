"""No denouncer identity anywhere (Law on Denunciations 25/2018/QH14 Arts 8, 9(1)(b), 47, 56;
issue #7 acceptance: "A test renders every page, export and API response that a verifier, a
statistics viewer and the public can reach for a demo denunciation, and none contains the
denouncer's name, phone or ID number").

A denunciation with a distinctive denouncer is received through ``case_receive``, classified,
routed to a handler, accepted, alerted, extended, concluded and published through the services,
and rated by its sender. The denouncer is the signed-in persona "resident" (their name and phone
are the account's), so no step, audit event or paper may name the account that sent it either.
Then every petitions page, partial, export, document, API response, search result and
notification reachable by the public, the sender's own account, statistics viewers (the commune
Front, a province officer), verifiers (officials of the unit who are not the handler) and the
assigned handler without unsealing is rendered, its bytes read (XLSX/DOCX unzipped, PDF through
pdftotext), and searched for the name (also without diacritics), the phone and the ID number.

The petitions URL patterns and the API's petitions routes are enumerated from the URL resolver:
a pattern added later fails this test until it is visited here or listed as not applicable.
"""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from danchu.common.text import fold
from danchu.core.access import roles
from danchu.core.audit.models import AuditEvent
from danchu.core.documents.models import DocumentFile, GeneratedDocument
from danchu.core.notify.models import Notification
from danchu.core.search.models import SearchEntry
from danchu.petitions import services_workflow as workflow
from danchu.petitions.models import Attachment, Case, CaseEvent, CaseParty, Extension
from danchu.petitions.sealing import sealed_identity_of
from danchu.petitions.services_intake import (
    case_classify,
    case_rate,
    case_receive,
    case_route,
)
from danchu.petitions.views_workflow import EXTRA_STEPS, STEPS
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SECRET = {
    "full_name": "Đinh Thị Bí Mật",
    "address": "Số 9 hẻm Kín, thôn Hai",
    "phone": "0987654321",
    "id_number": "038190012345",
}
FOLDED_NAME = "dinh thi bi mat"

# Patterns of the petitions app that this test does not render, and why. Everything else is.
NOT_APPLICABLE = {
    "reception_day": "a reception day holds no case data (the demo case was not received there)",
    "reception_book": "booking a reception slot; no case data",
    "reception_day_postpone": "postponing a reception day; no case data",
    "reception_booking_cancel": "cancelling a booking; no case data",
    "reception_entry": "logbook entries are the reception step's; the demo case has none",
    "reception_entry_answer": "logbook entries are the reception step's; the demo case has none",
    "reception_entry_refuse": "logbook entries are the reception step's; the demo case has none",
    "reception_entry_convert": "logbook entries are the reception step's; the demo case has none",
}
API_NOT_APPLICABLE: dict[str, str] = {}


# --- reading what a response carries ------------------------------------------------------------


def _flat(text: str) -> str:
    """Folded (no diacritics, lower case), punctuation as spaces, spaces collapsed."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


def _xml_text(data: bytes) -> str:
    """Every XML part of an XLSX or DOCX, tags removed (runs of a paragraph join up)."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                xml = archive.read(name).decode("utf-8", "replace")
                parts.append(xml)
                parts.append(re.sub(r"<[^>]+>", "", xml))
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        result = subprocess.run(  # noqa: S603
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
            capture_output=True,
            check=True,
        )
    return result.stdout.decode("utf-8", "replace")


def bytes_text(data: bytes, content_type: str = "") -> str:
    """The readable text of a body: PDF via pdftotext, XLSX/DOCX unzipped, JSON with its
    non-ASCII characters unescaped, anything else decoded."""
    if data.startswith(b"%PDF"):
        return _pdf_text(data)
    if data.startswith(b"PK\x03\x04"):
        return _xml_text(data)
    text = data.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def response_text(response) -> str:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    return bytes_text(data, response.get("Content-Type", ""))


def assert_clean(text: str, where: str) -> None:
    assert SECRET["full_name"] not in text, where
    assert FOLDED_NAME not in _flat(text), where
    assert SECRET["phone"] not in text, where
    assert SECRET["id_number"] not in text, where


def test_the_checker_catches_the_identity_in_every_form():
    for leaked in (
        "Người tố cáo: Đinh Thị Bí Mật",
        "DINH THI BI MAT",
        "dinh-thi-bi-mat.pdf",
        "ĐT 0987654321",
        '{"id": "038190012345"}',
    ):
        with pytest.raises(AssertionError):
            assert_clean(leaked, "control")
    assert_clean("Người tố cáo (thông tin được giữ bí mật)", "control")


# --- the demo denunciation ------------------------------------------------------------------------


def _become_the_denouncer(resident) -> None:
    """The signed-in persona "resident" is the denouncer: the account's name and phone are the
    ones sealed."""
    resident.full_name = SECRET["full_name"]
    resident.phone = SECRET["phone"]
    resident.save()


def without_own_account(text: str) -> str:
    """A page of the sender's own session without what it shows them of themselves: the account
    link in the header and the form fields prefilled with their name and phone."""
    text = re.sub(r'<header class="site-header">.*?</header>', "", text, flags=re.S)
    for value in (SECRET["full_name"], SECRET["phone"]):
        text = text.replace(f'value="{value}"', 'value=""')
    return text


# The original letter as the denouncer sent it: signed with the name and phone. Only the
# assigned handler may open it (Art. 56), so it must not reach anyone else.
LETTER = "%PDF-1.4\n% thu to cao - Đinh Thị Bí Mật, ĐT 0987654321\n%%EOF\n".encode()


def _demo(tree, personas) -> Case:
    chair, handler = personas["chair_a"], personas["officer_a"]
    letter = SimpleUploadedFile("dinh-thi-bi-mat-0987654321.pdf", LETTER, "application/pdf")
    case = case_receive(
        actor=personas["resident"],
        unit=tree.commune_a,
        channel="web",
        subject="Tố cáo cán bộ địa chính thu tiền trái phép",
        content="Cán bộ địa chính xã thu tiền của các hộ khi làm thủ tục đất đai, có biên lai.",
        sender=dict(SECRET),
        kind_hint="denunciation",
        attachments=[letter],
    )
    case_classify(actor=chair, case=case, kind="denunciation")
    case_route(actor=chair, case=case, handler=handler)
    workflow.case_add_accused(actor=handler, case=case, full_name="Cán bộ địa chính xã")
    case = workflow.denunciation_accept(
        actor=handler, case=case, accused_summary="Thu tiền trái phép khi làm thủ tục đất đai."
    )
    workflow.petitions_alerts_run(today=case.due_on)  # the handler and the chair are alerted
    case = workflow.denunciation_extend(
        actor=handler, case=case, reason="Cần xác minh thêm hồ sơ đất đai của các hộ."
    )
    case = workflow.denunciation_conclude(
        actor=handler,
        case=case,
        conclusion="Nội dung tố cáo đúng một phần; cán bộ địa chính phải hoàn trả tiền đã thu.",
    )
    case = workflow.denunciation_publish(
        actor=handler, case=case, place="Niêm yết tại trụ sở Ủy ban nhân dân xã"
    )
    return case_rate(actor=personas["resident"], case=case, score=4, comment="Cảm ơn")


def assert_not_the_actor(user, case: Case) -> None:
    assert not CaseEvent.objects.filter(actor=user).exists()
    assert not AuditEvent.objects.filter(actor_id=user.pk).exists()
    assert not AuditEvent.objects.filter(actor_label=str(user)).exists()
    assert not GeneratedDocument.objects.filter(created_by=user).exists()
    events = AuditEvent.objects.filter(target_type="petitions.case", target_id=str(case.pk))
    assert events.exists()
    for event in events:
        assert event.actor_id is None or event.actor_id != user.pk
        assert_clean(json.dumps(event.data, ensure_ascii=False), f"audit {event.action}")


# --- what to visit --------------------------------------------------------------------------------


def petitions_url_names() -> set[str]:
    _prefix, resolver = get_resolver().namespace_dict["petitions"]
    return {pattern.name for pattern in resolver.url_patterns}


def api_petitions_names() -> set[str]:
    _prefix, resolver = get_resolver().namespace_dict["api"]
    return {
        pattern.name for pattern in resolver.url_patterns if "petitions" in str(pattern.pattern)
    }


def petitions_urls(case: Case) -> dict[str, list[str]]:
    """Each petitions URL name and the URLs of the demo denunciation it leads to."""
    code, pk, tracking = case.unit.code, case.pk, case.tracking_code

    def r(name: str, *args) -> str:
        return reverse(f"petitions:{name}", args=args)

    return {
        "intake_new": [r("intake_new", code)],
        "intake_desk": [r("intake_desk", code)],
        "intake_receipt": [r("intake_receipt", tracking)],
        "intake_receipt_pdf": [r("intake_receipt_pdf", tracking)],
        "intake_track": [f"{r('intake_track')}?code={tracking}"],
        "intake_mine": [r("intake_mine")],
        "intake_rate": [r("intake_rate", tracking)],
        "intake_case": [r("intake_case", pk)],
        "intake_classify": [r("intake_classify", pk)],
        "intake_split": [r("intake_split", pk)],
        "intake_route": [r("intake_route", pk)],
        "intake_merge": [r("intake_merge", pk)],
        "intake_unseal": [r("intake_unseal", pk)],
        "workflow_queue": [
            r("workflow_queue", code),
            f"{r('workflow_queue', code)}?kind=denunciation",
        ],
        "workflow_queue_export": [r("workflow_queue_export", code, f) for f in ("xlsx", "csv")],
        "workflow_statistics": [r("workflow_statistics", code)],
        "workflow_statistics_export": [
            r("workflow_statistics_export", code, f) for f in ("xlsx", "csv")
        ],
        "workflow_case": [r("workflow_case", pk)],
        "workflow_attachment": [
            r("workflow_attachment", pk, attachment_pk)
            for attachment_pk in Attachment.objects.filter(case=case).values_list("pk", flat=True)
        ],
        "workflow_case_step": [
            r("workflow_case_step", pk, action) for action in (*STEPS, *EXTRA_STEPS)
        ],
        "oversight_overdue": [
            r("oversight_overdue", case.unit.parent.code),
            r("oversight_overdue", code),
        ],
        "oversight_request": [r("oversight_request", pk)],
        "reception_unit": [r("reception_unit", code)],
        "reception_manage": [r("reception_manage", code)],
        "reception_day_new": [r("reception_day_new", code)],
        "reception_schedule_document": [r("reception_schedule_document", code)],
        "reception_logbook": [r("reception_logbook", code)],
        "reception_logbook_export": [
            r("reception_logbook_export", code, f) for f in ("xlsx", "csv")
        ],
        "reception_entry_new": [r("reception_entry_new", code)],
    }


def api_urls(case: Case) -> dict[str, list[tuple[str, str]]]:
    """Each API petitions route name: (method, URL). Writes are sent empty (refused)."""
    code, pk = case.unit.code, case.pk
    return {
        "create_case": [("post", f"/api/v1/units/{code}/petitions")],
        "list_cases": [
            ("get", f"/api/v1/units/{code}/petitions"),
            ("get", f"/api/v1/units/{code}/petitions?kind=denunciation&overdue=false"),
        ],
        "case_status": [("get", f"/api/v1/petitions/status/{case.tracking_code}")],
        "get_case": [("get", f"/api/v1/petitions/{pk}")],
        "classify_case": [("post", f"/api/v1/petitions/{pk}/classify")],
        "route_case": [("post", f"/api/v1/petitions/{pk}/route")],
        "case_step": [("post", f"/api/v1/petitions/{pk}/steps/{action}") for action in STEPS],
        "case_statistics": [("get", f"/api/v1/units/{code}/petitions/statistics")],
    }


def other_urls(case: Case) -> list[str]:
    """Pages outside the app that show the case: the unit page, the papers, search, alerts."""
    documents = sorted(
        set(
            CaseEvent.objects.filter(case=case, document__isnull=False).values_list(
                "document_id", flat=True
            )
        )
    )
    urls = [
        reverse("units:detail", args=[case.unit.code]),
        reverse("documents:unit_documents", args=[case.unit.code]),
        reverse("notify:list"),
        reverse("notify:bell"),
    ]
    for pk in documents:
        urls += [reverse("documents:detail", args=[pk]), reverse("documents:print", args=[pk])]
        for fmt in DocumentFile.objects.filter(document_id=pk).values_list("format", flat=True):
            urls.append(reverse("documents:download", args=[pk, fmt]))
    for query in (case.tracking_code, "địa chính", "tố cáo", "thu tiền"):
        urls.append(f"{reverse('search:results')}?q={query}")
    return urls


def visit(client: Client, url: str, method: str = "get"):
    if method == "get":
        response = client.get(url)
        if response.status_code != 405:
            return response
    return (
        client.post(url, {}, content_type="application/json")
        if "/api/" in url
        else client.post(url, {})
    )


# --- the test ---------------------------------------------------------------------------------


def test_no_page_export_document_or_api_response_carries_the_denouncer(tree, personas, caplog):
    caplog.set_level(logging.DEBUG)
    resident = personas["resident"]
    _become_the_denouncer(resident)
    verifier = make_user(
        "0911000099", roles.COMMUNE_OFFICER, tree.commune_a, full_name="verifier_a"
    )
    case = _demo(tree, personas)
    assert case.status == "published" and case.satisfaction == 4
    assert case.handler == personas["officer_a"]
    before = (case.status, case.due_on, case.extensions, CaseEvent.objects.count())

    visitors: dict[str, Client] = {"public": Client()}
    for name, user in {
        "sender": personas["resident"],
        "front": personas["front_a"],
        "province": personas["province_officer"],
        "chair_verifier": personas["chair_a"],
        "officer_verifier": verifier,
        "handler": personas["officer_a"],
    }.items():
        visitors[name] = Client()
        visitors[name].force_login(user)

    pages = petitions_urls(case)
    api = api_urls(case)
    unknown = petitions_url_names() - set(pages) - set(NOT_APPLICABLE)
    assert not unknown, f"petitions pages neither visited nor listed as not applicable: {unknown}"
    unknown_api = api_petitions_names() - set(api) - set(API_NOT_APPLICABLE)
    assert not unknown_api, f"petitions API routes not visited: {unknown_api}"

    reached: dict[tuple[str, str], int] = {}
    for who, client in visitors.items():
        for name, urls in pages.items():
            for url in urls:
                response = visit(client, url)
                reached[(who, name)] = max(reached.get((who, name), 0), response.status_code)
                if name == "workflow_attachment":
                    # The original letter itself (it names the denouncer): for the assigned
                    # handler only (Art. 56).
                    if who == "handler":
                        assert b"".join(response.streaming_content) == LETTER
                        continue
                    assert response.status_code != 200, (who, url)
                text = response_text(response)
                if who == "sender":
                    text = without_own_account(text)
                assert_clean(text, f"{who} {url} {response.status_code}")
        for name, calls in api.items():
            for method, url in calls:
                response = visit(client, url, method)
                reached[(who, f"api:{name}")] = response.status_code
                text = response_text(response)
                if who == "sender":
                    text = without_own_account(text)
                assert_clean(text, f"{who} {method} {url}")
        for url in other_urls(case):
            response = visit(client, url)
            reached[(who, url)] = response.status_code
            text = response_text(response)
            if who == "sender":
                text = without_own_account(text)
            assert_clean(text, f"{who} {url} {response.status_code}")
        for query in (SECRET["full_name"], FOLDED_NAME, SECRET["phone"], SECRET["id_number"]):
            found = client.get(reverse("search:results"), {"q": query})
            assert case.tracking_code not in found.content.decode(), (who, query)

    # The test reached what each of them may see (it is not vacuous).
    assert reached[("public", "intake_track")] == 200
    assert reached[("public", "api:case_status")] == 200
    assert reached[("sender", "intake_receipt_pdf")] == 200
    for who in ("front", "province"):
        assert reached[(who, "workflow_statistics")] == 200
        assert reached[(who, "workflow_statistics_export")] == 200
        assert reached[(who, "api:case_statistics")] == 200
    for who in ("chair_verifier", "officer_verifier", "handler"):
        for name in ("intake_case", "workflow_case", "workflow_queue", "workflow_queue_export"):
            assert reached[(who, name)] == 200, (who, name)
        assert reached[(who, "api:get_case")] == 200
        assert reached[(who, "api:list_cases")] == 200
        assert reached[(who, "reception_logbook_export")] == 200
    # The confidential original letter: the assigned handler only, audited once per download.
    assert len(pages["workflow_attachment"]) == 1
    assert Attachment.objects.get(case=case).confidential
    assert reached[("handler", "workflow_attachment")] == 200
    for who in ("public", "sender", "front", "province", "chair_verifier", "officer_verifier"):
        assert reached[(who, "workflow_attachment")] in (302, 404), who
    opened = AuditEvent.objects.filter(action="petitions.confidential_attachment_opened")
    assert [e.actor_id for e in opened] == [personas["officer_a"].pk]
    papers = [
        url for url in other_urls(case) if url.startswith("/documents/") and "/units/" not in url
    ]
    assert len(papers) >= 6 * 3
    for who in ("chair_verifier", "officer_verifier", "handler"):
        assert {reached[(who, url)] for url in papers} == {200}, who
    search = visitors["handler"].get(reverse("search:results"), {"q": case.tracking_code})
    assert case.tracking_code in search.content.decode()

    # Every stored paper, row, index entry, notification and log line, whoever may read it.
    for stored in DocumentFile.objects.all():
        with stored.file.open("rb") as handle:
            assert_clean(bytes_text(handle.read()), f"document file {stored.pk}")
    for model in (
        Case,
        CaseParty,
        CaseEvent,
        Extension,
        Attachment,
        AuditEvent,
        SearchEntry,
        Notification,
        GeneratedDocument,
    ):
        rows: Iterable[dict] = model.objects.values()
        assert_clean(str(list(rows)), model.__name__)
    assert Notification.objects.filter(recipient=personas["officer_a"]).exists()
    assert_clean(caplog.text, "logs")

    # The sender's account is the actor of nothing: no step of the case, no audit event (of the
    # case, its receipt or anything else), no paper (Law on Denunciations Arts 8, 9(1)(b), 47).
    assert_not_the_actor(resident, case)
    assert reached[("sender", "intake_mine")] == 200

    # Nothing was changed by the refused writes, and the identity is still there, sealed.
    case.refresh_from_db()
    assert (case.status, case.due_on, case.extensions, CaseEvent.objects.count()) == before
    assert sealed_identity_of(case)["sender"]["full_name"] == SECRET["full_name"]
    assert not AuditEvent.objects.filter(action="petitions.identity_unsealed").exists()
