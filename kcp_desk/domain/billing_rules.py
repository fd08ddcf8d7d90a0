"""Business rules of invoices, dunning and SEPA mandates (SPEC C3, PAY-1 … PAY-4).

Pure functions over plain values: no Qt, no database. The services read the rows and ask
these functions what they mean; the tests drive them with tables.

Money
    Always :class:`~decimal.Decimal` with cent precision, never ``float``: :func:`money`
    refuses floats, :func:`money_sum` adds with a context that traps any rounding, and
    amounts can be moved through exact integer cents (:func:`to_cents`,
    :func:`cents_to_money`). :func:`format_money` renders with babel (``de_DE``, ``en``).

Invoice states (PAY-1)
    :func:`invoice_state` derives the state from the amounts, returns and cancellations;
    :func:`effective_state` turns a stored ``open`` whose due date has passed into
    ``overdue`` (the stored state does not change by itself at midnight).

Dunning ladder (PAY-2), :data:`DUNNING_LADDER`
    Every step is planned a fixed number of days after the *anchor* — the due date, or
    the date of the latest returned debit of the invoice (the customer learns only then
    that the money did not arrive) — and never before the previous step's deadline has
    passed. Fees are what the customer is charged for that letter.

    ============== ========== ====== ============ ===========================================
    step           after      fee    pay within   what happens
    ============== ========== ====== ============ ===========================================
    reminder       +7 days    0 €    7 days       friendly payment reminder (free)
    first          +21 days   5 €    10 days      1st dunning letter
    second         +35 days   7.50 € 10 days      2nd dunning letter (SO-4 gate: level ≥ 2)
    final_notice   +49 days   10 €   7 days       final notice, threatens blocking
    blocked        +60 days   0 €    —            services are blocked
    termination    +90 days   0 €    14 days      contract terminated, last call to pay
    debt_collection +120 days 0 €    —            handed to the debt collection agency
    ============== ========== ====== ============ ===========================================

SEPA mandates (PAY-3, PAY-4)
    A mandate expires 36 months after its last collection (after its signature if it was
    never used) — :func:`mandate_expiry`; from that day on it is ``expired``. Debits are
    blocked while the payer objects (MD06/MS02: objection flag), and on any mandate that
    is not active (revoked, expired, invalidated by AC04/MD01/MD07) —
    :func:`debits_blocked`. :func:`return_effects` says what a return reason code does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from babel.numbers import format_currency

__all__ = [
    "CENT",
    "DUNNING_LADDER",
    "INVALIDATING_CODES",
    "MANDATE_VALIDITY_MONTHS",
    "OBJECTION_CODES",
    "UNPAID_STATES",
    "DunningRule",
    "DunningStage",
    "InvoiceStatus",
    "MandateState",
    "NextStep",
    "ReachedStep",
    "ReturnEffects",
    "VatLine",
    "add_months",
    "cents_to_money",
    "days_overdue",
    "debits_blocked",
    "dunning_anchor",
    "dunning_rule",
    "effective_mandate_state",
    "effective_state",
    "format_money",
    "highest_stage",
    "in_arrears",
    "invoice_state",
    "is_unpaid",
    "last_debit_returned",
    "mandate_expiry",
    "money",
    "money_sum",
    "negate",
    "next_dunning_step",
    "return_effects",
    "to_cents",
    "vat_amount",
    "vat_breakdown",
]

# --- the vocabulary (mirrors of the model enums; a test keeps them identical) -------------


class InvoiceStatus(enum.StrEnum):
    """PAY-1; the values of ``kcp_desk.models.billing.InvoiceState``.

    ``credited`` is the state of a cancellation or credit document itself (negative
    amounts); ``cancelled`` the state of the invoice it cancels.
    """

    OPEN = "open"
    OVERDUE = "overdue"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    CANCELLED = "cancelled"
    CREDITED = "credited"
    RETURNED_DEBIT = "returned_debit"


class DunningStage(enum.StrEnum):
    """PAY-2 in ladder order; also the column type of ``dunning_steps.level`` (models)."""

    REMINDER = "reminder"
    FIRST = "first"
    SECOND = "second"
    FINAL_NOTICE = "final_notice"
    BLOCKED = "blocked"
    TERMINATION = "termination"
    DEBT_COLLECTION = "debt_collection"

    @property
    def rank(self) -> int:
        """0 for the reminder, 1 for the 1st dunning letter, 2 for the 2nd, …"""
        return list(DunningStage).index(self)


class MandateState(enum.StrEnum):
    """The values of ``kcp_desk.models.billing.MandateStatus``."""

    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"


#: States in which money is still owed (they count towards "total open").
UNPAID_STATES: Final = frozenset(
    {
        InvoiceStatus.OPEN,
        InvoiceStatus.OVERDUE,
        InvoiceStatus.PARTLY_PAID,
        InvoiceStatus.RETURNED_DEBIT,
    }
)

# --- money ---------------------------------------------------------------------------------

CENT: Final = Decimal("0.01")
_ZERO: Final = Decimal("0.00")
#: enough digits for any sum of amounts this application sees, so nothing is ever rounded
_EXACT_PRECISION: Final = 60


def money(value: Decimal | int | str) -> Decimal:
    """An amount with exactly two decimal places.

    Refuses ``float`` (a binary fraction is not an amount of money) and amounts with
    more than cent precision (``Decimal("0.005")``): both would be bugs upstream.
    """
    if isinstance(value, float | bool):
        raise TypeError("money must be Decimal, int or str, never float")
    amount = value if isinstance(value, Decimal) else Decimal(value)
    if not amount.is_finite():
        raise ValueError("money must be a finite amount")
    with decimal.localcontext() as ctx:
        ctx.prec = _EXACT_PRECISION
        ctx.traps[decimal.Inexact] = True
        try:
            return amount.quantize(CENT)
        except decimal.Inexact:
            raise ValueError("money has more than cent precision") from None


def cents_to_money(cents: int) -> Decimal:
    """``12345`` → ``Decimal("123.45")`` (exact)."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("cents must be int")
    return Decimal(cents).scaleb(-2).quantize(CENT)


def to_cents(amount: Decimal) -> int:
    """``Decimal("123.45")`` → ``12345``; refuses sub-cent amounts."""
    return int(money(amount).scaleb(2))


def money_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum: a context that traps ``Inexact`` proves nothing was rounded."""
    with decimal.localcontext() as ctx:
        ctx.prec = _EXACT_PRECISION
        ctx.traps[decimal.Inexact] = True
        total = _ZERO
        for amount in amounts:
            total += money(amount)
        return total


def negate(amount: Decimal) -> Decimal:
    """The amount of a cancellation line (``-x``, ``0.00`` stays ``0.00``)."""
    return money(amount).copy_negate() if amount else _ZERO


def format_money(amount: Decimal, locale: str = "de_DE") -> str:
    """``1.234,50 €`` in ``de_DE``, ``€1,234.50`` in ``en`` (babel, no-break spaces)."""
    return format_currency(money(amount), "EUR", locale=locale)


@dataclass(frozen=True, slots=True)
class VatLine:
    """One VAT rate of an invoice: the net amount at that rate and the VAT on it."""

    rate: Decimal  # percent, e.g. Decimal("19.00")
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def vat_amount(net: Decimal, rate: Decimal) -> Decimal:
    """VAT on ``net`` at ``rate`` percent, rounded half up to the cent (German practice)."""
    with decimal.localcontext() as ctx:
        ctx.prec = _EXACT_PRECISION
        return (money(net) * rate / 100).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def vat_breakdown(lines: Iterable[tuple[Decimal, Decimal]]) -> tuple[VatLine, ...]:
    """``(net, rate)`` of each position → one :class:`VatLine` per rate, highest rate first.

    § 14 (4) Nr. 8 UStG: the invoice states the net amount and the tax per rate.
    """
    nets: dict[Decimal, list[Decimal]] = {}
    for net, rate in lines:
        nets.setdefault(rate.normalize(), []).append(net)
    return tuple(
        VatLine(rate.quantize(CENT), total, vat_amount(total, rate))
        for rate, total in sorted(
            ((rate, money_sum(parts)) for rate, parts in nets.items()), reverse=True
        )
    )


# --- dates ---------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months; the 31st becomes the last day of a shorter month
    (``2026-01-31 + 1 month = 2026-02-28``, ``2024-02-29 + 12 months = 2025-02-28``)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- invoice state (PAY-1) -------------------------------------------------------------------


def invoice_state(
    *,
    gross: Decimal,
    paid: Decimal,
    due_on: dt.date,
    today: dt.date,
    debit_returned: bool = False,
    cancelled: bool = False,
    is_cancellation: bool = False,
) -> InvoiceStatus:
    """The state of an issued invoice.

    ``paid`` is what was received net of reversals (a returned debit takes its amount
    back); ``debit_returned`` says the latest direct debit of the invoice came back and
    has not been made good since; ``cancelled`` that a cancellation invoice refers to it;
    ``is_cancellation`` that it is itself a cancellation (or another credit document).

    In order: a cancellation or a negative amount is ``credited``; a cancelled invoice is
    ``cancelled``; fully paid is ``paid`` (an overpayment too: the excess is credit);
    a returned debit is ``returned_debit`` (open again, PAY-4); something paid is
    ``partly_paid``; unpaid is ``overdue`` after the due date, else ``open``.
    """
    gross, paid = money(gross), money(paid)
    if is_cancellation or gross < 0:
        return InvoiceStatus.CREDITED
    if cancelled:
        return InvoiceStatus.CANCELLED
    if paid >= gross:
        return InvoiceStatus.PAID
    if debit_returned:
        return InvoiceStatus.RETURNED_DEBIT
    if paid > 0:
        return InvoiceStatus.PARTLY_PAID
    if due_on < today:
        return InvoiceStatus.OVERDUE
    return InvoiceStatus.OPEN


def effective_state(stored: str, due_on: dt.date, today: dt.date) -> InvoiceStatus:
    """The stored state as of ``today``: an ``open`` invoice past its due date is overdue."""
    state = InvoiceStatus(stored)
    if state == InvoiceStatus.OPEN and due_on < today:
        return InvoiceStatus.OVERDUE
    return state


def is_unpaid(state: str) -> bool:
    return state in UNPAID_STATES


def in_arrears(state: str, due_on: dt.date, today: dt.date) -> bool:
    """Money owed and late: unpaid after the due date, or a returned debit (at once)."""
    if state == InvoiceStatus.RETURNED_DEBIT:
        return True
    return is_unpaid(state) and due_on < today


def days_overdue(state: str, due_on: dt.date, today: dt.date) -> int:
    """Days since the due date while the invoice is unpaid; 0 otherwise."""
    if not is_unpaid(state):
        return 0
    return max(0, (today - due_on).days)


# --- dunning (PAY-2) -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DunningRule:
    stage: DunningStage
    #: planned this many days after the anchor (due date or latest return)
    after_days: int
    fee: Decimal
    #: the deadline is this many days after the letter; None: no deadline applies
    pay_within_days: int | None
    #: reaching this step blocks the customer's services
    blocks_services: bool = False


#: PAY-2, in ladder order (see the module docstring for the table).
DUNNING_LADDER: Final[tuple[DunningRule, ...]] = (
    DunningRule(DunningStage.REMINDER, 7, Decimal("0.00"), 7),
    DunningRule(DunningStage.FIRST, 21, Decimal("5.00"), 10),
    DunningRule(DunningStage.SECOND, 35, Decimal("7.50"), 10),
    DunningRule(DunningStage.FINAL_NOTICE, 49, Decimal("10.00"), 7),
    DunningRule(DunningStage.BLOCKED, 60, Decimal("0.00"), None, blocks_services=True),
    DunningRule(DunningStage.TERMINATION, 90, Decimal("0.00"), 14, blocks_services=True),
    DunningRule(DunningStage.DEBT_COLLECTION, 120, Decimal("0.00"), None, blocks_services=True),
)


def dunning_rule(stage: str) -> DunningRule:
    return DUNNING_LADDER[DunningStage(stage).rank]


@dataclass(frozen=True, slots=True)
class ReachedStep:
    """The highest dunning step already issued for an invoice."""

    stage: DunningStage
    issued_on: dt.date
    deadline: dt.date | None


@dataclass(frozen=True, slots=True)
class NextStep:
    """The step the dunning run will issue next if the invoice stays unpaid."""

    stage: DunningStage
    #: when it is planned (may lie in the past: then it is due with the next run)
    on: dt.date
    fee: Decimal
    #: the pay-by date that step will set, if any
    deadline: dt.date | None

    def due(self, today: dt.date) -> bool:
        return self.on <= today


def dunning_anchor(due_on: dt.date, last_returned_on: dt.date | None) -> dt.date:
    """Where the ladder counts from: the due date, or a later returned debit."""
    if last_returned_on is not None and last_returned_on > due_on:
        return last_returned_on
    return due_on


def next_dunning_step(state: str, anchor: dt.date, reached: ReachedStep | None) -> NextStep | None:
    """The next rung for an invoice in ``state``; ``None`` when it is settled (paid,
    cancelled, credited) or the ladder is at its end (debt collection).

    Planned ``after_days`` after the anchor and never before the day after the previous
    step's deadline (or, without one, the day after it was issued).
    """
    if not is_unpaid(state):
        return None
    index = 0 if reached is None else reached.stage.rank + 1
    if index >= len(DUNNING_LADDER):
        return None
    rule = DUNNING_LADDER[index]
    on = anchor + dt.timedelta(days=rule.after_days)
    if reached is not None:
        earliest = (reached.deadline or reached.issued_on) + dt.timedelta(days=1)
        on = max(on, earliest)
    deadline = None
    if rule.pay_within_days is not None:
        deadline = on + dt.timedelta(days=rule.pay_within_days)
    return NextStep(rule.stage, on, rule.fee, deadline)


def highest_stage(stages: Iterable[str]) -> DunningStage | None:
    """The furthest step among ``stages`` (level values), or None."""
    return max((DunningStage(s) for s in stages), key=lambda s: s.rank, default=None)


# --- SEPA mandates (PAY-3) and returned debits (PAY-4) --------------------------------------

#: SEPA rulebook: a mandate lapses when no collection was presented for 36 months.
MANDATE_VALIDITY_MONTHS: Final = 36

#: MD06 (refund request by the payer) and MS02 (refused by the payer): an objection;
#: further debits are blocked until it is cleared with the customer.
OBJECTION_CODES: Final = frozenset({"MD06", "MS02"})
#: AC04 (account closed), MD01 (no mandate), MD07 (debtor deceased): the mandate cannot
#: be used again; it is set to revoked (invalid).
INVALIDATING_CODES: Final = frozenset({"AC04", "MD01", "MD07"})


def mandate_expiry(signed_on: dt.date, last_collection_on: dt.date | None) -> dt.date:
    """Last collection + 36 months, or signature + 36 months if it was never used."""
    base = last_collection_on if last_collection_on is not None else signed_on
    return add_months(base, MANDATE_VALIDITY_MONTHS)


def effective_mandate_state(stored: str, expires_on: dt.date, today: dt.date) -> MandateState:
    """An active mandate is ``expired`` from its expiry date on (no collection may be
    presented on a mandate unused for 36 months)."""
    state = MandateState(stored)
    if state == MandateState.ACTIVE and today >= expires_on:
        return MandateState.EXPIRED
    return state


def debits_blocked(state: str, *, objection_flag: bool, blocked_flag: bool) -> bool:
    """No direct debit may be collected: an objection (MD06/MS02) or a block is on the
    mandate, or the mandate is not active (revoked, expired, invalidated)."""
    return objection_flag or blocked_flag or MandateState(state) != MandateState.ACTIVE


@dataclass(frozen=True, slots=True)
class ReturnEffects:
    """What a returned debit with a given reason code does (PAY-4)."""

    #: MD06/MS02: the payer objected — set the mandate's objection flag
    objection: bool
    #: no further debits on this mandate (objection) — set ``debits_blocked``
    block_debits: bool
    #: AC04/MD01/MD07: the mandate is invalid from now on — status revoked
    invalidate_mandate: bool
    #: every return: the invoice is open again (state ``returned_debit``)
    reopen_invoice: bool = True


def return_effects(code: str) -> ReturnEffects:
    """Effects of an ISO 20022 return reason code; unknown codes only reopen the invoice."""
    code = code.strip().upper()
    objection = code in OBJECTION_CODES
    return ReturnEffects(
        objection=objection,
        block_debits=objection,
        invalidate_mandate=code in INVALIDATING_CODES,
    )


def last_debit_returned(
    last_collection_on: dt.date | None, last_returned_on: dt.date | None
) -> bool | None:
    """Was the latest direct debit returned? ``None``: there was no debit at all.

    A return always follows its collection, so a return on or after the latest
    collection date means the latest debit came back.
    """
    if last_returned_on is None:
        return None if last_collection_on is None else False
    return last_collection_on is None or last_returned_on >= last_collection_on


def _sequence_check(ladder: Sequence[DunningRule]) -> None:
    # the table must be in ladder order and each step after the previous deadline
    for rank, rule in enumerate(ladder):
        assert rule.stage.rank == rank
        if rank:
            prev = ladder[rank - 1]
            assert rule.after_days > prev.after_days + (prev.pay_within_days or 0)


_sequence_check(DUNNING_LADDER)
