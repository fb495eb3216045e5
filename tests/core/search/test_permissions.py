"""A search never reveals a record the user may not open: households only to the officials
holding people.view_household over their village, anonymous users only public entries."""

import pytest
from django.contrib.auth.models import AnonymousUser

from danchu.core.search.kinds import HOUSEHOLD
from danchu.core.search.selectors import search
from tests.core.search.conftest import NOTICE


def _household_codes(actor, query="nguyen van"):
    page = search(actor, query, kinds=[HOUSEHOLD])
    return sorted(hit.entry.title.split(" — ")[0] for hit in page.object_list)


def test_commune_officer_sees_only_own_commune(personas, households):
    assert _household_codes(personas["officer_a"]) == ["A1-001", "A2-001"]
    assert _household_codes(personas["officer_b"]) == ["B1-001"]


def test_officer_of_commune_a_never_gets_commune_b_even_by_its_number(personas, households):
    assert _household_codes(personas["officer_a"], "B1-001") == []
    assert _household_codes(personas["officer_b"], "B1-001") == ["B1-001"]


def test_village_head_sees_only_own_village(personas, households):
    assert _household_codes(personas["village_head_a1"]) == ["A1-001"]


@pytest.mark.parametrize("persona", ["resident", "agency_head_a", "province_officer"])
def test_people_without_the_permission_see_no_household(personas, households, persona):
    assert _household_codes(personas[persona]) == []


def test_anonymous_users_get_only_public_entries(tree, households, notice):
    notice(tree.commune_a, "Thông báo công khai đường thôn", public=True)
    notice(tree.commune_b, "Hồ sơ nội bộ đường thôn", public=False)
    anonymous = AnonymousUser()
    assert _household_codes(anonymous) == []
    titles = [hit.entry.title for hit in search(anonymous, "duong thon").object_list]
    assert titles == ["Thông báo công khai đường thôn"]
    # Units are public: the search over every kind finds them.
    assert "Thôn Một" in [hit.entry.title for hit in search(anonymous, "thon mot").object_list]


def test_non_public_entries_follow_the_kind_permission(tree, personas, notice):
    notice(tree.village_b1, "Hồ sơ nội bộ đường thôn", public=False)

    def titles(persona):
        return [
            h.entry.title for h in search(personas[persona], "ho so", kinds=[NOTICE]).object_list
        ]

    assert titles("officer_b") == ["Hồ sơ nội bộ đường thôn"]
    assert titles("officer_a") == []
    assert titles("resident") == []
