"""The page of an opened identity case (C2, issue 12), as the service returned it.

Top to bottom: who opened it and how the caller was found, the policy's answer in a box
(prominent once a new e-mail may be entered; doubts in a warning style), the factor
rows (:mod:`kcp_desk.views.identity_factors`), what was tried, the new e-mail with
"Submit for approval", the outcome of a submitted or closed case, what went through the
outbox, and the reason field of "Cancel case…". The page shows and asks; the dialog
runs the steps.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.services.identity.dto import CaseDTO
from kcp_desk.views import formatting as fmt
from kcp_desk.views import identity_text as text
from kcp_desk.views.field_rows import WrappedLabel
from kcp_desk.views.identity_factors import FactorsPanel, bold, button, error_label

__all__ = ["CasePage"]

_POLICY_STYLE = (
    "QFrame#policy_box { background: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 6px; }"
)
_ALLOWED_STYLE = (
    "QFrame#policy_box { background: #e8f5e9; border: 2px solid #2e7d32; border-radius: 6px; }"
)
_DOUBT_STYLE = "color: #8a4b00; font-weight: bold;"
_QUIET_STYLE = "color: palette(placeholder-text);"


def _plain(name: str, style: str = "") -> WrappedLabel:
    """A wrapped label for the case's words (plain text: names and notes are quoted)."""
    label = WrappedLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if style:
        label.setStyleSheet(style)
    return label


class CasePage(QWidget):
    """An opened case. An :class:`~kcp_desk.views.unsaved.UnsavedEditor`: a typed new
    e-mail or cancel reason is asked about before the dialog closes."""

    #: "Submit for approval" (the dialog reads ``new_email``)
    submit_requested = Signal()
    #: "Cancel the case" with the reason in ``cancel_reason``
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("case_page")
        self.summary = _plain("case_summary")
        self.found_by = _plain("case_found_by", _QUIET_STYLE)

        # the policy: what the case allows now, and the doubts
        self.policy_box = QFrame()
        self.policy_box.setObjectName("policy_box")
        self.policy_box.setStyleSheet(_POLICY_STYLE)
        self.policy_steps = _plain("policy_steps")
        self.policy_doubts = _plain("policy_doubts", _DOUBT_STYLE)
        self.policy_doubts.hide()
        box = QVBoxLayout(self.policy_box)
        box.setContentsMargins(10, 8, 10, 8)
        box.addWidget(self.policy_steps)
        box.addWidget(self.policy_doubts)

        self.factors = FactorsPanel()
        self.attempts = _plain("case_attempts", _QUIET_STYLE)
        self._build_new_email()
        #: submitted / approved / rejected / cancelled, read-only
        self.outcome = _plain("case_outcome")
        self.outcome.hide()
        self.queued = _plain("case_queued", _QUIET_STYLE)
        self.queued.hide()
        self._build_cancel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)  # room for the scroll bar
        layout.addWidget(self.summary)
        layout.addWidget(self.found_by)
        layout.addWidget(self.policy_box)
        layout.addWidget(self.factors)
        layout.addWidget(self.attempts)
        layout.addWidget(self.new_email_box)
        layout.addWidget(self.outcome)
        layout.addWidget(self.queued)
        layout.addWidget(self.cancel_area)
        layout.addStretch(1)

    def _build_new_email(self) -> None:
        """The new e-mail, enabled once the policy allows it."""
        self.new_email_box = QFrame()
        self.new_email_box.setObjectName("new_email_box")
        heading = bold(QLabel(self.tr("New e-mail address")))
        self.new_email_hint = WrappedLabel()
        self.new_email_hint.setObjectName("new_email_hint")
        self.new_email = QLineEdit()
        self.new_email.setObjectName("new_email")
        self.new_email.setPlaceholderText(self.tr("name@example.de"))
        self.new_email_error = error_label("new_email_error")
        self.new_email.textEdited.connect(lambda _t: self.new_email_error.hide())
        self.submit_button = button(self.tr("Submit for approval"), "submit_case")
        self.submit_button.clicked.connect(self.submit_requested)
        self.new_email.textEdited.connect(lambda _t: self.submit_button.setDefault(True))
        email_row = QHBoxLayout()
        email_row.addWidget(self.new_email, 1)
        email_row.addWidget(self.submit_button)
        email_box = QVBoxLayout(self.new_email_box)
        email_box.setContentsMargins(0, 6, 0, 0)
        email_box.addWidget(heading)
        email_box.addWidget(self.new_email_hint)
        email_box.addLayout(email_row)
        email_box.addWidget(self.new_email_error)

    def _build_cancel(self) -> None:
        """The reason for "Cancel case…", then the confirmation (hidden until asked)."""
        self.cancel_area = QWidget()
        self.cancel_area.setObjectName("cancel_area")
        self.cancel_reason = QLineEdit()
        self.cancel_reason.setObjectName("cancel_reason")
        self.cancel_reason.setPlaceholderText(self.tr("Why the case is cancelled (required)"))
        self.confirm_cancel = button(self.tr("Cancel the case"), "confirm_cancel")
        self.confirm_cancel.clicked.connect(self.cancel_requested)
        self.cancel_error = error_label("cancel_error")
        self.cancel_reason.textEdited.connect(lambda _t: self.cancel_error.hide())
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.cancel_reason, 1)
        cancel_row.addWidget(self.confirm_cancel)
        cancel_box = QVBoxLayout(self.cancel_area)
        cancel_box.setContentsMargins(0, 6, 0, 0)
        cancel_box.addLayout(cancel_row)
        cancel_box.addWidget(self.cancel_error)
        self.cancel_area.hide()

    def ask_cancel_reason(self) -> None:
        """The reason field of "Cancel case…"; Enter confirms."""
        self.cancel_area.show()
        self.cancel_reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.confirm_cancel.setDefault(True)

    def default_for(self, field_: QWidget) -> QPushButton | None:
        """The button Enter runs while the agent types in ``field_`` (Check, Submit…)."""
        if field_ is self.new_email:
            return self.submit_button
        if field_ is self.cancel_reason:
            return self.confirm_cancel
        return self.factors.checks.get(field_)

    # --- errors at their field --------------------------------------------------------------

    def error_label(self, field: str | None, factor: str | None, code_factor: str) -> QLabel | None:
        """Where a refused step is said: at the service's ``field``, else at the row of
        the ``factor`` tried; None: at no field of this page. ``code_factor``: the factor
        whose code was typed last (a ``code`` error goes there)."""
        rows = self.factors.rows
        by_field: dict[str, QLabel] = {f: rows[f].error for f in ("E", "L", "M", "D")}
        by_field |= {
            "phone_password": rows["P"].error,
            "code": rows[code_factor].error,
            "documents": rows["D"].error,
            "new_email": self.new_email_error,
            "reason": self.cancel_error,
        }
        if field is not None and field in by_field:
            return by_field[field]
        return rows[factor].error if factor is not None and factor in rows else None

    def clear_errors(self) -> None:
        self.factors.clear_answers()
        self.new_email_error.hide()
        self.cancel_error.hide()

    # --- showing a case ---------------------------------------------------------------------

    def show_case(self, case: CaseDTO, *, editable: bool) -> None:
        """Everything the case says; ``editable``: this agent may work it now."""
        policy = case.policy
        summary = self.tr("State: {0} · opened {1} by {2}").format(
            text.case_state_text(case.state),
            fmt.date_time(case.created_at),
            case.prepared_by_name,
        )
        if case.is_open and not case.is_mine:
            summary += " · " + self.tr("only {0} works on this case").format(case.prepared_by_name)
        self.summary.setText(summary)
        found = [
            f"{text.knowledge_name(k.item.value)} {'✓' if k.matched else '✗'}"
            for k in case.knowledge
        ]
        found_text = (
            self.tr("Found by (proves nothing): {0}").format(", ".join(found))
            if found
            else self.tr("Found by: no details recorded")
        )
        if case.doubt_note:
            found_text += "\n" + self.tr("Note of the agent: {0}").format(case.doubt_note)
        self.found_by.setText(found_text)

        # the policy box: prominent when a new e-mail may be entered
        if case.is_open:
            self.policy_steps.setText("\n".join(text.note_text(n) for n in policy.next_steps))
        else:
            self.policy_steps.setText(
                self.tr("This case is {0}; nothing more can be done in it.").format(
                    text.case_state_text(case.state)
                )
                if case.closed
                else self.tr("The case waits for a team lead to approve or reject it.")
            )
        allowed = policy.allows_new_email and case.is_open
        self.policy_box.setStyleSheet(_ALLOWED_STYLE if allowed else _POLICY_STYLE)
        font = self.policy_steps.font()
        font.setBold(allowed)
        self.policy_steps.setFont(font)
        doubts = [text.note_text(n) for n in policy.doubts]
        self.policy_doubts.setText("\n".join(f"⚠ {d}" for d in doubts))
        self.policy_doubts.setVisible(bool(doubts))

        self.factors.show_case(case, editable=editable)
        self.attempts.setText(self._attempts_text(case))
        self.attempts.setVisible(bool(case.attempts))

        # the new e-mail, the outcome
        self.new_email_box.setVisible(case.is_open and case.is_mine)
        self.new_email.setEnabled(allowed and case.is_mine)
        self.submit_button.setEnabled(allowed and case.is_mine)
        if allowed:
            self.new_email_hint.setText(
                self.tr(
                    "The new address is stored unverified once a team lead approves; the "
                    "customer confirms it by a link sent to it. You never set a password."
                )
            )
            self.submit_button.setDefault(True)
        else:
            self.new_email_hint.setText(
                self.tr("Possible once two independent factors passed (see above).")
            )
        self.outcome.setText(self._outcome_text(case))
        self.outcome.setVisible(not case.is_open)
        queued = [
            self.tr("{0} to {1}: {2}, queued {3}").format(
                _channel(q.channel),
                q.recipient_masked,
                _template(q.template),
                fmt.date_time(q.queued_at),
            )
            for q in case.queued
        ]
        self.queued.setText(self.tr("Sent through the outbox:") + "\n" + "\n".join(queued))
        self.queued.setVisible(bool(queued))
        if not self.cancellable(case):
            self.cancel_area.hide()

    @staticmethod
    def cancellable(case: CaseDTO) -> bool:
        return case.is_mine and case.state in ("open", "awaiting_approval")

    def _attempts_text(self, case: CaseDTO) -> str:
        lines = []
        for a in case.attempts:
            what = text.factor_name(a.factor)
            if a.documents:
                docs = ", ".join(text.document_name(d) for d in a.documents.split(","))
                what = f"{what}: {docs}"
            lines.append(
                self.tr("{0} · {1} · {2} · {3}").format(
                    fmt.date_time(a.at),
                    what,
                    self.tr("passed") if a.success else self.tr("failed"),
                    a.agent_name,
                )
            )
        return self.tr("Tried in this case:") + "\n" + "\n".join(lines) if lines else ""

    def _outcome_text(self, case: CaseDTO) -> str:
        new = case.new_email_masked or "–"
        if case.state == "awaiting_approval":
            return self.tr(
                "Submitted on {0} by {1}: new e-mail {2}. Waiting for a team lead to approve "
                "or reject it."
            ).format(fmt.date_time(case.submitted_at), case.prepared_by_name, new)
        if case.state == "approved":
            return self.tr(
                "Approved on {0} by {1}: new e-mail {2} (stored unverified until the customer "
                "confirms it). Reason: {3}"
            ).format(
                fmt.date_time(case.decided_at),
                case.approver_name or "–",
                new,
                case.decision_reason or "–",
            )
        if case.state == "rejected":
            return self.tr("Rejected on {0} by {1}: {2}").format(
                fmt.date_time(case.decided_at),
                case.approver_name or "–",
                case.decision_reason or "–",
            )
        if case.state == "cancelled":
            return self.tr("Cancelled on {0}: {1}").format(
                fmt.date_time(case.decided_at), case.decision_reason or "–"
            )
        return ""

    # --- the UnsavedEditor protocol (views/unsaved.py) --------------------------------------

    def has_unsaved_changes(self) -> bool:
        """A new e-mail or a cancel reason typed and not sent yet (the secret fields are
        emptied anyway and never asked about)."""
        email = not self.new_email_box.isHidden() and bool(self.new_email.text().strip())
        reason = not self.cancel_area.isHidden() and bool(self.cancel_reason.text().strip())
        return email or reason

    def save_changes(self, done: Callable[[bool], None]) -> None:
        done(False)  # submitting and cancelling are steps of their own, not a Save

    def discard_changes(self) -> None:
        self.new_email.clear()
        self.new_email_error.hide()
        self.cancel_reason.clear()
        self.cancel_error.hide()
        self.cancel_area.hide()


def _template(template: str) -> str:
    """What a queued message is, in words (the mail system's template names)."""
    names = {
        "identity_letter_code": QCoreApplication.translate("CasePage", "letter code"),
        "identity_sms_code": QCoreApplication.translate("CasePage", "SMS code"),
        "identity_confirm_current_email": QCoreApplication.translate(
            "CasePage", "confirmation link"
        ),
        "identity_confirm_new_email": QCoreApplication.translate(
            "CasePage", "confirmation link for the new address"
        ),
        "email_changed_notice": QCoreApplication.translate(
            "CasePage", "notice of the e-mail change"
        ),
        "email_changed_letter": QCoreApplication.translate(
            "CasePage", "notice of the e-mail change"
        ),
    }
    return names.get(template, template)


def _channel(channel: str) -> str:
    names = {
        "email": QCoreApplication.translate("CasePage", "E-mail"),
        "letter": QCoreApplication.translate("CasePage", "Letter"),
        "sms": QCoreApplication.translate("CasePage", "SMS"),
    }
    return names.get(channel, channel)
