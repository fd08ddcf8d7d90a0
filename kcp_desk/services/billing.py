"""Invoices and payment status (SPEC C3, PAY-1 … PAY-7) for the "Invoices & payment" tab.

Reading
    :meth:`BillingService.glance` answers the call in one look (PAY-5). Its figures are
    SQL aggregates over the customer's *unpaid* invoices (index
    ``ix_invoices_customer_state_due``, migration 0003), so a customer with 2,000 paid
    invoices costs no more than one with three; nothing is summed over ORM objects.
    Money aggregates are exact on both databases: PostgreSQL sums ``NUMERIC``; SQLite
    stores ``NUMERIC`` as binary floating point, so there every amount is turned into
    integer cents (``CAST(ROUND(x * 100) AS INTEGER)``) before it is summed.
    :meth:`~BillingService.invoices` pages the invoice list (newest first) for a lazily
    fetching table model; :meth:`~BillingService.invoice_detail` has everything the
    detail view and the printed invoice (PAY-7) show.

Acting (one transaction each, audited, C7)
    - :meth:`~BillingService.cancel_invoice` — **leads only** (SPEC §0 leaves it open;
      a cancellation changes the books, so it gets the team lead's authority). Issued
      invoices are never edited or deleted (§ 14 UStG, GoBD): a cancellation invoice
      with negated amounts and the next gap-free number of the current year refers to
      the original, which becomes ``cancelled``. What was already paid on the original
      becomes credit balance.
    - :meth:`~BillingService.record_return` — a returned direct debit (PAY-4), what the
      bank-return import would call. The invoice is open again (``returned_debit``),
      the debit's amount is reversed, MD06/MS02 flag an objection and block debits,
      AC04/MD01/MD07 invalidate the mandate.
    - :meth:`~BillingService.change_payment_method` — PAY-6, validated (IBAN check
      digits, BIC, holder, reason), version-checked on the customer; SEPA creates a
      new mandate and revokes the previous one.

Credit balance and arrears
    A credit balance is set off against what is overdue, as the billing run does at
    its next turn (:func:`offset_credit` states the rule); the glance shows both and
    the difference, e.g. "overdue 120,00 €, credit 20,00 € → 100,00 € due".

The full IBAN never leaves this module: DTOs carry :func:`~kcp_desk.domain.sepa.mask_iban`
only, audit entries and the change history name the mandate reference.

Dates: "today" is the UTC date of the injected clock, as in the other services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import ColumnElement, Integer, case, cast, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased, joinedload, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from kcp_desk.db import Database
from kcp_desk.domain import billing_rules as rules
from kcp_desk.domain import invoice_text, sepa
from kcp_desk.domain.references import (
    format_customer_number,
    format_invoice_number,
    format_mandate_ref,
)
from kcp_desk.domain.text_input import multi_line, single_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TOO_LONG,
    FieldErrors,
    InvalidInput,
    KcpError,
    NotFound,
    StaleEdit,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.billing import (
    DunningLevel,
    DunningStep,
    Invoice,
    InvoiceCounter,
    InvoicePosition,
    InvoiceState,
    MandateScheme,
    MandateStatus,
    Payment,
    PaymentMethodChange,
    ReturnedDebit,
    SepaMandate,
)
from kcp_desk.models.customers import AddressKind, Customer, PaymentMethod
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.customers import (
    current_address,
    customer_not_found,
    display_name,
    flush_or_stale,
    stale_edit,
)
from kcp_desk.services.principal import AgentSession

__all__ = [
    "LIST_CAP",
    "PAGE_MAX",
    "BillingService",
    "CreditOffset",
    "DebitResult",
    "DunningInvoiceView",
    "DunningStepView",
    "InvoiceDetail",
    "InvoiceLink",
    "InvoiceListRow",
    "InvoicePage",
    "InvoiceParty",
    "LastPayment",
    "MandateSummary",
    "MandateView",
    "NextDunningStep",
    "PaymentChangeRow",
    "PaymentGlance",
    "PaymentMethodSaved",
    "PaymentView",
    "PositionView",
    "ReturnedDebitView",
    "next_invoice_seq",
    "offset_credit",
]

# most rows one :meth:`BillingService.invoices` call returns
PAGE_MAX: Final = 500
# rows of the history lists (payment-method changes)
LIST_CAP: Final = 200
_REASON_MAX: Final = 1000
_PLACE_MAX: Final = 100
_MANDATE_SEQ_MAX: Final = 99
_ZERO: Final = Decimal("0.00")

_UNPAID: Final = tuple(InvoiceState(s.value) for s in rules.UNPAID_STATES)

_INVOICE_NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This invoice does not exist.")
_INVOICE_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Someone else changed this invoice meanwhile. Reload to see their change."
)
_LEADS_CANCEL: Final = QT_TRANSLATE_NOOP("KcpError", "Only a lead may cancel an invoice.")
_ALREADY_CANCELLED: Final = QT_TRANSLATE_NOOP("KcpError", "This invoice is already cancelled.")
_CANCEL_CREDIT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A cancellation invoice or credit note cannot be cancelled."
)
_REASON_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please give a reason.")
_NOT_DIRECT_DEBIT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This invoice was not collected by direct debit."
)
_NOT_COLLECTABLE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A cancelled invoice or a credit note cannot have a returned debit."
)
_DATE_IN_FUTURE: Final = QT_TRANSLATE_NOOP("KcpError", "This date lies in the future.")
_RETURN_BEFORE_INVOICE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The debit cannot come back before the invoice was issued."
)
_AMOUNT_POSITIVE: Final = QT_TRANSLATE_NOOP("KcpError", "The amount must be more than zero.")
_AMOUNT_ABOVE_GROSS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The amount is higher than the invoice total."
)
_FEE_NEGATIVE: Final = QT_TRANSLATE_NOOP("KcpError", "The fee cannot be negative.")
_METHOD_UNCHANGED: Final = QT_TRANSLATE_NOOP("KcpError", "The customer already pays this way.")
_MANDATES_EXHAUSTED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This customer has used all 99 mandate references."
)
_NO_CREDITOR_ID: Final = QT_TRANSLATE_NOOP("KcpError", "No SEPA creditor identifier is configured.")

# --- DTOs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LastPayment:
    received_on: dt.date
    amount: Decimal
    method: str  # PaymentMethod value


@dataclass(frozen=True)
class DebitResult:
    """The latest direct debit: collected fine, or returned with its reason."""

    returned: bool
    #: the collection date (ok) or the return date (returned)
    on: dt.date
    reason_code: str | None = None
    #: English source text (translate in the Qt context "ReturnCode"), or the bank's
    #: own text for a code the desk does not list
    reason_text: str | None = None


@dataclass(frozen=True)
class MandateSummary:
    """The customer's current mandate as the glance shows it."""

    mandate_id: int
    reference: str
    status: str  # "active" | "revoked" | "expired" (expiry computed, PAY-3)
    expires_on: dt.date
    debits_blocked: bool
    objection_flag: bool
    iban_masked: str
    #: a revoked mandate: the day it was revoked, if known (see :func:`_revocation_dates`)
    revoked_on: dt.date | None = None


@dataclass(frozen=True)
class NextDunningStep:
    """What the dunning run does next for an unpaid invoice (PAY-2)."""

    invoice_id: int
    invoice_number: str
    level: str  # DunningLevel value
    on: dt.date
    fee: Decimal
    deadline: dt.date | None
    #: planned on or before today: the next dunning run issues it
    due: bool


@dataclass(frozen=True)
class PaymentGlance:
    """PAY-5: the top of the "Invoices & payment" tab and the payment badges."""

    customer_id: int
    as_of: dt.date
    in_arrears: bool
    #: everything still owed on invoices (due or not), without fees
    total_open: Decimal
    #: the part of ``total_open`` that is past due or returned
    overdue_amount: Decimal
    open_invoices: int
    #: dunning fees and returned-debit fees charged on the unpaid invoices
    open_fees: Decimal
    oldest_overdue_due_on: dt.date | None
    days_overdue: int
    #: the highest dunning step reached on an unpaid invoice (DunningLevel value)
    dunning_level: str | None
    #: the next step of that invoice (or the reminder of the oldest overdue one)
    next_step: NextDunningStep | None
    services_blocked: bool
    last_payment: LastPayment | None
    last_debit: DebitResult | None
    returns_last_12_months: int
    mandate: MandateSummary | None
    payment_method: str  # PaymentMethod value
    credit_balance: Decimal
    #: the customer's version: pass it back to ``change_payment_method``
    version: int
    #: the part of the credit balance set off against the arrears (:func:`offset_credit`)
    credit_offset: Decimal = _ZERO
    #: what is still due now: overdue + fees − ``credit_offset`` (:func:`offset_credit`)
    due_after_credit: Decimal = _ZERO

    @property
    def dunning_rank(self) -> int | None:
        """0 reminder, 1 first, 2 second … (SO-4: "level 2 or higher")."""
        return None if self.dunning_level is None else DunningLevel(self.dunning_level).rank


@dataclass(frozen=True)
class InvoiceListRow:
    invoice_id: int
    number: str
    issued_on: dt.date
    due_on: dt.date
    #: PAY-1 state as of today (a stored "open" past its due date reads "overdue")
    state: str
    gross: Decimal
    paid: Decimal
    payment_method: str
    days_overdue: int
    #: highest dunning step of this invoice, if any
    dunning_level: str | None
    #: on a cancellation invoice: the number of the invoice it cancels
    cancels_number: str | None

    @property
    def open_amount(self) -> Decimal:
        return self.gross - self.paid if rules.is_unpaid(self.state) else _ZERO


@dataclass(frozen=True)
class InvoicePage:
    """Rows ``offset … offset + len(rows) - 1`` of the customer's invoices, newest first."""

    rows: tuple[InvoiceListRow, ...]
    offset: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


@dataclass(frozen=True)
class InvoiceLink:
    invoice_id: int
    number: str
    issued_on: dt.date
    gross: Decimal


@dataclass(frozen=True)
class InvoiceParty:
    """The buyer as printed on the invoice: billing address valid on the invoice date."""

    customer_number: str
    name: str
    #: street, postcode + city, and the country outside Germany
    address_lines: tuple[str, ...]
    #: ISO country code of that address
    country: str = "DE"
    #: the language the customer's documents are written in ("de" | "en"), from the
    #: address (:func:`kcp_desk.domain.invoice_text.document_language`)
    language: str = "de"


@dataclass(frozen=True)
class PositionView:
    pos: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    net: Decimal


@dataclass(frozen=True)
class PaymentView:
    received_on: dt.date
    #: negative for the reversal of a returned debit
    amount: Decimal
    method: str
    reference: str


@dataclass(frozen=True)
class DunningStepView:
    level: str
    issued_on: dt.date
    fee: Decimal
    deadline: dt.date | None


@dataclass(frozen=True)
class ReturnedDebitView:
    returned_debit_id: int
    invoice_id: int
    invoice_number: str
    returned_on: dt.date
    amount: Decimal
    reason_code: str
    #: English source text (Qt context "ReturnCode"); the bank's text for unknown codes
    reason_text: str
    #: the text stored with the return (German, or as the bank sent it)
    bank_text: str
    fee: Decimal
    mandate_reference: str
    #: MD06/MS02: objection, debits blocked
    objection: bool
    #: AC04/MD01/MD07: the mandate was invalidated
    invalidates_mandate: bool


@dataclass(frozen=True)
class InvoiceDetail:
    invoice_id: int
    number: str
    customer_id: int
    buyer: InvoiceParty
    issued_on: dt.date
    due_on: dt.date
    state: str
    net: Decimal
    vat: Decimal
    gross: Decimal
    paid: Decimal
    days_overdue: int
    payment_method: str
    #: set when the invoice is paid by direct debit (printed on the invoice)
    mandate_reference: str | None
    creditor_id: str | None
    positions: tuple[PositionView, ...]
    vat_lines: tuple[rules.VatLine, ...]
    payments: tuple[PaymentView, ...]
    dunning_steps: tuple[DunningStepView, ...]
    next_dunning_step: NextDunningStep | None
    returned_debits: tuple[ReturnedDebitView, ...]
    #: on a cancellation invoice: the invoice it cancels, and why
    cancels: InvoiceLink | None
    cancellation_reason: str | None
    #: on a cancelled invoice: its cancellation invoice
    cancelled_by: InvoiceLink | None
    version: int

    @property
    def open_amount(self) -> Decimal:
        return self.gross - self.paid if rules.is_unpaid(self.state) else _ZERO

    @property
    def is_cancellation(self) -> bool:
        return self.cancels is not None

    @property
    def payment_terms_days(self) -> int:
        return (self.due_on - self.issued_on).days


@dataclass(frozen=True)
class MandateView:
    """PAY-3. The IBAN only masked (ID-5): the full IBAN never leaves the service."""

    mandate_id: int
    reference: str
    creditor_id: str
    holder: str
    iban_masked: str
    bic: str | None
    signed_on: dt.date
    signed_place: str
    recurring: bool
    scheme: str  # "CORE" | "B2B"
    #: as of today: an active mandate past its expiry reads "expired"
    status: str
    first_collection_on: dt.date | None
    last_collection_on: dt.date | None
    #: last collection (or signature) + 36 months
    expires_on: dt.date
    objection_flag: bool
    debits_blocked: bool
    #: the return reason code that invalidated it (AC04/MD01/MD07), if any
    invalidated_by: str | None
    version: int
    #: a revoked mandate: the day it was revoked, if known (see :func:`_revocation_dates`)
    revoked_on: dt.date | None = None


@dataclass(frozen=True)
class DunningInvoiceView:
    """PAY-2: one invoice on the ladder with the steps it reached and the next one."""

    invoice_id: int
    number: str
    due_on: dt.date
    state: str
    open_amount: Decimal
    days_overdue: int
    steps: tuple[DunningStepView, ...]
    next_step: NextDunningStep | None


@dataclass(frozen=True)
class PaymentChangeRow:
    """PAY-6: one change of payment method or bank data (``detail`` already masked)."""

    at: dt.datetime
    agent_id: int
    agent_name: str
    old_method: str | None
    new_method: str
    reason: str
    detail: str | None


@dataclass(frozen=True)
class PaymentMethodSaved:
    """What a payment-method change updates in the open tab."""

    glance: PaymentGlance
    mandates: tuple[MandateView, ...]
    #: the new mandate's reference (SEPA), e.g. ``K12345671-M02``
    new_mandate_reference: str | None

    @property
    def version(self) -> int:
        return self.glance.version


# --- exact money in SQL -------------------------------------------------------------------


class _MoneySql:
    """SUMs of money that are exact on both databases.

    PostgreSQL: ``NUMERIC`` arithmetic is exact. SQLite: SQLAlchemy stores ``NUMERIC`` as
    REAL, so each amount is first rounded to integer cents (exact for every amount the
    ``NUMERIC(12, 2)`` columns hold: the float error is far below half a cent) and the
    integers are summed (SQLite's integer SUM is exact or raises on overflow).
    """

    def __init__(self, dialect: str) -> None:
        self._cents = dialect == "sqlite"

    def of(self, column: Any) -> ColumnElement[Any]:
        if self._cents:
            return cast(func.round(column * 100), Integer)
        return column  # type: ignore[no-any-return]

    def value(self, raw: object) -> Decimal:
        if raw is None:
            return _ZERO
        if self._cents:
            assert isinstance(raw, int)
            return rules.cents_to_money(raw)
        assert isinstance(raw, Decimal | int)
        return rules.money(raw)


def _money(value: Decimal) -> Decimal:
    """A Decimal from a money column, with exactly two places."""
    return rules.money(value)


# --- the service ---------------------------------------------------------------------------


class BillingService:
    """C3 use cases. ``creditor_id``: the SEPA creditor identifier new mandates get;
    without it the customer's previous mandate's (or the newest mandate's) is used."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        creditor_id: str | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        if creditor_id is not None and not sepa.valid_creditor_id(creditor_id):
            raise ValueError("not a valid SEPA creditor identifier")
        self._creditor_id = creditor_id

    def _today(self) -> dt.date:
        return self._clock().date()

    # --- reading ------------------------------------------------------------------------

    def glance(self, session: AgentSession, customer_id: int) -> PaymentGlance:
        """PAY-5 at a glance, from SQL aggregates."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            return _glance(s, customer_id, self._today())

    def invoices(
        self, session: AgentSession, customer_id: int, offset: int = 0, limit: int = 100
    ) -> InvoicePage:
        """One page of the invoice list (newest first) and the total count."""
        if offset < 0 or not 1 <= limit <= PAGE_MAX:
            raise ValueError(f"offset >= 0 and 1 <= limit <= {PAGE_MAX} expected")
        today = self._today()
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            return _invoice_page(s, customer_id, offset, limit, today)

    def invoice_detail(self, session: AgentSession, invoice_id: int) -> InvoiceDetail:
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            return _invoice_detail(s, invoice_id, self._today())

    def mandates(self, session: AgentSession, customer_id: int) -> list[MandateView]:
        """PAY-3: the customer's mandates, newest first."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            _require_customer(s, customer_id)
            return list(_mandate_views(s, customer_id, self._today()))

    def returned_debits(self, session: AgentSession, customer_id: int) -> list[ReturnedDebitView]:
        """PAY-4: the customer's returned debits, newest first."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            _require_customer(s, customer_id)
            return list(_returned_debits(s, ReturnedDebit.customer_id == customer_id))

    def dunning_ladder(self, session: AgentSession, customer_id: int) -> list[DunningInvoiceView]:
        """PAY-2: every unpaid invoice and every invoice that reached a dunning step —
        unpaid ones first (oldest due date first), then the settled history (newest
        first) — with their steps and the next one."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            _require_customer(s, customer_id)
            return _dunning_ladder(s, customer_id, self._today())

    def payment_changes(
        self, session: AgentSession, customer_id: int
    ) -> tuple[PaymentChangeRow, ...]:
        """PAY-6 history: who changed the payment method or bank data, when and why."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            _require_customer(s, customer_id)
            rows = s.execute(
                select(PaymentMethodChange, Agent.display_name)
                .join(Agent, Agent.id == PaymentMethodChange.agent_id)
                .where(PaymentMethodChange.customer_id == customer_id)
                .order_by(PaymentMethodChange.at.desc(), PaymentMethodChange.id.desc())
                .limit(LIST_CAP)
            ).all()
            return tuple(
                PaymentChangeRow(
                    at=c.at,
                    agent_id=c.agent_id,
                    agent_name=name,
                    old_method=None if c.old_method is None else c.old_method.value,
                    new_method=c.new_method.value,
                    reason=c.reason,
                    detail=c.detail,
                )
                for c, name in rows
            )

    # --- acting -------------------------------------------------------------------------

    def cancel_invoice(
        self,
        session: AgentSession,
        invoice_id: int,
        reason: str,
        *,
        loaded_version: int | None = None,
    ) -> InvoiceDetail:
        """Cancel an issued invoice by a cancellation invoice (PAY-1); leads only.

        Returns the detail of the new cancellation invoice (its ``cancels`` links the
        original). ``loaded_version`` (the original's ``InvoiceDetail.version``) refuses
        the cancellation if the invoice changed since the lead looked at it.
        """
        cleaned = _required_text(reason, "reason", _REASON_MAX)
        now = self._clock()
        today = now.date()
        with self._db.transaction() as s:
            acting_agent(s, session, Role.LEAD, denied=_LEADS_CANCEL, lock=True)
            original = s.get(Invoice, invoice_id, options=[selectinload(Invoice.positions)])
            if original is None:
                raise NotFound(_INVOICE_NOT_FOUND)
            if loaded_version is not None and original.version != loaded_version:
                raise StaleEdit(_INVOICE_STALE)
            if original.cancels_invoice_id is not None or original.state == InvoiceState.CREDITED:
                raise InvalidInput(_CANCEL_CREDIT)
            if original.state == InvoiceState.CANCELLED:
                raise InvalidInput(_ALREADY_CANCELLED)
            # Mark the original first: its version-checked UPDATE locks the row, so of two
            # leads cancelling at once the second is refused before it draws a number.
            original.state = InvoiceState.CANCELLED
            _flush_invoice(s)
            year = today.year
            seq = next_invoice_seq(s, year)
            cancellation = Invoice(
                number=format_invoice_number(year, seq),
                year=year,
                seq=seq,
                customer_id=original.customer_id,
                issued_on=today,
                due_on=today,
                state=InvoiceState.CREDITED,
                net=rules.negate(original.net),
                vat=rules.negate(original.vat),
                gross=rules.negate(original.gross),
                paid_amount=_ZERO,
                payment_method=original.payment_method,
                cancels_invoice_id=original.id,
                cancellation_reason=cleaned,
                created_at=now,
            )
            for p in original.positions:
                cancellation.positions.append(
                    InvoicePosition(
                        pos=p.pos,
                        description=f"Storno: {p.description}"[:500],
                        quantity=p.quantity,
                        unit_price=rules.negate(p.unit_price),
                        vat_rate=p.vat_rate,
                        net=rules.negate(p.net),
                    )
                )
            s.add(cancellation)
            s.flush()
            refund = _money(original.paid_amount)
            if refund > 0:
                # What was paid on a cancelled invoice is owed back: credit balance. A
                # plain UPDATE on purpose: no contact-data form goes stale over it.
                s.execute(
                    update(Customer)
                    .where(Customer.id == original.customer_id)
                    .values(credit_balance=Customer.credit_balance + refund)
                    .execution_options(synchronize_session=False)
                )
            audit.append(
                s,
                "invoice_cancelled",
                {
                    "invoice_id": original.id,
                    "number": original.number,
                    "customer_id": original.customer_id,
                    "cancellation_id": cancellation.id,
                    "cancellation_number": cancellation.number,
                    "gross": str(_money(original.gross)),
                    "credited": str(refund),
                },
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
            return _invoice_detail(s, cancellation.id, today)

    def record_return(
        self,
        session: AgentSession,
        invoice_id: int,
        reason_code: str,
        returned_on: dt.date,
        amount: Decimal,
        fee: Decimal = _ZERO,
    ) -> InvoiceDetail:
        """A direct debit of the invoice came back (PAY-4).

        The debit's amount is reversed (a negative payment, so payments still add up to
        the paid amount) and the invoice is open again as ``returned_debit``; the dunning
        ladder counts from the return date. MD06/MS02 set the mandate's objection flag
        and block debits; AC04/MD01/MD07 revoke (invalidate) the mandate. Bad input
        raises :class:`FieldErrors` (fields ``reason_code``, ``returned_on``, ``amount``,
        ``fee``) and nothing is written.
        """
        today = self._today()
        errors: dict[str, InvalidInput] = {}
        code = ""
        try:
            code = sepa.normalise_reason_code(reason_code)
        except InvalidInput as exc:
            errors["reason_code"] = exc
        amount, fee = rules.money(amount), rules.money(fee)
        if returned_on > today:
            errors["returned_on"] = InvalidInput(_DATE_IN_FUTURE, field="returned_on")
        if amount <= 0:
            errors["amount"] = InvalidInput(_AMOUNT_POSITIVE, field="amount")
        if fee < 0:
            errors["fee"] = InvalidInput(_FEE_NEGATIVE, field="fee")
        with self._db.transaction() as s:
            acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            invoice = s.get(Invoice, invoice_id, options=[joinedload(Invoice.mandate)])
            if invoice is None:
                raise NotFound(_INVOICE_NOT_FOUND)
            mandate = invoice.mandate
            if mandate is None or invoice.payment_method != PaymentMethod.SEPA_DIRECT_DEBIT:
                raise InvalidInput(_NOT_DIRECT_DEBIT)
            if invoice.state in (InvoiceState.CANCELLED, InvoiceState.CREDITED):
                raise InvalidInput(_NOT_COLLECTABLE)
            if "amount" not in errors and amount > _money(invoice.gross):
                errors["amount"] = InvalidInput(_AMOUNT_ABOVE_GROSS, field="amount")
            if "returned_on" not in errors and returned_on < invoice.issued_on:
                errors["returned_on"] = InvalidInput(_RETURN_BEFORE_INVOICE, field="returned_on")
            if errors:
                raise FieldErrors(errors)
            paid = _money(invoice.paid_amount)
            reversal = min(amount, paid)
            if reversal > 0:
                invoice.paid_amount = paid - reversal
                s.add(
                    Payment(
                        invoice_id=invoice.id,
                        customer_id=invoice.customer_id,
                        received_on=returned_on,
                        amount=-reversal,
                        method=PaymentMethod.SEPA_DIRECT_DEBIT,
                        reference=f"Rücklastschrift {code} {invoice.number}",
                    )
                )
            invoice.state = InvoiceState.RETURNED_DEBIT
            known = sepa.return_reason(code)
            s.add(
                ReturnedDebit(
                    invoice_id=invoice.id,
                    customer_id=invoice.customer_id,
                    mandate_id=mandate.id,
                    returned_on=returned_on,
                    amount=amount,
                    reason_code=code,
                    reason_text=known.text_de if known is not None else "",
                    fee=fee,
                )
            )
            effects = rules.return_effects(code)
            if effects.objection:
                mandate.objection_flag = True
            if effects.block_debits:
                mandate.debits_blocked = True
            if effects.invalidate_mandate:
                mandate.status = MandateStatus.REVOKED
            _flush_invoice(s)
            audit.append(
                s,
                "debit_returned",
                {
                    "invoice_id": invoice.id,
                    "number": invoice.number,
                    "customer_id": invoice.customer_id,
                    "reason_code": code,
                    "amount": str(amount),
                    "fee": str(fee),
                    "mandate": mandate.reference,
                    "objection": effects.objection,
                    "mandate_invalidated": effects.invalidate_mandate,
                },
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
            return _invoice_detail(s, invoice.id, today)

    def change_payment_method(
        self,
        session: AgentSession,
        customer_id: int,
        loaded_version: int,
        new_method: PaymentMethod | str,
        *,
        reason: str,
        iban: str | None = None,
        bic: str | None = None,
        holder: str | None = None,
        signed_on: dt.date | None = None,
        signed_place: str = "",
        recurring: bool = True,
        scheme: MandateScheme | str = MandateScheme.CORE,
    ) -> PaymentMethodSaved:
        """Change the payment method or the bank data (PAY-6).

        SEPA direct debit (also SEPA → SEPA with new bank data) creates a new mandate
        ``K…-MNN`` (next number) from ``iban``/``bic``/``holder`` (signed ``signed_on``,
        default today, at ``signed_place``); any other method takes none. Either way the
        previous active mandate is revoked. Bad input raises :class:`FieldErrors` at
        ``iban``/``bic``/``holder``/``reason``/``signed_on``/``signed_place`` (or
        ``method`` when nothing would change) and nothing is written (typed text goes
        through ``domain.text_input``: control and format characters are refused at
        their field, the reason keeps line breaks); an outdated
        ``loaded_version`` (``PaymentGlance.version``) raises ``StaleEdit``.
        """
        method = PaymentMethod(new_method)
        mandate_scheme = MandateScheme(scheme)
        now = self._clock()
        today = now.date()
        is_sepa = method == PaymentMethod.SEPA_DIRECT_DEBIT
        errors: dict[str, InvalidInput] = {}
        cleaned_reason = ""
        try:
            cleaned_reason = _required_text(reason, "reason", _REASON_MAX)
        except InvalidInput as exc:
            errors["reason"] = exc
        iban_c = holder_c = place = ""
        bic_c: str | None = None
        signed = signed_on or today
        if is_sepa:
            try:
                iban_c = sepa.validate_iban(iban or "")
            except InvalidInput as exc:
                errors["iban"] = exc
            try:
                bic_c = sepa.validate_bic(bic)
            except InvalidInput as exc:
                errors["bic"] = exc
            try:
                holder_c = sepa.validate_holder(holder)
            except InvalidInput as exc:
                errors["holder"] = exc
            if signed > today:
                errors["signed_on"] = InvalidInput(_DATE_IN_FUTURE, field="signed_on")
            try:
                place = " ".join(single_line(signed_place, field="signed_place").split())
            except InvalidInput as exc:
                errors["signed_place"] = exc
            if len(place) > _PLACE_MAX:
                errors["signed_place"] = InvalidInput(TOO_LONG, field="signed_place", n=_PLACE_MAX)
        if errors:
            raise FieldErrors(errors)
        with self._db.transaction() as s:
            acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            customer = s.get(Customer, customer_id)
            if customer is None:
                raise customer_not_found()
            if customer.version != loaded_version:
                raise stale_edit()
            old = customer.preferred_payment_method
            if not is_sepa and old == method:
                raise InvalidInput(_METHOD_UNCHANGED, field="method")
            mandates = list(
                s.scalars(
                    select(SepaMandate)
                    .where(SepaMandate.customer_id == customer_id)
                    .order_by(SepaMandate.seq)
                )
            )
            # The customer row carries the version: bump it first (a concurrent change of
            # the same customer is refused here, before any mandate is written).
            customer.preferred_payment_method = method
            flag_modified(customer, "preferred_payment_method")
            flush_or_stale(s)
            revoked = [m for m in mandates if m.status == MandateStatus.ACTIVE]
            for m in revoked:
                m.status = MandateStatus.REVOKED
            new_mandate: SepaMandate | None = None
            if is_sepa:
                seq = max((m.seq for m in mandates), default=0) + 1
                if seq > _MANDATE_SEQ_MAX:
                    raise InvalidInput(_MANDATES_EXHAUSTED, field="iban")
                new_mandate = SepaMandate(
                    reference=_mandate_reference(customer.number, seq),
                    customer_id=customer_id,
                    seq=seq,
                    creditor_id=self._creditor_for(s, mandates),
                    account_holder=holder_c,
                    iban=iban_c,
                    bic=bic_c or sepa.bic_for_iban(iban_c),
                    signed_on=signed,
                    signed_place=place,
                    recurring=recurring,
                    scheme=mandate_scheme,
                    status=MandateStatus.ACTIVE,
                    created_at=now,
                )
                s.add(new_mandate)
            s.add(
                PaymentMethodChange(
                    customer_id=customer_id,
                    agent_id=session.principal.agent_id,
                    at=now,
                    old_method=old,
                    new_method=method,
                    reason=cleaned_reason,
                    detail=_change_detail(new_mandate, revoked),
                )
            )
            flush_or_stale(s)
            audit.append(
                s,
                "payment_method_changed",
                {
                    "customer_id": customer_id,
                    "old_method": old.value,
                    "new_method": method.value,
                    "mandate": None if new_mandate is None else new_mandate.reference,
                    "revoked": [m.reference for m in revoked],
                    "reason_given": True,
                },
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
            return PaymentMethodSaved(
                glance=_glance(s, customer_id, today),
                mandates=_mandate_views(s, customer_id, today),
                new_mandate_reference=None if new_mandate is None else new_mandate.reference,
            )

    def _creditor_for(self, s: Session, mandates: Sequence[SepaMandate]) -> str:
        if self._creditor_id is not None:
            return self._creditor_id
        if mandates:
            return mandates[-1].creditor_id
        newest = s.scalar(select(SepaMandate.creditor_id).order_by(SepaMandate.id.desc()).limit(1))
        if newest is None:
            raise KcpError(_NO_CREDITOR_ID)
        return newest


# --- helpers of the actions -------------------------------------------------------------


def _required_text(text: str | None, field: str, limit: int) -> str:
    """Free text (a reason) through the input-cleaning rule (``domain.text_input``)."""
    cleaned = multi_line(text or "", field=field)
    if not cleaned:
        raise InvalidInput(_REASON_REQUIRED, field=field)
    if len(cleaned) > limit:
        raise InvalidInput(TOO_LONG, field=field, n=limit)
    return cleaned


def _flush_invoice(s: Session) -> None:
    try:
        s.flush()
    except StaleDataError:
        raise StaleEdit(_INVOICE_STALE) from None


def next_invoice_seq(s: Session, year: int) -> int:
    """The next gap-free number of ``year``, drawn inside the caller's transaction.

    ``UPDATE … SET last_seq = last_seq + 1 … RETURNING``: the row lock (PostgreSQL) or the
    write lock (SQLite) serialises concurrent drafts; a rollback gives the number back.
    """
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    s.execute(
        insert(InvoiceCounter)
        .values(year=year, last_seq=0)
        .on_conflict_do_nothing(index_elements=["year"])
    )
    seq = s.execute(
        update(InvoiceCounter)
        .where(InvoiceCounter.year == year)
        .values(last_seq=InvoiceCounter.last_seq + 1)
        .returning(InvoiceCounter.last_seq)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(seq)


def _mandate_reference(customer_number: int, seq: int) -> str:
    return sepa.validate_mandate_reference(format_mandate_ref(customer_number, seq))


def _change_detail(new: SepaMandate | None, revoked: Sequence[SepaMandate]) -> str | None:
    """The masked history text, e.g. ``IBAN endet auf 3000, Mandat K12345671-M02;
    Mandat K12345671-M01 widerrufen`` (German like the rest of the stored data)."""
    parts = []
    if new is not None:
        parts.append(f"IBAN endet auf {sepa.iban_last4(new.iban)}, Mandat {new.reference}")
    parts.extend(_revoked_phrase(m.reference) for m in revoked)
    return "; ".join(parts)[:200] or None


def _revoked_phrase(reference: str) -> str:
    """How the change history names a mandate it revoked (read back by
    :func:`_revocation_dates`)."""
    return f"Mandat {reference} widerrufen"


def _require_customer(s: Session, customer_id: int) -> None:
    if s.scalar(select(Customer.id).where(Customer.id == customer_id)) is None:
        raise customer_not_found()


# --- the glance ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CreditOffset:
    #: the part of the credit balance that settles arrears
    offset: Decimal
    #: what the customer still has to pay now to clear the arrears
    due: Decimal


def offset_credit(overdue: Decimal, fees: Decimal, credit: Decimal) -> CreditOffset:
    """How a credit balance relates to an overdue amount: it is **set off** (netted).

    The rule the hoster's billing follows (the customer owes one account; a credit is
    money of the customer's that the hoster already holds):

    - The credit settles what is *due* first — the overdue invoices and the dunning and
      returned-debit fees charged on them — before anything not yet due (§ 366 (2) BGB:
      the debt that is due first; § 367 BGB: costs before the principal). So
      ``offset = min(credit, overdue + fees)`` and what is still due now is
      ``overdue + fees − offset``, never below zero.
    - Credit left over stays on the account for the invoices not yet due and the next
      ones; it is never paid out by the desk.
    - The invoices themselves keep their states until the billing run books the offset:
      the glance *shows* the netting (overdue 120,00 €, credit 20,00 € → 100,00 € due),
      it books nothing. A credit that covers everything overdue therefore still shows
      the arrears, with 0,00 € due.

    Negative inputs are treated as zero.
    """
    owed = max(overdue, _ZERO) + max(fees, _ZERO)
    offset = min(max(credit, _ZERO), owed)
    return CreditOffset(offset=offset, due=owed - offset)


_LEVEL_RANK: Final = {level: level.rank for level in DunningLevel}


def _rank_of_level() -> ColumnElement[int]:
    return case(_LEVEL_RANK, value=DunningStep.level)


def _last_return_of_invoice() -> Any:
    return (
        select(func.max(ReturnedDebit.returned_on))
        .where(ReturnedDebit.invoice_id == Invoice.id)
        .correlate(Invoice)
        .scalar_subquery()
    )


def _late(today: dt.date) -> ColumnElement[bool]:
    """Arrears among unpaid invoices (same rule as the C1 badge): returned, or past due."""
    return or_(
        Invoice.state.in_((InvoiceState.OVERDUE, InvoiceState.RETURNED_DEBIT)),
        Invoice.due_on < today,
    )


def _glance(s: Session, customer_id: int, today: dt.date) -> PaymentGlance:
    m = _MoneySql(s.get_bind().dialect.name)
    customer = s.execute(
        select(
            Customer.blocked,
            Customer.credit_balance,
            Customer.preferred_payment_method,
            Customer.version,
        ).where(Customer.id == customer_id)
    ).first()
    if customer is None:
        raise customer_not_found()
    late = _late(today)
    owed = m.of(Invoice.gross) - m.of(Invoice.paid_amount)
    unpaid = (Invoice.customer_id == customer_id, Invoice.state.in_(_UNPAID))
    totals = s.execute(
        select(
            func.count(),
            func.sum(owed),
            func.sum(case((late, owed))),
            func.count(case((late, 1))),
            func.min(case((late, Invoice.due_on))),
        ).where(*unpaid)
    ).one()
    open_count, total_open, overdue_amount, late_count, oldest_late = totals

    dunning_fees = (
        select(func.sum(m.of(DunningStep.fee)))
        .join(Invoice, Invoice.id == DunningStep.invoice_id)
        .where(DunningStep.customer_id == customer_id, Invoice.state.in_(_UNPAID))
        .scalar_subquery()
    )
    return_fees = (
        select(func.sum(m.of(ReturnedDebit.fee)))
        .join(Invoice, Invoice.id == ReturnedDebit.invoice_id)
        .where(ReturnedDebit.customer_id == customer_id, Invoice.state.in_(_UNPAID))
        .scalar_subquery()
    )
    returns_12m = (
        select(func.count())
        .select_from(ReturnedDebit)
        .where(
            ReturnedDebit.customer_id == customer_id,
            ReturnedDebit.returned_on > rules.add_months(today, -12),
        )
        .scalar_subquery()
    )
    fees_a, fees_b, returns_count = s.execute(select(dunning_fees, return_fees, returns_12m)).one()

    next_step, level = _glance_dunning(s, customer_id, today, late, late_count > 0)

    last_payment = s.execute(
        select(Payment.received_on, Payment.amount, Payment.method)
        .where(Payment.customer_id == customer_id, Payment.amount > 0)
        .order_by(Payment.received_on.desc(), Payment.id.desc())
        .limit(1)
    ).first()
    last_return = s.execute(
        select(ReturnedDebit.returned_on, ReturnedDebit.reason_code, ReturnedDebit.reason_text)
        .where(ReturnedDebit.customer_id == customer_id)
        .order_by(ReturnedDebit.returned_on.desc(), ReturnedDebit.id.desc())
        .limit(1)
    ).first()
    mandates = list(
        s.scalars(
            select(SepaMandate)
            .where(SepaMandate.customer_id == customer_id)
            .order_by(SepaMandate.seq.desc())
        )
    )
    overdue = m.value(overdue_amount)
    fees = m.value(fees_a) + m.value(fees_b)
    credit = _money(customer.credit_balance)
    netted = offset_credit(overdue if late_count else _ZERO, fees, credit)
    revoked_on = _revocation_dates(s, customer_id, mandates)
    return PaymentGlance(
        customer_id=customer_id,
        as_of=today,
        in_arrears=late_count > 0,
        total_open=m.value(total_open),
        overdue_amount=overdue,
        open_invoices=int(open_count),
        open_fees=fees,
        oldest_overdue_due_on=oldest_late,
        days_overdue=max(0, (today - oldest_late).days) if oldest_late else 0,
        dunning_level=level,
        next_step=next_step,
        services_blocked=customer.blocked,
        last_payment=None
        if last_payment is None
        else LastPayment(last_payment[0], _money(last_payment[1]), last_payment[2].value),
        last_debit=_last_debit(
            mandates,
            None if last_return is None else (last_return[0], last_return[1], last_return[2]),
        ),
        returns_last_12_months=int(returns_count or 0),
        mandate=_mandate_summary(mandates, today, revoked_on),
        payment_method=customer.preferred_payment_method.value,
        credit_balance=credit,
        version=customer.version,
        credit_offset=netted.offset,
        due_after_credit=netted.due,
    )


def _glance_dunning(
    s: Session, customer_id: int, today: dt.date, late: ColumnElement[bool], any_late: bool
) -> tuple[NextDunningStep | None, str | None]:
    """The highest step reached on an unpaid invoice and that invoice's next step; with
    no step yet, the reminder of the oldest overdue invoice."""
    last_return = _last_return_of_invoice()
    top = s.execute(
        select(
            DunningStep.level,
            DunningStep.issued_on,
            DunningStep.deadline,
            Invoice.id,
            Invoice.number,
            Invoice.due_on,
            Invoice.state,
            last_return,
        )
        .join(Invoice, Invoice.id == DunningStep.invoice_id)
        .where(DunningStep.customer_id == customer_id, Invoice.state.in_(_UNPAID))
        .order_by(_rank_of_level().desc(), Invoice.due_on, Invoice.id)
        .limit(1)
    ).first()
    if top is not None:
        level, issued, deadline, invoice_id, number, due_on, state, returned = top
        reached = rules.ReachedStep(rules.DunningStage(level.value), issued, deadline)
        return (
            _next_step(invoice_id, number, state.value, due_on, returned, reached, today),
            level.value,
        )
    if not any_late:
        return None, None
    oldest = s.execute(
        select(Invoice.id, Invoice.number, Invoice.due_on, Invoice.state, last_return)
        .where(Invoice.customer_id == customer_id, Invoice.state.in_(_UNPAID), late)
        .order_by(Invoice.due_on, Invoice.id)
        .limit(1)
    ).first()
    if oldest is None:
        return None, None
    invoice_id, number, due_on, state, returned = oldest
    return _next_step(invoice_id, number, state.value, due_on, returned, None, today), None


def _next_step(
    invoice_id: int,
    number: str,
    state: str,
    due_on: dt.date,
    last_returned_on: dt.date | None,
    reached: rules.ReachedStep | None,
    today: dt.date,
) -> NextDunningStep | None:
    step = rules.next_dunning_step(state, rules.dunning_anchor(due_on, last_returned_on), reached)
    if step is None:
        return None
    return NextDunningStep(
        invoice_id=invoice_id,
        invoice_number=number,
        level=step.stage.value,
        on=step.on,
        fee=step.fee,
        deadline=step.deadline,
        due=step.due(today),
    )


def _last_debit(
    mandates: Sequence[SepaMandate], last_return: tuple[dt.date, str, str] | None
) -> DebitResult | None:
    collected = [m.last_collection_on for m in mandates if m.last_collection_on is not None]
    last_collection = max(collected) if collected else None
    if last_return is not None:
        returned_on, code, bank_text = last_return
        if rules.last_debit_returned(last_collection, returned_on):
            return DebitResult(True, returned_on, code, sepa.reason_text(code, bank_text))
    if last_collection is None:
        return None
    return DebitResult(False, last_collection)


def _mandate_summary(
    mandates: Sequence[SepaMandate], today: dt.date, revoked_on: dict[int, dt.date]
) -> MandateSummary | None:
    """The newest mandate that is active as of today, else the newest one at all."""
    if not mandates:
        return None
    views = [(m, _mandate_state(m, today)) for m in mandates]
    m, (state, expires) = next(
        ((m, st) for m, st in views if st[0] == rules.MandateState.ACTIVE), views[0]
    )
    return MandateSummary(
        mandate_id=m.id,
        reference=m.reference,
        status=state.value,
        expires_on=expires,
        debits_blocked=rules.debits_blocked(
            state, objection_flag=m.objection_flag, blocked_flag=m.debits_blocked
        ),
        objection_flag=m.objection_flag,
        iban_masked=sepa.mask_iban(m.iban),
        revoked_on=revoked_on.get(m.id) if state == rules.MandateState.REVOKED else None,
    )


def _revocation_dates(
    s: Session, customer_id: int, mandates: Sequence[SepaMandate]
) -> dict[int, dt.date]:
    """The day each revoked mandate was revoked (mandate id -> date), as far as known.

    No column holds it; it follows from what revoked the mandate, first match wins:
    a returned debit whose code invalidates the mandate (AC04/MD01/MD07, PAY-4): its
    return date; a payment-method change on the desk that revoked it (PAY-6, its
    history names the mandate): the day of the change (UTC); a newer mandate that
    replaced it: that one's date of signature. Otherwise it is not known.
    """
    revoked = [m for m in mandates if m.status == MandateStatus.REVOKED]
    if not revoked:
        return {}
    out: dict[int, dt.date] = {}
    for mandate_id, on in s.execute(
        select(ReturnedDebit.mandate_id, func.min(ReturnedDebit.returned_on))
        .where(
            ReturnedDebit.customer_id == customer_id,
            ReturnedDebit.mandate_id.in_([m.id for m in revoked]),
            ReturnedDebit.reason_code.in_(sorted(rules.INVALIDATING_CODES)),
        )
        .group_by(ReturnedDebit.mandate_id)
    ):
        out[mandate_id] = on
    changes = s.execute(
        select(PaymentMethodChange.at, PaymentMethodChange.detail)
        .where(
            PaymentMethodChange.customer_id == customer_id,
            PaymentMethodChange.detail.is_not(None),
        )
        .order_by(PaymentMethodChange.at, PaymentMethodChange.id)
    ).all()
    by_seq = {m.seq: m for m in mandates}
    for m in revoked:
        if m.id in out:
            continue
        phrase = _revoked_phrase(m.reference)
        at = next((at for at, detail in changes if detail and phrase in detail), None)
        if at is not None:
            out[m.id] = at.date()
            continue
        newer = [other for seq, other in by_seq.items() if seq > m.seq]
        if newer:
            out[m.id] = min(newer, key=lambda o: o.seq).signed_on
    return out


def _mandate_state(m: SepaMandate, today: dt.date) -> tuple[rules.MandateState, dt.date]:
    expires = rules.mandate_expiry(m.signed_on, m.last_collection_on)
    return rules.effective_mandate_state(m.status.value, expires, today), expires


# --- lists and the detail -----------------------------------------------------------------


def _invoice_page(
    s: Session, customer_id: int, offset: int, limit: int, today: dt.date
) -> InvoicePage:
    total = s.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.customer_id == customer_id)
    )
    if not total:
        _require_customer(s, customer_id)
        return InvoicePage((), offset, 0)
    cancelled = aliased(Invoice)
    rows = s.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.issued_on,
            Invoice.due_on,
            Invoice.state,
            Invoice.gross,
            Invoice.paid_amount,
            Invoice.payment_method,
            cancelled.number,
        )
        .outerjoin(cancelled, cancelled.id == Invoice.cancels_invoice_id)
        .where(Invoice.customer_id == customer_id)
        .order_by(Invoice.issued_on.desc(), Invoice.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    levels: dict[int, list[str]] = {}
    if rows:
        for invoice_id, level in s.execute(
            select(DunningStep.invoice_id, DunningStep.level).where(
                DunningStep.invoice_id.in_([r[0] for r in rows])
            )
        ):
            levels.setdefault(invoice_id, []).append(level.value)
    out = []
    for invoice_id, number, issued, due, stored, gross, paid, method, cancels in rows:
        state = rules.effective_state(stored.value, due, today)
        top = rules.highest_stage(levels.get(invoice_id, ()))
        out.append(
            InvoiceListRow(
                invoice_id=invoice_id,
                number=number,
                issued_on=issued,
                due_on=due,
                state=state.value,
                gross=_money(gross),
                paid=_money(paid),
                payment_method=method.value,
                days_overdue=rules.days_overdue(state, due, today),
                dunning_level=None if top is None else top.value,
                cancels_number=cancels,
            )
        )
    return InvoicePage(tuple(out), offset, int(total))


def _link(invoice: Invoice | None) -> InvoiceLink | None:
    if invoice is None:
        return None
    return InvoiceLink(invoice.id, invoice.number, invoice.issued_on, _money(invoice.gross))


def _buyer(customer: Customer, on: dt.date) -> InvoiceParty:
    address = current_address(customer.addresses, AddressKind.BILLING, on) or current_address(
        customer.addresses, AddressKind.CONTRACT, on
    )
    lines: list[str] = []
    if address is not None:
        lines.append(f"{address.street} {address.house_number}".strip())
        lines.append(f"{address.postcode} {address.city}".strip())
        if address.country != "DE":
            lines.append(address.country)
    name = display_name(
        customer.kind,
        customer.first_name,
        customer.last_name,
        customer.company,
        customer.legal_form,
    )
    country = "DE" if address is None else address.country
    return InvoiceParty(
        format_customer_number(customer.number),
        name,
        tuple(lines),
        country=country,
        language=invoice_text.document_language(country),
    )


def _invoice_detail(s: Session, invoice_id: int, today: dt.date) -> InvoiceDetail:
    invoice = s.get(
        Invoice,
        invoice_id,
        options=[
            selectinload(Invoice.positions),
            selectinload(Invoice.payments),
            selectinload(Invoice.dunning_steps),
            joinedload(Invoice.mandate),
            joinedload(Invoice.cancels),
            selectinload(Invoice.cancelled_by),
            joinedload(Invoice.customer).selectinload(Customer.addresses),
        ],
        populate_existing=True,
    )
    if invoice is None:
        raise NotFound(_INVOICE_NOT_FOUND)
    state = rules.effective_state(invoice.state.value, invoice.due_on, today)
    steps = tuple(
        DunningStepView(d.level.value, d.issued_on, _money(d.fee), d.deadline)
        for d in sorted(invoice.dunning_steps, key=lambda d: d.level.rank)
    )
    returns = _returned_debits(s, ReturnedDebit.invoice_id == invoice.id)
    reached = None
    if invoice.dunning_steps:
        top = max(invoice.dunning_steps, key=lambda d: d.level.rank)
        reached = rules.ReachedStep(
            rules.DunningStage(top.level.value), top.issued_on, top.deadline
        )
    next_step = _next_step(
        invoice.id,
        invoice.number,
        state.value,
        invoice.due_on,
        max((r.returned_on for r in returns), default=None),
        reached,
        today,
    )
    mandate = invoice.mandate
    positions = tuple(
        PositionView(
            pos=p.pos,
            description=p.description,
            quantity=p.quantity,
            unit_price=_money(p.unit_price),
            vat_rate=p.vat_rate.quantize(rules.CENT),
            net=_money(p.net),
        )
        for p in invoice.positions
    )
    return InvoiceDetail(
        invoice_id=invoice.id,
        number=invoice.number,
        customer_id=invoice.customer_id,
        buyer=_buyer(invoice.customer, invoice.issued_on),
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        state=state.value,
        net=_money(invoice.net),
        vat=_money(invoice.vat),
        gross=_money(invoice.gross),
        paid=_money(invoice.paid_amount),
        days_overdue=rules.days_overdue(state, invoice.due_on, today),
        payment_method=invoice.payment_method.value,
        mandate_reference=None if mandate is None else mandate.reference,
        creditor_id=None if mandate is None else mandate.creditor_id,
        positions=positions,
        vat_lines=rules.vat_breakdown((p.net, p.vat_rate) for p in positions),
        payments=tuple(
            PaymentView(p.received_on, _money(p.amount), p.method.value, p.reference)
            for p in sorted(invoice.payments, key=lambda p: (p.received_on, p.id))
        ),
        dunning_steps=steps,
        next_dunning_step=next_step,
        returned_debits=returns,
        cancels=_link(invoice.cancels),
        cancellation_reason=invoice.cancellation_reason,
        cancelled_by=_link(min(invoice.cancelled_by, key=lambda i: i.id, default=None)),
        version=invoice.version,
    )


def _returned_debits(s: Session, where: ColumnElement[bool]) -> tuple[ReturnedDebitView, ...]:
    rows = s.execute(
        select(ReturnedDebit, Invoice.number, SepaMandate.reference)
        .join(Invoice, Invoice.id == ReturnedDebit.invoice_id)
        .join(SepaMandate, SepaMandate.id == ReturnedDebit.mandate_id)
        .where(where)
        .order_by(ReturnedDebit.returned_on.desc(), ReturnedDebit.id.desc())
    ).all()
    out = []
    for r, number, reference in rows:
        effects = rules.return_effects(r.reason_code)
        out.append(
            ReturnedDebitView(
                returned_debit_id=r.id,
                invoice_id=r.invoice_id,
                invoice_number=number,
                returned_on=r.returned_on,
                amount=_money(r.amount),
                reason_code=r.reason_code,
                reason_text=sepa.reason_text(r.reason_code, r.reason_text),
                bank_text=r.reason_text,
                fee=_money(r.fee),
                mandate_reference=reference,
                objection=effects.objection,
                invalidates_mandate=effects.invalidate_mandate,
            )
        )
    return tuple(out)


def _mandate_views(s: Session, customer_id: int, today: dt.date) -> tuple[MandateView, ...]:
    mandates = s.scalars(
        select(SepaMandate)
        .where(SepaMandate.customer_id == customer_id)
        .order_by(SepaMandate.seq.desc())
    ).all()
    invalidated: dict[int, str] = {}
    for mandate_id, code in s.execute(
        select(ReturnedDebit.mandate_id, ReturnedDebit.reason_code)
        .where(
            ReturnedDebit.customer_id == customer_id,
            ReturnedDebit.reason_code.in_(sorted(rules.INVALIDATING_CODES)),
        )
        .order_by(ReturnedDebit.returned_on, ReturnedDebit.id)
    ):
        invalidated[mandate_id] = code  # the latest wins
    revoked_on = _revocation_dates(s, customer_id, mandates)
    out = []
    for m in mandates:
        state, expires = _mandate_state(m, today)
        out.append(
            MandateView(
                mandate_id=m.id,
                reference=m.reference,
                creditor_id=m.creditor_id,
                holder=m.account_holder,
                iban_masked=sepa.mask_iban(m.iban),
                bic=m.bic,
                signed_on=m.signed_on,
                signed_place=m.signed_place,
                recurring=m.recurring,
                scheme=m.scheme.value,
                status=state.value,
                first_collection_on=m.first_collection_on,
                last_collection_on=m.last_collection_on,
                expires_on=expires,
                objection_flag=m.objection_flag,
                debits_blocked=rules.debits_blocked(
                    state, objection_flag=m.objection_flag, blocked_flag=m.debits_blocked
                ),
                invalidated_by=invalidated.get(m.id) if m.status == MandateStatus.REVOKED else None,
                version=m.version,
                revoked_on=revoked_on.get(m.id) if state == rules.MandateState.REVOKED else None,
            )
        )
    return tuple(out)


def _dunning_ladder(s: Session, customer_id: int, today: dt.date) -> list[DunningInvoiceView]:
    with_steps = select(DunningStep.invoice_id).where(DunningStep.customer_id == customer_id)
    invoices = s.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.due_on,
            Invoice.state,
            Invoice.gross,
            Invoice.paid_amount,
            _last_return_of_invoice(),
        ).where(
            Invoice.customer_id == customer_id,
            or_(Invoice.state.in_(_UNPAID), Invoice.id.in_(with_steps)),
        )
    ).all()
    steps: dict[int, list[DunningStep]] = {}
    for step in s.scalars(select(DunningStep).where(DunningStep.customer_id == customer_id)):
        steps.setdefault(step.invoice_id, []).append(step)
    out = []
    for invoice_id, number, due_on, stored, gross, paid, returned in invoices:
        state = rules.effective_state(stored.value, due_on, today)
        mine = sorted(steps.get(invoice_id, []), key=lambda d: d.level.rank)
        reached = None
        if mine:
            top = mine[-1]
            reached = rules.ReachedStep(
                rules.DunningStage(top.level.value), top.issued_on, top.deadline
            )
        unpaid = rules.is_unpaid(state)
        out.append(
            DunningInvoiceView(
                invoice_id=invoice_id,
                number=number,
                due_on=due_on,
                state=state.value,
                open_amount=_money(gross) - _money(paid) if unpaid else _ZERO,
                days_overdue=rules.days_overdue(state, due_on, today),
                steps=tuple(
                    DunningStepView(d.level.value, d.issued_on, _money(d.fee), d.deadline)
                    for d in mine
                ),
                next_step=_next_step(
                    invoice_id, number, state.value, due_on, returned, reached, today
                ),
            )
        )
    unpaid_first = sorted(
        (v for v in out if rules.is_unpaid(v.state)), key=lambda v: (v.due_on, v.invoice_id)
    )
    settled = sorted(
        (v for v in out if not rules.is_unpaid(v.state)),
        key=lambda v: (v.due_on, v.invoice_id),
        reverse=True,
    )
    return unpaid_first + settled
