"""Name and company changes (SPEC C1.4, ID-4): requested by an agent with a ticket,
decided by a lead who is not the requester (four-eyes, also a CHECK constraint).

Approving applies the change to the customer in the same transaction: one history row
per changed field (agent = the approving lead, reason = the ticket and the request's
reason), the search column rebuilt, the customer's version bumped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, selectinload

from kcp_desk.db import Database
from kcp_desk.domain import contact_rules as rules
from kcp_desk.domain.references import (
    MalformedReference,
    WrongCheckDigit,
    format_customer_number,
    format_ticket_ref,
    parse_ticket_ref,
)
from kcp_desk.domain.text_input import multi_line, single_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TICKET_CHECK_DIGIT,
    TICKET_MALFORMED,
    TICKET_UNKNOWN,
    TOO_LONG,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleEdit,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import (
    ContactChange,
    Customer,
    CustomerKind,
    NameChangeRequest,
    RequestState,
)
from kcp_desk.models.tickets import Ticket
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.customers import (
    customer_not_found,
    display_name,
    flush_or_stale,
    search_text_of,
)
from kcp_desk.services.principal import AgentSession

__all__ = ["NameChangeRequestDTO", "NameChangeService"]

_REASON_MAX: Final = 1000

_TICKET_OTHER_CUSTOMER: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This ticket belongs to another customer."
)
_ALREADY_PENDING: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A name change for this customer is already waiting for a lead's decision."
)
_NOTHING_CHANGES: Final = QT_TRANSLATE_NOOP("KcpError", "The new name is the same as the old one.")
_LEADS_ONLY: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only a lead can approve or reject a name change."
)
_FOUR_EYES: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "You requested this name change yourself; another lead has to decide it (four-eyes).",
)
_REQUEST_NOT_FOUND: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This name-change request does not exist."
)
_REQUEST_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Someone else changed or decided this request meanwhile. Reload to see it."
)
_REASON_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please give a reason for the decision.")

_NAME_PARTS: Final = ("first_name", "last_name", "company", "legal_form")


@dataclass(frozen=True)
class NameChangeRequestDTO:
    request_id: int
    #: goes back into ``approve`` / ``reject`` (optimistic locking)
    version: int
    state: str  # "pending" | "approved" | "rejected"
    customer_id: int
    customer_number: str
    #: the customer's name as it is now (before approval: the old name)
    customer_display_name: str
    customer_first_name: str
    customer_last_name: str
    customer_company: str | None
    customer_legal_form: str | None
    new_first_name: str
    new_last_name: str
    new_company: str | None
    new_legal_form: str | None
    ticket_id: int
    ticket_ref: str
    reason: str | None
    requested_by_id: int
    requested_by_name: str
    requested_at: dt.datetime
    decided_by_id: int | None
    decided_by_name: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    #: whether the agent who loaded this may approve or reject it (lead, not requester)
    can_decide: bool


class NameChangeService:
    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    # --- requesting ---------------------------------------------------------------------

    def request(
        self,
        session: AgentSession,
        customer_id: int,
        ticket_ref: str,
        new_first_name: str,
        new_last_name: str,
        new_company: str | None,
        new_legal_form: str | None,
        reason: str | None,
    ) -> NameChangeRequestDTO:
        """Prepare a name change for a lead's decision (C1.4).

        Errors name the form field: ``ticket``, ``first_name``, ``last_name``,
        ``company``, ``legal_form``, ``reason`` (several at once as ``FieldErrors``);
        nothing is written then. Every text goes through the input-cleaning rule
        (:mod:`kcp_desk.domain.text_input`): names and the ticket reference refuse control
        and format characters, the reason keeps line breaks but no bidi controls.
        """
        errors: dict[str, InvalidInput] = {}
        ticket_number: int | None = None
        try:
            ticket_number = parse_ticket_ref(single_line(ticket_ref, field="ticket"))
        except InvalidInput as exc:  # a control or format character (text_input)
            errors["ticket"] = exc
        except WrongCheckDigit:
            errors["ticket"] = InvalidInput(TICKET_CHECK_DIGIT, field="ticket")
        except MalformedReference:
            errors["ticket"] = InvalidInput(TICKET_MALFORMED, field="ticket")
        cleaned_reason = _clean_text(reason, "reason", errors)
        now = self._clock()
        with self._db.transaction() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            # the row lock makes "one pending request per customer" hold on PostgreSQL
            customer = s.get(Customer, customer_id, with_for_update=True)
            if customer is None:
                raise customer_not_found()
            names = _validate_names(
                customer.kind, new_first_name, new_last_name, new_company, new_legal_form, errors
            )
            ticket = None
            if ticket_number is not None:
                ticket = s.scalar(select(Ticket).where(Ticket.number == ticket_number))
                if ticket is None:
                    errors["ticket"] = InvalidInput(TICKET_UNKNOWN, field="ticket")
                elif ticket.customer_id != customer_id:
                    errors["ticket"] = InvalidInput(_TICKET_OTHER_CUSTOMER, field="ticket")
            if errors:
                raise rules.FieldErrors(errors)
            assert ticket is not None and names is not None
            if all(getattr(customer, part) == names[part] for part in _NAME_PARTS):
                raise InvalidInput(_NOTHING_CHANGES, field="last_name")
            pending = s.scalar(
                select(NameChangeRequest.id).where(
                    NameChangeRequest.customer_id == customer_id,
                    NameChangeRequest.state == RequestState.PENDING,
                )
            )
            if pending is not None:
                raise InvalidInput(_ALREADY_PENDING)
            request = NameChangeRequest(
                customer_id=customer_id,
                ticket_id=ticket.id,
                new_first_name=names["first_name"] or "",
                new_last_name=names["last_name"] or "",
                new_company=names["company"],
                new_legal_form=names["legal_form"],
                requested_by_id=session.principal.agent_id,
                requested_at=now,
                reason=cleaned_reason,
            )
            s.add(request)
            s.flush()
            audit.append(
                s,
                "name_change_requested",
                {
                    "customer_id": customer_id,
                    "request_id": request.id,
                    "ticket": format_ticket_ref(ticket.number),
                },
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
            return _load_one(s, agent, request.id)

    # --- reading ------------------------------------------------------------------------

    def pending(self, session: AgentSession) -> list[NameChangeRequestDTO]:
        """Leads see every pending request; agents see only their own (oldest first)."""
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            query = _DTO_QUERY.where(NameChangeRequest.state == RequestState.PENDING)
            if agent.role != Role.LEAD:
                query = query.where(NameChangeRequest.requested_by_id == agent.id)
            query = query.order_by(NameChangeRequest.requested_at, NameChangeRequest.id)
            return [_dto(row, agent) for row in s.execute(query)]

    def pending_count(self, session: AgentSession) -> int:
        """How many pending requests wait for this agent (the navigation's "Approvals (3)"):
        for a lead the ones they may decide (not their own), for an agent their own."""
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            query = (
                select(func.count())
                .select_from(NameChangeRequest)
                .where(NameChangeRequest.state == RequestState.PENDING)
            )
            if agent.role == Role.LEAD:
                query = query.where(NameChangeRequest.requested_by_id != agent.id)
            else:
                query = query.where(NameChangeRequest.requested_by_id == agent.id)
            return s.scalar(query) or 0

    def get(self, session: AgentSession, request_id: int) -> NameChangeRequestDTO:
        with self._db.read() as s:
            agent = acting_agent(s, session, *CUSTOMER_ROLES)
            return _load_one(s, agent, request_id)

    # --- deciding (four-eyes) -----------------------------------------------------------

    def approve(
        self, session: AgentSession, request_id: int, loaded_version: int, decision_reason: str
    ) -> NameChangeRequestDTO:
        """Apply the change to the customer (lead, not the requester; reason required)."""
        return self._decide(session, request_id, loaded_version, decision_reason, approve=True)

    def reject(
        self, session: AgentSession, request_id: int, loaded_version: int, decision_reason: str
    ) -> NameChangeRequestDTO:
        return self._decide(session, request_id, loaded_version, decision_reason, approve=False)

    def _decide(
        self,
        session: AgentSession,
        request_id: int,
        loaded_version: int,
        decision_reason: str,
        *,
        approve: bool,
    ) -> NameChangeRequestDTO:
        errors: dict[str, InvalidInput] = {}
        reason = _clean_text(decision_reason, "decision_reason", errors)
        if reason is None and "decision_reason" not in errors:
            errors["decision_reason"] = InvalidInput(_REASON_REQUIRED, field="decision_reason")
        now = self._clock()
        with self._db.transaction() as s:
            # the role as of now, not as of the login: a demoted lead decides nothing
            lead = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY, lock=True)
            lead_id = lead.id
            request = s.scalar(
                select(NameChangeRequest)
                .where(NameChangeRequest.id == request_id)
                .with_for_update()
            )
            if request is None:
                raise NotFound(_REQUEST_NOT_FOUND)
            if request.requested_by_id == lead_id:
                raise PermissionDenied(_FOUR_EYES)
            if request.version != loaded_version or request.state != RequestState.PENDING:
                raise StaleEdit(_REQUEST_STALE)
            if errors:
                raise rules.FieldErrors(errors)
            request.state = RequestState.APPROVED if approve else RequestState.REJECTED
            request.decided_by_id = lead_id
            request.decided_at = now
            request.decision_reason = reason
            changed: list[str] = []
            if approve:
                changed = _apply(s, request, lead_id, now)
            flush_or_stale(s)
            audit.append(
                s,
                "name_change_approved" if approve else "name_change_rejected",
                {
                    "customer_id": request.customer_id,
                    "request_id": request.id,
                    "requested_by": request.requested_by_id,
                    "fields": changed,
                },
                agent_id=lead_id,
                keys=session.keys,
            )
            return _load_one(s, lead, request.id)


# --- helpers -------------------------------------------------------------------------------


def _clean_text(text: str | None, fld: str, errors: dict[str, InvalidInput]) -> str | None:
    if text is None:
        return None
    try:
        cleaned = multi_line(text, field=fld)
    except InvalidInput as exc:
        errors[fld] = exc
        return None
    if len(cleaned) > _REASON_MAX:
        errors[fld] = InvalidInput(TOO_LONG, field=fld, n=_REASON_MAX)
    return cleaned or None


def _validate_names(
    kind: CustomerKind,
    first: str,
    last: str,
    company: str | None,
    legal_form: str | None,
    errors: dict[str, InvalidInput],
) -> dict[str, str | None] | None:
    """Persons need a last name, companies a company name; the rest may be empty."""
    out: dict[str, str | None] = {}
    checks: dict[str, Callable[[], str]] = {
        "first_name": lambda: rules.optional_text(first, field="first_name"),
        "last_name": lambda: (
            rules.require_text(last, field="last_name")
            if kind == CustomerKind.PERSON
            else rules.optional_text(last, field="last_name")
        ),
        "company": lambda: (
            rules.require_text(company or "", field="company")
            if kind == CustomerKind.COMPANY
            else rules.optional_text(company or "", field="company")
        ),
        "legal_form": lambda: rules.optional_text(legal_form or "", field="legal_form"),
    }
    for fld, check in checks.items():
        try:
            out[fld] = check()
        except InvalidInput as exc:
            errors.setdefault(fld, exc)
    if len(out) != len(checks):
        return None
    # company and legal form are NULL when empty, names "" (as in the customers table)
    out["company"] = out["company"] or None
    out["legal_form"] = out["legal_form"] or None
    return out


def _apply(s: Session, request: NameChangeRequest, lead_id: int, now: dt.datetime) -> list[str]:
    customer = s.get(Customer, request.customer_id, options=[selectinload(Customer.addresses)])
    if customer is None:
        raise customer_not_found()
    ticket = s.get(Ticket, request.ticket_id)
    assert ticket is not None
    ref = format_ticket_ref(ticket.number)
    history_reason = f"{ref}: {request.reason}" if request.reason else ref
    new: dict[str, str | None] = {
        "first_name": request.new_first_name,
        "last_name": request.new_last_name,
        "company": request.new_company,
        "legal_form": request.new_legal_form,
    }
    changed: list[str] = []
    for part in _NAME_PARTS:
        old = getattr(customer, part)
        if old == new[part]:
            continue
        setattr(customer, part, new[part])
        changed.append(part)
        s.add(
            ContactChange(
                customer_id=customer.id,
                field=part,
                old_value=old or None,
                new_value=new[part] or None,
                agent_id=lead_id,
                changed_at=now,
                reason=history_reason,
            )
        )
    customer.search_folded = search_text_of(customer, now.date())
    return changed


_Requester = aliased(Agent, name="requester")
_Decider = aliased(Agent, name="decider")


#: request, customer, ticket number, requester's and decider's names
_DTO_QUERY: Final = (
    select(
        NameChangeRequest,
        Customer,
        Ticket.number,
        _Requester.display_name,
        _Decider.display_name,
    )
    .join(Customer, Customer.id == NameChangeRequest.customer_id)
    .join(Ticket, Ticket.id == NameChangeRequest.ticket_id)
    .join(_Requester, _Requester.id == NameChangeRequest.requested_by_id)
    .outerjoin(_Decider, _Decider.id == NameChangeRequest.decided_by_id)
)


def _load_one(s: Session, agent: Agent, request_id: int) -> NameChangeRequestDTO:
    row = s.execute(
        _DTO_QUERY.where(NameChangeRequest.id == request_id).execution_options(
            populate_existing=True
        )
    ).first()
    if row is None:
        raise NotFound(_REQUEST_NOT_FOUND)
    return _dto(row, agent)


def _dto(row: Any, agent: Agent) -> NameChangeRequestDTO:
    """``agent``: who loads it, as :func:`acting_agent` read them in this transaction."""
    request: NameChangeRequest
    customer: Customer
    request, customer, ticket_number, requester, decider = row
    return NameChangeRequestDTO(
        request_id=request.id,
        version=request.version,
        state=request.state.value,
        customer_id=customer.id,
        customer_number=format_customer_number(customer.number),
        customer_display_name=display_name(
            customer.kind,
            customer.first_name,
            customer.last_name,
            customer.company,
            customer.legal_form,
        ),
        customer_first_name=customer.first_name,
        customer_last_name=customer.last_name,
        customer_company=customer.company,
        customer_legal_form=customer.legal_form,
        new_first_name=request.new_first_name,
        new_last_name=request.new_last_name,
        new_company=request.new_company,
        new_legal_form=request.new_legal_form,
        ticket_id=request.ticket_id,
        ticket_ref=format_ticket_ref(ticket_number),
        reason=request.reason,
        requested_by_id=request.requested_by_id,
        requested_by_name=requester,
        requested_at=request.requested_at,
        decided_by_id=request.decided_by_id,
        decided_by_name=decider,
        decided_at=request.decided_at,
        decision_reason=request.decision_reason,
        can_decide=(
            request.state == RequestState.PENDING
            and agent.role == Role.LEAD
            and agent.id != request.requested_by_id
        ),
    )
