"""The identity case (SPEC C2, ID-1 … ID-7): the ONLY way an agent changes a customer's
e-mail address.

An agent opens a case and records how the caller was found (knowledge only finds the
record). Factors are tried (P compared here, E/L/M sent through the outbox with their
code or token sealed to the channel's service key, D recorded as presented). When the
policy (:mod:`kcp_desk.domain.identity_policy`) allows a new e-mail, the agent submits
it; a lead, a different person with the role as of that transaction, approves or
rejects. On approval the new address is stored unverified, a confirmation link goes to
it, the old address and the postal address are told, and the whole case is audited.

Codes and tokens exist in the clear only between their generation and the sealing in
the same call; the database holds Argon2id hashes. Argon2id runs outside transactions.
Every step locks the case row first (:func:`.facts.lock_case`), so counters and codes
are consistent whatever two desks and the portal do at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kcp_desk.db import Database
from kcp_desk.domain import contact_rules as rules
from kcp_desk.domain import identity_policy as policy
from kcp_desk.domain.masking import mask_email
from kcp_desk.domain.text_input import check_secret, multi_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TOO_LONG,
    InvalidInput,
    PermissionDenied,
    StaleEdit,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import ContactChange, Customer
from kcp_desk.models.identity import (
    EmailLink,
    Factor,
    FactorAttempt,
    IdentityCase,
    IdentityCaseState,
    IdentityPurpose,
    LetterCode,
    LinkPurpose,
    SmsCode,
)
from kcp_desk.models.outbox import OutboxChannel
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.one_time_codes import (
    PRODUCTION_PARAMS,
    CodeFormatError,
    CodeHashParams,
    CodeKind,
    format_letter_code,
    hash_code,
    new_letter_code,
    new_link_token,
    new_sms_code,
    parse_letter_code,
    parse_sms_code,
    verify_code,
)
from kcp_desk.services import audit, outbox
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.caller_verification import CallerVerificationService
from kcp_desk.services.customers import customer_not_found, search_text_of
from kcp_desk.services.identity import facts
from kcp_desk.services.identity.dto import CaseDTO, CaseSummary, StepOutcome
from kcp_desk.services.identity.refusals import refusal as _refusal
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors, certified_agent, refusals_audited

__all__ = ["IdentityService", "link_token"]

log = logging.getLogger(__name__)

_TEXT_MAX: Final = 1000

_CASE_OPEN: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This customer already has an identity case in progress; continue that one."
)
_NOT_OPEN: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This identity case is no longer open; nothing more can be done in it."
)
_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Someone else changed this identity case meanwhile. Reload to see it."
)
_NOT_ALLOWED_YET: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The factors passed so far do not allow a new e-mail address (two independent "
    "factors are needed: P+E, P+L, P+M or L+D).",
)
_SAME_EMAIL: Final = QT_TRANSLATE_NOOP("KcpError", "This is the address the customer already has.")
_LEADS_ONLY: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only a team lead can approve or reject an identity case."
)
_FOUR_EYES: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "You prepared this identity case yourself; another team lead has to decide it (four-eyes).",
)
_NOT_AWAITING: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This identity case is not waiting for a decision."
)
_REASON_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please give a reason.")
_CODE_EMPTY: Final = QT_TRANSLATE_NOOP("KcpError", "Type the code the caller reads out.")
_LETTER_FORMAT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A letter code has 16 letters and digits (four groups of four)."
)
_SMS_FORMAT: Final = QT_TRANSLATE_NOOP("KcpError", "An SMS code has six digits.")
_NO_DOCUMENT: Final = QT_TRANSLATE_NOOP("KcpError", "Choose the document that was presented.")
_NO_ADDRESS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The customer has no postal address to send a letter to."
)


#: outbox templates (the mail system's names)
LETTER_TEMPLATE: Final = "identity_letter_code"
SMS_TEMPLATE: Final = "identity_sms_code"
LINK_TEMPLATE: Final = "identity_confirm_current_email"
NEW_EMAIL_TEMPLATE: Final = "identity_confirm_new_email"
OLD_EMAIL_NOTICE: Final = "email_changed_notice"
POSTAL_NOTICE: Final = "email_changed_letter"


def link_token(link_id: int, secret: SecretText) -> SecretText:
    """``<id>.<secret>``: the id finds the row, the secret is checked against its hash."""
    return SecretText(f"{link_id}.{secret.reveal()}")


def _reason(text: str, field: str, *, required: bool) -> str | None:
    cleaned = multi_line(text, field=field)
    if len(cleaned) > _TEXT_MAX:
        raise InvalidInput(TOO_LONG, field=field, n=_TEXT_MAX)
    if required and not cleaned:
        raise InvalidInput(_REASON_REQUIRED, field=field)
    return cleaned or None


class IdentityService:
    def __init__(
        self,
        db: Database,
        anchors: TrustAnchors,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        code_params: CodeHashParams = PRODUCTION_PARAMS,
    ) -> None:
        self._db = db
        self._anchors = anchors
        self._clock = clock
        self._params = code_params
        self._caller = CallerVerificationService(db, clock=clock)

    # --- reading ------------------------------------------------------------------------

    def current_case(self, session: AgentSession, customer_id: int) -> CaseDTO | None:
        """The customer's case that is open or waits for a lead, if any."""
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            case_id = _current_case_id(s, customer_id)
            if case_id is None:
                if s.get(Customer, customer_id) is None:
                    raise customer_not_found()
                return None
            return facts.case_dto(s, facts.load_case(s, case_id), agent, self._clock())

    def get(self, session: AgentSession, case_id: int) -> CaseDTO:
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            return facts.case_dto(s, facts.load_case(s, case_id), agent, self._clock())

    def cases_of(self, session: AgentSession, customer_id: int) -> list[CaseSummary]:
        """The customer's cases, newest first (History)."""
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            ids = s.scalars(
                select(IdentityCase.id)
                .where(IdentityCase.customer_id == customer_id)
                .order_by(IdentityCase.created_at.desc(), IdentityCase.id.desc())
            ).all()
            now = self._clock()
            return [facts.case_summary(s, facts.load_case(s, i), agent, now) for i in ids]

    def pending(self, session: AgentSession) -> list[CaseSummary]:
        """Cases waiting for a lead's decision, oldest first (the approvals queue)."""
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            ids = s.scalars(
                select(IdentityCase.id)
                .where(IdentityCase.state == IdentityCaseState.AWAITING_APPROVAL)
                .order_by(IdentityCase.submitted_at, IdentityCase.id)
            ).all()
            now = self._clock()
            return [facts.case_summary(s, facts.load_case(s, i), agent, now) for i in ids]

    def pending_count(self, session: AgentSession) -> int:
        """How many waiting cases this agent could decide (a lead: none they worked on)."""
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            if agent.role != Role.LEAD:
                return 0
            waiting = s.scalars(
                select(IdentityCase)
                .where(IdentityCase.state == IdentityCaseState.AWAITING_APPROVAL)
                .options(selectinload(IdentityCase.attempts))
            )
            return sum(1 for case in waiting if facts.may_decide(s, case, agent))

    # --- opening ------------------------------------------------------------------------

    def open_case(
        self,
        session: AgentSession,
        customer_id: int,
        *,
        has_mailbox: bool,
        knowledge: Sequence[policy.KnowledgeCheck],
        doubt_note: str | None = None,
    ) -> CaseDTO:
        note = _reason(doubt_note or "", "doubt_note", required=False)
        seen = [c.item for c in knowledge]
        if len(seen) != len(set(seen)):
            raise ValueError("each knowledge item at most once")
        with self._db.transaction() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            customer = s.get(Customer, customer_id, with_for_update=True)
            if customer is None:
                raise customer_not_found()
            if _current_case_id(s, customer_id) is not None:
                raise InvalidInput(_CASE_OPEN, field="case")
            now = self._clock()
            case = IdentityCase(
                customer_id=customer_id,
                purpose=IdentityPurpose.EMAIL_CHANGE,
                prepared_by_id=agent.id,
                created_at=now,
                has_mailbox=has_mailbox,
                knowledge=facts.knowledge_json(knowledge),
                doubts=note,
            )
            s.add(case)
            s.flush()
            audit.append(
                s,
                "identity_case_opened",
                {
                    "customer_id": customer_id,
                    "case_id": case.id,
                    "has_mailbox": has_mailbox,
                    "knowledge": [{"item": c.item.value, "matched": c.matched} for c in knowledge],
                    "doubt_noted": note is not None,
                },
                agent_id=agent.id,
                keys=session.keys,
            )
            return facts.case_dto(s, case, agent, now)

    # --- P -------------------------------------------------------------------------------

    def try_phone_password(self, session: AgentSession, case_id: int, spoken: str) -> StepOutcome:
        """P (ID-1, ID-3): the caller verification with this case's counters."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            case = facts.load_case(s, case_id)
            _require_open(case)
            customer_id = case.customer_id
            customer = s.get(Customer, customer_id, options=[selectinload(Customer.addresses)])
            assert customer is not None
            now = self._clock()
            decision = policy.may_try_phone_password(
                facts.case_facts(s, case, customer, now.date()), now
            )
            if not decision and decision.reason_key not in ("p_locked", "p_locked_for_case"):
                raise _refusal(decision, "phone_password")
        outcome = self._caller.verify_phone_password(session, customer_id, spoken, case_id)
        dto = self.get(session, case_id)
        return StepOutcome(outcome.result.value, dto, outcome.tries_left_in_case)

    # --- sending ------------------------------------------------------------------------

    def send_letter(self, session: AgentSession, case_id: int) -> CaseDTO:
        """L: a letter code to the registered postal address (a new one voids the old)."""
        code = new_letter_code()
        code_hash = hash_code(CodeKind.LETTER, code, self._params)
        with (
            refusals_audited(self._db, session, "identity_letter_sent"),
            self._db.transaction() as s,
        ):
            agent, case, customer, now = self._step(s, session, case_id)
            address = facts.registered_address(customer, now.date())
            if address is None:
                raise InvalidInput(_NO_ADDRESS, field="L")
            decision = policy.may_send_letter(facts.case_facts(s, case, customer, now.date()), now)
            if not decision:
                raise _refusal(decision, "L")
            for old in case.letter_codes:
                if old.used_at is None and old.voided_at is None:
                    old.voided_at = now
            valid_until = now + policy.letter_validity(address.country or "DE")
            case.letter_codes.append(
                LetterCode(
                    customer_id=customer.id,
                    case_id=case.id,
                    code_hash=code_hash,
                    sent_at=now,
                    valid_until=valid_until,
                )
            )
            message = outbox.queue(
                s,
                self._anchors,
                channel=OutboxChannel.LETTER,
                template=LETTER_TEMPLATE,
                recipient=facts.letter_recipient(customer, address),
                customer_id=customer.id,
                case_id=case.id,
                queued_by=agent.id,
                params={"valid_until": valid_until.date().isoformat()},
                secret={"code": format_letter_code(code)},
            )
            self._audit(
                s,
                session,
                "identity_letter_sent",
                case,
                message_id=message.id,
                valid_until=valid_until.isoformat(),
            )
            return self._dto(s, case, agent, now)

    def send_sms(self, session: AgentSession, case_id: int) -> CaseDTO:
        """M: an SMS code to the mobile registered ≥ 30 days before the case."""
        code = new_sms_code()
        code_hash = hash_code(CodeKind.SMS, code, self._params)
        with refusals_audited(self._db, session, "identity_sms_sent"), self._db.transaction() as s:
            agent, case, customer, now = self._step(s, session, case_id)
            decision = policy.may_send_sms(facts.case_facts(s, case, customer, now.date()), now)
            if not decision:
                raise _refusal(decision, "M")
            assert customer.mobile_e164 is not None  # the policy refuses without one
            for old in case.sms_codes:
                if old.used_at is None and old.voided_at is None:
                    old.voided_at = now
            valid_until = policy.sms_valid_until(now)
            case.sms_codes.append(
                SmsCode(
                    customer_id=customer.id,
                    case_id=case.id,
                    mobile_e164=customer.mobile_e164,
                    code_hash=code_hash,
                    sent_at=now,
                    valid_until=valid_until,
                )
            )
            message = outbox.queue(
                s,
                self._anchors,
                channel=OutboxChannel.SMS,
                template=SMS_TEMPLATE,
                recipient=customer.mobile_e164,
                customer_id=customer.id,
                case_id=case.id,
                queued_by=agent.id,
                secret={"code": code},
            )
            self._audit(s, session, "identity_sms_sent", case, message_id=message.id)
            return self._dto(s, case, agent, now)

    def send_link(self, session: AgentSession, case_id: int) -> CaseDTO:
        """E: a confirmation link to the CURRENT registered address (24 h)."""
        secret = new_link_token()
        token_hash = hash_code(CodeKind.LINK, secret, self._params)
        with refusals_audited(self._db, session, "identity_link_sent"), self._db.transaction() as s:
            agent, case, customer, now = self._step(s, session, case_id)
            decision = policy.may_send_link(facts.case_facts(s, case, customer, now.date()), now)
            if not decision:
                raise _refusal(decision, "E")
            message_id = self._queue_link(
                s, agent, case, customer.email, LinkPurpose.FACTOR_E, secret, token_hash, now
            )
            self._audit(s, session, "identity_link_sent", case, message_id=message_id)
            return self._dto(s, case, agent, now)

    def _queue_link(
        self,
        s: Session,
        agent: Agent | None,
        case: IdentityCase,
        address: str,
        purpose: LinkPurpose,
        secret: SecretText,
        token_hash: str,
        now: dt.datetime,
    ) -> int:
        link = EmailLink(
            customer_id=case.customer_id,
            case_id=case.id,
            purpose=purpose,
            address=address,
            token_hash=token_hash,
            sent_at=now,
            valid_until=policy.link_valid_until(now),
        )
        case.email_links.append(link)
        s.flush()
        message = outbox.queue(
            s,
            self._anchors,
            channel=OutboxChannel.EMAIL,
            template=LINK_TEMPLATE if purpose is LinkPurpose.FACTOR_E else NEW_EMAIL_TEMPLATE,
            recipient=address,
            customer_id=case.customer_id,
            case_id=case.id,
            queued_by=agent.id if agent else None,
            params={"valid_until": link.valid_until.isoformat()},
            secret={"token": link_token(link.id, secret)},
        )
        return message.id

    # --- codes read out on the phone ----------------------------------------------------

    def enter_code(
        self, session: AgentSession, case_id: int, factor: str, typed: str
    ) -> StepOutcome:
        """L or M: the agent types the code the caller reads from the letter or SMS."""
        if factor not in ("L", "M"):
            raise ValueError("codes are L or M")
        kind = CodeKind.LETTER if factor == "L" else CodeKind.SMS
        check_secret(typed, field="code")
        if not typed.strip():
            raise InvalidInput(_CODE_EMPTY, field="code")
        try:
            code = parse_letter_code(typed) if factor == "L" else parse_sms_code(typed)
        except CodeFormatError:
            raise InvalidInput(
                _LETTER_FORMAT if factor == "L" else _SMS_FORMAT, field="code"
            ) from None
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            case = facts.load_case(s, case_id)
            _require_open(case)
            row = _live_code(case, factor, self._clock())
            stored = row.code_hash if row is not None else None
            row_id = row.id if row is not None else None
        if row_id is None or stored is None:
            return StepOutcome("no_code", self.get(session, case_id))
        matched = verify_code(kind, code, stored)
        with self._db.transaction() as s:
            agent, case, customer, now = self._step(s, session, case_id)
            row = _live_code(case, factor, now)
            if row is None or row.id != row_id:
                # voided, used or expired while we compared
                return StepOutcome("void", self._dto(s, case, agent, now))
            case.attempts.append(
                FactorAttempt(
                    case_id=case.id,
                    customer_id=customer.id,
                    factor=Factor.LETTER_CODE if factor == "L" else Factor.SMS_CODE,
                    at=now,
                    success=matched,
                    agent_id=agent.id,
                )
            )
            if matched:
                row.used_at = now
                left = None
                result = "match"
            else:
                row.failures += 1
                left = max(0, policy.CODE_FAILURE_LIMIT - row.failures)
                if left == 0:
                    row.voided_at = now
                result = "no_match" if left else "void"
            self._audit(s, session, "identity_code_entered", case, factor=factor, result=result)
            return StepOutcome(result, self._dto(s, case, agent, now), left)

    # --- D -------------------------------------------------------------------------------

    def record_document(
        self,
        session: AgentSession,
        case_id: int,
        documents: Sequence[policy.DocumentType],
        accepted: bool,
    ) -> CaseDTO:
        """D: the documents the contract holder presented (viewed, nothing stored)."""
        if not documents:
            raise InvalidInput(_NO_DOCUMENT, field="D")
        kinds = [policy.DocumentType(d) for d in dict.fromkeys(documents)]
        with self._db.transaction() as s:
            agent, case, customer, now = self._step(s, session, case_id)
            decision = policy.may_record_document(
                facts.case_facts(s, case, customer, now.date()), now
            )
            if not decision:
                raise _refusal(decision, "D")
            for kind in kinds:
                case.attempts.append(
                    FactorAttempt(
                        case_id=case.id,
                        customer_id=customer.id,
                        factor=Factor.ID_DOCUMENT,
                        at=now,
                        success=accepted,
                        agent_id=agent.id,
                        detail=kind.value,
                    )
                )
            self._audit(
                s,
                session,
                "identity_document_recorded",
                case,
                documents=[k.value for k in kinds],
                result="presented" if accepted else "rejected",
            )
            return self._dto(s, case, agent, now)

    # --- submit, cancel, decide ---------------------------------------------------------

    def submit(self, session: AgentSession, case_id: int, version: int, new_email: str) -> CaseDTO:
        """The new address goes to a lead, once two independent factors passed (ID-2)."""
        email = rules.normalise_email(new_email, field="new_email")
        with self._db.transaction() as s:
            agent, case, customer, now = self._step(s, session, case_id)
            if case.version != version:
                raise StaleEdit(_STALE)
            if email.casefold() == customer.email.casefold():
                raise InvalidInput(_SAME_EMAIL, field="new_email")
            state = policy.evaluate(facts.case_facts(s, case, customer, now.date()), now)
            if not state.allows_new_email:
                raise PermissionDenied(_NOT_ALLOWED_YET, field="new_email")
            case.new_email = email
            case.new_email_masked = mask_email(email)
            case.state = IdentityCaseState.AWAITING_APPROVAL
            case.submitted_at = now
            case.submitted_by_id = agent.id
            s.flush()
            self._audit(
                s,
                session,
                "identity_case_submitted",
                case,
                passed=sorted(f.value for f in state.passed),
                new_email=case.new_email_masked,
            )
            return self._dto(s, case, agent, now)

    def cancel(self, session: AgentSession, case_id: int, version: int, reason: str) -> CaseDTO:
        """The agent (or a lead) ends a case that is open or waiting, with a reason."""
        text = _reason(reason, "reason", required=True)
        with self._db.transaction() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            case = facts.lock_case(s, case_id)
            if case.state not in (IdentityCaseState.OPEN, IdentityCaseState.AWAITING_APPROVAL):
                raise InvalidInput(_NOT_OPEN, field="case")
            if case.version != version:
                raise StaleEdit(_STALE)
            now = self._clock()
            self._void_codes(case, now)
            case.state = IdentityCaseState.CANCELLED
            case.decided_at = now
            case.decision_reason = text
            s.flush()
            self._audit(s, session, "identity_case_cancelled", case)
            return self._dto(s, case, agent, now)

    def approve(self, session: AgentSession, case_id: int, version: int, reason: str) -> CaseDTO:
        return self._decide(session, case_id, version, reason, approve=True)

    def reject(self, session: AgentSession, case_id: int, version: int, reason: str) -> CaseDTO:
        return self._decide(session, case_id, version, reason, approve=False)

    def _decide(
        self, session: AgentSession, case_id: int, version: int, reason: str, *, approve: bool
    ) -> CaseDTO:
        text = _reason(reason, "decision_reason", required=True)
        confirm_secret = new_link_token()
        confirm_hash = hash_code(CodeKind.LINK, confirm_secret, self._params)
        action = "identity_case_approved" if approve else "identity_case_rejected"
        with refusals_audited(self._db, session, action), self._db.transaction() as s:
            # the role as of now, not as of the login: a demoted lead decides nothing
            lead = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY, lock=True)
            if self._anchors.keys:  # and certified (V-8): not a role written into the row
                certified_agent(s, lead.id, self._anchors)
            case = facts.lock_case(s, case_id)
            if lead.id in facts.participants(s, case):
                raise PermissionDenied(_FOUR_EYES)
            if case.state != IdentityCaseState.AWAITING_APPROVAL:
                raise InvalidInput(_NOT_AWAITING, field="case")
            if case.version != version:
                raise StaleEdit(_STALE)
            now = self._clock()
            customer = s.get(
                Customer,
                case.customer_id,
                options=[selectinload(Customer.addresses)],
                with_for_update=True,
                populate_existing=True,
            )
            assert customer is not None
            state = policy.evaluate(facts.case_facts(s, case, customer, now.date()), now)
            if approve and not state.allows_new_email:
                # a factor stopped counting (or its address changed) while the case waited
                raise PermissionDenied(_NOT_ALLOWED_YET, field="decision_reason")
            case.approver_id = lead.id
            case.decided_at = now
            case.decision_reason = text
            self._void_codes(case, now)
            queued: list[str] = []
            old_masked = mask_email(customer.email)
            if approve:
                case.state = IdentityCaseState.APPROVED
                queued = self._apply_new_email(
                    s, lead, case, customer, confirm_secret, confirm_hash, now
                )
            else:
                case.state = IdentityCaseState.REJECTED
            s.flush()
            self._audit_record(s, session, case, customer, state, old_masked, queued, approve)
            return self._dto(s, case, lead, now)

    def _apply_new_email(
        self,
        s: Session,
        lead: Agent,
        case: IdentityCase,
        customer: Customer,
        confirm_secret: SecretText,
        confirm_hash: str,
        now: dt.datetime,
    ) -> list[str]:
        """ID-6: the address stored unverified, a link to it, the old address and the
        postal address told. Returns the templates queued."""
        assert case.new_email is not None
        old_email = customer.email
        customer.email = case.new_email
        customer.email_verified = False
        customer.search_folded = search_text_of(customer, now.date())
        s.add(
            ContactChange(
                customer_id=customer.id,
                field="email",
                old_value=old_email,
                new_value=case.new_email,
                agent_id=lead.id,
                changed_at=now,
                # the lead's reason; the case itself is listed under History beside it
                reason=case.decision_reason,
            )
        )
        self._queue_link(
            s, lead, case, case.new_email, LinkPurpose.NEW_EMAIL, confirm_secret, confirm_hash, now
        )
        outbox.queue(
            s,
            self._anchors,
            channel=OutboxChannel.EMAIL,
            template=OLD_EMAIL_NOTICE,
            recipient=old_email,
            customer_id=customer.id,
            case_id=case.id,
            queued_by=lead.id,
            params={"new_email": mask_email(case.new_email)},
        )
        queued = [NEW_EMAIL_TEMPLATE, OLD_EMAIL_NOTICE]
        address = facts.registered_address(customer, now.date())
        if address is not None:
            outbox.queue(
                s,
                self._anchors,
                channel=OutboxChannel.LETTER,
                template=POSTAL_NOTICE,
                recipient=facts.letter_recipient(customer, address),
                customer_id=customer.id,
                case_id=case.id,
                queued_by=lead.id,
                params={"new_email": mask_email(case.new_email)},
            )
            queued.append(POSTAL_NOTICE)
        return queued

    # --- helpers ------------------------------------------------------------------------

    def _step(
        self, s: Session, session: AgentSession, case_id: int
    ) -> tuple[Agent, IdentityCase, Customer, dt.datetime]:
        """The write prologue of every step: role re-read, case locked and open."""
        agent = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
        case = facts.lock_case(s, case_id)
        _require_open(case)
        customer = s.get(Customer, case.customer_id, options=[selectinload(Customer.addresses)])
        assert customer is not None
        return agent, case, customer, self._clock()

    def _dto(self, s: Session, case: IdentityCase, agent: Agent, now: dt.datetime) -> CaseDTO:
        # the case's collections are current: every row of this step went in through them
        s.flush()
        return facts.case_dto(s, case, agent, now)

    @staticmethod
    def _void_codes(case: IdentityCase, now: dt.datetime) -> None:
        """A closed case leaves no code or link that could still pass."""
        codes: list[LetterCode | SmsCode] = [*case.letter_codes, *case.sms_codes]
        for row in codes:
            if row.used_at is None and row.voided_at is None:
                row.voided_at = now
        for link in case.email_links:
            unused = link.confirmed_at is None and link.voided_at is None
            if link.purpose is LinkPurpose.FACTOR_E and unused:
                link.voided_at = now

    def _audit(
        self, s: Session, session: AgentSession, action: str, case: IdentityCase, **details: object
    ) -> None:
        audit.append(
            s,
            action,
            {"customer_id": case.customer_id, "case_id": case.id, **details},
            agent_id=session.principal.agent_id,
            keys=session.keys,
        )

    def _audit_record(
        self,
        s: Session,
        session: AgentSession,
        case: IdentityCase,
        customer: Customer,
        state: policy.PolicyState,
        old_masked: str,
        queued: list[str],
        approve: bool,
    ) -> None:
        """ID-7: the whole case in one entry: agent, approver, times, every factor tried
        with pass/fail, documents, doubts, old/new e-mail masked, notifications, decision."""
        tried = [
            {
                "factor": a.factor.value,
                "at": facts.iso(a.at),
                "passed": a.success,
                **({"document": a.detail, "presented": a.success} if a.detail else {}),
            }
            for a in case.attempts
        ]
        tried += [
            {"factor": "E", "at": facts.iso(link.confirmed_at), "passed": True, "by": "portal"}
            for link in case.email_links
            if link.purpose is LinkPurpose.FACTOR_E and link.confirmed_at is not None
        ]
        tried += [
            {"factor": "L", "at": facts.iso(code.used_at), "passed": True, "by": "portal"}
            for code in case.letter_codes
            if code.used_at is not None
            and not any(
                a.factor is Factor.LETTER_CODE and a.success and a.at == code.used_at
                for a in case.attempts
            )
        ]
        audit.append(
            s,
            "identity_case_approved" if approve else "identity_case_rejected",
            {
                "customer_id": customer.id,
                "case_id": case.id,
                "prepared_by": case.prepared_by_id,
                "approved_by" if approve else "rejected_by": case.approver_id,
                "opened_at": facts.iso(case.created_at),
                "submitted_at": facts.iso(case.submitted_at),
                "decided_at": facts.iso(case.decided_at),
                "factors": tried,
                "passed": sorted(f.value for f in state.passed),
                "doubts": [n.key for n in state.doubts] + (["note"] if case.doubts else []),
                "old_email": old_masked,
                "new_email": case.new_email_masked,
                "queued": queued,
            },
            agent_id=session.principal.agent_id,
            keys=session.keys,
        )


def _require_open(case: IdentityCase) -> None:
    if case.state != IdentityCaseState.OPEN:
        raise InvalidInput(_NOT_OPEN, field="case")


def _current_case_id(s: Session, customer_id: int) -> int | None:
    return s.scalar(
        select(IdentityCase.id)
        .where(
            IdentityCase.customer_id == customer_id,
            IdentityCase.state.in_((IdentityCaseState.OPEN, IdentityCaseState.AWAITING_APPROVAL)),
        )
        .order_by(IdentityCase.id.desc())
        .limit(1)
    )


def _live_code(case: IdentityCase, factor: str, now: dt.datetime) -> LetterCode | SmsCode | None:
    """The code of ``factor`` that can still pass: the newest, unused, not void, valid."""
    rows: Sequence[LetterCode | SmsCode] = case.letter_codes if factor == "L" else case.sms_codes
    live = [
        r for r in rows if r.used_at is None and r.voided_at is None and facts.code_until(r) >= now
    ]
    return max(live, key=lambda r: (r.sent_at, r.id)) if live else None
