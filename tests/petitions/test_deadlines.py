"""Statutory limits (LAW.md §4.1–§4.3, §4.5): every kind and step, weekends, Tết, and a
plain-days limit ending on a holiday. Numbers from the laws' text; dates counted by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from danchu.petitions.domain.deadlines import due_date

D = date
MON = D(2026, 6, 1)  # a Monday in a month without public holidays


@pytest.mark.parametrize(
    ("kind", "step", "start", "flags", "expected", "why"),
    [
        # Complaints (Law on Complaints 02/2011): acceptance in 10 working days (Art. 27; TT 07/2013)
        ("complaint", "accept", MON, {}, D(2026, 6, 15), "10 working days: two weekends"),
        ("complaint", "accept", D(2026, 2, 12), {}, D(2026, 3, 5), "Tết 16–20/2 skipped"),
        # Art. 28: 30 / 45 / 45 / 60 days from acceptance
        ("complaint", "resolve_first", MON, {}, D(2026, 7, 1), "30 days"),
        ("complaint", "resolve_first", MON, {"complex": True}, D(2026, 7, 16), "complex: 45"),
        ("complaint", "resolve_first", MON, {"remote": True}, D(2026, 7, 16), "remote: 45"),
        (
            "complaint",
            "resolve_first",
            MON,
            {"complex": True, "remote": True},
            D(2026, 7, 31),
            "remote and complex: 60",
        ),
        (
            "complaint",
            "resolve_first",
            D(2026, 3, 31),
            {},
            D(2026, 5, 4),
            "30 days end on 30/4 (holiday), then 1/5 and a weekend (Civil Code Art. 148(5))",
        ),
        # Art. 37: 45 / 60 / 60 / 70 days from acceptance
        ("complaint", "resolve_second", MON, {}, D(2026, 7, 16), "45 days"),
        ("complaint", "resolve_second", MON, {"complex": True}, D(2026, 7, 31), "complex: 60"),
        ("complaint", "resolve_second", MON, {"remote": True}, D(2026, 7, 31), "remote: 60"),
        (
            "complaint",
            "resolve_second",
            MON,
            {"complex": True, "remote": True},
            D(2026, 8, 10),
            "remote and complex: 70",
        ),
        # Denunciations (Law 25/2018): Art. 24(1) 7 working days; Art. 30 30 days + 30 per
        # extension, at most two; Art. 40(1) publish in 7 working days
        ("denunciation", "process", MON, {}, D(2026, 6, 10), "7 working days"),
        ("denunciation", "process", D(2026, 6, 5), {}, D(2026, 6, 16), "from a Friday"),
        ("denunciation", "resolve", MON, {}, D(2026, 7, 1), "30 days"),
        ("denunciation", "resolve", MON, {"extensions": 1}, D(2026, 7, 31), "one extension"),
        (
            "denunciation",
            "resolve",
            D(2026, 5, 4),
            {"extensions": 2, "complex": True},
            D(2026, 8, 3),
            "two extensions: 90 days end on Sunday 2/8, so Monday",
        ),
        ("denunciation", "publish_conclusion", MON, {}, D(2026, 6, 10), "7 working days"),
        # Feedback and recommendations: Law on Citizen Reception Art. 28(1), 10 working days
        ("petition", "answer", MON, {}, D(2026, 6, 15), "10 working days"),
        ("petition", "answer", D(2026, 2, 12), {}, D(2026, 3, 5), "Tết skipped"),
    ],
)
def test_due_date(db, kind, step, start, flags, expected, why):
    assert due_date(kind, step, start, **flags) == expected, why


@pytest.mark.parametrize(
    ("kind", "step", "flags"),
    [
        ("appeal", "accept", {}),
        ("complaint", "process", {}),
        ("denunciation", "answer", {}),
        ("petition", "resolve", {}),
        ("denunciation", "resolve", {"extensions": 3}),  # a third extension
        ("denunciation", "resolve", {"extensions": -1}),
        ("complaint", "resolve_first", {"extensions": 1}),
        ("complaint", "accept", {"complex": True}),
        ("petition", "answer", {"remote": True}),
        ("denunciation", "resolve", {"remote": True}),
        ("denunciation", "process", {"extensions": 1}),
        ("complaint", "accept", {"complex": "yes"}),
    ],
)
def test_invalid_combinations_are_refused(db, kind, step, flags):
    with pytest.raises(ValueError):
        due_date(kind, step, MON, **flags)


@pytest.mark.parametrize("start", ["2026-06-01", datetime(2026, 1, 16, 23, 0), None])
def test_start_must_be_a_date(db, start):
    with pytest.raises(ValueError):
        due_date("petition", "answer", start)
