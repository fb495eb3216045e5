"""The audit trail: append-only, hash-chained, verified by `danchu audit verify`."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from danchu.core.audit.models import AuditEvent
from danchu.core.audit.registry import UnknownAuditAction
from danchu.core.audit.services import AuditOutsideTransaction, audit_record, audit_verify


def _record(n: int, actor=None, unit=None) -> list[AuditEvent]:
    events = []
    with transaction.atomic():
        for i in range(n):
            events.append(
                audit_record(
                    actor=actor,
                    action="units.village_created",
                    unit=unit,
                    data={"i": i, "name": "Thôn Một"},
                )
            )
    return events


def _tamper(sql: str, params: list) -> None:
    """Alter a row behind the application's back, as an intruder with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only"
            )


def test_events_chain_and_verify(db, personas, tree):
    events = _record(5, actor=personas["officer_a"], unit=tree.commune_a)
    assert events[0].previous_hash == "0" * 64
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
    assert events[0].actor_roles == [["commune_officer", "90001"]]
    assert audit_verify() == (5, None)


def test_unknown_action_raises(db):
    with transaction.atomic(), pytest.raises(UnknownAuditAction):
        audit_record(actor=None, action="units.no_such_action")
    assert not AuditEvent.objects.exists()


def test_recording_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(AuditOutsideTransaction):
        audit_record(actor=None, action="units.village_created")


def test_altered_row_is_named_by_verify(db, capsys, danchu_cli):
    events = _record(4)
    target = events[2]
    _tamper("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["units.imported", target.pk])
    with pytest.raises(CommandError, match=f"#{target.pk}"):
        call_command("audit", "verify")
    # Through the console script: exit status 1 and the event named on stderr.
    with pytest.raises(SystemExit) as exit_info:
        danchu_cli("audit", "verify")
    assert exit_info.value.code == 1
    assert f"#{target.pk}" in capsys.readouterr().err


def test_altered_data_is_detected(db):
    events = _record(3)
    _tamper(
        "UPDATE audit_auditevent SET data = %s WHERE id = %s",
        ['{"i": 99, "name": "Thôn Một"}', events[0].pk],
    )
    checked, broken = audit_verify()
    assert checked == 0 and broken.event_id == events[0].pk and broken.reason == "hash"


def test_deleted_row_is_detected(db):
    events = _record(3)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    checked, broken = audit_verify()
    assert checked == 1 and broken.event_id == events[2].pk and broken.reason == "previous_hash"


def test_intact_chain_passes_the_command(db, capsys):
    _record(2)
    call_command("audit", "verify")
    assert "2" in capsys.readouterr().out


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete(db):
    event = _record(1)[0]
    from django.db import DatabaseError

    for sql in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "units.village_created"
