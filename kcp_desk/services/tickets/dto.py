"""What the ticket-assignment service hands to views: frozen dataclasses, no ORM rows."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

from kcp_desk.errors import QT_TRANSLATE_NOOP
from kcp_desk.models.tickets import TicketState

__all__ = [
    "ALREADY_TAKEN",
    "ALREADY_YOURS",
    "ClaimOutcome",
    "ClaimResult",
    "Colleague",
    "TicketStatus",
]

#: T-4: what the agent who lost a claim is told (``name`` = who has the ticket now)
ALREADY_TAKEN: Final = QT_TRANSLATE_NOOP("KcpError", "This ticket is already taken by {name}.")
ALREADY_YOURS: Final = QT_TRANSLATE_NOOP("KcpError", "You already have this ticket.")


@dataclass(frozen=True)
class TicketStatus:
    """A ticket's assignment and state as of the action's transaction.

    ``version`` goes back into the next change (optimistic locking, SPEC §4).
    """

    ticket_id: int
    ref: str  # #KCP-00012340
    state: str  # a TicketState value
    assignee_id: int | None
    assignee_name: str | None
    version: int
    updated_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def closed(self) -> bool:
        """Closed tickets are in the archive: read only (T-2)."""
        return self.state == TicketState.CLOSED


class ClaimOutcome(enum.StrEnum):
    CLAIMED = "claimed"
    #: the agent had the ticket already (a double click, a second window)
    ALREADY_YOURS = "already_yours"
    #: someone else was first (T-4): ``ClaimResult.holder_name`` says who
    TAKEN = "taken"


@dataclass(frozen=True)
class ClaimResult:
    """The answer to a claim: not an error when someone else was first (T-4), so the
    ticket view can say who has it without an error dialog."""

    outcome: ClaimOutcome
    ticket: TicketStatus

    @property
    def won(self) -> bool:
        return self.outcome == ClaimOutcome.CLAIMED

    @property
    def holder_id(self) -> int | None:
        return self.ticket.assignee_id

    @property
    def holder_name(self) -> str | None:
        return self.ticket.assignee_name

    @property
    def template(self) -> str | None:
        """The message for a claim that was not won, a ``QT_TRANSLATE_NOOP("KcpError", …)``
        source text to translate and fill with :attr:`params`; None for a won claim."""
        if self.outcome == ClaimOutcome.TAKEN:
            return ALREADY_TAKEN
        if self.outcome == ClaimOutcome.ALREADY_YOURS:
            return ALREADY_YOURS
        return None

    @property
    def params(self) -> dict[str, object]:
        return {"name": self.holder_name or ""}

    @property
    def message(self) -> str:
        """The untranslated message ("This ticket is already taken by Ben Özdemir."), or ""."""
        template = self.template
        return template.format(**self.params) if template else ""


@dataclass(frozen=True)
class Colleague:
    """An active agent or lead a ticket can be handed over or reassigned to."""

    agent_id: int
    display_name: str
    role: str  # "agent" | "lead"
