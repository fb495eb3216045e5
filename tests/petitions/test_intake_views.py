"""Intake pages: the public form, receipt, tracking, my cases, rating, and the officials' desk
and case pages, with the permission matrix of every page (anonymous, resident, officer of the
unit, officer of another commune, the commune Front)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.petitions.models.cases import Case
from tests.petitions.intake_helpers import COMPLAINANT, DENOUNCER, denounce, receive, web_form

pytestmark = pytest.mark.django_db

PERSONAL = (*DENOUNCER.values(), *COMPLAINANT.values())


def _no_personal_data(content: str) -> None:
    for value in PERSONAL:
        assert value not in content


# --- public form, receipt, tracking ------------------------------------------------------------


def test_anyone_sends_and_sees_the_receipt_in_the_same_session(client, tree):
    url = "/petitions/units/90001/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, web_form())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/receipt/{case.tracking_code}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and case.tracking_code in page.content.decode()
    pdf = client.get(f"/petitions/receipt/{case.tracking_code}/receipt.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_receipt_is_not_for_another_session(client, tree, login, personas):
    case = receive(None, tree.commune_a)
    for url in (
        f"/petitions/receipt/{case.tracking_code}/",
        f"/petitions/receipt/{case.tracking_code}/receipt.pdf",
    ):
        assert client.get(url).status_code == 404
    login(personas["officer_b"])
    assert client.get(f"/petitions/receipt/{case.tracking_code}/").status_code == 404


def test_the_owner_sees_their_receipt_later(client, tree, login, personas):
    case = receive(personas["resident"], tree.commune_a)
    login(personas["resident"])
    assert client.get(f"/petitions/receipt/{case.tracking_code}/").status_code == 200


def test_a_signed_in_residents_name_is_prefilled(client, tree, login, personas):
    resident = personas["resident"]
    resident.full_name = "Phạm Thu Hằng"
    resident.save(update_fields=["full_name"])
    login(resident)
    assert "Phạm Thu Hằng" in client.get("/petitions/units/90001/new/").content.decode()


def test_the_form_shows_errors_and_changes_nothing(client, tree):
    response = client.post("/petitions/units/90001/new/", web_form(subject=""))
    assert response.status_code == 200 and not Case.objects.exists()
    assert 'class="field has-error"' in response.content.decode()
    response = client.post("/petitions/units/90001/new/", web_form(full_name=""))
    assert escape(gettext("Please enter the sender's full name.")) in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("code", ["90001-001", "99999"])
def test_no_form_for_units_that_do_not_receive(client, tree, code):
    assert client.get(f"/petitions/units/{code}/new/").status_code == 404


def test_tracking_shows_status_and_no_personal_data(client, tree, personas):
    case = denounce(None, tree.commune_a)
    response = client.get("/petitions/track/", {"code": case.tracking_code.lower()})
    content = response.content.decode()
    assert response.status_code == 200 and case.tracking_code in content
    _no_personal_data(content)
    assert case.content not in content and case.subject not in content
    assert client.get("/petitions/track/", {"code": "DT26-AAAA-BBBB"}).status_code == 404
    assert client.get("/petitions/track/").status_code == 200


# --- my cases and rating -----------------------------------------------------------------------


def test_my_cases_lists_own_cases_with_constant_queries(client, tree, login, personas):
    resident = personas["resident"]
    login(resident)
    receive(resident, tree.commune_a)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/petitions/mine/").status_code == 200
    for _ in range(3):
        denounce(resident, tree.commune_a)
    receive(None, tree.commune_a)  # not theirs
    with CaptureQueriesContext(connection) as four:
        response = client.get("/petitions/mine/")
    assert len(four) == len(one)
    assert response.content.decode().count("DT") >= 4
    mine = {c.tracking_code for c in Case.objects.filter(owner_digest__gt="")}
    for code in mine:
        assert code in response.content.decode()


def test_my_cases_needs_sign_in(client, tree):
    response = client.get("/petitions/mine/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_rating_from_my_cases(client, tree, login, personas):
    resident = personas["resident"]
    case = receive(resident, tree.commune_a)
    Case.objects.filter(pk=case.pk).update(status="answered")
    url = f"/petitions/mine/{case.tracking_code}/rate/"
    login(personas["officer_a"])
    assert client.post(url, {"score": 5}).status_code == 404
    login(resident)
    assert client.post(url, {"score": 5, "comment": "Tốt"}).status_code == 302
    case.refresh_from_db()
    assert case.satisfaction == 5
    client.post(url, {"score": 1})
    case.refresh_from_db()
    assert case.satisfaction == 5


# --- officials ---------------------------------------------------------------------------------

OFFICIAL_MATRIX = [
    ("chair_a", 200),
    ("officer_a", 200),
    ("officer_b", 404),
    ("front_a", 404),
    ("resident", 404),
    ("village_head_a1", 404),
]


@pytest.mark.parametrize(("persona", "status"), OFFICIAL_MATRIX)
def test_desk_and_case_pages_matrix(client, tree, login, personas, persona, status):
    case = receive(None, tree.commune_a)
    login(personas[persona])
    assert client.get("/petitions/units/90001/desk/").status_code == status
    assert client.get(f"/petitions/cases/{case.pk}/intake/").status_code == status
    for action in ("classify", "split", "route", "merge", "unseal"):
        response = client.post(f"/petitions/cases/{case.pk}/{action}/", {})
        assert response.status_code == (400 if status == 200 else 404), action


def test_officials_pages_need_sign_in(client, tree):
    case = receive(None, tree.commune_a)
    for url in ("/petitions/units/90001/desk/", f"/petitions/cases/{case.pk}/intake/"):
        assert client.get(url).status_code == 302
    assert client.post(f"/petitions/cases/{case.pk}/classify/", {}).status_code == 302


def test_desk_intake_requires_the_citizens_confirmation(client, tree, login, personas):
    login(personas["officer_a"])
    data = web_form(channel="desk", received_on="", group_size=1, signed="on")
    data["received_on"] = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post("/petitions/units/90001/desk/", data)
    assert response.status_code == 200 and not Case.objects.exists()
    data["confirmed_by_citizen"] = "on"
    response = client.post("/petitions/units/90001/desk/", data)
    case = Case.objects.get()
    assert response["Location"] == f"/petitions/cases/{case.pk}/intake/"
    assert case.channel == "desk"


def test_classify_route_and_merge_pages(client, tree, login, personas):
    officer = personas["officer_a"]
    login(officer)
    case = receive(None, tree.commune_a, kind_hint="")
    other = receive(None, tree.commune_a, kind_hint="")
    page = client.get(f"/petitions/cases/{case.pk}/intake/").content.decode()
    assert other.tracking_code in page  # offered as a duplicate
    response = client.post(f"/petitions/cases/{case.pk}/classify/", {"kind": "complaint"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.kind == "complaint"
    response = client.post(
        f"/petitions/cases/{case.pk}/route/", {"handler": personas["chair_a"].pk, "to_unit": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.handler == personas["chair_a"]
    response = client.post(f"/petitions/cases/{other.pk}/merge/", {"into": case.pk})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.merged_into == case


def test_a_denunciation_page_shows_no_identity_until_the_handler_unseals(
    client, tree, login, personas
):
    case = denounce(None, tree.commune_a)
    Case.objects.filter(pk=case.pk).update(handler=personas["officer_a"])
    login(personas["chair_a"])
    page = client.get(f"/petitions/cases/{case.pk}/intake/").content.decode()
    _no_personal_data(page)
    response = client.post(f"/petitions/cases/{case.pk}/unseal/", {"reason": "Xác minh"})
    assert response.status_code == 400
    _no_personal_data(response.content.decode())
    login(personas["officer_a"])
    response = client.post(f"/petitions/cases/{case.pk}/unseal/", {"reason": ""})
    assert response.status_code == 400
    _no_personal_data(response.content.decode())
    assert AuditEvent.objects.filter(action="petitions.unseal_refused").count() == 2
    response = client.post(f"/petitions/cases/{case.pk}/unseal/", {"reason": "Mời làm việc"})
    assert response.status_code == 200 and DENOUNCER["full_name"] in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="petitions.identity_unsealed").count() == 1


def test_search_entries_of_cases_hold_no_identity(tree, personas):
    from danchu.core.search.models import SearchEntry

    case = denounce(personas["resident"], tree.commune_a)
    entries = list(SearchEntry.objects.filter(kind="petitions.case").values())
    assert entries and case.tracking_code in str(entries)
    for value in DENOUNCER.values():
        assert value not in str(entries)
    assert case.subject not in str(entries)


# --- issue #7 review ---------------------------------------------------------------------------


def _mixed_letter(personas, tree):
    from danchu.petitions.services_intake import case_split

    officer = personas["officer_a"]
    letter = receive(officer, tree.commune_a, channel="post", kind_hint="")
    complaint, denunciation = case_split(
        actor=officer,
        case=letter,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại", "content": "Phần khiếu nại"},
            {"kind": "denunciation", "subject": "Tố cáo", "content": "Phần tố cáo"},
        ],
    )
    return letter, complaint, denunciation


def test_split_links_of_a_denunciation_part_are_shown_to_its_handler_only(
    client, tree, login, personas
):
    from danchu.petitions.services_intake import case_route

    letter, complaint, denunciation = _mixed_letter(personas, tree)
    case_route(actor=personas["chair_a"], case=denunciation, handler=personas["officer_a"])
    pages = {
        letter: (complaint.tracking_code, denunciation.tracking_code),
        complaint: (letter.tracking_code,),
        denunciation: (letter.tracking_code,),
    }
    for who, shown in (("chair_a", False), ("officer_a", True)):
        login(personas[who])
        for case, codes in pages.items():
            for url in (f"/petitions/cases/{case.pk}/intake/", f"/petitions/cases/{case.pk}/"):
                response = client.get(url)
                assert response.status_code == 200, (who, url)
                content = response.content.decode()
                if url.endswith("/intake/"):
                    for code in codes:
                        assert (code in content) is shown, (who, url, code)
                else:  # the workflow page's timeline never names the parts
                    assert complaint.tracking_code not in content or case == complaint
                    assert denunciation.tracking_code not in content or case == denunciation


def test_an_anonymous_case_is_offered_information_not_complaint_or_denunciation(
    client, tree, login, personas
):
    case = denounce(None, tree.commune_a, anonymous=True, sender=None, kind_hint="feedback")
    login(personas["officer_a"])
    response = client.get(f"/petitions/cases/{case.pk}/intake/")
    kinds = [value for value, _label in response.context["classify_form"].fields["kind"].choices]
    assert "information" in kinds
    assert "complaint" not in kinds and "denunciation" not in kinds
    refused = client.post(f"/petitions/cases/{case.pk}/classify/", {"kind": "denunciation"})
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.kind == "feedback"
    assert AuditEvent.objects.filter(action="petitions.refused_step").count() == 1


def test_my_cases_lists_the_residents_own_denunciations_and_parts(client, tree, login, personas):
    resident = personas["resident"]
    feedback = receive(resident, tree.commune_a)
    denunciation = denounce(resident, tree.commune_a)
    denounce(personas["chair_a"], tree.commune_a)  # another account's
    login(resident)
    response = client.get("/petitions/mine/")
    codes = {row["case"].tracking_code for row in response.context["rows"]}
    assert codes == {feedback.tracking_code, denunciation.tracking_code}
    for case in (feedback, denunciation):
        assert client.get(f"/petitions/receipt/{case.tracking_code}/").status_code == 200
