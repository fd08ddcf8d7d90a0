"""SEPA bank data (SPEC PAY-3, PAY-4, ID-5): validating what an agent types, masking
the IBAN, and the texts of return reason codes.

- IBAN and BIC are validated with schwifty (ISO 13616 check digits, country length and
  structure; ISO 9362). Direct debits need an IBAN of the SEPA zone.
- The desk never shows a full IBAN (ID-5): :func:`mask_iban` keeps the country code and
  the last four characters, ``DE•• •••• •••• •••• ••30 00``.
- Mandate references (``K12345671-M01``) follow the SEPA rules: at most 35 characters of
  ``A-Z a-z 0-9 / - ? : ( ) . , ' +``, no spaces (German banks refuse them), not
  starting or ending with ``/`` and without ``//``.
- Creditor identifiers (``DE98ZZZ09999999999``) are checked with their ISO 7064 MOD 97-10
  check digits, which skip the three-character business code.
- :data:`RETURN_REASONS`: ISO 20022 return reason codes with an English text marked for
  Qt Linguist in the context ``"ReturnCode"`` and the German wording (``text_de``, the
  translator's reference and what is stored in ``returned_debits.reason_text``). The
  *effects* of a code live in :mod:`kcp_desk.domain.billing_rules`.

Every error is an :class:`~kcp_desk.errors.InvalidInput` naming its form field; messages
never repeat the input (it is bank data).

Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from schwifty import BIC, IBAN
from schwifty.exceptions import (
    InvalidChecksumDigits,
    InvalidCountryCode,
    InvalidLength,
    SchwiftyException,
)

from kcp_desk.domain.text_input import single_line
from kcp_desk.errors import QT_TRANSLATE_NOOP, TOO_LONG, InvalidInput

__all__ = [
    "HOLDER_MAX",
    "MANDATE_REFERENCE_MAX",
    "MASK",
    "RETURN_REASONS",
    "ReturnReason",
    "bic_for_iban",
    "iban_last4",
    "mask_iban",
    "normalise_reason_code",
    "reason_text",
    "return_reason",
    "valid_creditor_id",
    "valid_mandate_reference",
    "validate_bic",
    "validate_creditor_id",
    "validate_holder",
    "validate_iban",
    "validate_mandate_reference",
]

MASK: Final = "•"
# ``sepa_mandates.account_holder`` (SEPA allows 70 characters for a name)
HOLDER_MAX: Final = 70
MANDATE_REFERENCE_MAX: Final = 35

_IBAN_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please enter the IBAN.")
_IBAN_CHECKSUM: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This IBAN is not valid: its check digits do not match. Is there a typo?"
)
_IBAN_LENGTH: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This IBAN has the wrong number of characters for its country."
)
_IBAN_COUNTRY: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This IBAN does not start with a known country code."
)
_IBAN_MALFORMED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This is not a valid IBAN (e.g. DE89 3704 0044 0532 0130 00)."
)
_IBAN_NOT_SEPA: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Direct debits need an IBAN from a SEPA country."
)
_BIC_INVALID: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This is not a valid BIC (8 or 11 characters, e.g. COBADEFFXXX)."
)
_HOLDER_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please enter the account holder.")
_MANDATE_REF_INVALID: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "A mandate reference has at most 35 letters, digits and / - ? : ( ) . , ' + "
    "(no spaces, no // and no / at either end).",
)
_CREDITOR_ID_INVALID: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This is not a valid creditor identifier (e.g. DE98ZZZ09999999999)."
)
_REASON_CODE_INVALID: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A return reason code has four letters or digits, e.g. AM04."
)

_SPACES: Final = re.compile(r"\s+")

# --- IBAN and BIC ----------------------------------------------------------------------


def validate_iban(text: str, *, field: str = "iban", sepa_only: bool = True) -> str:
    """What was typed (any spacing and case) → the compact IBAN, ``DE89370400440532013000``."""
    compact = _SPACES.sub("", single_line(text, field=field)).upper()
    if not compact:
        raise InvalidInput(_IBAN_REQUIRED, field=field)
    try:
        iban = IBAN(compact)
    except InvalidChecksumDigits:
        raise InvalidInput(_IBAN_CHECKSUM, field=field) from None
    except InvalidLength:
        raise InvalidInput(_IBAN_LENGTH, field=field) from None
    except InvalidCountryCode:
        raise InvalidInput(_IBAN_COUNTRY, field=field) from None
    except SchwiftyException:
        raise InvalidInput(_IBAN_MALFORMED, field=field) from None
    if sepa_only and not iban.in_sepa_zone:
        raise InvalidInput(_IBAN_NOT_SEPA, field=field)
    return str(iban.compact)


def validate_bic(text: str | None, *, field: str = "bic") -> str | None:
    """Optional (SEPA needs no BIC since 2016): empty → ``None``; else the compact BIC
    in upper case (``COBADEFF`` and ``COBADEFFXXX`` both accepted)."""
    compact = _SPACES.sub("", single_line(text or "", field=field)).upper()
    if not compact:
        return None
    try:
        return str(BIC(compact).compact)
    except SchwiftyException:
        raise InvalidInput(_BIC_INVALID, field=field) from None


def bic_for_iban(iban: str) -> str | None:
    """The BIC schwifty's bank registry knows for a (valid) IBAN, if any."""
    try:
        bic = IBAN(iban).bic
    except SchwiftyException:
        return None
    return None if bic is None else str(bic.compact)


def validate_holder(text: str | None, *, field: str = "holder") -> str:
    """The account holder: required, whitespace tidied, at most 70 characters."""
    holder = _SPACES.sub(" ", single_line(text or "", field=field))
    if not holder:
        raise InvalidInput(_HOLDER_REQUIRED, field=field)
    if len(holder) > HOLDER_MAX:
        raise InvalidInput(TOO_LONG, field=field, n=HOLDER_MAX)
    return holder


def mask_iban(iban: str) -> str:
    """``DE89370400440532013000`` → ``DE•• •••• •••• •••• ••30 00`` (ID-5).

    Only the country code and the last four characters remain, grouped in fours like
    the printed IBAN so the agent recognises the shape.
    """
    compact = _SPACES.sub("", iban).upper()
    if len(compact) <= 6:
        return MASK * len(compact)
    hidden = compact[:2] + MASK * (len(compact) - 6) + compact[-4:]
    return " ".join(hidden[i : i + 4] for i in range(0, len(hidden), 4))


def iban_last4(iban: str) -> str:
    """The last four characters: what a caller may be asked for (C2 knowledge data)."""
    return _SPACES.sub("", iban)[-4:]


# --- mandate reference and creditor identifier --------------------------------------------

_MANDATE_REF_CHARS: Final = re.compile(r"[A-Za-z0-9/\-?:().,'+]{1,35}")


def valid_mandate_reference(reference: str) -> bool:
    return bool(
        _MANDATE_REF_CHARS.fullmatch(reference)
        and not reference.startswith("/")
        and not reference.endswith("/")
        and "//" not in reference
    )


def validate_mandate_reference(reference: str, *, field: str = "mandate_reference") -> str:
    reference = reference.strip()
    if not valid_mandate_reference(reference):
        raise InvalidInput(_MANDATE_REF_INVALID, field=field)
    return reference


_CREDITOR_ID_RE: Final = re.compile(r"([A-Z]{2})([0-9]{2})([A-Z0-9]{3})([A-Z0-9]{1,28})")


def _mod97_digits(text: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in text))


def valid_creditor_id(text: str) -> bool:
    """SEPA creditor identifier: country, 2 check digits, 3-character business code
    (not part of the check), national identifier (ISO 7064 MOD 97-10 like the IBAN)."""
    m = _CREDITOR_ID_RE.fullmatch(_SPACES.sub("", text).upper())
    if m is None:
        return False
    country, check, _business, national = m.groups()
    return _mod97_digits(national + country + check) % 97 == 1


def validate_creditor_id(text: str, *, field: str = "creditor_id") -> str:
    compact = _SPACES.sub("", text).upper()
    if not valid_creditor_id(compact):
        raise InvalidInput(_CREDITOR_ID_INVALID, field=field)
    return compact


# --- return reason codes (PAY-4) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReturnReason:
    code: str
    # English source text; views translate it in the Qt context "ReturnCode"
    text: str
    # the German wording (for the translator, and stored with the return)
    text_de: str


def _reasons(*reasons: ReturnReason) -> Mapping[str, ReturnReason]:
    return {r.code: r for r in reasons}


# ISO 20022 / EPC return and refund reason codes seen on SEPA direct debits.
RETURN_REASONS: Final[Mapping[str, ReturnReason]] = _reasons(
    ReturnReason(
        "AC01", QT_TRANSLATE_NOOP("ReturnCode", "Account identifier incorrect"), "IBAN fehlerhaft"
    ),
    ReturnReason("AC04", QT_TRANSLATE_NOOP("ReturnCode", "Account closed"), "Konto erloschen"),
    ReturnReason("AC06", QT_TRANSLATE_NOOP("ReturnCode", "Account blocked"), "Konto gesperrt"),
    ReturnReason(
        "AC13",
        QT_TRANSLATE_NOOP("ReturnCode", "Debtor account is a consumer account"),
        "Konto ist ein Verbraucherkonto",
    ),
    ReturnReason(
        "AG01",
        QT_TRANSLATE_NOOP("ReturnCode", "Direct debit not allowed on this account"),
        "Lastschrift auf diesem Konto nicht zulässig",
    ),
    ReturnReason(
        "AG02",
        QT_TRANSLATE_NOOP("ReturnCode", "Invalid transaction code or file format"),
        "Ungültiger Transaktionscode oder Dateiformat",
    ),
    ReturnReason(
        "AM04", QT_TRANSLATE_NOOP("ReturnCode", "Insufficient funds"), "Deckung unzureichend"
    ),
    ReturnReason(
        "AM05", QT_TRANSLATE_NOOP("ReturnCode", "Duplicate collection"), "Doppelte Einreichung"
    ),
    ReturnReason(
        "BE05",
        QT_TRANSLATE_NOOP("ReturnCode", "Creditor identifier incorrect"),
        "Gläubiger-ID fehlerhaft",
    ),
    ReturnReason(
        "FF01", QT_TRANSLATE_NOOP("ReturnCode", "Invalid file format"), "Ungültiges Dateiformat"
    ),
    ReturnReason(
        "MD01", QT_TRANSLATE_NOOP("ReturnCode", "No valid mandate"), "Kein gültiges Mandat"
    ),
    ReturnReason(
        "MD02",
        QT_TRANSLATE_NOOP("ReturnCode", "Mandate data missing or incorrect"),
        "Mandatsdaten fehlen oder sind fehlerhaft",
    ),
    ReturnReason(
        "MD06",
        QT_TRANSLATE_NOOP("ReturnCode", "Refund requested by the payer (objection)"),
        "Rückgabe auf Verlangen des Zahlers (Widerspruch)",
    ),
    ReturnReason(
        "MD07", QT_TRANSLATE_NOOP("ReturnCode", "Debtor deceased"), "Kontoinhaber verstorben"
    ),
    ReturnReason(
        "MS02",
        QT_TRANSLATE_NOOP("ReturnCode", "Refused by the payer"),
        "Zahlung vom Zahler abgelehnt",
    ),
    ReturnReason(
        "MS03", QT_TRANSLATE_NOOP("ReturnCode", "Reason not specified"), "Sonstige Gründe"
    ),
    ReturnReason("RC01", QT_TRANSLATE_NOOP("ReturnCode", "BIC incorrect"), "BIC fehlerhaft"),
    ReturnReason(
        "RR01",
        QT_TRANSLATE_NOOP("ReturnCode", "Regulatory reason: debtor data missing"),
        "Regulatorische Gründe: Angaben zum Zahler fehlen",
    ),
    ReturnReason(
        "SL01",
        QT_TRANSLATE_NOOP("ReturnCode", "Refused by a service of the debtor's bank"),
        "Abgelehnt durch einen Dienst der Zahlerbank",
    ),
)

_REASON_CODE_RE: Final = re.compile(r"[A-Z0-9]{4}")


def normalise_reason_code(text: str, *, field: str = "reason_code") -> str:
    """``" am04 "`` → ``"AM04"``; any four letters or digits (banks send codes we do not
    list, so unknown codes are kept, not refused)."""
    code = single_line(text, field=field).upper()
    if not _REASON_CODE_RE.fullmatch(code):
        raise InvalidInput(_REASON_CODE_INVALID, field=field)
    return code


def return_reason(code: str) -> ReturnReason | None:
    return RETURN_REASONS.get(code.strip().upper())


def reason_text(code: str, fallback: str = "") -> str:
    """The English source text of ``code`` (translate in context "ReturnCode"), or
    ``fallback`` (the text the bank sent) for a code not in the table."""
    reason = return_reason(code)
    return reason.text if reason is not None else fallback
