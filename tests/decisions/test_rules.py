"""The decision rules, table-tested with the law's numbers (LAW.md §1.2, §1.5; R-DEC-02…10,
R-HU-02): two-thirds of ALL households for items 1–2 (Art. 21(1)), more than 50% of ALL
households for items 3–6, two-thirds of ALL villages at commune scope, the village-code quorum of
more than 50% present (ND 61 Art. 10), online votes for item 6 after > 50% chose them (ND 59 Art. 5).
"""

from __future__ import annotations

import pytest

from danchu.decisions.domain.rules import (
    ballot_fallback_needed,
    meeting_quorum_met,
    online_vote_allowed,
    passes,
)

PASSES = [
    # kind, scope, eligible, approvals, passes?
    ("contribution", "village", 300, 200, True),  # exactly two-thirds
    ("contribution", "village", 300, 199, False),
    ("contribution", "village", 100, 67, True),  # 67/100 ≥ 2/3
    ("contribution", "village", 100, 66, False),  # 66/100 < 2/3
    ("community_fund", "village", 3, 2, True),
    ("community_fund", "village", 3, 1, False),
    ("contribution", "commune", 12, 8, True),  # two-thirds of ALL villages
    ("contribution", "commune", 12, 7, False),
    ("community_fund", "commune", 10, 7, True),
    ("community_fund", "commune", 10, 6, False),
    ("village_code", "village", 100, 51, True),
    ("village_code", "village", 100, 50, False),  # exactly 50% is not "more than 50%"
    ("village_head", "village", 101, 51, True),
    ("village_head", "village", 101, 50, False),
    ("board_member", "village", 2, 2, True),
    ("board_member", "village", 2, 1, False),
    ("other", "village", 250, 126, True),
    ("other", "village", 250, 125, False),
    ("other", "village", 0, 0, False),  # nobody to decide
    ("contribution", "village", 0, 0, False),
]


@pytest.mark.parametrize(("kind", "scope", "eligible", "approvals", "expected"), PASSES)
def test_passes(kind, scope, eligible, approvals, expected):
    assert passes(kind, scope, eligible, approvals) is expected


QUORUM = [
    ("village_code", 200, 101, True),  # more than 50% of households present
    ("village_code", 200, 100, False),  # exactly half is not enough
    ("village_code", 201, 101, True),
    ("contribution", 200, 1, True),  # no attendance quorum outside the village code
    ("other", 200, 0, True),
]


@pytest.mark.parametrize(("kind", "eligible", "present", "expected"), QUORUM)
def test_meeting_quorum(kind, eligible, present, expected):
    assert meeting_quorum_met(kind, eligible, present) is expected


FALLBACK = [
    # too few present for the threshold to be reachable
    ("contribution", 300, 199, True),
    ("contribution", 300, 200, False),  # all present agreeing would be exactly two-thirds
    ("other", 100, 50, True),
    ("other", 100, 51, False),
    ("village_head", 101, 50, True),
    ("village_code", 200, 100, True),  # quorum not met
    ("village_code", 200, 101, False),
]


@pytest.mark.parametrize(("kind", "eligible", "present", "expected"), FALLBACK)
def test_ballot_fallback(kind, eligible, present, expected):
    assert ballot_fallback_needed(kind, eligible, present) is expected


ONLINE = [
    ("other", 100, 51, True),
    ("other", 100, 50, False),  # exactly half did not choose it
    ("contribution", 100, 100, False),  # online voting is for item 6 only
    ("village_code", 100, 100, False),
    ("village_head", 100, 100, False),
]


@pytest.mark.parametrize(("kind", "eligible", "chose_online", "expected"), ONLINE)
def test_online_vote_allowed(kind, eligible, chose_online, expected):
    assert online_vote_allowed(kind, eligible, chose_online) is expected


@pytest.mark.parametrize(
    "call",
    [
        lambda: passes("contribution", "village", -1, 0),
        lambda: passes("contribution", "village", 10, -1),
        lambda: passes("contribution", "village", 10, 11),
        lambda: passes("festival", "village", 10, 5),
        lambda: passes("other", "commune", 10, 5),  # only items 1–2 have commune scope
        lambda: passes("other", "province", 10, 5),
        lambda: passes("other", "village", 10.0, 5),
        lambda: meeting_quorum_met("village_code", 10, 11),
        lambda: meeting_quorum_met("nope", 10, 1),
        lambda: ballot_fallback_needed("other", 10, -2),
        lambda: online_vote_allowed("other", 10, 11),
        lambda: online_vote_allowed("x", 10, 1),
    ],
)
def test_invalid_input_raises(call):
    with pytest.raises(ValueError):
        call()


FORMS = [
    # Art. 17(2): items 3–5 at a meeting; ND 59 Art. 4(1)(c): ballots up front only for item 6;
    # ND 59 Art. 5: online only for item 6.
    ("contribution", "meeting", True),
    ("contribution", "ballot", False),
    ("contribution", "online", False),
    ("village_code", "ballot", False),
    ("village_head", "online", False),
    ("other", "ballot", True),
    ("other", "online", True),
]


@pytest.mark.parametrize(("kind", "form", "expected"), FORMS)
def test_form_allowed(kind, form, expected):
    from danchu.decisions.domain.rules import form_allowed

    assert form_allowed(kind, form) is expected
