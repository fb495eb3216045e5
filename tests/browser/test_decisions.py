"""A household's representative votes on a small phone: the vote page, one choice, one button."""

from __future__ import annotations

import pytest

from danchu.decisions.models import HouseholdVote
from tests.conftest import PASSWORD, make_household
from tests.decisions.factories import open_online, propose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_representative_votes_in_two_taps_on_a_phone(live_server, personas, tree, phone_page):
    homes = [make_household(tree.village_a1, f"H{i:02d}", members=1) for i in range(3)]
    resident = personas["resident"]
    resident.person = homes[0].representative
    resident.save()
    head = personas["village_head_a1"]
    matter = open_online(
        head,
        propose(
            actor=head, village=tree.village_a1, kind="other", form="online", title="Giờ tắt đèn"
        ),
    )
    page = phone_page
    page.goto(live_server.url + "/login/")
    page.locator("#id_username").fill("0911 000 009")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(live_server.url + f"/decisions/{matter.pk}/")
    vote = page.locator(f"form[action='/decisions/{matter.pk}/vote/']")
    vote.get_by_label("Đồng ý", exact=True).check()  # tap 1
    vote.get_by_role("button", name="Gửi biểu quyết").click()  # tap 2
    page.wait_for_load_state()
    recorded = HouseholdVote.objects.get(matter=matter)
    assert (recorded.household_id, recorded.choice, recorded.channel) == (
        homes[0].pk,
        "agree",
        "online",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
