"""The ballots pages: a permission matrix for every page and endpoint (404 outside the unit,
login for officials' pages), the printable ballots (QR and code text, constant queries), the
entry page's clear messages, and the commune's page of villages (constant queries)."""

from __future__ import annotations

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.models import Ballot, HouseholdVote, Matter
from danchu.decisions.services import matter_close
from tests.conftest import make_household
from tests.decisions.factories import decide_by_ballots
from tests.decisions.test_ballots import _commune_matter
from tests.decisions.test_ballots_support import ready_and_issued, village

WHO = ("village_head_a1", "front_head_a1", "chair_a", "officer_b", "resident", None)


@pytest.fixture
def matter(personas, tree):
    village(tree, 3)
    return ready_and_issued(personas, tree)


def _as(client, personas, who):
    if who:
        client.force_login(personas[who])
    return client


@pytest.mark.parametrize(
    ("page", "method", "allowed"),
    [
        ("plan", "get", {"village_head_a1", "front_head_a1", "chair_a"}),
        ("team", "get", {"village_head_a1", "front_head_a1", "chair_a"}),
        ("issue", "post", {"village_head_a1", "front_head_a1", "chair_a"}),
        ("print", "get", {"village_head_a1", "front_head_a1", "chair_a"}),
        ("enter", "get", {"village_head_a1", "front_head_a1", "chair_a"}),
        ("count", "get", {"village_head_a1", "chair_a"}),
    ],
)
@pytest.mark.parametrize("who", WHO)
def test_every_ballots_page_is_for_the_villages_officials(
    client, personas, matter, page, method, allowed, who
):
    response = getattr(_as(client, personas, who), method)(
        f"/decisions/{matter.pk}/ballots/{page}/"
    )
    if who is None:
        assert response.status_code == 302 and "/login" in response["Location"]
    elif who in allowed:
        assert response.status_code == (302 if method == "post" else 200)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", WHO)
def test_the_pdf_of_the_ballots(client, personas, matter, who):
    response = _as(client, personas, who).get(f"/decisions/{matter.pk}/ballots/print.pdf")
    if who is None:
        assert response.status_code == 302
    elif who in ("village_head_a1", "front_head_a1", "chair_a"):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    else:
        assert response.status_code == 404


def test_each_ballot_carries_its_code_as_text_and_as_a_decodable_qr(client, personas, matter):
    client.force_login(personas["village_head_a1"])
    page = client.get(f"/decisions/{matter.pk}/ballots/print/").content.decode()
    ballots = list(Ballot.objects.filter(matter=matter).select_related("household"))
    assert page.count('class="sheet"') == 3
    for ballot in ballots:
        assert rules_ballots.format_code(ballot.code) in page
        assert f"số {ballot.household.code}" in page
        target = f"http://testserver/decisions/{matter.pk}/ballots/enter/?code={ballot.code}"
        # The same text encodes to the same symbol: the printed QR decodes to the entry address.
        assert segno.make(target, error="m").svg_inline(scale=2) in page
    assert "Trưởng thôn".upper() in page  # village scope: signed bottom-right (R-DEC-13)
    assert "Dấu treo" not in page
    assert "Phiếu lấy ý kiến hộ gia đình" in page
    assert "Ý kiến khác (nếu có)" in page and "Thời hạn gửi lại phiếu" in page


def test_the_print_page_does_not_grow_in_queries(client, personas, tree, matter):
    client.force_login(personas["village_head_a1"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/decisions/{matter.pk}/ballots/print/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    households = [make_household(tree.village_a1, f"N{i:03d}", members=1) for i in range(20)]
    Ballot.objects.bulk_create(
        [Ballot(matter=matter, household=h, code=rules_ballots.new_code()) for h in households]
    )
    assert count() == small


def test_the_entry_page_says_clearly_what_happened(client, personas, matter):
    client.force_login(personas["front_head_a1"])
    ballot = Ballot.objects.filter(matter=matter).first()
    url = f"/decisions/{matter.pk}/ballots/enter/"
    assert ballot.code in client.get(f"{url}?code={ballot.code}").content.decode()  # scanned
    done = client.post(
        url, {"code": rules_ballots.format_code(ballot.code), "choice": "agree"}, follow=True
    )
    assert escape(ballot.household.code) in done.content.decode()
    again = client.post(url, {"code": ballot.code, "choice": "disagree"})
    assert again.status_code == 200
    message = gettext("This ballot was already entered on %(when)s by %(who)s.").split("%")[0]
    assert escape(message.strip()) in again.content.decode()
    assert HouseholdVote.objects.filter(matter=matter).count() == 1
    matter.refresh_from_db()
    assert (matter.agree_count, matter.disagree_count) == (1, 0)


def test_the_matter_page_shows_the_ballots_panel(client, personas, matter):
    client.force_login(personas["village_head_a1"])
    page = client.get(f"/decisions/{matter.pk}/").content.decode()
    for name in ("plan", "team", "print", "enter", "count"):
        assert f"/decisions/{matter.pk}/ballots/{name}/" in page


# --- the commune's page of villages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "while_open", "when_closed"),
    [
        ("chair_a", 200, 200),
        ("officer_a", 200, 200),
        ("front_a", 200, 200),
        ("village_head_a1", 404, 200),
        ("officer_b", 404, 200),
        ("resident", 404, 200),
        (None, 404, 200),
    ],
)
def test_the_villages_page_is_public_once_closed(
    client, personas, tree, who, while_open, when_closed
):
    matter = _commune_matter(personas, tree, villages=2)
    url = f"/decisions/{matter.pk}/villages/"
    assert _as(client, personas, who).get(url).status_code == while_open
    chair = personas["chair_a"]
    for part in Matter.objects.filter(parent=matter):
        decide_by_ballots(chair, part, agree=0)
    matter_close(actor=chair, matter=matter)
    assert client.get(url).status_code == when_closed


def test_the_villages_page_lists_each_result_and_the_total(client, personas, tree):
    matter = _commune_matter(personas, tree, villages=3)
    chair = personas["chair_a"]
    parts = list(Matter.objects.filter(parent=matter).order_by("unit__code"))
    for part in parts[:2]:
        decide_by_ballots(chair, part, agree=2)
    client.force_login(chair)
    page = client.get(f"/decisions/{matter.pk}/villages/").content.decode()
    assert "2 / 3" in page
    assert escape(gettext("At least two-thirds of all villages adopted it")) in page
    assert f"/decisions/{matter.pk}/close/" in page
    for part in parts:
        assert escape(part.unit.name) in page


def test_the_villages_page_does_not_grow_in_queries(client, personas, tree):
    from danchu.core.units.domain.kinds import Kind
    from tests.conftest import make_unit

    matter = _commune_matter(personas, tree, villages=2)
    client.force_login(personas["chair_a"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/decisions/{matter.pk}/villages/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(15):
        unit = make_unit(f"90001-2{i:02d}", f"Thôn Mới {i}", Kind.VILLAGE, tree.commune_a)
        Matter.objects.create(
            unit=unit,
            parent=matter,
            kind=matter.kind,
            form=matter.form,
            title=matter.title,
            status="open",
            eligible_households=0,
            opened_at=matter.opened_at,
        )
    assert count() == small
