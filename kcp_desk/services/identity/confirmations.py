"""What comes back from the portal (ID-1, ID-6): a confirmation link clicked, a letter
code typed. ``kcp-desk intake`` hands these in as ``confirmation`` documents.

Nobody is signed in here, so nothing is audited (the chain is signed by agents); the
case's decision entry lists each confirmation with its time (ID-7). An unknown, used,
void or expired token says only that: the portal learns nothing it could probe with.
Argon2id runs between a short read and the transaction that records the result, which
locks the case first, so a code used meanwhile is not used twice.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain import identity_policy as policy
from kcp_desk.errors import QT_TRANSLATE_NOOP, FieldErrors, InvalidInput
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import Customer
from kcp_desk.models.identity import (
    EmailLink,
    IdentityCase,
    IdentityCaseState,
    LetterCode,
    LinkPurpose,
)
from kcp_desk.models.outbox import OutboxChannel
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.one_time_codes import (
    CodeFormatError,
    CodeKind,
    hash_code,
    new_link_token,
    parse_letter_code,
    verify_code,
)
from kcp_desk.services import outbox
from kcp_desk.services.identity import facts
from kcp_desk.services.trust import TrustAnchors

__all__ = ["PASSWORD_RESET_TEMPLATE", "ConfirmationResult", "confirm_letter_code", "confirm_link"]

#: ID-6: after the new address confirmed itself, the portal's normal reset link follows
PASSWORD_RESET_TEMPLATE: Final = "password_reset_link"

_LINK_INVALID: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This link is not valid (unknown, already used, expired or withdrawn)."
)
_CODE_FORMAT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A letter code has 16 letters and digits (four groups of four)."
)


@dataclass(frozen=True, slots=True)
class ConfirmationResult:
    kind: str  # "confirmation"
    #: ``e_confirmed`` | ``new_email_confirmed`` | ``letter_code_confirmed`` |
    #: ``wrong_code`` | ``code_void`` | ``no_code``
    outcome: str
    case_id: int | None
    tries_left: int | None = None

    def describe(self) -> str:
        """One English line for the command line (never the code)."""
        texts = {
            "e_confirmed": "Confirmed the current e-mail address for identity case {case}.",
            "new_email_confirmed": (
                "Confirmed the new e-mail address of identity case {case}; "
                "a password reset link is queued."
            ),
            "letter_code_confirmed": "Confirmed the letter code for identity case {case}.",
            "wrong_code": "Wrong letter code; {left} more tries before it is void.",
            "code_void": "Wrong letter code; the code is now void.",
            "no_code": "No letter code of this customer can be used now.",
        }
        return texts[self.outcome].format(case=self.case_id, left=self.tries_left)


_LINK_ID: Final = re.compile(r"[0-9]{1,10}")
#: ids are INTEGER columns: a larger one is no link (PostgreSQL would refuse the query)
_MAX_ID: Final = 2**31 - 1


@functools.cache
def _dummy_hash() -> str:
    return hash_code(CodeKind.LINK, new_link_token())


def _invalid_link() -> FieldErrors:
    return FieldErrors({"token": InvalidInput(_LINK_INVALID, field="token")})


def confirm_link(
    db: Database, anchors: TrustAnchors, token: SecretText, *, now: dt.datetime | None = None
) -> ConfirmationResult:
    """A link clicked: factor E of an open case, or the new address of an approved one."""
    link_id, dot, secret_text = token.reveal().partition(".")
    if not dot or not _LINK_ID.fullmatch(link_id) or int(link_id) > _MAX_ID:
        raise _invalid_link()
    secret = SecretText(secret_text)
    with db.read() as s:
        link = s.get(EmailLink, int(link_id))
        stored = link.token_hash if link is not None else None
    # an unknown id costs the same Argon2id as a wrong secret: timing tells no ids
    matched = verify_code(CodeKind.LINK, secret, stored or _dummy_hash())
    if stored is None or not matched:
        raise _invalid_link()
    with db.transaction() as s:
        when = now or utcnow()
        link = s.get(EmailLink, int(link_id))
        assert link is not None
        case = facts.lock_case(s, link.case_id)
        link = s.get(EmailLink, int(link_id), populate_existing=True)
        assert link is not None
        sent = facts.aware(link.sent_at)
        until = min(facts.aware(link.valid_until), sent + policy.LINK_VALIDITY)
        if link.confirmed_at is not None or link.voided_at is not None or when > until:
            raise _invalid_link()
        customer = s.get(Customer, case.customer_id, with_for_update=True)
        assert customer is not None
        if link.purpose is LinkPurpose.FACTOR_E:
            if case.state != IdentityCaseState.OPEN or customer.email != link.address:
                raise _invalid_link()
            link.confirmed_at = when
            return ConfirmationResult("confirmation", "e_confirmed", case.id)
        # ID-6: the approved new address confirms itself; then the portal's reset link
        if case.state != IdentityCaseState.APPROVED or customer.email != link.address:
            raise _invalid_link()
        link.confirmed_at = when
        customer.email_verified = True
        outbox.queue(
            s,
            anchors,
            channel=OutboxChannel.EMAIL,
            template=PASSWORD_RESET_TEMPLATE,
            recipient=customer.email,
            customer_id=customer.id,
            case_id=case.id,
            queued_by=None,
        )
        return ConfirmationResult("confirmation", "new_email_confirmed", case.id)


def confirm_letter_code(
    db: Database, customer_number: int, typed: SecretText, *, now: dt.datetime | None = None
) -> ConfirmationResult:
    """A letter code typed on the portal (factor L); 5 wrong entries void it (ID-3)."""
    try:
        code = parse_letter_code(typed.reveal())
    except CodeFormatError:
        raise FieldErrors(
            {"letter_code": InvalidInput(_CODE_FORMAT, field="letter_code")}
        ) from None
    with db.read() as s:
        found = _live_letter(s, customer_number, now or utcnow())
        if found is None:
            return ConfirmationResult("confirmation", "no_code", None)
        case_id, code_id, stored = found
    matched = verify_code(CodeKind.LETTER, code, stored)
    with db.transaction() as s:
        when = now or utcnow()
        case = facts.lock_case(s, case_id)
        row = s.get(LetterCode, code_id, populate_existing=True)
        assert row is not None
        live = (
            case.state == IdentityCaseState.OPEN
            and row.used_at is None
            and row.voided_at is None
            and when <= facts.code_until(row)
        )
        if not live:
            return ConfirmationResult("confirmation", "no_code", case_id)
        if matched:
            row.used_at = when
            return ConfirmationResult("confirmation", "letter_code_confirmed", case_id)
        row.failures += 1
        left = max(0, policy.CODE_FAILURE_LIMIT - row.failures)
        if left == 0:
            row.voided_at = when
            return ConfirmationResult("confirmation", "code_void", case_id, 0)
        return ConfirmationResult("confirmation", "wrong_code", case_id, left)


def _live_letter(s: Session, customer_number: int, now: dt.datetime) -> tuple[int, int, str] | None:
    row = s.scalars(
        select(LetterCode)
        .join(IdentityCase, IdentityCase.id == LetterCode.case_id)
        .join(Customer, Customer.id == IdentityCase.customer_id)
        .where(
            Customer.number == customer_number,
            IdentityCase.state == IdentityCaseState.OPEN,
            LetterCode.used_at.is_(None),
            LetterCode.voided_at.is_(None),
        )
        .order_by(LetterCode.sent_at.desc(), LetterCode.id.desc())
        .limit(1)
    ).first()
    if row is None or now > facts.code_until(row):
        return None
    return row.case_id, row.id, row.code_hash
