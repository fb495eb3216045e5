"""Logbook numbers and bookings under concurrency, on PostgreSQL (two threads at once)."""

from __future__ import annotations

import threading
from datetime import time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from danchu.petitions import services_reception as services
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import ReceptionBooking, ReceptionEntry, ReceptionSchedule


def _race(target, count):
    start = threading.Barrier(count)
    errors: list[Exception] = []
    results: list = []

    def run(index):
        try:
            start.wait()
            results.append(target(index))
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.postgres
def test_two_officers_writing_at_once_get_consecutive_numbers(transactional_db, personas, tree):
    today = timezone.localdate()

    def write(index):
        actor = personas["chair_a"] if index % 2 else personas["officer_a"]
        return [
            services.entry_record(
                actor=actor,
                unit=tree.commune_a,
                received_on=today,
                full_name=f"Công dân {index}-{n}",
                address="Thôn Một",
                content="Nội dung",
                request="Đề nghị",
            ).number
            for n in range(10)
        ]

    results, errors = _race(write, 2)
    assert errors == []
    numbers = sorted(ReceptionEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 21))
    assert sorted(n for chunk in results for n in chunk) == numbers


@pytest.mark.postgres
def test_two_citizens_booking_one_slot_at_once_one_is_refused(transactional_db, personas, tree):
    today = timezone.localdate()
    schedule = ReceptionSchedule.objects.create(
        unit=tree.commune_a,
        leader_name="Nguyễn Văn Chủ",
        leader_title="Chủ tịch UBND xã",
        on=today + timedelta(days=10),
        starts_at=time(8),
        ends_at=time(9),
        place="Trụ sở",
        posted_on=today,
    )

    def book(index):
        return services.booking_make(
            actor=personas["resident"],
            schedule=schedule,
            starts_at=time(8),
            full_name=f"Công dân {index}",
            phone="0912345678",
            topic="Đường thôn",
        )

    results, errors = _race(book, 2)
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], PetitionError)
    assert ReceptionBooking.objects.count() == 1
