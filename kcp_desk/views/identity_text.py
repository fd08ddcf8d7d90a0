"""The identity case in plain language (C2, issue 12): the view owns the sentences.

The policy (``domain/identity_policy.py``) answers with keys and parameters
(:class:`~kcp_desk.domain.identity_policy.Note`, factor states, reasons); this module
turns each into one translatable sentence. Factors are named with their letter
("letter code (L)"), dates and times are local (``views/formatting``). Nothing here
ever shows a code, a token or a phone password: no such value reaches a view.

An unknown key (a newer service) is shown as the key itself rather than hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QObject

from kcp_desk.domain.identity_policy import (
    CODE_FAILURE_LIMIT,
    FactorState,
    FactorStatus,
    Note,
)
from kcp_desk.services.identity.dto import SentRow
from kcp_desk.views import formatting as fmt

__all__ = [
    "FACTORS",
    "case_state_text",
    "document_name",
    "factor_name",
    "factor_state_text",
    "factor_title",
    "knowledge_name",
    "note_text",
    "outcome_text",
    "passed_marks",
    "tried_marks",
]

#: the factors in the order the case shows them
FACTORS = ("P", "E", "L", "M", "D")


class IdentityText(QObject):
    """The numerus sentences: lupdate finds ``self.tr(text, "", n)`` inside a class only
    (the class name is the context, as for the other sentences here)."""

    def text(self, source: str, n: int) -> str:
        plurals = {
            "%n wrong try left before the phone password locks.": self.tr(
                "%n wrong try left before the phone password locks.", "", n
            ),
            "%n reasonable doubt is recorded: weigh it before going on.": self.tr(
                "%n reasonable doubt is recorded: weigh it before going on.", "", n
            ),
            "%n wrong entry left before the code is void.": self.tr(
                "%n wrong entry left before the code is void.", "", n
            ),
            "Not passed yet; %n wrong try left before it locks.": self.tr(
                "Not passed yet; %n wrong try left before it locks.", "", n
            ),
            "✘ Does not match. %n more wrong try locks the phone password.": self.tr(
                "✘ Does not match. %n more wrong try locks the phone password.", "", n
            ),
            "✘ Wrong code. %n more wrong entry voids it.": self.tr(
                "✘ Wrong code. %n more wrong entry voids it.", "", n
            ),
        }
        return plurals[source]


_PLURALS = IdentityText()


def _day(value: object) -> str:
    """A local date (letters: days matter, not minutes)."""
    if not isinstance(value, dt.datetime):
        return ""
    return fmt.date(value.astimezone().date())


def _moment(value: object) -> str:
    """A local date and time (SMS codes and links: minutes matter)."""
    return fmt.date_time(value) if isinstance(value, dt.datetime) else ""


def _when(factor: str, value: object) -> str:
    return _day(value) if factor == "L" else _moment(value)


# --- names ----------------------------------------------------------------------------


def factor_name(factor: str) -> str:
    """The factor in running text, with its letter: "letter code (L)"."""
    names = {
        "P": QCoreApplication.translate("IdentityText", "phone password (P)"),
        "E": QCoreApplication.translate(
            "IdentityText", "confirmation link to the current e-mail (E)"
        ),
        "L": QCoreApplication.translate("IdentityText", "letter code (L)"),
        "M": QCoreApplication.translate("IdentityText", "SMS code (M)"),
        "D": QCoreApplication.translate("IdentityText", "identity document (D)"),
    }
    return names.get(factor, factor)


def factor_title(factor: str) -> str:
    """The factor as a heading: "L – Letter code"."""
    titles = {
        "P": QCoreApplication.translate("IdentityText", "P – Phone password"),
        "E": QCoreApplication.translate("IdentityText", "E – Link to the current e-mail"),
        "L": QCoreApplication.translate("IdentityText", "L – Letter code"),
        "M": QCoreApplication.translate("IdentityText", "M – SMS code"),
        "D": QCoreApplication.translate("IdentityText", "D – Identity document"),
    }
    return titles.get(factor, factor)


def knowledge_name(item: str) -> str:
    names = {
        "customer_number": QCoreApplication.translate("IdentityText", "Customer number"),
        "name": QCoreApplication.translate("IdentityText", "Name"),
        "address": QCoreApplication.translate("IdentityText", "Address"),
        "last_invoice_amount": QCoreApplication.translate("IdentityText", "Last invoice amount"),
        "iban_last_digits": QCoreApplication.translate("IdentityText", "Last digits of the IBAN"),
        "date_of_birth": QCoreApplication.translate("IdentityText", "Date of birth"),
    }
    return names.get(item, item)


def document_name(document: str) -> str:
    names = {
        "id_card": QCoreApplication.translate("IdentityText", "ID card"),
        "passport": QCoreApplication.translate("IdentityText", "passport"),
        "residence_permit": QCoreApplication.translate("IdentityText", "residence permit"),
        "register_extract": QCoreApplication.translate(
            "IdentityText", "commercial register extract"
        ),
    }
    return names.get(document, document)


def case_state_text(state: str) -> str:
    states = {
        "open": QCoreApplication.translate("IdentityText", "open"),
        "awaiting_approval": QCoreApplication.translate("IdentityText", "waiting for a team lead"),
        "approved": QCoreApplication.translate("IdentityText", "approved"),
        "rejected": QCoreApplication.translate("IdentityText", "rejected"),
        "cancelled": QCoreApplication.translate("IdentityText", "cancelled"),
    }
    return states.get(state, state)


def _names(letters: Iterable[str]) -> list[str]:
    return [factor_name(f) for f in letters]


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return QCoreApplication.translate("IdentityText", "{0} and {1}").format(
        ", ".join(items[:-1]), items[-1]
    )


def _or(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return QCoreApplication.translate("IdentityText", "{0} or {1}").format(
        ", ".join(items[:-1]), items[-1]
    )


def _combination(label: object) -> str:
    """ "P+L" → "phone password (P) and letter code (L)"."""
    return _and(_names(str(label).split("+")))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def passed_marks(passed: Iterable[str]) -> str:
    """ "P ✓ L ✓" (a list column), in the order the case shows the factors."""
    order = {f: i for i, f in enumerate(FACTORS)}
    ordered = sorted(passed, key=lambda f: order.get(f, len(order)))
    return " ".join(f"{f} ✓" for f in ordered) or "–"


def tried_marks(tried: Iterable[tuple[str, bool]]) -> str:
    """ "P ✗ P ✓ L ✓": every factor tried, in order."""
    return " ".join(f"{f} {'✓' if ok else '✗'}" for f, ok in tried) or "–"


# --- why a code or link is no longer usable -------------------------------------------


def _why(factor: str, reason: str) -> str:
    link = factor == "E"
    texts = {
        "void_after_failures": QCoreApplication.translate(
            "IdentityText", "The last code was entered wrongly too often and is void."
        ),
        "voided": QCoreApplication.translate(
            "IdentityText", "The last code was replaced by a newer one."
        ),
        "used_outside_validity": QCoreApplication.translate(
            "IdentityText", "The last code was entered after it had expired."
        ),
        "expired": QCoreApplication.translate("IdentityText", "The last link expired unconfirmed.")
        if link
        else QCoreApplication.translate("IdentityText", "The last code expired."),
        "send_limit_reached": QCoreApplication.translate(
            "IdentityText", "No more can be sent in this case."
        ),
    }
    return texts.get(reason, reason)


def _send_again(factor: str, at: object | None) -> str:
    if at is None:
        texts = {
            "L": QCoreApplication.translate("IdentityText", "A new letter code can be sent now."),
            "M": QCoreApplication.translate("IdentityText", "A new SMS code can be sent now."),
            "E": QCoreApplication.translate("IdentityText", "A new link can be sent now."),
        }
        return texts.get(factor, "")
    texts = {
        "L": QCoreApplication.translate("IdentityText", "A new letter code can be sent from {0}."),
        "M": QCoreApplication.translate("IdentityText", "A new SMS code can be sent from {0}."),
        "E": QCoreApplication.translate("IdentityText", "A new link can be sent from {0}."),
    }
    return texts.get(factor, "{0}").format(_moment(at))


def _not_possible(reason: str) -> str:
    texts = {
        "no_phone_password": QCoreApplication.translate(
            "IdentityText", "Not possible: the customer has no phone password."
        ),
        "no_mailbox": QCoreApplication.translate(
            "IdentityText", "Not possible: the caller has no access to the mailbox any more."
        ),
        "address_changed_during_case": QCoreApplication.translate(
            "IdentityText", "Not possible: the postal address was changed during this case."
        ),
        "address_changed_recently": QCoreApplication.translate(
            "IdentityText",
            "Not possible: the postal address was changed less than 30 days before the case.",
        ),
        "no_mobile": QCoreApplication.translate(
            "IdentityText", "Not possible: no mobile number is registered."
        ),
        "mobile_changed_during_case": QCoreApplication.translate(
            "IdentityText", "Not possible: the mobile number was changed during this case."
        ),
        "mobile_registered_recently": QCoreApplication.translate(
            "IdentityText",
            "Not possible: the mobile number was registered less than 30 days before the case.",
        ),
    }
    return texts.get(reason, reason)


# --- the policy's notes ---------------------------------------------------------------


def note_text(note: Note) -> str:
    """One sentence per key of the policy's ``next_steps`` and ``doubts``."""
    p = note.params
    key = note.key
    if key == "new_email_allowed":
        return QCoreApplication.translate(
            "IdentityText",
            "Passed: {0}. A new e-mail address may be submitted for approval now (until {1}).",
        ).format(_combination(p.get("combination", "")), _day(p.get("until")))
    if key == "only_letter_code":
        if "letter_possible_from" in p:
            return QCoreApplication.translate(
                "IdentityText",
                "No combination of factors is possible in this case. The only way on is a "
                "letter code to the registered postal address, possible from {0}.",
            ).format(_day(p["letter_possible_from"]))
        return QCoreApplication.translate(
            "IdentityText",
            "No combination of factors is possible in this case. The only way on is a "
            "letter code to the registered postal address.",
        )
    if key == "needs_one_more":
        passed = _capital(factor_name(str(p.get("passed", ""))))
        pending = str(p.get("pending", ""))
        sent, until = _when(pending, p.get("sent_at")), _when(pending, p.get("valid_until"))
        texts = {
            "L": QCoreApplication.translate(
                "IdentityText",
                "{0} passed, letter code (L) pending – a new e-mail needs one more factor: "
                "the letter code sent on {1}, valid until {2}.",
            ),
            "M": QCoreApplication.translate(
                "IdentityText",
                "{0} passed, SMS code (M) pending – a new e-mail needs one more factor: "
                "the SMS code sent at {1}, valid until {2}.",
            ),
            "E": QCoreApplication.translate(
                "IdentityText",
                "{0} passed, confirmation link (E) pending – a new e-mail needs one more "
                "factor: the customer clicks the link sent at {1}, valid until {2}.",
            ),
        }
        return texts.get(pending, "{0} {1} {2}").format(passed, sent, until)
    if key == "needs_one_of":
        passed = _capital(_and(_names(str(p.get("passed", "")).split("+"))))
        options = p.get("factors", ())
        letters = [str(f) for f in options] if isinstance(options, tuple | list) else []
        return QCoreApplication.translate(
            "IdentityText", "{0} passed – a new e-mail needs one more factor: {1}."
        ).format(passed, _or(_names(letters)))
    if key == "needs_two_factors":
        combos = p.get("combinations", ())
        labels = [str(c) for c in combos] if isinstance(combos, tuple | list) else []
        return QCoreApplication.translate(
            "IdentityText",
            "A new e-mail needs two independent factors. Possible in this case: {0}.",
        ).format("; ".join(_combination(c) for c in labels) or "–")
    if key == "information_only":
        return QCoreApplication.translate(
            "IdentityText",
            "The phone password alone allows information only: nothing may be changed on "
            "its strength.",
        )
    if key == "p_locked":
        return QCoreApplication.translate(
            "IdentityText", "The phone password is locked until {0} after too many wrong tries."
        ).format(_moment(p.get("until")))
    if key == "p_locked_for_case":
        return QCoreApplication.translate(
            "IdentityText",
            "The phone password is locked for the rest of this case after too many wrong tries.",
        )
    if key == "p_tries_left":
        n = p.get("tries_left", 0)
        return _PLURALS.text(
            "%n wrong try left before the phone password locks.", n if isinstance(n, int) else 0
        )
    if key in ("resend_from", "resend_now", "no_more_sends"):
        factor = str(p.get("factor", ""))
        why = _why(factor, str(p.get("reason", "")))
        if key == "no_more_sends":
            texts = {
                "M": QCoreApplication.translate(
                    "IdentityText", "No more SMS codes can be sent in this case."
                ),
                "E": QCoreApplication.translate(
                    "IdentityText", "No more links can be sent in this case."
                ),
                "L": QCoreApplication.translate(
                    "IdentityText", "No more letter codes can be sent in this case."
                ),
            }
            return texts.get(factor, why)
        again = _send_again(factor, p.get("not_before") if key == "resend_from" else None)
        return f"{why} {again}".strip()
    if key == "company_needs_both_documents":
        return QCoreApplication.translate(
            "IdentityText",
            "For a company, both are needed: the managing director's identity document and "
            "a commercial register extract.",
        )
    if key == "review_doubts":
        n = p.get("count", 0)
        return _PLURALS.text(
            "%n reasonable doubt is recorded: weigh it before going on.",
            n if isinstance(n, int) else 0,
        )
    # doubts
    if key == "knowledge_mismatch":
        return QCoreApplication.translate(
            "IdentityText", "Did not match the record: {0} (as the caller gave it)."
        ).format(knowledge_name(str(p.get("item", ""))))
    if key == "document_rejected":
        return QCoreApplication.translate(
            "IdentityText", "An identity document was presented and did not match."
        )
    if key == "new_email_in_use":
        return QCoreApplication.translate(
            "IdentityText", "The new address is already registered for another customer."
        )
    if key == "code_void_after_failures":
        factor = str(p.get("factor", ""))
        texts = {
            "L": QCoreApplication.translate(
                "IdentityText", "The letter code was entered wrongly too often and is void."
            ),
            "M": QCoreApplication.translate(
                "IdentityText", "The SMS code was entered wrongly too often and is void."
            ),
        }
        return texts.get(factor, key)
    return key


# --- one factor's state ---------------------------------------------------------------


def factor_state_text(state: FactorState, sent: SentRow | None = None) -> str:
    """The state of one factor in words: passed at …, pending: sent …, valid until …,
    locked until …, not possible because …, tries left. ``sent``: the latest code or link
    of that factor (for its masked destination)."""
    f = state.factor.value
    status = state.status
    if status is FactorStatus.PASSED:
        return QCoreApplication.translate(
            "IdentityText", "✔ Passed on {0} (counts until {1})."
        ).format(_moment(state.at), _day(state.until))
    if status is FactorStatus.PENDING:
        where = sent.destination if sent is not None else "–"
        text = QCoreApplication.translate(
            "IdentityText", "Pending: sent on {0} to {1}, valid until {2}."
        ).format(_when(f, state.at), where, _when(f, state.until))
        if state.tries_left is not None and state.tries_left < CODE_FAILURE_LIMIT:
            text += " " + _PLURALS.text(
                "%n wrong entry left before the code is void.", state.tries_left
            )
        return text
    if status is FactorStatus.LOCKED:
        if state.until is None:
            return QCoreApplication.translate(
                "IdentityText", "Locked for the rest of this case (too many wrong tries)."
            )
        return QCoreApplication.translate(
            "IdentityText", "Locked until {0} (too many wrong tries)."
        ).format(_moment(state.until))
    if status is FactorStatus.NOT_POSSIBLE:
        return _not_possible(state.reason or "")
    if status is FactorStatus.FAILED:
        if state.reason == "document_rejected":
            return QCoreApplication.translate(
                "IdentityText", "✘ A document did not match: not possible again in this case."
            )
        why = _why(f, state.reason or "")
        if state.until is not None:
            return f"{why} {_send_again(f, state.until)}"
        if state.reason == "send_limit_reached":
            return why
        return QCoreApplication.translate(
            "IdentityText", "{0} Not possible again in this case."
        ).format(why)
    # AVAILABLE
    if state.reason == "company_needs_both_documents":
        return QCoreApplication.translate(
            "IdentityText",
            "One document recorded; a company also needs the other (managing director's "
            "ID and commercial register extract).",
        )
    if state.reason:
        return f"{_why(f, state.reason)} {_send_again(f, None)}"
    if f == "P" and state.tries_left is not None:
        return _PLURALS.text("Not passed yet; %n wrong try left before it locks.", state.tries_left)
    return QCoreApplication.translate("IdentityText", "Not tried yet.")


def outcome_text(factor: str, result: str, tries_left: int | None) -> str:
    """The answer to one try (P, or a code read out): never the value itself."""
    if result == "match":
        if factor == "P":
            return QCoreApplication.translate(
                "IdentityText", "✔ Matches – the caller knows the phone password."
            )
        return QCoreApplication.translate("IdentityText", "✔ The code is right.")
    if result == "no_match":
        if factor == "P":
            if tries_left is None:
                return QCoreApplication.translate("IdentityText", "✘ Does not match.")
            return _PLURALS.text(
                "✘ Does not match. %n more wrong try locks the phone password.", tries_left
            )
        if tries_left is None:
            return QCoreApplication.translate("IdentityText", "✘ Wrong code.")
        return _PLURALS.text("✘ Wrong code. %n more wrong entry voids it.", tries_left)
    texts = {
        "locked": QCoreApplication.translate(
            "IdentityText", "The phone password is locked: nothing was compared."
        ),
        "not_set": QCoreApplication.translate(
            "IdentityText", "This customer has no phone password. Use another factor."
        ),
        "void": QCoreApplication.translate(
            "IdentityText", "This code is void or expired: send a new one."
        ),
        "no_code": QCoreApplication.translate("IdentityText", "No code has been sent yet."),
    }
    return texts.get(result, result)
