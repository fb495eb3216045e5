"""The statutory catalogue is seeded with the numbers of Law 10/2022 (LAW.md §1.1, §1.8, §1.9)."""

from __future__ import annotations

import pytest

from danchu.disclosure.models import CatalogueItem

# (code, deadline amount, unit, posting days, permanent, loudspeaker days, village relay)
TABLE = [
    ("commune.01", 5, "working_days", 30, False, None, False),  # Arts 12(3), 13(2)
    ("commune.02", 5, "working_days", 30, False, None, False),
    ("commune.04", 5, "working_days", None, True, None, False),  # permanent (Art. 13(2))
    ("commune.07", 5, "working_days", 30, False, 3, True),  # Art. 13(3)–(4)
    ("commune.12", 5, "working_days", 30, False, 3, True),
    ("commune.13", 5, "working_days", None, True, None, False),
    ("agency.02", 5, "working_days", 20, False, None, False),  # Arts 47(2), 48
    ("enterprise.02", 15, "days", 20, False, None, False),  # Arts 65(2), 66
]


@pytest.mark.parametrize(
    ("code", "amount", "unit", "posting", "permanent", "broadcast", "relay"), TABLE
)
def test_catalogue_numbers(db, code, amount, unit, posting, permanent, broadcast, relay):
    item = CatalogueItem.objects.get(code=code)
    assert (item.deadline_amount, item.deadline_unit) == (amount, unit)
    assert (item.posting_days, item.permanent) == (posting, permanent)
    assert (item.broadcast_days, item.village_relay) == (broadcast, relay)


def test_item_counts(db):
    counts = {
        r: CatalogueItem.objects.filter(regime=r).count()
        for r in ("commune", "agency", "enterprise")
    }
    assert counts == {"commune": 14, "agency": 12, "enterprise": 8}


def test_every_commune_item_goes_on_the_website(db):
    """Art. 13(1): where the commune has a website, all Art. 11 items are posted there."""
    for item in CatalogueItem.objects.filter(regime="commune"):
        assert "website" in item.required_channels
