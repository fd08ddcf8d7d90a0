"""Dates, times, money and enum values as the agent reads them (de_DE or en)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import phonenumbers
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale

from kcp_desk.errors import QT_TRANSLATE_NOOP


def _locale() -> QLocale:
    return QLocale()


def babel_locale() -> str:
    return "de_DE" if _locale().language() == QLocale.Language.German else "en_GB"


def money(amount: Decimal) -> str:
    return format_currency(amount, "EUR", locale=babel_locale())


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return _locale().toString(
        QDate(value.year, value.month, value.day),
        "dd.MM.yyyy" if _locale().language() == QLocale.Language.German else "yyyy-MM-dd",
    )


def date_time(value: dt.datetime | None) -> str:
    """Local time of the workstation (the database holds UTC)."""
    if value is None:
        return ""
    local = value.astimezone()
    qdt = QDateTime.fromSecsSinceEpoch(int(local.timestamp()))
    fmt = (
        "dd.MM.yyyy HH:mm"
        if _locale().language() == QLocale.Language.German
        else "yyyy-MM-dd HH:mm"
    )
    return _locale().toString(qdt, fmt)


def long_date_time(value: dt.datetime | None) -> str:
    """ "12 March 2026, 14:05" / "12. März 2026, 14:05" (local time), for a note that
    says when something happened, not for a table column."""
    if value is None:
        return ""
    local = value.astimezone()
    day = format_date(local.date(), "long", locale=babel_locale())
    return f"{day}, {local:%H:%M}"


def phone_number(e164: str | None, home_region: str = "DE") -> str:
    """A stored E.164 number as people write it: national within Germany
    ("0170 1234567"), international otherwise ("+43 664 1234567")."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    national = phonenumbers.region_code_for_number(number) == home_region
    return phonenumbers.format_number(
        number,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if national
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )


def quantity(value: Decimal) -> str:
    """A quantity without trailing zeros (1, 2.5)."""
    return format_decimal(value.normalize(), locale=babel_locale())


def percent(value: Decimal) -> str:
    return format_decimal(value.normalize(), locale=babel_locale()) + " %"


def return_reason(text: str) -> str:
    """A return reason's text (English source in the "ReturnCode" context)."""
    return QCoreApplication.translate("ReturnCode", text)


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Format", "yes") if value else "–"


# Enum values from the services (plain strings) and their labels, context "Value".
_VALUES = {
    "new": QT_TRANSLATE_NOOP("Value", "new"),
    "open": QT_TRANSLATE_NOOP("Value", "open"),
    "pending_customer": QT_TRANSLATE_NOOP("Value", "pending customer"),
    "closed": QT_TRANSLATE_NOOP("Value", "closed"),
    "overdue": QT_TRANSLATE_NOOP("Value", "overdue"),
    "partly_paid": QT_TRANSLATE_NOOP("Value", "partly paid"),
    "paid": QT_TRANSLATE_NOOP("Value", "paid"),
    "cancelled": QT_TRANSLATE_NOOP("Value", "cancelled"),
    "credited": QT_TRANSLATE_NOOP("Value", "credited"),
    "returned_debit": QT_TRANSLATE_NOOP("Value", "returned debit"),
    "low": QT_TRANSLATE_NOOP("Value", "low"),
    "normal": QT_TRANSLATE_NOOP("Value", "normal"),
    "high": QT_TRANSLATE_NOOP("Value", "high"),
    "urgent": QT_TRANSLATE_NOOP("Value", "urgent"),
    "received": QT_TRANSLATE_NOOP("Value", "received"),
    "in_review": QT_TRANSLATE_NOOP("Value", "in review"),
    "query": QT_TRANSLATE_NOOP("Value", "query"),
    "cost_approval": QT_TRANSLATE_NOOP("Value", "cost approval"),
    "approved": QT_TRANSLATE_NOOP("Value", "approved"),
    "in_progress": QT_TRANSLATE_NOOP("Value", "in progress"),
    "done": QT_TRANSLATE_NOOP("Value", "done"),
    "billed": QT_TRANSLATE_NOOP("Value", "billed"),
    "rejected": QT_TRANSLATE_NOOP("Value", "rejected"),
    "webhosting": QT_TRANSLATE_NOOP("Value", "web hosting"),
    "vserver": QT_TRANSLATE_NOOP("Value", "vServer"),
    "dedicated": QT_TRANSLATE_NOOP("Value", "dedicated server"),
    "domain": QT_TRANSLATE_NOOP("Value", "domain"),
    "managed": QT_TRANSLATE_NOOP("Value", "managed server"),
    "none": QT_TRANSLATE_NOOP("Value", "none"),
    "basic": QT_TRANSLATE_NOOP("Value", "Basic"),
    "pro": QT_TRANSLATE_NOOP("Value", "Pro"),
    "premium": QT_TRANSLATE_NOOP("Value", "Premium"),
    "person": QT_TRANSLATE_NOOP("Value", "person"),
    "company": QT_TRANSLATE_NOOP("Value", "company"),
    "phone_password": QT_TRANSLATE_NOOP("Value", "phone password"),
    "letter_code": QT_TRANSLATE_NOOP("Value", "letter code"),
    "sms_code": QT_TRANSLATE_NOOP("Value", "SMS code"),
    "id_document": QT_TRANSLATE_NOOP("Value", "identity document"),
    "pending": QT_TRANSLATE_NOOP("Value", "pending"),
    "reminder": QT_TRANSLATE_NOOP("Value", "payment reminder"),
    "first": QT_TRANSLATE_NOOP("Value", "1st dunning letter"),
    "second": QT_TRANSLATE_NOOP("Value", "2nd dunning letter"),
    "final_notice": QT_TRANSLATE_NOOP("Value", "final notice"),
    "termination": QT_TRANSLATE_NOOP("Value", "termination"),
    "debt_collection": QT_TRANSLATE_NOOP("Value", "debt collection"),
    "sepa_direct_debit": QT_TRANSLATE_NOOP("Value", "SEPA direct debit"),
    "bank_transfer": QT_TRANSLATE_NOOP("Value", "bank transfer"),
    "credit_card": QT_TRANSLATE_NOOP("Value", "credit card"),
    "paypal": QT_TRANSLATE_NOOP("Value", "PayPal"),
    "active": QT_TRANSLATE_NOOP("Value", "active"),
    "revoked": QT_TRANSLATE_NOOP("Value", "revoked"),
    "expired": QT_TRANSLATE_NOOP("Value", "expired"),
}


def value(v: str) -> str:
    """The label of a state/kind value; unknown values are shown as they are."""
    return QCoreApplication.translate("Value", _VALUES[v]) if v in _VALUES else v
