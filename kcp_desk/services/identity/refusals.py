"""Why a factor's action is refused now (the policy's ``Decision.reason_key``), as the
message next to the factor: raised by the service, and shown on the disabled button."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from kcp_desk.domain import identity_policy as policy
from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput

__all__ = ["REFUSALS", "refusal"]

#: the policy's refusals (``Decision.reason_key``) as messages next to the factor's action
REFUSALS: Final[Mapping[str, str]] = {
    "factor_passed": QT_TRANSLATE_NOOP("KcpError", "This factor has already passed in this case."),
    "no_phone_password": QT_TRANSLATE_NOOP("KcpError", "The customer has no phone password."),
    "no_mailbox": QT_TRANSLATE_NOOP(
        "KcpError", "The caller has no access to the registered mailbox."
    ),
    "address_changed_during_case": QT_TRANSLATE_NOOP(
        "KcpError", "The postal address changed during this case; no letter code goes there."
    ),
    "address_changed_recently": QT_TRANSLATE_NOOP(
        "KcpError",
        "The postal address changed less than 30 days ago; a letter code is possible from "
        "{letter_possible_from}.",
    ),
    "no_mobile": QT_TRANSLATE_NOOP("KcpError", "The customer has no mobile number."),
    "mobile_changed_during_case": QT_TRANSLATE_NOOP(
        "KcpError", "The mobile number changed during this case; no SMS goes there."
    ),
    "mobile_registered_recently": QT_TRANSLATE_NOOP(
        "KcpError",
        "The mobile number was registered less than 30 days ago; an SMS is possible from "
        "{sms_possible_from}.",
    ),
    "letter_resend_too_early": QT_TRANSLATE_NOOP(
        "KcpError", "A new letter can be sent from {not_before} (3 days after the last one)."
    ),
    "sms_limit_reached": QT_TRANSLATE_NOOP(
        "KcpError", "No more SMS in this case (at most {limit})."
    ),
    "sms_day_limit_reached": QT_TRANSLATE_NOOP(
        "KcpError",
        "No more SMS to this customer today (at most {limit} in 24 hours); the next one "
        "from {not_before}.",
    ),
    "sms_resend_too_early": QT_TRANSLATE_NOOP(
        "KcpError", "A new SMS can be sent from {not_before}."
    ),
    "link_limit_reached": QT_TRANSLATE_NOOP(
        "KcpError", "No more links in this case (at most {limit})."
    ),
    "link_resend_too_early": QT_TRANSLATE_NOOP(
        "KcpError", "A new link can be sent from {not_before}."
    ),
    "p_locked_for_case": QT_TRANSLATE_NOOP(
        "KcpError", "The phone password is locked for this case (3 wrong tries)."
    ),
    "p_locked": QT_TRANSLATE_NOOP("KcpError", "The phone password is locked until {until}."),
    "document_rejected": QT_TRANSLATE_NOOP(
        "KcpError", "A document was rejected in this case; D cannot pass any more."
    ),
}
_REFUSED_OTHER: Final = QT_TRANSLATE_NOOP("KcpError", "This factor cannot be used now.")


def refusal(decision: policy.Decision, field: str) -> InvalidInput:
    """The refusal as the expected error the view shows at ``field``; times stay
    datetimes (the view shows them in the agent's time zone and format)."""
    template = REFUSALS.get(decision.reason_key or "", _REFUSED_OTHER)
    return InvalidInput(template, field=field, **decision.params)
