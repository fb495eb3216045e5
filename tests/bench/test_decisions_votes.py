"""The decisions-votes benchmark's code path at tiny size on the test database (one thread, in
the test's transaction), so that the benchmark keeps working as the services change; and its
pure parts."""

from __future__ import annotations

import pytest

from bench import decisions_votes as bench
from danchu.decisions.models import HouseholdVote, MatterStatus


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert bench.percentile(values, 0.50) == 50.0
    assert bench.percentile(values, 0.95) == 95.0
    assert bench.percentile([3.0], 0.95) == 3.0


def test_expected_counts_follow_the_choice_cycle():
    assert bench.expected_counts(25) == {"agree": 17, "disagree": 6, "other": 2}


@pytest.mark.django_db
def test_votes_and_tally_at_tiny_size():
    place = bench.build_places()
    bench.add_households(place.voting_village, 12, logins=True, prefix="A")
    bench.add_households(place.tally_village, 30, logins=False, prefix="B")

    [figures] = bench.run_votes(place, 12, [("threads", 1)])
    assert figures["accepted"] == 12 and figures["refused"] == 0
    assert figures["resubmitted"] == {"attempts": 12, "accepted": 0, "refused": 12}
    assert figures["verified"]["ok"]
    assert figures["verified"]["stored_counts"] == {"agree": 8, "disagree": 3, "other": 1}

    tally = bench.run_tally(place, runs=2)
    assert tally["ballots"] == tally["eligible_households"] == 30
    assert tally["counts"] == {"agree": 18, "disagree": 9, "other": 3}
    assert tally["outcome"] == MatterStatus.ADOPTED
    assert HouseholdVote.objects.count() == 12 + 30
