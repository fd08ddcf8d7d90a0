"""Reading an identity case: its rows into the policy's :class:`CaseFacts`, and into the
DTOs the screens show. Only reads; the commands are in :mod:`.service`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from kcp_desk.domain import identity_policy as policy
from kcp_desk.domain.masking import mask_email, mask_phone
from kcp_desk.domain.references import format_customer_number
from kcp_desk.errors import QT_TRANSLATE_NOOP, NotFound
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.customers import (
    AddressKind,
    ContactChange,
    Customer,
    CustomerKind,
    PostalAddress,
)
from kcp_desk.models.identity import (
    Factor,
    FactorAttempt,
    IdentityCase,
    IdentityCaseState,
    LetterCode,
    LinkPurpose,
    SmsCode,
)
from kcp_desk.models.outbox import OutboxMessage
from kcp_desk.security.phone_password import is_phc_argon2id
from kcp_desk.services.customers import current_address, display_name
from kcp_desk.services.identity.dto import (
    AttemptRow,
    CaseDTO,
    CaseSummary,
    QueuedRow,
    SentRow,
)
from kcp_desk.services.identity.refusals import refusal
from kcp_desk.services.outbox import mask_recipient

__all__ = [
    "case_dto",
    "case_facts",
    "case_summary",
    "knowledge_json",
    "load_case",
    "lock_case",
    "parse_knowledge",
    "registered_address",
]

_CASE_NOT_FOUND = QT_TRANSLATE_NOOP("KcpError", "This identity case does not exist.")


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive UTC back, PostgreSQL aware UTC: always aware."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


_aware = aware


def _opt(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _aware(value)


def iso(value: dt.datetime | None) -> str | None:
    return None if value is None else aware(value).isoformat()


def display_name_of(customer: Customer) -> str:
    return display_name(
        customer.kind,
        customer.first_name,
        customer.last_name,
        customer.company,
        customer.legal_form,
    )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def load_case(s: Session, case_id: int) -> IdentityCase:
    case = s.get(
        IdentityCase,
        case_id,
        options=[
            selectinload(IdentityCase.attempts),
            selectinload(IdentityCase.letter_codes),
            selectinload(IdentityCase.sms_codes),
            selectinload(IdentityCase.email_links),
        ],
        populate_existing=True,
    )
    if case is None:
        raise NotFound(_CASE_NOT_FOUND, field="case")
    return case


def lock_case(s: Session, case_id: int) -> IdentityCase:
    """The case for a write: every step of one case runs one after the other (two agents
    or the portal racing on the last allowed try cannot both get an answer)."""
    if s.get_bind().dialect.name == "sqlite":
        # the first statement writes, so this transaction holds the write lock
        s.execute(
            update(IdentityCase)
            .where(IdentityCase.id == case_id)
            .values(version=IdentityCase.version)
            .execution_options(synchronize_session=False)
        )
    else:
        s.execute(select(IdentityCase.id).where(IdentityCase.id == case_id).with_for_update())
    return load_case(s, case_id)


def registered_address(customer: Customer, today: dt.date) -> PostalAddress | None:
    """The postal address a letter code goes to: the contract holder's address, else the
    billing address."""
    return current_address(customer.addresses, AddressKind.CONTRACT, today) or current_address(
        customer.addresses, AddressKind.BILLING, today
    )


def letter_recipient(customer: Customer, address: PostalAddress) -> str:
    """The address block of a letter, a line each: name, street, postcode and city,
    country (the letter service's format; ``outbox.mask_recipient`` reads it)."""
    lines = (
        display_name_of(customer),
        f"{address.street} {address.house_number}".strip(),
        f"{address.postcode} {address.city}".strip(),
        address.country,
    )
    return "\n".join(line for line in lines if line)


def _last_change(s: Session, customer_id: int, field: str) -> dt.datetime | None:
    at = s.scalar(
        select(func.max(ContactChange.changed_at)).where(
            ContactChange.customer_id == customer_id, ContactChange.field == field
        )
    )
    return _opt(at)


def _address_unchanged_since(
    s: Session, customer: Customer, address: PostalAddress | None
) -> dt.datetime:
    since = _midnight(address.valid_from if address else customer.customer_since)
    changed = _last_change(s, customer.id, f"address.{address.kind.value}" if address else "")
    return max(since, changed) if changed else since


def _mobile_registered_at(s: Session, customer: Customer) -> dt.datetime | None:
    """When the current mobile number was registered: the row says so (the contact form
    sets it); a later change in the history wins, the customer's start is the floor."""
    if not customer.mobile_e164:
        return None
    known = [
        at
        for at in (_opt(customer.mobile_registered_at), _last_change(s, customer.id, "mobile"))
        if at is not None
    ]
    return max(known) if known else _midnight(customer.customer_since)


def _p_failures(s: Session, customer: Customer) -> tuple[dt.datetime, ...]:
    wrong = select(FactorAttempt.at).where(
        FactorAttempt.customer_id == customer.id,
        FactorAttempt.factor == Factor.PHONE_PASSWORD,
        FactorAttempt.success.is_(False),
    )
    if customer.phone_password_set_at is not None:
        wrong = wrong.where(FactorAttempt.at > customer.phone_password_set_at)
    return tuple(_aware(at) for at in s.scalars(wrong))


def _sms_sent(s: Session, customer_id: int) -> tuple[dt.datetime, ...]:
    """The customer's latest SMS codes, any case (the policy counts the last 24 h)."""
    latest = (
        select(SmsCode.sent_at)
        .where(SmsCode.customer_id == customer_id)
        .order_by(SmsCode.sent_at.desc())
        .limit(policy.SMS_DAY_LIMIT)
    )
    return tuple(_aware(at) for at in s.scalars(latest))


def parse_knowledge(text: str) -> tuple[policy.KnowledgeCheck, ...]:
    checks = []
    for item in json.loads(text or "[]"):
        checks.append(
            policy.KnowledgeCheck(policy.KnowledgeItem(item["item"]), bool(item["matched"]))
        )
    return tuple(checks)


def knowledge_json(checks: Sequence[policy.KnowledgeCheck]) -> str:
    return json.dumps(
        [{"item": c.item.value, "matched": c.matched} for c in checks], separators=(",", ":")
    )


def code_until(row: LetterCode | SmsCode) -> dt.datetime:
    """A code is valid up to its ``valid_until``, never longer than the rule says,
    whatever the row claims."""
    longest = policy.SMS_VALIDITY if isinstance(row, SmsCode) else policy.LETTER_VALIDITY_ABROAD
    return min(aware(row.valid_until), aware(row.sent_at) + longest)


def _code(row: LetterCode | SmsCode) -> policy.CodeSent:
    return policy.CodeSent(
        sent_at=_aware(row.sent_at),
        valid_until=_aware(row.valid_until),
        used_at=_opt(row.used_at),
        voided_at=_opt(row.voided_at),
        failures=row.failures,
    )


def case_facts(
    s: Session, case: IdentityCase, customer: Customer, today: dt.date
) -> policy.CaseFacts:
    address = registered_address(customer, today)
    attempts = tuple(
        policy.Attempt(
            factor=policy.IdFactor(a.factor.value),
            at=_aware(a.at),
            success=a.success,
            document=policy.DocumentType(a.detail) if a.detail else None,
        )
        for a in case.attempts
        if a.factor in (Factor.PHONE_PASSWORD, Factor.ID_DOCUMENT)
    )
    links = tuple(
        policy.LinkSent(
            sent_at=_aware(link.sent_at),
            valid_until=_aware(link.valid_until)
            if link.voided_at is None
            else _aware(link.sent_at),
            confirmed_at=_opt(link.confirmed_at),
        )
        for link in case.email_links
        if link.purpose is LinkPurpose.FACTOR_E
    )
    phc = customer.phone_password_hash
    return policy.CaseFacts(
        created_at=_aware(case.created_at),
        country=(address.country if address else "DE") or "DE",
        address_unchanged_since=_address_unchanged_since(s, customer, address),
        mobile_registered_at=_mobile_registered_at(s, customer),
        has_phone_password=phc is not None and is_phc_argon2id(phc),
        has_mailbox=case.has_mailbox,
        is_company=customer.kind == CustomerKind.COMPANY,
        attempts=attempts,
        letter_codes=tuple(_code(c) for c in case.letter_codes),
        sms_codes=tuple(_code(c) for c in case.sms_codes),
        email_links=links,
        p_failures=_p_failures(s, customer),
        p_locked_until=_opt(customer.p_factor_locked_until),
        customer_sms_sent=_sms_sent(s, customer.id),
        knowledge=parse_knowledge(case.knowledge),
    )


def _names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {
        i: n for i, n in s.execute(select(Agent.id, Agent.display_name).where(Agent.id.in_(ids)))
    }


def address_text(address: PostalAddress | None) -> str | None:
    if address is None:
        return None
    return f"{address.postcode} {address.city}".strip()


def _attempt_rows(case: IdentityCase, names: dict[int, str]) -> tuple[AttemptRow, ...]:
    rows = [
        AttemptRow(
            factor=a.factor.value,
            at=_aware(a.at),
            success=a.success,
            agent_name=names.get(a.agent_id, "?"),
            documents=a.detail,
        )
        for a in case.attempts
    ]
    return tuple(rows)


def _sent_rows(case: IdentityCase, customer: Customer, address: str | None) -> tuple[SentRow, ...]:
    rows: list[SentRow] = []
    for code in case.letter_codes:
        rows.append(
            SentRow(
                "L",
                _aware(code.sent_at),
                _aware(code.valid_until),
                address or "",
                _opt(code.used_at),
                _opt(code.voided_at),
                code.failures,
            )
        )
    for sms in case.sms_codes:
        rows.append(
            SentRow(
                "M",
                _aware(sms.sent_at),
                _aware(sms.valid_until),
                mask_phone(sms.mobile_e164),
                _opt(sms.used_at),
                _opt(sms.voided_at),
                sms.failures,
            )
        )
    for link in case.email_links:
        rows.append(
            SentRow(
                "E" if link.purpose is LinkPurpose.FACTOR_E else "new_email",
                _aware(link.sent_at),
                _aware(link.valid_until),
                mask_email(link.address),
                _opt(link.confirmed_at),
                _opt(link.voided_at),
                0,
            )
        )
    rows.sort(key=lambda r: r.sent_at)
    return tuple(rows)


def _queued(s: Session, case_id: int) -> tuple[QueuedRow, ...]:

    messages = s.scalars(
        select(OutboxMessage).where(OutboxMessage.case_id == case_id).order_by(OutboxMessage.id)
    )
    return tuple(
        QueuedRow(
            channel=m.channel.value,
            template=m.template,
            recipient_masked=mask_recipient(m.channel, m.recipient),
            queued_at=_aware(m.queued_at),
            sealed=m.sealed is not None,
        )
        for m in messages
    )


def _in_use_elsewhere(s: Session, email: str, customer_id: int) -> bool:
    # the index on customers.email: as typed, and all lower case (the usual spelling)
    other = select(Customer.id).where(
        Customer.email.in_({email, email.lower()}), Customer.id != customer_id
    )
    return s.scalar(other.limit(1)) is not None


def participants(s: Session, case: IdentityCase) -> set[int]:
    """Everyone who worked the case (opened it, tried or sent a factor, submitted it):
    four-eyes means the lead who decides is none of them (ID-4)."""
    people = {case.prepared_by_id, *(a.agent_id for a in case.attempts)}
    if case.submitted_by_id is not None:
        people.add(case.submitted_by_id)
    senders = select(OutboxMessage.queued_by).where(
        OutboxMessage.case_id == case.id, OutboxMessage.queued_by.is_not(None)
    )
    people.update(i for i in s.scalars(senders) if i is not None)
    return people


def may_decide(s: Session, case: IdentityCase, agent: Agent) -> bool:
    return (
        case.state == IdentityCaseState.AWAITING_APPROVAL
        and agent.role == Role.LEAD
        and agent.id not in participants(s, case)
    )


def case_dto(s: Session, case: IdentityCase, agent: Agent, now: dt.datetime) -> CaseDTO:
    customer = s.get(Customer, case.customer_id, options=[selectinload(Customer.addresses)])
    assert customer is not None
    facts = case_facts(s, case, customer, now.date())
    state = policy.evaluate(facts, now)
    if case.new_email and _in_use_elsewhere(s, case.new_email, customer.id):
        # a takeover often brings an address the attacker already uses: a doubt to weigh
        doubt = policy.Note("new_email_in_use")
        state = dataclasses.replace(state, doubts=(*state.doubts, doubt))
    checks = (
        ("E", policy.may_send_link),
        ("L", policy.may_send_letter),
        ("M", policy.may_send_sms),
    )
    decisions = {factor: may(facts, now) for factor, may in checks}
    names = _names(
        s,
        {a.agent_id for a in case.attempts}
        | {case.prepared_by_id}
        | ({case.approver_id} if case.approver_id else set()),
    )
    address = address_text(registered_address(customer, now.date()))
    return CaseDTO(
        case_id=case.id,
        version=case.version,
        customer_id=customer.id,
        customer_number=format_customer_number(customer.number),
        customer_name=display_name_of(customer),
        is_company=customer.kind == CustomerKind.COMPANY,
        state=case.state.value,
        created_at=_aware(case.created_at),
        prepared_by_id=case.prepared_by_id,
        prepared_by_name=names.get(case.prepared_by_id, "?"),
        submitted_at=_opt(case.submitted_at),
        approver_name=names.get(case.approver_id) if case.approver_id else None,
        decided_at=_opt(case.decided_at),
        decision_reason=case.decision_reason,
        has_mailbox=case.has_mailbox,
        knowledge=facts.knowledge,
        doubt_note=case.doubts,
        policy=state,
        attempts=_attempt_rows(case, names),
        sent=_sent_rows(case, customer, address),
        queued=_queued(s, case.id),
        new_email_masked=case.new_email_masked,
        email_masked=mask_email(customer.email),
        address_text=address,
        mobile_masked=mask_phone(customer.mobile_e164) if customer.mobile_e164 else None,
        can_decide=may_decide(s, case, agent),
        is_mine=case.prepared_by_id == agent.id,
        send_refusals={f: refusal(d, f) for f, d in decisions.items() if not d.ok},
    )


def case_summary(s: Session, case: IdentityCase, agent: Agent, now: dt.datetime) -> CaseSummary:
    dto = case_dto(s, case, agent, now)
    tried = tuple((a.factor, a.success) for a in dto.attempts) + tuple(
        (r.factor, True)
        for r in dto.sent
        if r.used_at is not None
        and r.factor != "new_email"
        and not any(a.factor == r.factor and a.success for a in dto.attempts)
    )
    return CaseSummary(
        case_id=dto.case_id,
        version=dto.version,
        customer_id=dto.customer_id,
        customer_number=dto.customer_number,
        customer_name=dto.customer_name,
        state=dto.state,
        created_at=dto.created_at,
        prepared_by_name=dto.prepared_by_name,
        submitted_at=dto.submitted_at,
        approver_name=dto.approver_name,
        decided_at=dto.decided_at,
        decision_reason=dto.decision_reason,
        passed=tuple(sorted(f.value for f in dto.policy.passed)),
        tried=tried,
        doubts=len(dto.policy.doubts) + (1 if dto.doubt_note else 0),
        new_email_masked=dto.new_email_masked,
        can_decide=dto.can_decide,
    )
