"""Sealing a denouncer's identity (Law on Denunciations Arts 8, 9, 47, 56): round trip, key
rotation, unseal only for the handler with a reason (audited), no plaintext anywhere else."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

from danchu.core.audit.models import AuditEvent
from danchu.petitions import sealing
from danchu.petitions.errors import PetitionError
from danchu.petitions.models.cases import CaseEvent, CaseParty, SealedIdentity
from tests.petitions.intake_helpers import DENOUNCER, denounce

pytestmark = pytest.mark.django_db


def test_round_trip(settings):
    settings.DANCHU_SEAL_KEYS = [Fernet.generate_key().decode()]
    token = sealing.seal(DENOUNCER)
    assert DENOUNCER["full_name"].encode() not in token
    assert sealing.open_sealed(token) == DENOUNCER


def test_rotation_with_two_keys(settings, tree):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.DANCHU_SEAL_KEYS = [old]
    case = denounce(None, tree.commune_a)
    before = bytes(SealedIdentity.objects.get(case=case).ciphertext)
    settings.DANCHU_SEAL_KEYS = [new, old]  # the new key first: it seals, both unseal
    assert sealing.sealed_identity_of(case)["sender"] == DENOUNCER
    call_command("petitions_reseal", "--batch-size", "1")
    after = bytes(SealedIdentity.objects.get(case=case).ciphertext)
    assert after != before
    settings.DANCHU_SEAL_KEYS = [new]  # the old key can now be dropped
    assert sealing.sealed_identity_of(case)["sender"] == DENOUNCER
    settings.DANCHU_SEAL_KEYS = [old]
    with pytest.raises(sealing.SealError):
        sealing.sealed_identity_of(case)


def test_reseal_prints_a_count(tree, capsys):
    denounce(None, tree.commune_a)
    denounce(None, tree.commune_a, subject="Một việc khác", content="Nội dung khác hẳn.")
    call_command("petitions_reseal")
    assert "Resealed 2 identities." in capsys.readouterr().out


def test_the_plaintext_is_nowhere_but_sealed(tree, personas):
    case = denounce(None, tree.commune_a)
    row = SealedIdentity.objects.get(case=case)
    for value in DENOUNCER.values():
        assert value.encode() not in bytes(row.ciphertext)
    assert not CaseParty.objects.filter(case=case).exists()
    blobs = [str(list(type(case).objects.filter(pk=case.pk).values()))]
    blobs.append(str(list(CaseParty.objects.values())))
    blobs.append(str(list(CaseEvent.objects.values())))
    blobs.append(str(list(AuditEvent.objects.values("data", "target_id", "actor_label"))))
    for blob in blobs:
        for value in DENOUNCER.values():
            assert value not in blob


def test_only_the_handler_with_a_reason_unseals(tree, personas):
    case = denounce(None, tree.commune_a)
    case.handler = personas["officer_a"]
    case.save(update_fields=["handler"])
    for actor, reason in (
        (personas["chair_a"], "Cần xác minh"),
        (personas["officer_b"], "Cần xác minh"),
        (personas["officer_a"], "   "),
    ):
        count = AuditEvent.objects.filter(action="petitions.unseal_refused").count()
        with pytest.raises(PetitionError) as refused:
            sealing.unseal(actor=actor, case=case, reason=reason)
        assert DENOUNCER["full_name"] not in str(refused.value)
        assert AuditEvent.objects.filter(action="petitions.unseal_refused").count() == count + 1
    assert not AuditEvent.objects.filter(action="petitions.identity_unsealed").exists()
    identity = sealing.unseal(actor=personas["officer_a"], case=case, reason="Mời người tố cáo")
    assert identity["sender"] == DENOUNCER
    event = AuditEvent.objects.get(action="petitions.identity_unsealed")
    assert event.data["reason"] == "Mời người tố cáo"
    assert DENOUNCER["full_name"] not in str(event.data)


def test_owner_digest_is_keyed_and_stable(personas):
    resident = personas["resident"]
    digest = sealing.owner_digest(resident, 0)
    assert len(digest) == 64 and digest == sealing.owner_digest(resident, 0)
    assert digest != sealing.owner_digest(personas["chair_a"], 0)
    assert digest != sealing.owner_digest(resident, 1)
    from django.contrib.auth.models import AnonymousUser

    assert sealing.owner_digest(AnonymousUser(), 0) == ""
    assert sealing.new_owner_digest(AnonymousUser()) == ""
    assert sealing.owner_digests(AnonymousUser()) == []
