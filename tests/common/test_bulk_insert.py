"""Reserved ids for bulk inserts."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from danchu.common.bulk_insert import reserve_ids
from danchu.core.people.models import Person


def test_reservation_needs_the_inserting_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        reserve_ids(Person, 3)


def test_ids_of_deleted_rows_are_not_reused(db):
    people = [Person(full_name=f"Người {i}") for i in range(3)]
    for person in people:
        person.save()
    newest = people[-1].pk
    Person.objects.filter(pk=newest).delete()
    with transaction.atomic():
        ids = reserve_ids(Person, 2)
    assert min(ids) > newest, connection.vendor
    assert len(set(ids)) == 2
