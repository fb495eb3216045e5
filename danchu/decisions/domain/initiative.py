"""When a residents' initiative reaches the community (Law 10/2022 Art. 16(3); ND 61/2023 Art.
7(3)): at least 10% of the village's households consent, each consent being valid for three
months; below that, the village Front work committee may still approve it."""

from __future__ import annotations

CONSENT_VALID_MONTHS = 3
CONSENT_SHARE_NUMERATOR, CONSENT_SHARE_DENOMINATOR = 10, 100  # "ít nhất 10%"


def initiative_reaches_agenda(households: int, consents: int, front_approved: bool) -> bool:
    """True when ``consents`` (valid ones) are at least 10% of ``households``, or the Front work
    committee approved it. Exact integer arithmetic; negative counts raise ValueError."""
    if households < 0 or consents < 0:
        raise ValueError("counts must not be negative")
    if consents > households:
        raise ValueError("consents cannot exceed the households of the village")
    if front_approved:
        return True
    return households > 0 and CONSENT_SHARE_DENOMINATOR * consents >= (
        CONSENT_SHARE_NUMERATOR * households
    )
