"""What the identity-case screens show (C2): frozen dataclasses, never a code or value.

A case carries its policy answer (:class:`~kcp_desk.domain.identity_policy.PolicyState`,
keys and parameters; the view has the sentences), every factor tried with pass/fail, the
codes and links it sent (when, until, to which masked destination, used or void) and
what it queued in the outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from kcp_desk.domain.identity_policy import KnowledgeCheck, PolicyState
from kcp_desk.errors import InvalidInput

__all__ = ["AttemptRow", "CaseDTO", "CaseSummary", "QueuedRow", "SentRow", "StepOutcome"]


@dataclass(frozen=True)
class AttemptRow:
    """A factor tried in the case: ``P``, ``D`` (with the documents), or a code or link
    entered or confirmed (``L``, ``M``, ``E``); pass/fail only (ID-7)."""

    factor: str
    at: dt.datetime
    success: bool
    agent_name: str
    #: D: the document types presented, comma-separated (``id_card,register_extract``)
    documents: str | None = None


@dataclass(frozen=True)
class SentRow:
    """A letter code, SMS code or link the case sent (``L``, ``M``, ``E``)."""

    factor: str
    sent_at: dt.datetime
    valid_until: dt.datetime
    #: masked: ``10115 Berlin``, ``+49 ••• ••• 123``, ``j•••@example.de``
    destination: str
    used_at: dt.datetime | None
    voided_at: dt.datetime | None
    failures: int


@dataclass(frozen=True)
class QueuedRow:
    """What the case queued for the mail, letter or SMS system (ID-6)."""

    channel: str
    template: str
    recipient_masked: str
    queued_at: dt.datetime
    #: the payload carries a code or link, sealed to the channel's service key
    sealed: bool


@dataclass(frozen=True)
class CaseDTO:
    case_id: int
    version: int
    customer_id: int
    customer_number: str
    customer_name: str
    is_company: bool
    #: ``open`` | ``awaiting_approval`` | ``approved`` | ``rejected`` | ``cancelled``
    state: str
    created_at: dt.datetime
    prepared_by_id: int
    prepared_by_name: str
    submitted_at: dt.datetime | None
    approver_name: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    has_mailbox: bool
    #: how the caller was found (never proof; a mismatch is a doubt)
    knowledge: tuple[KnowledgeCheck, ...]
    #: the agent's own note of a doubt, if any
    doubt_note: str | None
    policy: PolicyState
    attempts: tuple[AttemptRow, ...]
    sent: tuple[SentRow, ...]
    queued: tuple[QueuedRow, ...]
    #: masked; set once the case was submitted
    new_email_masked: str | None
    #: the registered destinations, masked (what a letter, SMS or link would go to)
    email_masked: str
    address_text: str | None
    mobile_masked: str | None
    #: this agent may decide now (a lead, not the preparer, the case awaits approval)
    can_decide: bool
    #: this agent prepared the case (and may work it while it is open)
    is_mine: bool
    #: ``E``/``L``/``M`` that cannot be sent right now, with the reason the service
    #: would give (e.g. "A new letter can be sent from …"); the others can
    send_refusals: Mapping[str, InvalidInput] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def closed(self) -> bool:
        return self.state in ("approved", "rejected", "cancelled")


@dataclass(frozen=True)
class CaseSummary:
    """One row of the approvals queue and of the customer's History (never a value)."""

    case_id: int
    version: int
    customer_id: int
    customer_number: str
    customer_name: str
    state: str
    created_at: dt.datetime
    prepared_by_name: str
    submitted_at: dt.datetime | None
    approver_name: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    #: the factors that passed and count, e.g. ``("P", "L")``
    passed: tuple[str, ...]
    #: every factor tried, ``(factor, passed)`` in order
    tried: tuple[tuple[str, bool], ...]
    #: how many reasonable doubts the case records
    doubts: int
    new_email_masked: str | None
    can_decide: bool


@dataclass(frozen=True)
class StepOutcome:
    """The answer to a step the caller took on the phone (P, or a code read out).

    ``result``: ``match`` | ``no_match`` | ``locked`` (P locked, nothing compared) |
    ``not_set`` (no phone password) | ``void`` (the code is void or expired) |
    ``no_code`` (no code is out)."""

    result: str
    case: CaseDTO
    #: wrong tries or entries left (None when not applicable)
    tries_left: int | None = None
