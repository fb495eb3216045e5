# ruff: noqa: F811  (pytest fixtures imported from test_outcomes_services)
"""The outcome pages and endpoints: a permission matrix for each (the village's and commune's
officials 200/302, an official of another commune 404, anonymous sent to login), the panel on
the matter page for residents and officials, the commune's list (overdue first, constant query
count) and the initiative's consents (Art. 16(3))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.core.access.models import User
from danchu.core.people.models import HouseholdMember
from danchu.decisions.models import (
    CommunityDecision,
    DecisionStatus,
    InitiativeConsent,
    Matter,
    MatterStatus,
)
from danchu.decisions.services_outcomes import decision_recognise, decision_refuse
from tests.conftest import make_household, make_user
from tests.decisions.test_outcomes_services import (  # noqa: F401  (fixtures)
    CONTENT,
    SIGNERS,
    _own_hooks,
    commune_matter,
    decide,
    draw_up,
    head,
    homes,
    households_of,
    propose,
    sent,
)

LOGIN = resolve_url(settings.LOGIN_URL)


def _as(client, personas, who):
    client.logout()
    if who:
        client.force_login(personas[who])
    return client


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.fixture
def adopted(head, tree, homes):
    return decide(head, tree.village_a1, homes)


@pytest.fixture
def code_decision(head, tree, homes):
    """A decision the commune UBND recognises (a village head's election), sent to the commune
    and awaiting its answer. (A village code's recognition also needs its dossier:
    test_village_codes_services.)"""
    return sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="village_head")))


_RESIDENTS = 0


def resident_of(village, *, moved_away: bool = False) -> User:
    """A user whose person is a member of a household of ``village`` (or was, and left)."""
    global _RESIDENTS
    _RESIDENTS += 1
    household = make_household(village, f"R{_RESIDENTS:03d}", members=1)
    if moved_away:
        HouseholdMember.objects.filter(household=household).update(
            left_on=timezone.localdate() - timedelta(days=1)
        )
    return make_user(
        f"0913{_RESIDENTS:06d}",
        full_name=household.representative.full_name,
        person=household.representative,
    )


def viewer(personas, tree, who):
    """A persona, or a resident made now (after the vote: the village's count is fixed)."""
    if who == "resident_a1":
        return resident_of(tree.village_a1)
    if who == "resident_a2":
        return resident_of(tree.village_a2)
    if who == "resident_b1":
        return resident_of(tree.village_b1)
    if who == "moved_away_a1":
        return resident_of(tree.village_a1, moved_away=True)
    return personas[who] if who else None


# --- the matter page ----------------------------------------------------------------------------


# Who opens the decision's papers (Mẫu 03 lists every online voter's name and address): the
# officials over the village and its commune, and the village's residents; nobody else.
PAPER_MATRIX = [
    ("village_head_a1", 200),
    ("front_head_a1", 200),
    ("chair_a", 200),
    ("officer_a", 200),
    ("front_a", 200),
    ("resident_a1", 200),
    ("resident_a2", 404),  # a resident of another village of the same commune
    ("moved_away_a1", 404),  # no longer a member of the village's household
    ("resident", 404),  # signed in, no household
    ("officer_b", 404),
    ("province_officer", 404),
    ("agency_head_a", 404),
    (None, "login"),
]


def _client_for(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def _check(response, expected) -> None:
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    "who",
    [None, "resident", "resident_a2", "officer_b", "resident_a1", "village_head_a1", "chair_a"],
)
def test_everyone_sees_the_decision_only_the_unit_sees_its_papers(
    client, personas, tree, head, adopted, who
):
    decision = draw_up(head, adopted)
    c = _client_for(client, viewer(personas, tree, who))
    page = c.get(f"/decisions/{adopted.pk}/").content.decode()
    assert escape(CONTENT) in page  # the result is public (ND 59/2023 Art. 5(4)(b))
    assert escape(decision.result) in page
    papers = who in ("resident_a1", "village_head_a1", "chair_a")
    assert (f"/documents/{decision.document_id}/download/pdf/" in page) is papers
    assert (f"/documents/{decision.document_id}/download/docx/" in page) is papers
    can_send = who in ("village_head_a1", "chair_a")  # those who run the matter
    assert (f"/decisions/{adopted.pk}/decision/send/" in page) is can_send
    assert (f"/decisions/{adopted.pk}/decision/annul/" in page) is (who == "chair_a")


def _paper(personas, head, tree, homes, which: str) -> int:
    """The id of the community decision, its recognition or the written refusal."""
    if which == "decision":
        return draw_up(head, decide(head, tree.village_a1, homes)).document_id
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="village_head")))
    on = timezone.localdate()
    if which == "recognition":
        return decision_recognise(
            actor=personas["chair_a"], decision=decision, on=on
        ).recognition_document_id
    return decision_refuse(
        actor=personas["chair_a"], decision=decision, on=on, reasons="Không đủ tiêu chuẩn."
    ).refusal_document_id


@pytest.mark.parametrize("which", ["decision", "recognition", "refusal"])
@pytest.mark.parametrize(("who", "expected"), PAPER_MATRIX)
def test_the_decision_papers_permission_matrix(
    client, personas, tree, head, homes, which, who, expected
):
    pk = _paper(personas, head, tree, homes, which)
    c = _client_for(client, viewer(personas, tree, who))
    for url in (
        f"/documents/{pk}/",
        f"/documents/{pk}/download/pdf/",
        f"/documents/{pk}/download/docx/",
        f"/documents/{pk}/print/",
    ):
        _check(c.get(url), expected)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 200),
        ("front_a", 200),
        ("village_head_a1", 200),  # an official of one of its villages
        ("resident_a1", 200),
        ("resident_a2", 200),
        ("resident_b1", 404),  # another commune
        ("officer_b", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_a_commune_decision_paper_is_seen_across_the_commune(
    client, personas, tree, commune_matter, who, expected
):
    decision = draw_up(
        personas["chair_a"],
        commune_matter,
        village_head_name="Chủ tịch Xã",
        front_head_name="Chủ tịch Mặt trận Xã",
    )
    c = _client_for(client, viewer(personas, tree, who))
    _check(c.get(f"/documents/{decision.document_id}/download/pdf/"), expected)


def test_the_panel_shows_the_commune_its_actions_and_overdue_deadlines(
    client, personas, code_decision
):
    CommunityDecision.objects.filter(pk=code_decision.pk).update(
        recognition_due=timezone.localdate() - timedelta(days=1)
    )
    pk = code_decision.matter_id
    page = _as(client, personas, "chair_a").get(f"/decisions/{pk}/").content.decode()
    assert f"/decisions/{pk}/decision/recognise/" in page
    assert f"/decisions/{pk}/decision/receive/" in page
    assert f"/decisions/{pk}/decision/refuse/" in page
    assert f"/decisions/{pk}/decision/annul/" in page
    assert escape(gettext("Overdue")) in page
    front_page = _as(client, personas, "front_a").get(f"/decisions/{pk}/").content.decode()
    assert f"/decisions/{pk}/decision/recognise/" not in front_page
    assert f"/decisions/{pk}/decision/receive/" not in front_page


def test_the_village_head_is_offered_to_draw_up(client, personas, adopted):
    page = _as(client, personas, "village_head_a1").get(f"/decisions/{adopted.pk}/")
    assert f"/decisions/{adopted.pk}/decision/new/" in page.content.decode()
    public = _as(client, personas, "resident").get(f"/decisions/{adopted.pk}/")
    assert f"/decisions/{adopted.pk}/decision/new/" not in public.content.decode()


# --- permission matrix --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("village_head_a1", 200),
        ("chair_a", 200),
        ("front_head_a1", 404),
        ("front_a", 404),
        ("officer_b", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_draw_up_page(client, personas, adopted, who, expected):
    response = _as(client, personas, who).get(f"/decisions/{adopted.pk}/decision/new/")
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


def test_draw_up_posts_to_the_service_and_shows_refusals(client, personas, adopted):
    c = _as(client, personas, "village_head_a1")
    data = {
        "content": CONTENT,
        "village_head_name": SIGNERS["village_head_name"],
        "front_head_name": SIGNERS["front_head_name"],
        "representative_1": "Lê Văn Đại Diện",
        "representative_2": "",
    }
    response = c.post(f"/decisions/{adopted.pk}/decision/new/", data)
    assert response.status_code == 200
    assert escape(gettext("Name the two household representatives who sign the decision.")) in (
        response.content.decode()
    )
    assert not CommunityDecision.objects.exists()
    data["representative_2"] = "Phạm Thị Hộ Dân"
    response = c.post(f"/decisions/{adopted.pk}/decision/new/", data)
    assert response.status_code == 302
    assert CommunityDecision.objects.get().representative_2_name == "Phạm Thị Hộ Dân"


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("village_head_a1", 302),
        ("chair_a", 302),
        ("front_a", 404),
        ("front_head_a1", 404),
        ("officer_b", 404),
        (None, "login"),
    ],
)
def test_send_endpoint(client, personas, head, adopted, who, expected):
    decision = draw_up(head, adopted)
    response = _as(client, personas, who).post(
        f"/decisions/{adopted.pk}/decision/send/",
        {"send-sent_on": timezone.localdate().isoformat()},
    )
    decision.refresh_from_db()
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert (decision.sent_on is not None) is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 302),
        ("officer_a", 302),
        ("front_a", 404),
        ("village_head_a1", 404),
        ("officer_b", 404),
        ("province_officer", 404),
        (None, "login"),
    ],
)
@pytest.mark.parametrize("step", ["recognise", "refuse"])
def test_recognise_and_refuse_endpoints(client, personas, code_decision, who, expected, step):
    response = _as(client, personas, who).post(
        f"/decisions/{code_decision.matter_id}/decision/{step}/",
        {
            f"{step}-on": timezone.localdate().isoformat(),
            "refuse-reasons": "Chưa niêm yết dự thảo đủ 30 ngày.",
        },
    )
    code_decision.refresh_from_db()
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected
    done = DecisionStatus.RECOGNISED if step == "recognise" else DecisionStatus.REFUSED
    assert (code_decision.status == done) is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 302),
        ("officer_a", 302),
        ("front_a", 404),
        ("village_head_a1", 404),
        ("officer_b", 404),
        ("province_officer", 404),
        (None, "login"),
    ],
)
def test_receive_endpoint(client, personas, code_decision, who, expected):
    from danchu.core.audit.models import AuditEvent

    response = _as(client, personas, who).post(
        f"/decisions/{code_decision.matter_id}/decision/receive/",
        {"receive-received_on": timezone.localdate().isoformat()},
    )
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected
    recorded = AuditEvent.objects.filter(action="decisions.decision_received").exists()
    assert recorded is (expected == 302)
    code_decision.refresh_from_db()
    assert code_decision.received_on == timezone.localdate()


def test_a_refused_decision_shows_its_written_answer(client, personas, code_decision):
    from danchu.decisions.services_outcomes import decision_refuse

    decision = decision_refuse(
        actor=personas["chair_a"],
        decision=code_decision,
        on=timezone.localdate(),
        reasons="Chưa niêm yết dự thảo đủ 30 ngày.",
    )
    c = _client_for(client, resident_of(decision.matter.unit))
    page = c.get(f"/decisions/{decision.matter_id}/").content.decode()
    assert f"/documents/{decision.refusal_document_id}/download/pdf/" in page
    assert escape(gettext("Written answer refusing recognition")) in page
    assert escape(gettext("Recognition decision")) + ":" not in page


def test_refusing_without_reasons_shows_the_rule(client, personas, code_decision):
    c = _as(client, personas, "chair_a")
    response = c.post(
        f"/decisions/{code_decision.matter_id}/decision/refuse/",
        {"refuse-on": timezone.localdate().isoformat(), "refuse-reasons": ""},
        follow=True,
    )
    assert response.status_code == 200
    code_decision.refresh_from_db()
    assert code_decision.status == DecisionStatus.SENT


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 302),
        ("officer_a", 302),
        ("front_a", 404),
        ("village_head_a1", 404),
        ("officer_b", 404),
        (None, "login"),
    ],
)
def test_effective_date_endpoint(client, personas, commune_matter, who, expected):
    decision = draw_up(
        personas["chair_a"],
        commune_matter,
        village_head_name="Chủ tịch Xã",
        front_head_name="Chủ tịch Mặt trận",
    )
    response = _as(client, personas, who).post(
        f"/decisions/{commune_matter.pk}/decision/effective/",
        {"effective-on": (timezone.localdate() + timedelta(days=10)).isoformat()},
    )
    decision.refresh_from_db()
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert (decision.status == DecisionStatus.IN_EFFECT) is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 302),
        ("officer_a", 302),
        ("front_a", 404),
        ("village_head_a1", 404),
        ("officer_b", 404),
        (None, "login"),
    ],
)
@pytest.mark.parametrize("step", ["annul", "amendment-request"])
def test_annul_and_amendment_request_endpoints(
    client, personas, head, adopted, who, expected, step
):
    decision = draw_up(head, adopted)
    response = _as(client, personas, who).post(
        f"/decisions/{adopted.pk}/decision/{step}/",
        {
            "annul-on": timezone.localdate().isoformat(),
            "annul-grounds": "Trái pháp luật.",
            "amendreq-grounds": "Chưa đúng trình tự.",
        },
    )
    decision.refresh_from_db()
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected
    done = DecisionStatus.ANNULLED if step == "annul" else DecisionStatus.AMENDMENT_REQUESTED
    assert (decision.status == done) is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("village_head_a1", 200),
        ("chair_a", 200),
        ("front_head_a1", 404),
        ("officer_b", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_amendment_page(client, personas, head, adopted, who, expected):
    draw_up(head, adopted)
    response = _as(client, personas, who).get(f"/decisions/{adopted.pk}/decision/amend/")
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


def test_amendment_page_proposes_a_matter_that_amends(client, personas, head, adopted):
    draw_up(head, adopted)
    response = _as(client, personas, "village_head_a1").post(
        f"/decisions/{adopted.pk}/decision/amend/",
        {
            "title": "Sửa mức đóng góp",
            "description": "",
            "form": "meeting",
            "front_agreed_by": "Trần Thị Mặt Trận",
            "front_agreed_on": timezone.localdate().isoformat(),
        },
    )
    amendment = Matter.objects.get(amends=adopted)
    assert response.status_code == 302
    assert response["Location"] == f"/decisions/{amendment.pk}/"


def test_endpoints_for_a_matter_without_decision_are_404(client, personas, adopted):
    c = _as(client, personas, "chair_a")
    steps = ("send", "receive", "recognise", "refuse", "effective", "annul", "amendment-request")
    for step in steps:
        assert c.post(f"/decisions/{adopted.pk}/decision/{step}/").status_code == 404
    assert c.get(f"/decisions/{adopted.pk}/decision/amend/").status_code == 404


# --- the commune's list -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 200),
        ("officer_a", 200),
        ("front_a", 200),
        ("village_head_a1", 404),
        ("front_head_a1", 404),
        ("officer_b", 404),
        ("province_officer", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_commune_list_permissions(client, personas, tree, who, expected):
    response = _as(client, personas, who).get("/decisions/communes/90001/outcomes/")
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


def test_commune_list_is_for_communes_only(client, personas):
    c = _as(client, personas, "chair_a")
    assert c.get("/decisions/communes/90001-001/outcomes/").status_code == 404
    assert c.get("/decisions/communes/nope/outcomes/").status_code == 404


def test_commune_list_shows_overdue_first(client, personas, head, tree):
    homes = households_of(tree.village_a1, 3)
    on_time = draw_up(head, decide(head, tree.village_a1, homes, title="Đúng hạn"))
    late = draw_up(head, decide(head, tree.village_a1, homes, title="Quá hạn gửi"))
    done = sent(head, draw_up(head, decide(head, tree.village_a1, homes, title="Đã gửi xong")))
    CommunityDecision.objects.filter(pk=late.pk).update(send_due=date(2026, 1, 5))
    page = _as(client, personas, "officer_a").get("/decisions/communes/90001/outcomes/")
    html = page.content.decode()
    assert html.index("Quá hạn gửi") < html.index("Đúng hạn")
    assert escape(gettext("Overdue")) in html
    assert "Đã gửi xong" not in html  # in effect and sent: nothing awaited
    assert on_time.pk and done.pk


def test_the_commune_list_does_not_grow_in_queries(client, personas, head, tree):
    homes = households_of(tree.village_a1, 3)
    c = _as(client, personas, "chair_a")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/decisions/communes/90001/outcomes/").status_code == 200
        return len(ctx.captured_queries)

    def add(n: int, kind: str) -> None:
        for i in range(n):
            decision = draw_up(head, decide(head, tree.village_a1, homes, kind=kind, title=f"{i}"))
            if kind == "village_code":
                sent(head, decision)

    add(1, "other")
    add(1, "village_code")
    small = count()
    add(4, "other")
    add(4, "village_code")
    assert count() == small


def test_the_commune_page_links_to_its_list(client, personas, tree):
    page = _as(client, personas, "chair_a").get("/units/90001/").content.decode()
    assert "/decisions/communes/90001/outcomes/" in page
    public = _as(client, personas, "resident").get("/units/90001/").content.decode()
    assert "/decisions/communes/90001/outcomes/" not in public


# --- residents' initiatives ---------------------------------------------------------------------


@pytest.fixture
def initiative(head, tree):
    households_of(tree.village_a1, 20)
    return propose(
        actor=head,
        village=tree.village_a1,
        kind="other",
        form="meeting",
        title="Sáng kiến trồng cây",
        origin="initiative",
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("village_head_a1", 200),
        ("front_head_a1", 200),
        ("chair_a", 200),
        ("front_a", 200),
        ("officer_a", 404),
        ("officer_b", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_initiative_page(client, personas, initiative, who, expected):
    response = _as(client, personas, who).get(f"/decisions/{initiative.pk}/initiative/")
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


def test_a_proposal_has_no_initiative_page(client, personas, adopted):
    c = _as(client, personas, "village_head_a1")
    assert c.get(f"/decisions/{adopted.pk}/initiative/").status_code == 404


@pytest.mark.parametrize(
    ("who", "recorded"),
    [("village_head_a1", True), ("front_head_a1", True), ("officer_b", False), (None, False)],
)
def test_recording_a_consent_by_household_number(client, personas, initiative, who, recorded):
    response = _as(client, personas, who).post(
        f"/decisions/{initiative.pk}/initiative/",
        {"household_code": "H03", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code in (302, 404)
    assert InitiativeConsent.objects.filter(matter=initiative).exists() is recorded


def test_valid_consents_are_counted_against_ten_percent_of_all_households(
    client, personas, initiative
):
    c = _as(client, personas, "front_head_a1")
    today = timezone.localdate()
    # 20 households: 2 consents are needed. One is older than three months and no longer counts.
    for code, given_on in (("H00", today), ("H01", today - timedelta(days=120))):
        c.post(
            f"/decisions/{initiative.pk}/initiative/",
            {"household_code": code, "given_on": given_on.isoformat()},
        )
    assert InitiativeConsent.objects.filter(matter=initiative).count() == 2
    response = c.get(f"/decisions/{initiative.pk}/initiative/")
    summary = response.context["summary"]
    assert (summary["households"], summary["needed"], summary["valid"]) == (20, 2, 1)
    assert summary["reaches"] is False
    assert escape(gettext("Expired")) in response.content.decode()
    c.post(
        f"/decisions/{initiative.pk}/initiative/",
        {"household_code": "H02", "given_on": today.isoformat()},
    )
    summary = c.get(f"/decisions/{initiative.pk}/initiative/").context["summary"]
    assert (summary["valid"], summary["reaches"]) == (2, True)


def test_an_unknown_household_number_is_shown_on_the_form(client, personas, initiative):
    response = _as(client, personas, "village_head_a1").post(
        f"/decisions/{initiative.pk}/initiative/",
        {"household_code": "KHONG-CO", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert escape(gettext("No current household with that number in this village.")) in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("front_head_a1", 302),
        ("village_head_a1", 404),
        ("chair_a", 404),
        ("officer_b", 404),
        (None, "login"),
    ],
)
def test_front_approval_endpoint(client, personas, initiative, who, expected):
    response = _as(client, personas, who).post(f"/decisions/{initiative.pk}/initiative/approve/")
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected
    initiative.refresh_from_db()
    assert initiative.initiative_front_approved is (expected == 302)


def test_the_matter_page_shows_the_initiative_count(client, personas, initiative):
    page = _as(client, personas, "village_head_a1").get(f"/decisions/{initiative.pk}/")
    assert f"/decisions/{initiative.pk}/initiative/" in page.content.decode()
    assert initiative.status == MatterStatus.DRAFT
