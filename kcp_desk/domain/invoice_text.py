"""The words and number formats of the invoice as the customer's document (PAY-7, SPEC §4).

An invoice is the customer's document, not the agent's screen: it is written in the
customer's language whatever language the desk runs in, and its dates and amounts are
always in German formats (a German seller's invoice under § 14 UStG: "03.03.2026",
"1.234,56 €"), also in an English invoice.

The customer's language follows the billing address: German for Germany, Austria,
Switzerland, Liechtenstein and Luxembourg, English elsewhere (the customer record has
no language of its own yet). Text is plain: the view escapes what it puts into HTML.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from babel.numbers import format_currency, format_decimal

#: languages a document can be written in
LANGUAGES: Final = ("de", "en")
_GERMAN_SPEAKING: Final = frozenset({"DE", "AT", "CH", "LI", "LU"})
#: the locale of every figure on the document
FORMAT_LOCALE: Final = "de_DE"


def document_language(country: str) -> str:
    """``de`` for a billing address in a German-speaking country, else ``en``."""
    return "de" if country.strip().upper() in _GERMAN_SPEAKING else "en"


def money(amount: Decimal) -> str:
    """``1.234,56 €`` (de_DE, with the non-breaking space babel puts before the sign)."""
    return format_currency(amount, "EUR", locale=FORMAT_LOCALE)


def date(value: dt.date) -> str:
    """``03.03.2026``."""
    return value.strftime("%d.%m.%Y")


def quantity(value: Decimal) -> str:
    """A quantity without trailing zeros: ``1``, ``2,5``."""
    return format_decimal(value.normalize(), locale=FORMAT_LOCALE)


def percent(value: Decimal) -> str:
    return format_decimal(value.normalize(), locale=FORMAT_LOCALE) + "\u00a0%"


# Every text of the document per language. ``{0}`` … are filled in by the view.
TEXTS: Final[dict[str, dict[str, str]]] = {
    "de": {
        "invoice": "Rechnung",
        "cancellation": "Stornorechnung",
        "copy": "Kopie",
        "copy_note": "Kopie der Rechnung vom {0}, erstellt am {1}",
        "vat_on": "USt. {0} auf {1}",
        "sepa": (
            "Der Betrag wird per SEPA-Lastschrift (Mandatsreferenz {0}, "
            "Gläubiger-Identifikationsnummer {1}) ab dem {2} eingezogen."
        ),
        "returned_open": (
            "Die SEPA-Lastschrift wurde am {0} zurückgegeben. Bitte überweisen Sie den "
            "offenen Betrag von {1} unter Angabe der Rechnungsnummer {2} auf das unten "
            "genannte Konto."
        ),
        "returned_settled": (
            "Die SEPA-Lastschrift wurde am {0} zurückgegeben; der Betrag ist inzwischen beglichen."
        ),
        "credited": "Der Betrag wird Ihrem Kundenkonto gutgeschrieben.",
        "terms": "Zahlbar ohne Abzug innerhalb von {0} Tagen bis zum {1}.",
        "terms_one": "Zahlbar ohne Abzug innerhalb von 1 Tag bis zum {1}.",
        "cancels": "Diese Rechnung storniert die Rechnung {0} vom {1}.",
        "customer_number": "Kundennummer",
        "invoice_number": "Rechnungsnummer",
        "invoice_date": "Rechnungsdatum",
        "service_date": "Leistungsdatum: Rechnungsdatum, Zeiträume wie angegeben.",
        "pos": "Pos.",
        "description": "Beschreibung",
        "qty": "Menge",
        "unit_price": "Einzelpreis",
        "vat": "USt.",
        "net": "Netto",
        "total_net": "Summe netto",
        "total_gross": "Gesamtbetrag",
    },
    "en": {
        "invoice": "Invoice",
        "cancellation": "Cancellation invoice",
        "copy": "Copy",
        "copy_note": "Copy of the invoice of {0}, made on {1}",
        "vat_on": "VAT {0} on {1}",
        "sepa": (
            "The amount is collected by SEPA direct debit (mandate reference {0}, creditor "
            "identifier {1}) on or after {2}."
        ),
        "returned_open": (
            "The SEPA direct debit was returned on {0}. Please transfer the open amount of "
            "{1} to the account below, quoting invoice number {2}."
        ),
        "returned_settled": (
            "The SEPA direct debit was returned on {0}; the amount has been paid since."
        ),
        "credited": "The amount is credited to your customer account.",
        "terms": "Payable without deduction within {0} days, by {1}.",
        "terms_one": "Payable without deduction within 1 day, by {1}.",
        "cancels": "This invoice cancels invoice {0} of {1}.",
        "customer_number": "Customer number",
        "invoice_number": "Invoice number",
        "invoice_date": "Invoice date",
        "service_date": "Date of service: the invoice date, periods as stated.",
        "pos": "Pos.",
        "description": "Description",
        "qty": "Qty",
        "unit_price": "Unit price",
        "vat": "VAT",
        "net": "Net",
        "total_net": "Total net",
        "total_gross": "Total gross",
    },
}


def texts(language: str) -> dict[str, str]:
    """The document's words in ``language`` (German for a language it does not know)."""
    return TEXTS.get(language, TEXTS["de"])
