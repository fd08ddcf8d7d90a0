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

Support orders (a later issue) add their own kind and validator here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from kcp_desk.domain.references import (
    MalformedReference,
    WrongCheckDigit,
    parse_customer_number,
    parse_ticket_ref,
)
from kcp_desk.domain.text_input import multi_line, single_line
from kcp_desk.errors import QT_TRANSLATE_NOOP, TOO_LONG, FieldErrors, InvalidInput
from kcp_desk.models.tickets import TicketPriority

__all__ = [
    "BODY_MAX",
    "SUBJECT_MAX",
    "VALIDATORS",
    "VERSION",
    "Document",
    "MessageDocument",
    "TicketDocument",
    "load_document",
    "validate_document",
    "validate_message",
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
TICKET_MALFORMED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Not a ticket number (#KCP- and 8 digits, e.g. #KCP-00012340)."
)
TICKET_CHECK_DIGIT: Final = QT_TRANSLATE_NOOP("KcpError", "Check digit wrong in ticket number.")
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


Document = TicketDocument | MessageDocument

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


_TICKET_FIELDS: Final = frozenset(
    {"kind", "version", "customer", "sub_account", "subject", "body", "priority"}
)
_MESSAGE_FIELDS: Final = frozenset({"kind", "version", "ticket", "sub_account", "subject", "body"})


def validate_ticket(data: Mapping[str, object]) -> TicketDocument:
    """A ``ticket`` document → :class:`TicketDocument`, or :class:`FieldErrors`."""
    fields = _Fields(data, _TICKET_FIELDS)
    customer_text = fields.text("customer", limit=SUBJECT_MAX)
    customer = None
    if customer_text is not None:
        customer = _parse_ref(
            fields,
            "customer",
            customer_text,
            parse_customer_number,
            CUSTOMER_MALFORMED,
            CUSTOMER_CHECK_DIGIT,
        )
    sub_account = fields.text("sub_account", limit=LOGIN_MAX, optional=True)
    subject = fields.text("subject", limit=SUBJECT_MAX)
    body = fields.text("body", limit=BODY_MAX, multi=True)
    priority = TicketPriority.NORMAL
    if "priority" in data:
        raw = data["priority"]
        choices = ", ".join(p.value for p in TicketPriority)
        if isinstance(raw, str) and raw in TicketPriority._value2member_map_:
            priority = TicketPriority(raw)
        else:
            _error(fields.errors, "priority", BAD_PRIORITY, choices=choices)
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


#: one validator per document kind (support orders join with a later issue)
VALIDATORS: Final[Mapping[str, Callable[[Mapping[str, object]], Document]]] = {
    "ticket": validate_ticket,
    "message": validate_message,
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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FieldErrors({"document": InvalidInput(NOT_UTF8, field="document")}) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except _Duplicate as dup:
        field = dup.key
        raise FieldErrors({field: InvalidInput(DUPLICATE_FIELD, field=field)}) from None
    except (ValueError, RecursionError):
        raise FieldErrors({"document": InvalidInput(NOT_JSON, field="document")}) from None
    return validate_document(data)
