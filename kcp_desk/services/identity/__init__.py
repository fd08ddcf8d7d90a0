"""Identity validation when the customer lost the e-mail address (SPEC C2)."""

from kcp_desk.services.identity.dto import (
    AttemptRow,
    CaseDTO,
    CaseSummary,
    QueuedRow,
    SentRow,
    StepOutcome,
)
from kcp_desk.services.identity.service import IdentityService

__all__ = [
    "AttemptRow",
    "CaseDTO",
    "CaseSummary",
    "IdentityService",
    "QueuedRow",
    "SentRow",
    "StepOutcome",
]
