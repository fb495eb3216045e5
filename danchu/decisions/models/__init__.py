"""The decisions pillar's tables, one module per step of the law's procedure."""

from danchu.decisions.models.ballots import Ballot, BallotPlan
from danchu.decisions.models.elections import Candidate, Dismissal, DismissalTrigger, Election
from danchu.decisions.models.matters import (
    CLOSED_STATUSES,
    Choice,
    DecisionForm,
    HouseholdVote,
    InitiativeConsent,
    Matter,
    MatterKind,
    MatterOrigin,
    MatterScope,
    MatterStatus,
    VoteChannel,
)
from danchu.decisions.models.meetings import (
    Attendance,
    Meeting,
    MeetingCluster,
    MeetingStatus,
    MeetingTally,
    SpeakerRegistration,
    VotingMethod,
)
from danchu.decisions.models.online import OnlinePollResponse
from danchu.decisions.models.outcomes import CommunityDecision, DecisionStatus, RecognisingBody
from danchu.decisions.models.teams import Team, TeamMember, TeamPurpose
from danchu.decisions.models.village_codes import VillageCode, VillageCodeReview, VillageCodeStatus

__all__ = [
    "CLOSED_STATUSES",
    "Attendance",
    "Ballot",
    "BallotPlan",
    "Candidate",
    "Choice",
    "CommunityDecision",
    "DecisionForm",
    "DecisionStatus",
    "Dismissal",
    "DismissalTrigger",
    "Election",
    "HouseholdVote",
    "InitiativeConsent",
    "Matter",
    "MatterKind",
    "MatterOrigin",
    "MatterScope",
    "MatterStatus",
    "Meeting",
    "MeetingCluster",
    "MeetingStatus",
    "MeetingTally",
    "OnlinePollResponse",
    "RecognisingBody",
    "SpeakerRegistration",
    "Team",
    "TeamMember",
    "TeamPurpose",
    "VillageCode",
    "VillageCodeReview",
    "VillageCodeStatus",
    "VoteChannel",
    "VotingMethod",
]
