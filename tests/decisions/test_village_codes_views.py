"""Village code pages: the public list and code page, the village head's and the commune's
forms, the commune page; a permission matrix for each, and lists in constant queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from danchu.decisions.models import VillageCode, VillageCodeReview, VillageCodeStatus
from danchu.decisions.services_village_codes import code_draft, code_post, code_put_to_vote

S = VillageCodeStatus
TODAY = timezone.localdate
VILLAGE = "90001-001"
COMMUNE = "90001"


def _code(personas, tree, title="Hương ước thôn Một", **fields) -> VillageCode:
    code = code_draft(
        actor=personas["village_head_a1"], village=tree.village_a1, title=title, text="Điều 1."
    )
    if fields:
        VillageCode.objects.filter(pk=code.pk).update(**fields)
        code.refresh_from_db()
    return code


def _in_effect(personas, tree, **extra) -> VillageCode:
    extra.setdefault("status", S.IN_EFFECT)
    extra.setdefault("posted_on", TODAY() - timedelta(days=500))
    # Recognised in an earlier year: due for this year's review whatever the day of the run.
    extra.setdefault("recognised_on", TODAY() - timedelta(days=400))
    return _code(personas, tree, **extra)


def _get(client, personas, who, url):
    if who:
        client.force_login(personas[who])
    return client.get(url)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(resolve_url(settings.LOGIN_URL))


# --- public pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", [None, "resident", "officer_b", "village_head_a1", "chair_a", "front_head_a1"]
)
def test_the_list_and_a_posted_code_are_public(client, personas, tree, who):
    posted = _code(personas, tree, title="Dự thảo đã niêm yết", status=S.POSTED, posted_on=TODAY())
    draft = _code(personas, tree, title="Bản nháp đang viết")
    listing = _get(client, personas, who, f"/decisions/units/{VILLAGE}/village-codes/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Dự thảo đã niêm yết" in page
    officials = ("village_head_a1", "chair_a", "front_head_a1")
    assert ("Bản nháp đang viết" in page) is (who in officials)
    assert client.get(f"/decisions/village-codes/{posted.pk}/").status_code == 200
    expected = 200 if who in officials else 404
    assert client.get(f"/decisions/village-codes/{draft.pk}/").status_code == expected


def test_the_code_page_shows_the_posting_period_and_days_left(client, personas, tree):
    code = _code(
        personas, tree, status=S.POSTED, posted_on=TODAY() - timedelta(days=10), comment_days=30
    )
    page = client.get(f"/decisions/village-codes/{code.pk}/").content.decode()
    # The posting day is not counted: 20 more counted days after today, the vote the day after.
    until = (TODAY() + timedelta(days=21)).strftime("%d/%m/%Y")
    assert until in page
    assert "21" in page and "Điều 1." in page
    # No actions for the public.
    assert f"/decisions/village-codes/{code.pk}/vote/" not in page
    client.force_login(personas["village_head_a1"])
    page = client.get(f"/decisions/village-codes/{code.pk}/").content.decode()
    assert f"/decisions/village-codes/{code.pk}/vote/" in page


def test_a_commune_or_unknown_unit_has_no_village_code_list(client, personas, tree):
    assert client.get(f"/decisions/units/{COMMUNE}/village-codes/").status_code == 404
    assert client.get("/decisions/units/nope/village-codes/").status_code == 404
    assert client.get("/decisions/village-codes/999999/").status_code == 404


def test_the_list_does_not_grow_in_queries(client, personas, tree):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/decisions/units/{VILLAGE}/village-codes/").status_code == 200
        return len(ctx.captured_queries)

    for i in range(2):
        _code(personas, tree, title=f"Quy ước {i}", status=S.POSTED, posted_on=TODAY())
    client.force_login(personas["village_head_a1"])
    small = count()
    for i in range(20):
        _code(personas, tree, title=f"Quy ước thêm {i}", status=S.IN_EFFECT, recognised_on=TODAY())
    assert count() == small


# --- the village head's forms ----------------------------------------------------------------

HEAD_ONLY = [
    ("village_head_a1", 200),
    ("chair_a", 404),
    ("front_head_a1", 404),
    ("officer_b", 404),
    ("resident", 404),
    (None, "login"),
]


def _check(response, expected):
    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("who", "expected"), HEAD_ONLY)
def test_drafting_a_code(client, personas, tree, who, expected):
    url = f"/decisions/units/{VILLAGE}/village-codes/new/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(url, {"title": "Quy ước mới", "text": "Điều 1. Vệ sinh."})
    _check(response, 302 if expected == 200 else expected)
    assert VillageCode.objects.filter(title="Quy ước mới").exists() is (expected == 200)


@pytest.mark.parametrize(("who", "expected"), HEAD_ONLY)
def test_editing_and_posting(client, personas, tree, who, expected):
    code = _code(personas, tree)
    base = f"/decisions/village-codes/{code.pk}"
    for action in ("edit", "post"):
        _check(_get(client, personas, who, f"{base}/{action}/"), expected)
    client.post(f"{base}/edit/", {"title": "Tên mới", "text": "Điều 2."})
    response = client.post(
        f"{base}/post/", {"posted_on": TODAY().isoformat(), "comment_days": "30"}
    )
    _check(response, 302 if expected == 200 else expected)
    code.refresh_from_db()
    assert (code.title == "Tên mới") is (expected == 200)
    assert code.status == (S.POSTED if expected == 200 else S.DRAFTING)


def test_posting_for_29_days_is_refused_on_the_form(client, personas, tree):
    code = _code(personas, tree)
    client.force_login(personas["village_head_a1"])
    response = client.post(
        f"/decisions/village-codes/{code.pk}/post/",
        {"posted_on": TODAY().isoformat(), "comment_days": "29"},
    )
    assert response.status_code == 200
    code.refresh_from_db()
    assert code.status == S.DRAFTING


@pytest.mark.parametrize(("who", "expected"), HEAD_ONLY)
def test_putting_to_the_vote(client, personas, tree, who, expected):
    code = _code(personas, tree, status=S.POSTED, posted_on=TODAY() - timedelta(days=31))
    url = f"/decisions/village-codes/{code.pk}/vote/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(
        url,
        {
            "vote_on": TODAY().isoformat(),
            "front_agreed_by": "Trần Thị Mặt Trận",
            "front_agreed_on": TODAY().isoformat(),
        },
    )
    _check(response, 302 if expected == 200 else expected)
    code.refresh_from_db()
    assert (code.matter_id is not None) is (expected == 200)


def test_a_vote_before_the_period_ends_shows_the_earliest_day(client, personas, tree):
    # Posted 30 days ago: today is the period's last day (the posting day is not counted).
    code = _code(personas, tree, status=S.POSTED, posted_on=TODAY() - timedelta(days=30))
    client.force_login(personas["village_head_a1"])
    response = client.post(
        f"/decisions/village-codes/{code.pk}/vote/",
        {
            "vote_on": TODAY().isoformat(),
            "front_agreed_by": "Trần Thị Mặt Trận",
            "front_agreed_on": TODAY().isoformat(),
        },
    )
    message = _(
        "The draft must stay posted for %(days)d days: the vote can be held on "
        "%(date)s at the earliest."
    ) % {"days": 30, "date": (TODAY() + timedelta(days=1)).strftime("%d/%m/%Y")}
    assert escape(message) in response.content.decode()
    code.refresh_from_db()
    assert code.matter_id is None


@pytest.mark.parametrize(("who", "expected"), HEAD_ONLY)
def test_the_dossier_page(client, personas, tree, who, expected):
    code = _code(personas, tree, status=S.POSTED, posted_on=TODAY() - timedelta(days=30))
    _check(_get(client, personas, who, f"/decisions/village-codes/{code.pk}/dossier/"), expected)
    # Not adopted yet: the service refuses and the form shows it.
    response = client.post(
        f"/decisions/village-codes/{code.pk}/dossier/", {"sent_on": TODAY().isoformat()}
    )
    if expected == 200:
        assert response.status_code == 200
        assert (
            escape(_("Only a code the households adopted can be sent for recognition."))
            in response.content.decode()
        )
    code.refresh_from_db()
    assert code.dossier_sent_on is None


@pytest.mark.parametrize(("who", "expected"), HEAD_ONLY)
def test_recording_the_review(client, personas, tree, who, expected):
    code = _in_effect(personas, tree)
    url = f"/decisions/village-codes/{code.pk}/review/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(url, {"reviewed_on": TODAY().isoformat(), "summary": "Thực hiện tốt"})
    _check(response, 302 if expected == 200 else expected)
    assert VillageCodeReview.objects.filter(code=code).exists() is (expected == 200)


@pytest.mark.parametrize(("who", "expected"), HEAD_ONLY)
def test_setting_the_review_day(client, personas, tree, who, expected):
    code = _in_effect(personas, tree)
    url = f"/decisions/village-codes/{code.pk}/review-day/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(url, {"day": "20", "month": "12"})
    _check(response, 302 if expected == 200 else expected)
    code.refresh_from_db()
    assert code.review_agreed == ((12, 20) if expected == 200 else (11, 18))


def test_an_impossible_review_day_is_refused_on_the_form(client, personas, tree):
    code = _in_effect(personas, tree)
    client.force_login(personas["village_head_a1"])
    response = client.post(
        f"/decisions/village-codes/{code.pk}/review-day/", {"day": "29", "month": "2"}
    )
    assert response.status_code == 200
    assert escape(_("Choose a day that every year has.")) in response.content.decode()
    code.refresh_from_db()
    assert code.review_agreed == (11, 18)
    page = client.get(f"/decisions/village-codes/{code.pk}/").content.decode()
    assert "18/11" in page and f"/decisions/village-codes/{code.pk}/review-day/" in page


# --- the commune's forms ---------------------------------------------------------------------

COMMUNE_ONLY = [
    ("chair_a", 200),
    ("officer_a", 200),
    ("village_head_a1", 404),
    ("front_a", 404),
    ("officer_b", 404),
    ("resident", 404),
    (None, "login"),
]


@pytest.mark.parametrize(("who", "expected"), COMMUNE_ONLY)
def test_recording_a_report(client, personas, tree, who, expected):
    code = _in_effect(personas, tree)
    url = f"/decisions/village-codes/{code.pk}/report/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(url, {"received_on": TODAY().isoformat()})
    _check(response, 302 if expected == 200 else expected)
    code.refresh_from_db()
    assert (code.suspension_reported_on == TODAY()) is (expected == 200)


@pytest.mark.parametrize(("who", "expected"), COMMUNE_ONLY)
def test_suspending(client, personas, tree, who, expected):
    code = _in_effect(personas, tree)
    url = f"/decisions/village-codes/{code.pk}/suspend/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(
        url,
        {"on": TODAY().isoformat(), "whole": "0", "provisions": "Điều 3", "reason": "Trái luật"},
    )
    _check(response, 302 if expected == 200 else expected)
    code.refresh_from_db()
    assert code.status == (S.PARTLY_SUSPENDED if expected == 200 else S.IN_EFFECT)


@pytest.mark.parametrize(("who", "expected"), COMMUNE_ONLY)
def test_abolishing(client, personas, tree, who, expected):
    code = _in_effect(personas, tree)
    url = f"/decisions/village-codes/{code.pk}/abolish/"
    _check(_get(client, personas, who, url), expected)
    response = client.post(url, {"on": TODAY().isoformat(), "reason": "Không còn phù hợp"})
    _check(response, 302 if expected == 200 else expected)
    code.refresh_from_db()
    assert code.status == (S.ABOLISHED if expected == 200 else S.IN_EFFECT)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 302),
        ("officer_a", 302),
        ("village_head_a1", 404),
        ("officer_b", 404),
        (None, "login"),
    ],
)
def test_issuing_the_recognition_decision(client, personas, tree, who, expected):
    from danchu.decisions.documents_village_codes import RECOGNITION
    from danchu.decisions.services_village_codes import documents_of_code

    head = personas["village_head_a1"]
    code = code_post(actor=head, code=_code(personas, tree), posted_on=TODAY() - timedelta(days=40))
    code = code_put_to_vote(
        actor=head, code=code, vote_on=TODAY(), front_agreed_by="B", front_agreed_on=TODAY()
    )
    VillageCode.objects.filter(pk=code.pk).update(status=S.IN_EFFECT, recognised_on=TODAY())
    if who:
        client.force_login(personas[who])
    assert client.get(f"/decisions/village-codes/{code.pk}/recognition/").status_code in (
        405,
        302,
    )
    _check(client.post(f"/decisions/village-codes/{code.pk}/recognition/"), expected)
    papers = documents_of_code(code, doc_types=(RECOGNITION,))
    assert len(papers) == (1 if expected == 302 else 0)


# --- the commune page ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 200),
        ("officer_a", 200),
        ("front_a", 200),
        ("village_head_a1", 404),
        ("officer_b", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_the_commune_page_permissions(client, personas, tree, who, expected):
    _check(
        _get(client, personas, who, f"/decisions/units/{COMMUNE}/village-codes/commune/"),
        expected,
    )


def test_the_commune_page_lists_reports_dossiers_and_reviews(client, personas, tree):
    _in_effect(
        personas, tree, title="Báo cáo chờ", suspension_reported_on=TODAY() - timedelta(days=10)
    )
    _in_effect(
        personas,
        tree,
        title="Đã trả lời",
        suspension_reported_on=TODAY() - timedelta(days=10),
        suspended_on=TODAY() - timedelta(days=9),
        status=S.PARTLY_SUSPENDED,
    )
    _code(personas, tree, title="Hồ sơ chờ", status=S.ADOPTED, dossier_sent_on=TODAY())
    year = TODAY().year
    _in_effect(personas, tree, title="Ngày riêng", review_month=12, review_day=20)
    _in_effect(
        personas,
        tree,
        title="Mới công nhận",
        recognised_on=date(year, 12, 21),
        review_month=12,
        review_day=20,
    )
    reviewed = _in_effect(personas, tree, title="Đã đánh giá")
    VillageCodeReview.objects.create(code=reviewed, reviewed_on=TODAY(), summary="Tốt")
    other_commune = _code(personas, tree, title="Xã khác")
    VillageCode.objects.filter(pk=other_commune.pk).update(
        unit=tree.village_b1, status=S.IN_EFFECT, recognised_on=TODAY() - timedelta(days=400)
    )
    client.force_login(personas["officer_a"])
    page = client.get(
        f"/decisions/units/{COMMUNE}/village-codes/commune/?year={year}"
    ).content.decode()
    reports = page.split('id="reports"')[1].split('id="awaiting"')[0]
    assert "Báo cáo chờ" in reports and "Đã trả lời" not in reports
    assert escape(_("overdue")) in reports  # 10 days ago: more than 3 working days
    assert "Hồ sơ chờ" in page.split('id="awaiting"')[1].split('id="reviews"')[0]
    reviews = page.split('id="reviews"')[1]
    assert "Báo cáo chờ" in reviews and "Đã trả lời" in reviews
    assert "Đã đánh giá" not in reviews and "Xã khác" not in page
    assert "Ngày riêng" in reviews and "20/12" in reviews  # each code's agreed day
    assert "Mới công nhận" not in reviews  # recognised after its review day this year


def test_the_commune_page_does_not_grow_in_queries(client, personas, tree):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/decisions/units/{COMMUNE}/village-codes/commune/")
            assert response.status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            _in_effect(
                personas,
                tree,
                title=f"Quy ước {i}",
                suspension_reported_on=TODAY(),
            )
            _code(personas, tree, title=f"Hồ sơ {i}", status=S.ADOPTED, dossier_sent_on=TODAY())

    add(2)
    client.force_login(personas["chair_a"])
    count()  # the working-day calendar loads its adjustments once per process
    small = count()
    add(15)
    assert count() == small


def test_the_matter_page_links_to_its_code(client, personas, tree):
    head = personas["village_head_a1"]
    code = code_post(actor=head, code=_code(personas, tree), posted_on=TODAY() - timedelta(days=31))
    code = code_put_to_vote(
        actor=head, code=code, vote_on=TODAY(), front_agreed_by="B", front_agreed_on=TODAY()
    )
    client.force_login(head)
    page = client.get(f"/decisions/{code.matter_id}/").content.decode()
    assert f"/decisions/village-codes/{code.pk}/" in page


def test_the_village_and_commune_pages_link_here(client, personas, tree):
    assert (
        f"/decisions/units/{VILLAGE}/village-codes/"
        in client.get(f"/units/{VILLAGE}/").content.decode()
    )
    client.force_login(personas["chair_a"])
    assert (
        f"/decisions/units/{COMMUNE}/village-codes/commune/"
        in client.get(f"/units/{COMMUNE}/").content.decode()
    )


def test_the_code_follows_its_vote_when_saved_and_its_page_shows_the_dossier_due(
    client, personas, tree
):
    from danchu.core.calendar import add_working_days
    from danchu.decisions.models import Matter, MatterStatus

    head = personas["village_head_a1"]
    code = code_post(actor=head, code=_code(personas, tree), posted_on=TODAY() - timedelta(days=31))
    code = code_put_to_vote(
        actor=head, code=code, vote_on=TODAY(), front_agreed_by="B", front_agreed_on=TODAY()
    )
    matter = Matter.objects.get(pk=code.matter_id)
    matter.status, matter.closed_at, matter.eligible_households = (
        MatterStatus.ADOPTED,
        timezone.now(),
        3,
    )
    matter.save(update_fields=["status", "closed_at", "eligible_households"])  # post_save
    code.refresh_from_db()
    assert code.status == S.ADOPTED
    client.force_login(head)
    page = client.get(f"/decisions/village-codes/{code.pk}/").content.decode()
    assert add_working_days(TODAY(), 5).strftime("%d/%m/%Y") in page
    assert f"/decisions/village-codes/{code.pk}/dossier/" in page


@pytest.mark.parametrize("who", [None, "village_head_a1", "chair_a"])
def test_the_code_page_writes_nothing(client, personas, tree, who):
    """A GET changes no row and writes no audit event, whoever asks, even when the code is
    behind its matter (a status changed without save(): no receiver ran)."""
    from danchu.core.audit.models import AuditEvent
    from danchu.decisions.models import Matter, MatterStatus

    head = personas["village_head_a1"]
    code = code_post(actor=head, code=_code(personas, tree), posted_on=TODAY() - timedelta(days=31))
    code = code_put_to_vote(
        actor=head, code=code, vote_on=TODAY(), front_agreed_by="B", front_agreed_on=TODAY()
    )
    Matter.objects.filter(pk=code.matter_id).update(
        status=MatterStatus.ADOPTED, closed_at=timezone.now(), eligible_households=3
    )
    before = (
        VillageCode.objects.filter(pk=code.pk).values().get(),
        AuditEvent.objects.count(),
    )
    assert _get(client, personas, who, f"/decisions/village-codes/{code.pk}/").status_code == 200
    after = (VillageCode.objects.filter(pk=code.pk).values().get(), AuditEvent.objects.count())
    assert after == before
