"""Migration 0003 copies into the new columns what the steps had kept only in their audit
events, so that papers and dates recorded before it stay visible."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from danchu.core.audit.services import audit_record
from danchu.core.documents.models import GeneratedDocument
from danchu.decisions.models import (
    BallotPlan,
    CommunityDecision,
    DecisionStatus,
    Dismissal,
    Election,
    Matter,
    Meeting,
    VillageCode,
)
from tests.decisions.factories import propose

backfill = importlib.import_module("danchu.decisions.migrations.0003_document_links").backfill
DAY = date(2026, 11, 20)


def _paper(unit, doc_type: str) -> GeneratedDocument:
    return GeneratedDocument.objects.create(doc_type=doc_type, unit=unit, title=doc_type)


def _decision(matter: Matter, **fields) -> CommunityDecision:
    return CommunityDecision.objects.create(
        matter=matter,
        decided_at=timezone.now() - timedelta(days=10),
        total_households=3,
        representatives_present=3,
        households_absent=0,
        form="meeting",
        result="3/3",
        content="Nội dung",
        village_head_name="A",
        front_head_name="B",
        representative_1_name="C",
        representative_2_name="D",
        send_due=DAY,
        **fields,
    )


def test_the_migration_backfills_the_columns_from_the_audit_events(personas, tree):
    head, village = personas["village_head_a1"], tree.village_a1
    front_head = personas["front_head_a1"]

    def matter(kind="other", **extra):
        return propose(actor=head, village=village, kind=kind, form="meeting", title=kind, **extra)

    meeting = Meeting.objects.create(
        unit=village,
        title="Họp",
        scheduled_at=timezone.now(),
        place="Nhà văn hoá",
        convenor_name="A",
    )
    minutes = _paper(village, "decisions.counting_minutes")
    ballot_matter = matter()
    plan = BallotPlan.objects.create(
        matter=ballot_matter,
        purpose="Lấy ý kiến",
        issued_on=DAY,
        distribution_starts_on=DAY,
        return_deadline=DAY,
    )
    ballot_minutes = _paper(village, "decisions.ballot_counting_minutes")
    election = Election.objects.create(matter=matter("village_head"), meeting_on=DAY)
    candidate_list = _paper(village, "decisions.candidate_list")
    dismissal = Dismissal.objects.create(
        unit=village, head_name="Ông Cũ", trigger="resignation", received_on=DAY
    )
    code = VillageCode.objects.create(unit=village, title="Hương ước", draft_text="Điều 1.")
    request = _paper(village, "decisions.village_code_request")
    suspension = _paper(tree.commune_a, "decisions.village_code_suspension")
    refusal = _paper(tree.commune_a, "decisions.recognition_refusal")
    refused = _decision(
        matter(),
        status=DecisionStatus.REFUSED,
        sent_on=DAY,
        refused_on=DAY,
        recognition_document=refusal,
    )
    amend = _decision(
        matter(),
        status=DecisionStatus.AMENDMENT_REQUESTED,
        sent_on=DAY,
        annulment_reason="Sai thủ tục",
    )
    initiative = matter(origin="initiative")
    with transaction.atomic():
        for action, target, data, actor in (
            ("decisions.counting_minutes_generated", meeting, {"document": minutes.pk}, head),
            ("decisions.meeting_cluster_added", meeting, {"scattered": True}, head),
            ("decisions.ballots_counted", ballot_matter, {"document": ballot_minutes.pk}, head),
            ("decisions.candidates_sent", election, {"document": candidate_list.pk}, head),
            (
                "decisions.took_office",
                election,
                {"took_office_on": "2026-11-20", "term_ends_on": "2031-11-20"},
                None,
            ),
            (
                "decisions.interim_head_appointed",
                dismissal,
                {"front_agreed_by": "Bà Mặt Trận"},
                head,
            ),
            ("decisions.village_code_dossier_sent", code, {"document": request.pk}, head),
            ("decisions.village_code_suspended", code, {"document": suspension.pk}, head),
            (
                "decisions.amendment_requested",
                amend,
                {"grounds": "Sai thủ tục", "on": "2026-11-21"},
                head,
            ),
            ("decisions.initiative_front_approved", initiative, {"on": "2026-11-22"}, front_head),
        ):
            audit_record(actor=actor, action=action, target=target, unit=village, data=data)
        backfill(apps, None)

    meeting.refresh_from_db()
    assert (meeting.counting_minutes_document_id, meeting.scattered_housing) == (minutes.pk, True)
    assert BallotPlan.objects.get(pk=plan.pk).counting_minutes_document_id == ballot_minutes.pk
    election.refresh_from_db()
    assert election.candidate_list_document_id == candidate_list.pk
    assert (election.took_office_on, election.term_ends_on) == (DAY, date(2031, 11, 20))
    assert Dismissal.objects.get(pk=dismissal.pk).interim_front_agreed_by == "Bà Mặt Trận"
    code.refresh_from_db()
    assert (code.request_document_id, code.suspension_document_id) == (request.pk, suspension.pk)
    assert code.recognition_document_id is None and code.abolition_document_id is None
    refused.refresh_from_db()
    assert (refused.refusal_document_id, refused.recognition_document_id) == (refusal.pk, None)
    assert refused.received_on == DAY
    amend.refresh_from_db()
    assert (amend.amendment_grounds, amend.annulment_reason) == ("Sai thủ tục", "")
    assert amend.amendment_requested_on == date(2026, 11, 21)
    initiative.refresh_from_db()
    assert initiative.initiative_front_approved_by == str(front_head)
    assert initiative.initiative_front_approved_on == date(2026, 11, 22)
