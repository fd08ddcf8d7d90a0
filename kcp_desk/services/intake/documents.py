"""What the portal sends (SPEC §1 portal intake, issue 10): one validator per document kind.

A document is one JSON object with ``kind`` and ``version``; :data:`VALIDATORS` maps each
kind to the function that checks it field by field and returns a frozen dataclass, or
raises :class:`~kcp_desk.errors.FieldErrors` with one message per wrong field (unknown
fields included). Validation needs no database: whether the customer, the sub-account
or the ticket exists is checked by :mod:`kcp_desk.services.intake.apply` in the
transaction that writes.

``ticket`` (version 1) — a new ticket::

    {"kind": "ticket", "version": 1, "customer": "K10000012", "sub_account": null,
     "subject": "…", "body": "…", "priority": "normal"}

``message`` (version 1) — a customer message for an existing ticket, named by
``ticket`` or by the hook ``[#KCP-…]`` in ``subject`` (or both, if they agree)::

    {"kind": "message", "version": 1, "ticket": "#KCP-00012340", "sub_account": null,
     "subject": "Re: [#KCP-00012340] …", "body": "…"}

``support_order`` (version 1) — a support order (SO-1, issue 11) with its consents, the
cost acknowledgement and the credentials in the clear, which
:mod:`~kcp_desk.services.intake.apply` encrypts as the portal would (V-2, V-3)::

    {"kind": "support_order", "version": 1, "customer": "K10000012",
     "sub_account": null, "product": "v1.kcp-server.de", "category": "…",
     "description": "…", "priority": "normal",
     "consents": {"server_access": {"wording_version": "2026-02",
                                    "given_at": "2026-12-01T09:12:00Z"}, …},
     "cost": {"model": "hourly", "package": "basic", "price_per_15min": "29.75",
              "estimate_minutes": 60, "acknowledged_at": "2026-12-01T09:14:00Z"},
     "credentials": {"root password": "…", "ftp password": "…"}}

``confirmation`` (version 1) — the customer clicked a confirmation link (factor E, or the
ID-6 link to a new address) or typed the letter code on the portal (factor L)::

    {"kind": "confirmation", "version": 1, "token": "17.Zm9v…"}
    {"kind": "confirmation", "version": 1, "customer": "K10000012",
     "letter_code": "KD7M-4XRA-9HNT-PW3E"}

``cost`` for a catalogue task: ``{"model": "fixed", "catalogue_task": "…",
"fixed_price": "49.00", "estimate_minutes": null, "acknowledged_at": "…"}``. Amounts are
text (a JSON number is a binary fraction). Credential values are taken verbatim (no
trimming, no normalisation: a password is what the customer typed) and held as
:class:`~kcp_desk.security.field_crypto.SecretText`; no message ever quotes one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from kcp_desk.domain.billing_rules import money
from kcp_desk.domain.order_pricing import rate_for
from kcp_desk.domain.references import (
    MalformedReference,
    WrongCheckDigit,
    parse_customer_number,
    parse_ticket_ref,
)
from kcp_desk.domain.start_gate import CONSENT_KINDS, CONSENT_WORDINGS
from kcp_desk.domain.text_input import multi_line, single_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TICKET_CHECK_DIGIT,
    TICKET_MALFORMED,
    TOO_LONG,
    FieldErrors,
    InvalidInput,
)
from kcp_desk.models.orders import ConsentKind, CostModel
from kcp_desk.models.products import SmPackage
from kcp_desk.models.tickets import TicketPriority
from kcp_desk.security.field_crypto import MAX_FIELD_NAME, SecretText

__all__ = [
    "BODY_MAX",
    "CREDENTIALS_MAX",
    "CREDENTIAL_VALUE_MAX",
    "SUBJECT_MAX",
    "VALIDATORS",
    "VERSION",
    "ConsentGiven",
    "CostAcknowledgement",
    "Document",
    "MessageDocument",
    "SupportOrderDocument",
    "TicketDocument",
    "load_document",
    "validate_document",
    "validate_message",
    "validate_support_order",
    "validate_ticket",
]

#: the version of every document kind this desk reads
VERSION: Final = 1
#: ``tickets.subject`` is VARCHAR(300)
SUBJECT_MAX: Final = 300
#: a portal message; far beyond what a customer types, short of a pasted log file
BODY_MAX: Final = 50_000
#: ``sub_accounts.login`` is VARCHAR(64)
LOGIN_MAX: Final = 64
#: the subject hook of T-1: ``[#KCP-00012340]`` (any case, spaces, missing ``#``)
_HOOK: Final = re.compile(r"\[\s*(#?\s*KCP[^\[\]]{0,30})\]", re.IGNORECASE)

NOT_JSON: Final = QT_TRANSLATE_NOOP("KcpError", "This is not a JSON document.")
NOT_UTF8: Final = QT_TRANSLATE_NOOP("KcpError", "The document must be UTF-8 text.")
NOT_OBJECT: Final = QT_TRANSLATE_NOOP("KcpError", "The document must be a JSON object.")
UNKNOWN_KIND: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Unknown document kind; expected one of: {kinds}."
)
BAD_VERSION: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Unsupported version; this desk reads version {version}."
)
UNKNOWN_FIELD: Final = QT_TRANSLATE_NOOP("KcpError", "Unknown field.")
DUPLICATE_FIELD: Final = QT_TRANSLATE_NOOP("KcpError", "This field appears more than once.")
MISSING: Final = QT_TRANSLATE_NOOP("KcpError", "This field is required.")
NOT_TEXT: Final = QT_TRANSLATE_NOOP("KcpError", "Text expected.")
NOT_TEXT_OR_NULL: Final = QT_TRANSLATE_NOOP("KcpError", "Text or null expected.")
EMPTY: Final = QT_TRANSLATE_NOOP("KcpError", "This field must not be empty.")
BAD_PRIORITY: Final = QT_TRANSLATE_NOOP("KcpError", "Unknown priority; expected one of: {choices}.")
CUSTOMER_MALFORMED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Not a customer number (K and 8 digits, e.g. K12345671)."
)
CUSTOMER_CHECK_DIGIT: Final = QT_TRANSLATE_NOOP("KcpError", "Check digit wrong in customer number.")
HOOK_MALFORMED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The ticket hook in the subject is not a ticket number (e.g. [#KCP-00012340])."
)
HOOK_CHECK_DIGIT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Check digit wrong in the ticket hook of the subject."
)
NO_TICKET: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Name the ticket: a reference, or a subject with the hook [#KCP-…]."
)
TICKET_MISMATCH: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The reference and the subject's hook name different tickets."
)


@dataclass(frozen=True, slots=True)
class TicketDocument:
    """A new ticket from the portal, checked and cleaned."""

    customer_number: int
    sub_account: str | None
    subject: str
    body: str
    priority: TicketPriority


@dataclass(frozen=True, slots=True)
class MessageDocument:
    """A customer message for an existing ticket, checked and cleaned.

    ``ticket_field`` is the field that named the ticket (``"ticket"`` or ``"subject"``),
    so "there is no such ticket" is reported where the number came from.
    """

    ticket_number: int
    ticket_field: str
    sub_account: str | None
    subject: str | None
    body: str


_Errors = dict[str, InvalidInput]


def _error(errors: _Errors, field: str, template: str, **params: object) -> None:
    errors.setdefault(field, InvalidInput(template, field=field, **params))


class _Fields:
    """Reads the fields of one document, collecting one error per field."""

    def __init__(self, data: Mapping[str, object], allowed: frozenset[str]) -> None:
        self.data = data
        self.errors: _Errors = {}
        for name in data:
            if name not in allowed:
                _error(self.errors, name, UNKNOWN_FIELD)

    def text(
        self, name: str, *, limit: int, optional: bool = False, multi: bool = False
    ) -> str | None:
        if name not in self.data:
            if not optional:
                _error(self.errors, name, MISSING)
            return None
        value = self.data[name]
        if value is None and optional:
            return None
        if not isinstance(value, str):
            _error(self.errors, name, NOT_TEXT_OR_NULL if optional else NOT_TEXT)
            return None
        try:
            cleaned = (multi_line if multi else single_line)(value, field=name)
        except InvalidInput as exc:
            _error(self.errors, name, exc.template, **exc.params)
            return None
        if not cleaned:
            if optional:
                return None
            _error(self.errors, name, EMPTY)
            return None
        if len(cleaned) > limit:
            _error(self.errors, name, TOO_LONG, n=limit)
            return None
        return cleaned

    def raise_if_any(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


def _parse_ref(
    fields: _Fields,
    name: str,
    text: str,
    parse: Callable[[str], int],
    malformed: str,
    check_digit: str,
) -> int | None:
    try:
        return parse(text)
    except WrongCheckDigit:
        _error(fields.errors, name, check_digit)
    except MalformedReference:
        _error(fields.errors, name, malformed)
    return None


def _customer(fields: _Fields) -> int | None:
    """The ``customer`` field: a customer number with its check digit."""
    text = fields.text("customer", limit=SUBJECT_MAX)
    if text is None:
        return None
    return _parse_ref(
        fields, "customer", text, parse_customer_number, CUSTOMER_MALFORMED, CUSTOMER_CHECK_DIGIT
    )


def _priority(fields: _Fields) -> TicketPriority:
    if "priority" not in fields.data:
        return TicketPriority.NORMAL
    raw = fields.data["priority"]
    if isinstance(raw, str) and raw in TicketPriority._value2member_map_:
        return TicketPriority(raw)
    choices = ", ".join(p.value for p in TicketPriority)
    _error(fields.errors, "priority", BAD_PRIORITY, choices=choices)
    return TicketPriority.NORMAL


_TICKET_FIELDS: Final = frozenset(
    {"kind", "version", "customer", "sub_account", "subject", "body", "priority"}
)
_MESSAGE_FIELDS: Final = frozenset({"kind", "version", "ticket", "sub_account", "subject", "body"})


def validate_ticket(data: Mapping[str, object]) -> TicketDocument:
    """A ``ticket`` document → :class:`TicketDocument`, or :class:`FieldErrors`."""
    fields = _Fields(data, _TICKET_FIELDS)
    customer = _customer(fields)
    sub_account = fields.text("sub_account", limit=LOGIN_MAX, optional=True)
    subject = fields.text("subject", limit=SUBJECT_MAX)
    body = fields.text("body", limit=BODY_MAX, multi=True)
    priority = _priority(fields)
    fields.raise_if_any()
    assert customer is not None and subject is not None and body is not None
    return TicketDocument(customer, sub_account, subject, body, priority)


def validate_message(data: Mapping[str, object]) -> MessageDocument:
    """A ``message`` document → :class:`MessageDocument`, or :class:`FieldErrors`."""
    fields = _Fields(data, _MESSAGE_FIELDS)
    ticket_text = fields.text("ticket", limit=SUBJECT_MAX, optional=True)
    by_ref = None
    if ticket_text is not None:
        by_ref = _parse_ref(
            fields, "ticket", ticket_text, parse_ticket_ref, TICKET_MALFORMED, TICKET_CHECK_DIGIT
        )
    subject = fields.text("subject", limit=SUBJECT_MAX, optional=True)
    by_hook = None
    if subject is not None and (hook := _HOOK.search(subject)) is not None:
        by_hook = _parse_ref(
            fields, "subject", hook.group(1), parse_ticket_ref, HOOK_MALFORMED, HOOK_CHECK_DIGIT
        )
    sub_account = fields.text("sub_account", limit=LOGIN_MAX, optional=True)
    body = fields.text("body", limit=BODY_MAX, multi=True)
    named_by = "ticket" if ticket_text is not None else "subject"
    number = by_ref if by_ref is not None else by_hook
    if by_ref is not None and by_hook is not None and by_ref != by_hook:
        _error(fields.errors, "ticket", TICKET_MISMATCH)
    if number is None and "ticket" not in fields.errors and "subject" not in fields.errors:
        _error(fields.errors, "ticket", NO_TICKET)
    fields.raise_if_any()
    assert number is not None and body is not None
    return MessageDocument(number, named_by, sub_account, subject, body)


# --- support orders (SO-1, issue 11) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConsentGiven:
    """One consent as the customer gave it in the portal."""

    kind: ConsentKind
    wording_version: str
    given_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CostAcknowledgement:
    """What the customer acknowledged to pay: per started 15 minutes at the rate of a
    Systems-Management ``package`` (with an estimate), or a catalogue task's fixed price."""

    model: CostModel
    package: SmPackage | None
    price_per_15min: Decimal | None
    catalogue_task: str | None
    fixed_price: Decimal | None
    estimate_minutes: int | None
    acknowledged_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SupportOrderDocument:
    """A support order from the portal, checked and cleaned. ``credentials`` are
    (name, value) pairs in the portal's order; the values hide themselves."""

    customer_number: int
    sub_account: str | None
    product: str
    category: str
    description: str
    priority: TicketPriority
    consents: tuple[ConsentGiven, ...]
    cost: CostAcknowledgement
    credentials: tuple[tuple[str, SecretText], ...]


@dataclass(frozen=True)
class ConfirmationDocument:
    """A link clicked or a letter code typed on the portal (ID-1 E and L, ID-6)."""

    #: ``<id>.<secret>`` from a confirmation link, or None
    token: SecretText | None
    #: the customer who typed a letter code, and the code as typed
    customer_number: int | None
    letter_code: SecretText | None


Document = TicketDocument | MessageDocument | SupportOrderDocument | ConfirmationDocument

#: ``support_orders.category`` / ``catalogue_task`` are VARCHAR(100)
CATEGORY_MAX: Final = 100
#: ``products.hostname`` is VARCHAR(253)
HOSTNAME_MAX: Final = 253
#: ``order_consents.wording_version`` is VARCHAR(20)
WORDING_MAX: Final = 20
#: credentials per order: far more than root, mail, FTP, panel and database need
CREDENTIALS_MAX: Final = 20
#: a credential value: room for a pasted 4096-bit private key, short of a file
CREDENTIAL_VALUE_MAX: Final = 8192
#: an estimate beyond a working month is a typing error
ESTIMATE_MAX_MINUTES: Final = 10_000
#: the highest price the portal can acknowledge without a quote (net EUR)
PRICE_MAX: Final = Decimal("100000.00")

NOT_OBJECT_FIELD: Final = QT_TRANSLATE_NOOP("KcpError", "A JSON object expected.")
BAD_TIME: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A time with its time zone expected (ISO 8601, e.g. 2026-12-01T09:30:00Z)."
)
UNKNOWN_CONSENT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Unknown consent; expected one of: {choices}."
)
UNKNOWN_WORDING: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Unknown wording version of this consent; the desk knows: {choices}."
)
COST_MISSING: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The customer's cost acknowledgement is missing; the order cannot be taken."
)
BAD_COST_MODEL: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Unknown cost model; expected one of: {choices}."
)
BAD_PACKAGE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Unknown Systems-Management package; expected one of: {choices}."
)
BAD_AMOUNT: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    'An amount in euros as text expected, with at most two decimal places (e.g. "29.75").',
)
AMOUNT_RANGE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The amount must be more than 0.00 and at most {max}."
)
WRONG_RATE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The price per started 15 minutes of package {package} is {rate}."
)
BAD_MINUTES: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A whole number of minutes from 1 to {max} expected."
)
NOT_FOR_MODEL: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This field does not belong to the cost model {model}."
)
TOO_MANY_CREDENTIALS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "At most {n} credentials per order, please."
)
CREDENTIAL_NAME_TWICE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Another credential has the same name."
)
CREDENTIAL_NOT_TEXT: Final = QT_TRANSLATE_NOOP("KcpError", "The credential must be text.")
CREDENTIAL_EMPTY: Final = QT_TRANSLATE_NOOP("KcpError", "The credential must not be empty.")

_ORDER_FIELDS: Final = frozenset(
    {
        "kind",
        "version",
        "customer",
        "sub_account",
        "product",
        "category",
        "description",
        "priority",
        "consents",
        "cost",
        "credentials",
    }
)
_CONSENT_FIELDS: Final = frozenset({"wording_version", "given_at"})
_COST_FIELDS: Final = {
    CostModel.HOURLY: frozenset(
        {"model", "package", "price_per_15min", "estimate_minutes", "acknowledged_at"}
    ),
    CostModel.FIXED: frozenset(
        {"model", "catalogue_task", "fixed_price", "estimate_minutes", "acknowledged_at"}
    ),
}
_AMOUNT: Final = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?", re.ASCII)


def _object(fields: _Fields, name: str, missing: str = MISSING) -> Mapping[str, object] | None:
    if name not in fields.data or fields.data[name] is None:
        _error(fields.errors, name, missing)
        return None
    value = fields.data[name]
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        _error(fields.errors, name, NOT_OBJECT_FIELD)
        return None
    return value


def _nested_text(
    parent: _Fields, data: Mapping[str, object], prefix: str, name: str, *, limit: int
) -> str | None:
    sub = _Fields(data, frozenset(data))
    value = sub.text(name, limit=limit)
    for key, err in sub.errors.items():
        _error(parent.errors, f"{prefix}.{key}", err.template, **err.params)
    return value


def _time(
    fields: _Fields, data: Mapping[str, object], prefix: str, name: str
) -> dt.datetime | None:
    field = f"{prefix}.{name}"
    if name not in data:
        _error(fields.errors, field, MISSING)
        return None
    raw = data[name]
    moment = None
    if isinstance(raw, str) and len(raw) <= 40 and raw.isascii():
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            moment = None
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        _error(fields.errors, field, BAD_TIME)
        return None
    return moment.astimezone(dt.UTC)


def _consents(fields: _Fields) -> tuple[ConsentGiven, ...]:
    data = _object(fields, "consents")
    if data is None:
        return ()
    given: list[ConsentGiven] = []
    kinds = ", ".join(CONSENT_KINDS)
    for kind, raw in data.items():
        prefix = f"consents.{kind}"
        if kind not in CONSENT_WORDINGS:
            _error(fields.errors, prefix, UNKNOWN_CONSENT, choices=kinds)
            continue
        if not isinstance(raw, Mapping) or not all(isinstance(k, str) for k in raw):
            _error(fields.errors, prefix, NOT_OBJECT_FIELD)
            continue
        for extra in raw:
            if extra not in _CONSENT_FIELDS:
                _error(fields.errors, f"{prefix}.{extra}", UNKNOWN_FIELD)
        wording = _nested_text(fields, raw, prefix, "wording_version", limit=WORDING_MAX)
        accepted = CONSENT_WORDINGS[kind]
        if wording is not None and wording not in accepted:
            _error(
                fields.errors,
                f"{prefix}.wording_version",
                UNKNOWN_WORDING,
                choices=", ".join(sorted(accepted)),
            )
            wording = None
        when = _time(fields, raw, prefix, "given_at")
        if wording is not None and when is not None:
            given.append(ConsentGiven(ConsentKind(kind), wording, when))
    return tuple(given)


def _amount(fields: _Fields, data: Mapping[str, object], name: str) -> Decimal | None:
    field = f"cost.{name}"
    if name not in data:
        _error(fields.errors, field, MISSING)
        return None
    raw = data[name]
    if not isinstance(raw, str) or _AMOUNT.fullmatch(raw) is None:
        _error(fields.errors, field, BAD_AMOUNT)
        return None
    amount = money(raw)
    if not Decimal(0) < amount <= PRICE_MAX:
        _error(fields.errors, field, AMOUNT_RANGE, max=str(PRICE_MAX))
        return None
    return amount


def _minutes(
    fields: _Fields, data: Mapping[str, object], name: str, *, optional: bool
) -> int | None:
    field = f"cost.{name}"
    if name not in data or data[name] is None:
        if not optional:
            _error(fields.errors, field, MISSING)
        return None
    raw = data[name]
    if type(raw) is not int or not 1 <= raw <= ESTIMATE_MAX_MINUTES:
        _error(fields.errors, field, BAD_MINUTES, max=ESTIMATE_MAX_MINUTES)
        return None
    return raw


def _cost(fields: _Fields) -> CostAcknowledgement | None:
    data = _object(fields, "cost", COST_MISSING)
    if data is None:
        return None
    raw_model = data.get("model")
    if not isinstance(raw_model, str) or raw_model not in CostModel._value2member_map_:
        choices = ", ".join(m.value for m in CostModel)
        _error(
            fields.errors,
            "cost.model",
            BAD_COST_MODEL if "model" in data else MISSING,
            choices=choices,
        )
        return None
    model = CostModel(raw_model)
    for extra in data:
        if extra not in _COST_FIELDS[model]:
            other = any(extra in allowed for allowed in _COST_FIELDS.values())
            template = NOT_FOR_MODEL if other else UNKNOWN_FIELD
            _error(fields.errors, f"cost.{extra}", template, model=model.value)
    package = price = fixed = task = None
    if model is CostModel.HOURLY:
        raw_package = data.get("package")
        if "package" not in data:
            _error(fields.errors, "cost.package", MISSING)
        elif isinstance(raw_package, str) and raw_package in SmPackage._value2member_map_:
            package = SmPackage(raw_package)
        else:
            choices = ", ".join(p.value for p in SmPackage)
            _error(fields.errors, "cost.package", BAD_PACKAGE, choices=choices)
        price = _amount(fields, data, "price_per_15min")
        if package is not None and price is not None and price != rate_for(package):
            _error(
                fields.errors,
                "cost.price_per_15min",
                WRONG_RATE,
                package=package.value,
                rate=str(rate_for(package)),
            )
        estimate = _minutes(fields, data, "estimate_minutes", optional=False)
    else:
        task = _nested_text(fields, data, "cost", "catalogue_task", limit=CATEGORY_MAX)
        fixed = _amount(fields, data, "fixed_price")
        estimate = _minutes(fields, data, "estimate_minutes", optional=True)
    acknowledged = _time(fields, data, "cost", "acknowledged_at")
    if acknowledged is None or any(k.startswith("cost.") for k in fields.errors):
        return None
    return CostAcknowledgement(model, package, price, task, fixed, estimate, acknowledged)


def _credentials(fields: _Fields) -> tuple[tuple[str, SecretText], ...]:
    """Names are cleaned like any one-line text; values are checked, never changed and
    never quoted (errors name the field ``credentials.<name>`` and the position)."""
    data = _object(fields, "credentials")
    if data is None:
        return ()
    if len(data) > CREDENTIALS_MAX:
        _error(fields.errors, "credentials", TOO_MANY_CREDENTIALS, n=CREDENTIALS_MAX)
        return ()
    result: list[tuple[str, SecretText]] = []
    seen: set[str] = set()
    for index, (raw_name, value) in enumerate(data.items(), start=1):
        slot = f"credentials[{index}]"
        name: str | None = None
        try:
            name = single_line(raw_name, field=slot)
        except InvalidInput as exc:
            _error(fields.errors, slot, exc.template, **exc.params)
        if name is not None and not name:
            _error(fields.errors, slot, EMPTY)
            name = None
        elif name is not None and len(name) > MAX_FIELD_NAME:
            _error(fields.errors, slot, TOO_LONG, n=MAX_FIELD_NAME)
            name = None
        elif name is not None and name in seen:
            _error(fields.errors, slot, CREDENTIAL_NAME_TWICE)
            name = None
        if name is None:
            continue
        seen.add(name)
        field = f"credentials.{name}"
        problem = _credential_problem(value, field)
        if problem is not None:
            fields.errors.setdefault(field, problem)
            continue
        assert isinstance(value, str)
        result.append((name, SecretText(value)))
    return tuple(result)


def _credential_problem(value: object, field: str) -> InvalidInput | None:
    """Why ``value`` cannot be a credential, or None. The error carries a position at
    most, never the text (and no chained exception that could hold it)."""
    if not isinstance(value, str):
        return InvalidInput(CREDENTIAL_NOT_TEXT, field=field)
    if not value:
        return InvalidInput(CREDENTIAL_EMPTY, field=field)
    if len(value) > CREDENTIAL_VALUE_MAX:
        return InvalidInput(TOO_LONG, field=field, n=CREDENTIAL_VALUE_MAX)
    problem: InvalidInput | None = None
    try:
        # a pasted key may span lines (tab, LF, CR LF); NUL, ESC, bidi overrides and
        # broken characters are refused. The cleaned text is discarded: stored verbatim.
        multi_line(value, field=field, trim=False)
    except InvalidInput as exc:
        problem = InvalidInput(exc.template, field=field, **exc.params)
    return problem


def validate_support_order(data: Mapping[str, object]) -> SupportOrderDocument:
    """A ``support_order`` document → :class:`SupportOrderDocument`, or
    :class:`FieldErrors` (whether the customer, sub-account and server exist and belong
    together is checked where the order is written)."""
    fields = _Fields(data, _ORDER_FIELDS)
    customer = _customer(fields)
    sub_account = fields.text("sub_account", limit=LOGIN_MAX, optional=True)
    product = fields.text("product", limit=HOSTNAME_MAX)
    category = fields.text("category", limit=CATEGORY_MAX)
    description = fields.text("description", limit=BODY_MAX, multi=True)
    priority = _priority(fields)
    consents = _consents(fields)
    cost = _cost(fields)
    credentials = _credentials(fields)
    fields.raise_if_any()
    assert customer is not None and product is not None and category is not None
    assert description is not None and cost is not None
    return SupportOrderDocument(
        customer,
        sub_account,
        product.lower(),
        category,
        description,
        priority,
        consents,
        cost,
        credentials,
    )


#: one validator per document kind
#: a link token is ``<id>.`` + 43 characters; a letter code 16 plus separators
_CONFIRMATION_MAX: Final = 200
_ONE_OF: Final = QT_TRANSLATE_NOOP("KcpError", "Exactly one of token and letter_code is expected.")


def _secret_field(fields: _Fields, name: str) -> SecretText | None:
    """A token or code: text, short, no control characters; never quoted in an error."""
    if name not in fields.data:
        return None
    value = fields.data[name]
    if not isinstance(value, str):
        _error(fields.errors, name, NOT_TEXT)
        return None
    if not value.strip():
        _error(fields.errors, name, EMPTY)
        return None
    if len(value) > _CONFIRMATION_MAX:
        _error(fields.errors, name, TOO_LONG, n=_CONFIRMATION_MAX)
        return None
    try:
        single_line(value, field=name)
    except InvalidInput as exc:
        _error(fields.errors, name, exc.template, **exc.params)
        return None
    return SecretText(value.strip())


def validate_confirmation(data: Mapping[str, object]) -> ConfirmationDocument:
    fields = _Fields(data, frozenset({"kind", "version", "token", "customer", "letter_code"}))
    token = _secret_field(fields, "token")
    code = _secret_field(fields, "letter_code")
    customer: int | None = None
    if ("token" in data) == ("letter_code" in data):
        _error(fields.errors, "token", _ONE_OF)
    elif "letter_code" in data:
        customer = _customer(fields)
    elif "customer" in data:
        _error(fields.errors, "customer", UNKNOWN_FIELD)
    fields.raise_if_any()
    return ConfirmationDocument(token=token, customer_number=customer, letter_code=code)


VALIDATORS: Final[Mapping[str, Callable[[Mapping[str, object]], Document]]] = {
    "ticket": validate_ticket,
    "message": validate_message,
    "support_order": validate_support_order,
    "confirmation": validate_confirmation,
}


def validate_document(data: object) -> Document:
    """Any parsed JSON value → the checked document, or :class:`FieldErrors` (never
    anything else: the portal's input is untrusted)."""
    if not isinstance(data, Mapping) or not all(isinstance(k, str) for k in data):
        raise FieldErrors({"document": InvalidInput(NOT_OBJECT, field="document")})
    errors: _Errors = {}
    kind = data.get("kind")
    validator = VALIDATORS.get(kind) if isinstance(kind, str) else None
    if validator is None:
        _error(errors, "kind", UNKNOWN_KIND, kinds=", ".join(VALIDATORS))
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        _error(errors, "version", BAD_VERSION, version=VERSION)
    if validator is None or errors:
        if validator is not None:  # report the kind's own field errors too
            try:
                validator(data)
            except FieldErrors as exc:
                for name, err in exc.errors.items():
                    errors.setdefault(name, err)
        raise FieldErrors(errors)
    return validator(data)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def load_document(raw: bytes) -> Document:
    """The bytes of an intake file → the checked document, or :class:`FieldErrors`.

    Refused as a whole (field ``document``): not UTF-8, not JSON (NaN and Infinity
    included), nested too deeply. A field that appears twice is refused at that field.
    """
    # Every refusal is raised outside its ``except`` block: a UnicodeDecodeError holds
    # the bytes and a JSONDecodeError the whole text — credentials included — and an
    # exception raised inside the handler would keep them as its ``__context__``.
    refusal: FieldErrors | None = None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        refusal = FieldErrors({"document": InvalidInput(NOT_UTF8, field="document")})
    if refusal is not None:
        raise refusal
    data: object = None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except _Duplicate as dup:
        field = dup.key
        refusal = FieldErrors({field: InvalidInput(DUPLICATE_FIELD, field=field)})
    except (ValueError, RecursionError):
        refusal = FieldErrors({"document": InvalidInput(NOT_JSON, field="document")})
    if refusal is not None:
        raise refusal
    return validate_document(data)
