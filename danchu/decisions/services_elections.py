"""Electing and dismissing the village head and the board members (Law 10/2022 Arts 15(4)–(5),
18(1), 21; ND 59/2023 Arts 6–9; LAW.md §1.3, R-VH-01–06).

The commune chair decides the plan with the commune Front (Art. 6(1)(a)); the election team,
led by a Front work committee representative, convenes the election meeting (Art. 18(1); ND 59
Art. 6(1)(b)); the Front work committee drafts and adopts the candidate list and sends its
minutes (Mẫu 05) to the commune People's Committee (Art. 6(2)); the winner takes office only on
recognition (Art. 8). A dismissal (Art. 9) is convened by the Front work committee head; once
recognised, a new election must be ordered within 60 days and an interim head serves meanwhile.

Every function is atomic, re-checks permission, locks the rows it changes and writes its audit
event in the same transaction; a refusal raises ``DecisionError`` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.services import document_generate
from danchu.core.people.models import Person
from danchu.core.units.models import Unit
from danchu.decisions.domain import elections as rules_el
from danchu.decisions.domain import rules
from danchu.decisions.models import (
    Candidate,
    CommunityDecision,
    DecisionForm,
    Dismissal,
    DismissalTrigger,
    Election,
    Matter,
    MatterStatus,
    MeetingStatus,
    Team,
    TeamMember,
    TeamPurpose,
)
from danchu.decisions.permissions import RECORD_VOTES, RUN_MATTERS
from danchu.decisions.permissions_elections import PLAN_ELECTIONS
from danchu.decisions.services import (
    DecisionError,
    acting_user,
    matter_create,
    village_households,
)

CANDIDATE_LIST = "decisions.candidate_list"
ELECTION_KINDS = (rules.VILLAGE_HEAD, rules.BOARD_MEMBER)
OPEN_STATUSES = (MatterStatus.DRAFT, MatterStatus.POLL, MatterStatus.OPEN)


@dataclass(frozen=True)
class TeamMemberData:
    """One member of the election team as a form or a caller gives it."""

    full_name: str
    represents: str = ""
    is_front_representative: bool = False
    person: Person | None = None


def _today() -> date:
    return timezone.localdate()


def _require(actor: Any, obj: Any, *permissions: str) -> None:
    if not any(has_perm(actor, p, obj) for p in permissions):
        raise NotPermitted()


def _not_in_future(day: date, what: str) -> None:
    if day > _today():
        raise DecisionError(_("%(what)s cannot be dated in the future.") % {"what": what})


def _locked_election(election: Election) -> Election:
    return (
        Election.objects.select_for_update()
        .select_related("matter", "matter__unit")
        .get(pk=election.pk)
    )


# --- the term (R-VH-06) ----------------------------------------------------------------------


def province_code_of(unit: Unit) -> str:
    """The code of the province above ``unit`` (the first element of its path)."""
    codes = unit.ancestor_codes
    return codes[0] if codes else unit.code


def province_term(unit: Unit) -> Decimal:
    """The village head's term the unit's province chose: ``DANCHU_VILLAGE_HEAD_TERM_YEARS``."""
    return rules_el.term_for_province(
        province_code_of(unit),
        settings.DANCHU_VILLAGE_HEAD_TERM_YEARS,
        settings.DANCHU_VILLAGE_HEAD_ALLOWED_TERMS,
    )


def _term(kind: str, village: Unit, term_years: Any) -> Decimal | None:
    if term_years in (None, ""):
        return province_term(village) if kind == rules.VILLAGE_HEAD else None
    try:
        term = rules_el.parse_term(term_years)
    except ValueError:
        raise DecisionError(_("The term must be a whole number of half years.")) from None
    if kind == rules.VILLAGE_HEAD:
        allowed = {rules_el.parse_term(a) for a in settings.DANCHU_VILLAGE_HEAD_ALLOWED_TERMS}
        if term not in allowed:
            raise DecisionError(
                _("The village head's term must be one of: %(terms)s years.")
                % {"terms": ", ".join(str(a) for a in sorted(allowed))}
            )
    return term


# --- planning (ND 59 Art. 6(1)(a)) -----------------------------------------------------------


def election_plan(
    *,
    actor: Any,
    village: Unit,
    kind: str,
    meeting_on: date,
    plan_issued_on: date,
    front_agreed_by: str,
    front_agreed_on: date | None = None,
    term_years: Any = None,
) -> Election:
    """Record the commune chair's decision and plan for an election meeting (ND 59 Art.
    6(1)(a)), issued with the commune Front standing committee (``front_agreed_by``) no later
    than 20 days before the meeting (R-VH-01). Creates the matter (item 4 or 5 of Art. 15,
    decided at a meeting) and the election; a new election ordered after a recognised dismissal
    is recorded on the dismissal (ND 59 Art. 9(3)).

    The ND 59 Art. 6 timeline binds the village head's election only: board members are elected
    at a meeting the village head convenes (Art. 18(1)), so the village head (``RUN_MATTERS``)
    may also plan it, and no step of it is timed (``rules_el.timeline_applies``)."""
    if kind == rules.BOARD_MEMBER:
        _require(actor, village, PLAN_ELECTIONS, RUN_MATTERS)
    else:
        _require(actor, village, PLAN_ELECTIONS)
    if not village.is_village:
        raise DecisionError(_("An election is held in a village or residential group."))
    if kind not in ELECTION_KINDS:
        raise DecisionError(_("Only the village head and board members are elected."))
    if not normalise_spaces(front_agreed_by):
        raise DecisionError(_("Name the commune Front official who agreed to the plan."))
    _not_in_future(plan_issued_on, _("The plan"))
    if rules_el.timeline_applies(kind) and not rules_el.step_in_time(
        rules_el.PLAN, meeting_on, plan_issued_on
    ):
        raise DecisionError(
            _(
                "The plan must be issued no later than %(days)s days before the election "
                "meeting, that is by %(date)s."
            )
            % {
                "days": rules_el.PLAN_DAYS_BEFORE,
                "date": rules_el.latest_date(rules_el.PLAN, meeting_on).strftime("%d/%m/%Y"),
            }
        )
    term = _term(kind, village, term_years)
    if kind == rules.VILLAGE_HEAD:
        title = _("Election of the village head — %(village)s") % {"village": village.name}
    else:
        title = _("Election of the inspection and supervision board members — %(village)s") % {
            "village": village.name
        }
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=village.pk).first()  # one plan at a time
        if Election.objects.filter(
            matter__unit=village, matter__kind=kind, matter__status__in=OPEN_STATUSES
        ).exists():
            raise DecisionError(_("This village already has an election of this kind under way."))
        matter = matter_create(
            actor=actor,
            village=village,
            kind=kind,
            form=DecisionForm.MEETING,
            title=title,
            front_agreed_by=front_agreed_by,
            front_agreed_on=front_agreed_on or plan_issued_on,
        )
        election = Election.objects.create(
            matter=matter, meeting_on=meeting_on, plan_issued_on=plan_issued_on, term_years=term
        )
        audit_record(
            actor=actor,
            action="decisions.election_created",
            target=election,
            unit=village,
            data={
                "kind": kind,
                "meeting_on": meeting_on.isoformat(),
                "plan_issued_on": plan_issued_on.isoformat(),
                "term_years": str(term) if term is not None else None,
            },
        )
        if kind == rules.VILLAGE_HEAD:
            pending = list(
                Dismissal.objects.select_for_update().filter(
                    unit=village, recognised_on__isnull=False, new_election_ordered_on__isnull=True
                )
            )
            for dismissal in pending:
                dismissal.new_election_ordered_on = plan_issued_on
                dismissal.save(update_fields=["new_election_ordered_on"])
                audit_record(
                    actor=actor,
                    action="decisions.new_election_ordered",
                    target=dismissal,
                    unit=village,
                    data={
                        "election": election.pk,
                        "ordered_on": plan_issued_on.isoformat(),
                        "due": dismissal.new_election_due.isoformat()
                        if dismissal.new_election_due
                        else None,
                    },
                )
    return election


# --- the election team (ND 59 Art. 6(1)(b)) --------------------------------------------------


def _team_of(election: Election) -> Team | None:
    return (
        Team.objects.filter(election=election, purpose=TeamPurpose.ELECTION).order_by("pk").first()
    )


def _timed(election: Election) -> bool:
    """Whether the ND 59 Art. 6 timeline binds the election (the village head's only)."""
    return rules_el.timeline_applies(election.matter.kind)


def _meeting_status(election: Election) -> str | None:
    """The status of the meeting at which the election is held, if it is on one's agenda."""
    from danchu.decisions.models import Meeting

    if election.matter.meeting_id is None:
        return None
    return (
        Meeting.objects.filter(pk=election.matter.meeting_id)
        .values_list("status", flat=True)
        .first()
    )


def _still_running(election: Election) -> None:
    if election.matter.status not in OPEN_STATUSES:
        raise DecisionError(_("This election is closed."))


def election_team_set(
    *,
    actor: Any,
    election: Election,
    members: Sequence[TeamMemberData],
    decided_on: date,
) -> Team:
    """Record the commune chair's decision setting up the election team no later than 10 days
    before the meeting (R-VH-01), led by a Front work committee representative, with no
    candidate among its members (R-VH-02). Setting it again replaces the members."""
    _require(actor, election, PLAN_ELECTIONS)
    cleaned = [
        TeamMemberData(
            full_name=normalise_spaces(m.full_name)[:150],
            represents=normalise_spaces(m.represents)[:150],
            is_front_representative=m.is_front_representative,
            person=m.person,
        )
        for m in members
        if normalise_spaces(m.full_name)
    ]
    if not cleaned:
        raise DecisionError(_("The election team needs at least one member."))
    names = [rules_el._name_key(m.full_name) for m in cleaned]
    if len(set(names)) != len(names):
        raise DecisionError(_("A person is listed twice on the election team."))
    if not any(m.is_front_representative for m in cleaned):
        raise DecisionError(
            _("The election team is led by a representative of the Front work committee.")
        )
    _not_in_future(decided_on, _("The decision setting up the team"))
    with transaction.atomic():
        locked = _locked_election(election)
        _still_running(locked)
        if _timed(locked) and not rules_el.step_in_time(
            rules_el.TEAM, locked.meeting_on, decided_on
        ):
            raise DecisionError(
                _(
                    "The election team must be set up no later than %(days)s days before the "
                    "election meeting, that is by %(date)s."
                )
                % {
                    "days": rules_el.TEAM_DAYS_BEFORE,
                    "date": rules_el.latest_date(rules_el.TEAM, locked.meeting_on).strftime(
                        "%d/%m/%Y"
                    ),
                }
            )
        if locked.candidates_sent_on is not None:
            raise DecisionError(
                _("The candidate list has been sent; the election team can no longer change.")
            )
        _refuse_candidates_on_team(locked, cleaned)
        team = _team_of(locked)
        if team is None:
            team = Team.objects.create(
                purpose=TeamPurpose.ELECTION,
                election=locked,
                matter=locked.matter,
                decided_on=decided_on,
            )
        else:
            team.members.all().delete()
            team.decided_on = decided_on
            team.save(update_fields=["decided_on"])
        leader = next(i for i, m in enumerate(cleaned) if m.is_front_representative)
        TeamMember.objects.bulk_create(
            TeamMember(
                team=team,
                person=m.person,
                full_name=m.full_name,
                represents=m.represents,
                is_front_representative=m.is_front_representative,
                is_leader=i == leader,
            )
            for i, m in enumerate(cleaned)
        )
        locked.team_decided_on = decided_on
        locked.save(update_fields=["team_decided_on"])
        audit_record(
            actor=actor,
            action="decisions.election_team_set",
            target=locked,
            unit=locked.matter.unit,
            data={
                "decided_on": decided_on.isoformat(),
                "members": [m.full_name for m in cleaned],
                "leader": cleaned[leader].full_name,
            },
        )
    return team


def _refuse_candidates_on_team(election: Election, members: Sequence[TeamMemberData]) -> None:
    candidates = list(election.candidates.values_list("full_name", "person_id"))
    for m in members:
        for name, person_id in candidates:
            same_person = m.person is not None and m.person.pk == person_id
            if same_person or rules_el.same_person_name(m.full_name, name):
                raise DecisionError(
                    _("%(name)s is a candidate and cannot sit on the election team.")
                    % {"name": name}
                )


# --- candidates (ND 59 Art. 6(2)) ------------------------------------------------------------


def candidate_add(
    *,
    actor: Any,
    election: Election,
    full_name: str,
    person: Person | None = None,
    nominated_by: str = "",
) -> Candidate:
    """Add a candidate: on the Front work committee's list before its minutes are sent, or a
    self-nomination at the meeting (from the meeting day on). Nobody on the election team may
    stand (R-VH-02)."""
    _require(actor, election, PLAN_ELECTIONS, RUN_MATTERS)
    full_name = normalise_spaces(full_name)[:150]
    if not full_name and person is not None:
        full_name = person.full_name[:150]
    if not full_name:
        raise DecisionError(_("The candidate's full name is required."))
    try:
        with transaction.atomic():
            locked = _locked_election(election)
            _still_running(locked)
            if locked.candidates_sent_on is not None and _today() < locked.meeting_on:
                raise DecisionError(
                    _(
                        "The candidate list has been sent to the commune; until the meeting no "
                        "candidate can be added. At the meeting people may nominate themselves."
                    )
                )
            team = _team_of(locked)
            if team is not None:
                for member in team.members.all():
                    same_person = person is not None and member.person_id == person.pk
                    if same_person or rules_el.same_person_name(member.full_name, full_name):
                        raise DecisionError(
                            _("%(name)s sits on the election team and cannot stand.")
                            % {"name": full_name}
                        )
            candidate = Candidate.objects.create(
                election=locked,
                person=person,
                full_name=full_name,
                nominated_by=normalise_spaces(nominated_by)[:150],
            )
            audit_record(
                actor=actor,
                action="decisions.candidate_added",
                target=locked,
                unit=locked.matter.unit,
                data={"candidate": full_name, "nominated_by": candidate.nominated_by},
            )
    except IntegrityError:
        raise DecisionError(_("A candidate with this name is already on the list.")) from None
    return candidate


def candidate_list_data(election: Election, *, sent_on: date, front_head_name: str) -> dict:
    """The plain data of the Mẫu 05 minutes (see ``documents_elections``)."""
    unit = election.matter.unit
    return {
        "village": unit.name,
        "commune": unit.parent.name if unit.parent_id else "",
        "kind": election.matter.kind,
        "meeting_on": election.meeting_on.isoformat(),
        "sent_on": sent_on.isoformat(),
        "front_head_name": front_head_name,
        "candidates": [
            {"full_name": c.full_name, "nominated_by": c.nominated_by}
            for c in election.candidates.order_by("pk")
        ],
    }


def candidates_sent(
    *, actor: Any, election: Election, sent_on: date, front_head_name: str = ""
) -> GeneratedDocument:
    """Record that the Front work committee's candidate-list minutes (Mẫu 05) reached the
    commune People's Committee no later than 15 days before the meeting (R-VH-01), with at
    least one candidate and none on the election team (R-VH-02); the minutes are generated as
    PDF and DOCX."""
    _require(actor, election, PLAN_ELECTIONS)
    _not_in_future(sent_on, _("The candidate list"))
    front_head_name = normalise_spaces(front_head_name)[:150]
    with transaction.atomic():
        locked = _locked_election(election)
        _still_running(locked)
        if locked.candidates_sent_on is not None:
            raise DecisionError(_("The candidate list has already been sent."))
        if _timed(locked) and not rules_el.step_in_time(
            rules_el.CANDIDATES_SENT, locked.meeting_on, sent_on
        ):
            raise DecisionError(
                _(
                    "The candidate-list minutes must reach the commune no later than %(days)s "
                    "days before the election meeting, that is by %(date)s."
                )
                % {
                    "days": rules_el.CANDIDATES_SENT_DAYS_BEFORE,
                    "date": rules_el.latest_date(
                        rules_el.CANDIDATES_SENT, locked.meeting_on
                    ).strftime("%d/%m/%Y"),
                }
            )
        team = _team_of(locked)
        team_names = [m.full_name for m in team.members.all()] if team else []
        names = list(locked.candidates.values_list("full_name", flat=True))
        if len(names) < rules_el.MIN_CANDIDATES:
            raise DecisionError(_("The candidate list needs at least one candidate."))
        if not rules_el.candidates_valid(names, team_names):
            raise DecisionError(_("A candidate sits on the election team."))
        document = document_generate(
            actor=actor,
            doc_type=CANDIDATE_LIST,
            unit=locked.matter.unit,
            data=candidate_list_data(locked, sent_on=sent_on, front_head_name=front_head_name),
            formats=("pdf", "docx"),
        )
        locked.candidates_sent_on = sent_on
        locked.candidate_list_document = document
        locked.save(update_fields=["candidates_sent_on", "candidate_list_document"])
        audit_record(
            actor=actor,
            action="decisions.candidates_sent",
            target=locked,
            unit=locked.matter.unit,
            data={"sent_on": sent_on.isoformat(), "candidates": names, "document": document.pk},
        )
    return document


def candidate_list_document(election: Election) -> GeneratedDocument | None:
    """The Mẫu 05 minutes generated when the list was sent (``candidate_list_document``)."""
    if election.candidate_list_document_id is None:
        return None
    return election.candidate_list_document


def notice_posted(*, actor: Any, election: Election, posted_on: date) -> Election:
    """Record that the decisions on the election were posted at the village culture house and
    announced no later than 7 days before the meeting (ND 59 Art. 6(1); R-VH-01). From then
    on the candidate list is public."""
    _require(actor, election, PLAN_ELECTIONS)
    _not_in_future(posted_on, _("The public notice"))
    with transaction.atomic():
        locked = _locked_election(election)
        _still_running(locked)
        if locked.notice_posted_on is not None:
            raise DecisionError(_("The public notice is already recorded."))
        if locked.team_decided_on is None:
            raise DecisionError(_("Record the election team before posting the notice."))
        if _timed(locked) and not rules_el.step_in_time(
            rules_el.NOTICE, locked.meeting_on, posted_on
        ):
            raise DecisionError(
                _(
                    "The notice must be posted no later than %(days)s days before the election "
                    "meeting, that is by %(date)s."
                )
                % {
                    "days": rules_el.NOTICE_DAYS_BEFORE,
                    "date": rules_el.latest_date(rules_el.NOTICE, locked.meeting_on).strftime(
                        "%d/%m/%Y"
                    ),
                }
            )
        locked.notice_posted_on = posted_on
        locked.save(update_fields=["notice_posted_on"])
        audit_record(
            actor=actor,
            action="decisions.election_notice_posted",
            target=locked,
            unit=locked.matter.unit,
            data={"posted_on": posted_on.isoformat()},
        )
    return locked


# --- the count and the result (Art. 21(1); ND 59 Art. 8) -------------------------------------


def candidate_votes_record(
    *, actor: Any, election: Election, candidate: Candidate, agree_count: int
) -> Candidate:
    """Enter the households in favour of ``candidate`` from the count of the election meeting,
    while that meeting runs; never more than ALL households of the village fixed when the vote
    opened (the meeting's start)."""
    _require(actor, election, RECORD_VOTES, PLAN_ELECTIONS)
    if isinstance(agree_count, bool) or not isinstance(agree_count, int) or agree_count < 0:
        raise DecisionError(_("The count must be a whole number, zero or more."))
    with transaction.atomic():
        locked = _locked_election(election)
        if locked.matter.status != MatterStatus.OPEN:
            raise DecisionError(_("Voting on this election is not open."))
        if _meeting_status(locked) != MeetingStatus.IN_PROGRESS:
            raise DecisionError(
                _("The candidates' counts are recorded at the election meeting, while it runs.")
            )
        row = Candidate.objects.select_for_update().filter(pk=candidate.pk, election=locked).first()
        if row is None:
            raise DecisionError(_("This person is not a candidate in this election."))
        eligible = locked.matter.eligible_households or 0
        if agree_count > eligible:
            raise DecisionError(
                _("%(count)s is more than the %(eligible)s households of the village.")
                % {"count": agree_count, "eligible": eligible}
            )
        row.agree_count = agree_count
        row.save(update_fields=["agree_count"])
        audit_record(
            actor=actor,
            action="decisions.candidate_votes_recorded",
            target=locked,
            unit=locked.matter.unit,
            data={"candidate": row.full_name, "agree": agree_count, "eligible": eligible},
        )
    return row


def election_close(*, actor: Any, election: Election) -> Candidate | None:
    """Close the election and decide it: the candidate with more than 50% of ALL households
    (the most votes if several) is elected and the matter adopted; otherwise nobody is, the
    matter is not adopted and the commune orders a re-election (ND 59 Art. 8). The winner takes
    office only when the commune recognises the decision (see ``election_recognised``). The
    election is decided once its meeting has been held (the meeting opened the vote, and its
    close leaves the election to this step); a village head's election also needs the steps of
    the ND 59 Art. 6 timeline recorded."""
    _require(actor, election, RUN_MATTERS, PLAN_ELECTIONS)
    with transaction.atomic():
        locked = _locked_election(election)
        matter = Matter.objects.select_for_update().get(pk=locked.matter_id)
        if matter.status != MatterStatus.OPEN:
            raise DecisionError(_("Voting on this election is not open."))
        if _today() < locked.meeting_on or _meeting_status(locked) not in (
            MeetingStatus.IN_PROGRESS,
            MeetingStatus.CLOSED,
        ):
            raise DecisionError(_("The election meeting has not taken place yet."))
        missing = [
            label
            for label, value in (
                (_("the election team"), locked.team_decided_on),
                (_("the candidate list sent to the commune"), locked.candidates_sent_on),
                (_("the public notice"), locked.notice_posted_on),
            )
            if value is None and _timed(locked)
        ]
        if missing:
            raise DecisionError(
                _("The election cannot be decided without %(steps)s.")
                % {"steps": ", ".join(missing)}
            )
        candidates = list(Candidate.objects.select_for_update().filter(election=locked))
        if not candidates:
            raise DecisionError(_("The candidate list needs at least one candidate."))
        eligible = matter.eligible_households or 0
        winner_pk = rules_el.election_winner(
            matter.kind, eligible, {c.pk: c.agree_count for c in candidates}
        )
        winner = next((c for c in candidates if c.pk == winner_pk), None)
        if winner is not None:
            Candidate.objects.filter(pk=winner.pk).update(elected=True)
            winner.elected = True
        matter.status = MatterStatus.ADOPTED if winner else MatterStatus.REJECTED
        matter.agree_count = max(c.agree_count for c in candidates) if winner else 0
        matter.closed_at = timezone.now()
        matter.save(update_fields=["status", "agree_count", "closed_at"])
        locked.rerun_ordered = winner is None
        locked.save(update_fields=["rerun_ordered"])
        audit_record(
            actor=actor,
            action="decisions.election_closed",
            target=locked,
            unit=matter.unit,
            data={
                "eligible": eligible,
                "counts": {c.full_name: c.agree_count for c in candidates},
                "elected": winner.full_name if winner else None,
                "rerun_ordered": winner is None,
            },
        )
    return winner


# --- recognition hooks (ND 59 Arts 8, 9(3)) ---------------------------------------------------


def _recognition_date(decision: CommunityDecision) -> date:
    return decision.recognised_on or decision.effective_on or _today()


def election_recognised(decision: CommunityDecision) -> None:
    """Hook on "recognised" for village_head and board_member matters: the elected candidate
    takes office on the recognition date, for the term of the election (ND 59 Art. 8); a
    recognised dismissal starts the 60-day limit for ordering a new election (Art. 9(3))."""
    election = Election.objects.select_for_update().filter(matter_id=decision.matter_id).first()
    if election is not None:
        winner = election.candidates.filter(elected=True).first()
        if winner is None:
            return
        took_office_on = _recognition_date(decision)
        ends = (
            rules_el.term_end(took_office_on, Decimal(election.term_years))
            if election.term_years
            else None
        )
        election.took_office_on = took_office_on
        election.term_ends_on = ends
        election.save(update_fields=["took_office_on", "term_ends_on"])
        audit_record(
            actor=None,
            action="decisions.took_office",
            target=election,
            unit=decision.matter.unit,
            data={
                "kind": decision.matter.kind,
                "full_name": winner.full_name,
                "took_office_on": took_office_on.isoformat(),
                "term_years": str(election.term_years) if election.term_years else None,
                "term_ends_on": ends.isoformat() if ends else None,
            },
        )
        return
    dismissal = Dismissal.objects.select_for_update().filter(matter_id=decision.matter_id).first()
    if dismissal is not None and dismissal.recognised_on is None:
        dismissal.recognised_on = _recognition_date(decision)
        dismissal.new_election_due = rules_el.new_election_due(dismissal.recognised_on)
        dismissal.save(update_fields=["recognised_on", "new_election_due"])
        audit_record(
            actor=None,
            action="decisions.dismissal_recognised",
            target=dismissal,
            unit=dismissal.unit,
            data={
                "recognised_on": dismissal.recognised_on.isoformat(),
                "new_election_due": dismissal.new_election_due.isoformat(),
            },
        )


def election_not_recognised(decision: CommunityDecision) -> None:
    """Hook on "refused" and "annulled": the commune orders a re-election (ND 59 Art. 8)."""
    election = Election.objects.select_for_update().filter(matter_id=decision.matter_id).first()
    if election is None or election.rerun_ordered:
        return
    election.rerun_ordered = True
    election.save(update_fields=["rerun_ordered"])
    audit_record(
        actor=None,
        action="decisions.rerun_ordered",
        target=election,
        unit=decision.matter.unit,
        data={"decision_status": decision.status},
    )


def took_office(election: Election) -> dict | None:
    """When the winner took office and when the term ends, once the decision is recognised
    (``took_office_on`` and ``term_ends_on``, set by ``election_recognised``)."""
    if election.took_office_on is None:
        return None
    winner = next((c for c in election.candidates.all() if c.elected), None)
    if winner is None:
        return None
    return {"winner": winner, "on": election.took_office_on, "term_ends_on": election.term_ends_on}


# --- dismissal (ND 59 Art. 9) -----------------------------------------------------------------


def dismissal_open(
    *,
    actor: Any,
    village: Unit,
    head_name: str,
    trigger: str,
    received_on: date,
    front_head_name: str,
    petition_households: int | None = None,
) -> Dismissal:
    """Open the dismissal of a village head on a written resignation, the Front work committee
    head's proposal, or a petition of at least 50% of ALL households (R-VH-04; ND 59 Art. 9(1)).
    The meeting (a village_head matter decided at a meeting) is convened by the Front work
    committee head, named in ``front_head_name`` (Art. 18(1))."""
    _require(actor, village, PLAN_ELECTIONS)
    if not village.is_village:
        raise DecisionError(_("A village head belongs to a village or residential group."))
    head_name = normalise_spaces(head_name)[:150]
    front_head_name = normalise_spaces(front_head_name)[:150]
    if not head_name:
        raise DecisionError(_("Name the village head."))
    if not front_head_name:
        raise DecisionError(
            _("Name the head of the Front work committee, who convenes the meeting.")
        )
    if trigger not in DismissalTrigger.values:
        raise DecisionError(_("Unknown trigger for a dismissal."))
    _not_in_future(received_on, _("The request"))
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=village.pk).first()
        households = village_households(village)
        if trigger == DismissalTrigger.PETITION:
            if petition_households is None:
                raise DecisionError(_("Enter how many households signed the petition."))
            if petition_households > households:
                raise DecisionError(
                    _("%(count)s is more than the %(eligible)s households of the village.")
                    % {"count": petition_households, "eligible": households}
                )
            if not rules_el.petition_sufficient(households, petition_households):
                raise DecisionError(
                    _(
                        "A petition needs at least 50%% of all %(eligible)s households of the "
                        "village; %(count)s signed."
                    )
                    % {"eligible": households, "count": petition_households}
                )
        elif petition_households is not None:
            raise DecisionError(_("Only a petition has a number of households."))
        if Dismissal.objects.filter(unit=village, matter__status__in=OPEN_STATUSES).exists():
            raise DecisionError(_("A dismissal of this village's head is already under way."))
        matter = matter_create(
            actor=actor,
            village=village,
            kind=rules.VILLAGE_HEAD,
            form=DecisionForm.MEETING,
            title=_("Dismissal of the village head %(name)s — %(village)s")
            % {"name": head_name, "village": village.name},
            front_agreed_by=front_head_name,
            front_agreed_on=received_on,
        )
        dismissal = Dismissal.objects.create(
            unit=village,
            head_name=head_name,
            trigger=trigger,
            petition_households=petition_households,
            received_on=received_on,
            matter=matter,
            created_by=acting_user(actor),
        )
        audit_record(
            actor=actor,
            action="decisions.dismissal_opened",
            target=dismissal,
            unit=village,
            data={
                "head_name": head_name,
                "trigger": trigger,
                "petition_households": petition_households,
                "households": households,
                "received_on": received_on.isoformat(),
            },
        )
    return dismissal


def interim_head_appoint(
    *, actor: Any, dismissal: Dismissal, name: str, on: date, front_agreed_by: str
) -> Dismissal:
    """The commune People's Committee, with the commune Front (``front_agreed_by``), appoints an
    interim head after the dismissal is recognised, until the new head is elected (ND 59 Art.
    9(3)); the interim head serves at most ``DANCHU_INTERIM_VILLAGE_HEAD_MAX_MONTHS`` [P]."""
    _require(actor, dismissal, PLAN_ELECTIONS)
    name = normalise_spaces(name)[:150]
    front_agreed_by = normalise_spaces(front_agreed_by)[:150]
    if not name:
        raise DecisionError(_("Name the interim head."))
    if not front_agreed_by:
        raise DecisionError(_("Name the commune Front official who agreed to the appointment."))
    _not_in_future(on, _("The appointment"))
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().select_related("unit").get(pk=dismissal.pk)
        if locked.recognised_on is None:
            raise DecisionError(
                _("An interim head is appointed only after the dismissal is recognised.")
            )
        if on < locked.recognised_on:
            raise DecisionError(_("The appointment cannot be dated before the recognition."))
        if rules_el.same_person_name(name, locked.head_name):
            raise DecisionError(_("The dismissed village head cannot be the interim head."))
        locked.interim_head_name = name
        locked.interim_appointed_on = on
        locked.interim_front_agreed_by = front_agreed_by
        locked.save(
            update_fields=["interim_head_name", "interim_appointed_on", "interim_front_agreed_by"]
        )
        until = rules_el.interim_until(on, settings.DANCHU_INTERIM_VILLAGE_HEAD_MAX_MONTHS)
        audit_record(
            actor=actor,
            action="decisions.interim_head_appointed",
            target=locked,
            unit=locked.unit,
            data={
                "name": name,
                "appointed_on": on.isoformat(),
                "serves_until": until.isoformat(),
                "front_agreed_by": front_agreed_by,
            },
        )
    return locked


def overdue_new_elections(unit: Unit, today: date | None = None) -> QuerySet[Dismissal]:
    """Recognised dismissals in ``unit`` (a commune or village) whose new election was not
    ordered within 60 days (R-VH-05): still not ordered after the limit, or ordered late."""
    today = today or _today()
    return (
        Dismissal.objects.filter(unit__path__startswith=unit.path, recognised_on__isnull=False)
        .filter(
            Q(new_election_ordered_on__isnull=True, new_election_due__lt=today)
            | Q(new_election_ordered_on__gt=F("new_election_due"))
        )
        .select_related("unit")
        .order_by("new_election_due", "pk")
    )
