"""Portal intake (SPEC §1, issues 10 and 11): what the customer portal sends, as the
portal would send it — ``kcp-desk intake FILE.json`` and :func:`intake` behind it:
new tickets, customer messages and support orders (whose credentials are encrypted to
the dispatch key on the way in, V-2/V-3).

:mod:`~kcp_desk.services.intake.documents` checks a document (one validator per
document kind, no database); :mod:`~kcp_desk.services.intake.apply` writes it in one
transaction. A bad document raises :class:`~kcp_desk.errors.FieldErrors` with one
message per field and creates nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kcp_desk.db import Database
from kcp_desk.services.identity.confirmations import ConfirmationResult
from kcp_desk.services.intake.apply import IntakeResult, apply_document
from kcp_desk.services.intake.documents import (
    VALIDATORS,
    ConfirmationDocument,
    ConsentGiven,
    CostAcknowledgement,
    Document,
    MessageDocument,
    SupportOrderDocument,
    TicketDocument,
    load_document,
    validate_document,
)
from kcp_desk.services.trust import TrustAnchors

__all__ = [
    "VALIDATORS",
    "ConfirmationDocument",
    "ConfirmationResult",
    "ConsentGiven",
    "CostAcknowledgement",
    "Document",
    "IntakeResult",
    "MessageDocument",
    "SupportOrderDocument",
    "TicketDocument",
    "apply_document",
    "intake",
    "intake_file",
    "load_document",
    "validate_document",
]


def intake(
    db: Database,
    data: object,
    *,
    now: dt.datetime | None = None,
    anchors: TrustAnchors | None = None,
) -> IntakeResult | ConfirmationResult:
    """One parsed JSON document (any value) → what it created; :class:`FieldErrors`
    for a bad one. ``anchors``: see :func:`apply_document`."""
    return apply_document(db, validate_document(data), now=now, anchors=anchors)


def intake_file(
    db: Database,
    path: Path,
    *,
    now: dt.datetime | None = None,
    anchors: TrustAnchors | None = None,
) -> IntakeResult | ConfirmationResult:
    """The document in ``path`` (UTF-8 JSON); ``OSError`` if it cannot be read."""
    return apply_document(db, load_document(path.read_bytes()), now=now, anchors=anchors)
