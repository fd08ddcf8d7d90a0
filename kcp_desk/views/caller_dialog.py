"""Caller verification (SPEC C1.5): the agent types what the caller says; the desk
answers only "matches" or "does not match". The typed text is cleared at once.

When it opens, the dialog asks the service whether the phone password is locked or not
set (:meth:`CallerVerificationService.status`), so the agent knows before asking the
caller. Enter in the password field runs the check (Check is the default button, never
Close), and Check stays disabled while the password is locked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.caller_verification import (
    CallerVerificationService,
    PFactorStatus,
    VerificationOutcome,
    VerificationResult,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.dialog_height import grow_to_fit
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation

_MATCH_STYLE = "color: #1b5e20;"
#: QTimer takes a signed 32-bit interval in milliseconds
_MAX_TIMER_MS = 2**31 - 1


class CallerVerificationDialog(QDialog):
    #: a check was answered (also after the lock closed the dialog while it ran)
    checked = Signal(object)  # VerificationOutcome
    #: the phone password's state as the dialog opened (or as the lock ran out)
    status_loaded = Signal(object)  # PFactorStatus

    def __init__(
        self,
        parent: object,
        service: CallerVerificationService,
        session: AgentSession,
        customer_id: int,
        customer_label: str,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._service = service
        self._session = session
        self._customer_id = customer_id
        self.outcome: VerificationOutcome | None = None
        self.status: PFactorStatus | None = None
        #: counts the checks started: a status that was asked before the latest check
        #: is older than the check's answer and is not shown
        self._checks_started = 0
        self.setWindowTitle(self.tr("Verify caller – {0}").format(customer_label))
        self.setMinimumWidth(420)

        intro = WrappedLabel(
            self.tr(
                "Ask the caller for their phone password and type it here. The desk only "
                "says whether it matches; it never shows the stored password."
            )
        )
        #: locked / not set / tries left, said before anything is typed
        self.state_line = WrappedLabel()
        self.state_line.setObjectName("phone_password_state")
        self.state_line.hide()
        self.spoken = QLineEdit()
        self.spoken.setObjectName("spoken_password")
        self.spoken.setEchoMode(QLineEdit.EchoMode.Password)
        self.answer = WrappedLabel()
        self.answer.setObjectName("verification_result")
        font = self.answer.font()
        font.setBold(True)
        self.answer.setFont(font)
        self.answer.hide()  # until there is an answer
        self.check = QPushButton(self.tr("Check"))
        self.check.setObjectName("check_password")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter runs the check: the button box made Close the default when it was shown
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.setDefault(False)
        self.check.setAutoDefault(True)
        self.check.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.state_line)
        layout.addWidget(self.spoken)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)
        self.check.clicked.connect(self._check)
        self.checking = False
        #: asks again when a lock runs out while the dialog is open
        self._lock_ends = QTimer(self)
        self._lock_ends.setSingleShot(True)
        self._lock_ends.timeout.connect(self._lock_ran_out)
        self._load_status()

    # --- the state before anything is typed -----------------------------------------

    def _load_status(self) -> None:
        asked_at = self._checks_started
        Operation(self, self._service.status, self._session, self._customer_id).success(
            lambda status: self._show_status(status, asked_at)
        ).failure(lambda err: self._status_failed(err, asked_at)).run()

    def _show_status(self, status: PFactorStatus, asked_at: int) -> None:
        if asked_at != self._checks_started:
            return  # a check ran meanwhile: its answer is newer
        self.status = status
        if not status.password_set:
            self._say(self.state_line, self._not_set_text(), ERROR_STYLE)
            self._set_checkable(False)
        elif status.locked_until is not None:
            self._say(self.state_line, self._locked_text(status.locked_until), ERROR_STYLE)
            self._set_checkable(False)
            self._wake_at(status.locked_until)
        else:
            left = _fewest(status.tries_left_in_case, status.tries_left_24h)
            self._say(
                self.state_line,
                self.tr("%n wrong try left before the phone password locks.", "", left),
                "",
            )
            self._set_checkable(not self.checking)
        self.status_loaded.emit(status)

    def _status_failed(self, err: KcpError, asked_at: int) -> None:
        if asked_at != self._checks_started:
            return
        # the check itself still works (or says the same fault), so it stays enabled
        self._say(self.state_line, error_text(err), ERROR_STYLE)

    def _lock_ran_out(self) -> None:
        self.answer.clear()
        self._load_status()

    def _wake_at(self, locked_until: dt.datetime) -> None:
        seconds = (locked_until - dt.datetime.now(dt.UTC)).total_seconds()
        # a second after the lock ends; a minute if this clock is behind the service's
        ms = int(seconds * 1000) + 1000 if seconds > 0 else 60_000
        self._lock_ends.start(min(_MAX_TIMER_MS, ms))

    # --- checking -----------------------------------------------------------------------

    def _check(self) -> None:
        if not self.check.isEnabled():
            return
        spoken = self.spoken.text()
        self.spoken.clear()  # never keep it in a widget longer than needed
        self.check.setEnabled(False)
        self.checking = True
        self._checks_started += 1
        Operation(
            self, self._service.verify_phone_password, self._session, self._customer_id, spoken
        ).success(self._answered).failure(self._failed).run()

    def _answered(self, outcome: VerificationOutcome) -> None:
        self.checking = False
        self.outcome = outcome
        self.checked.emit(outcome)
        if not self.isVisible():  # closed (e.g. by the lock) while the check ran
            self.deleteLater()
            return
        self.state_line.hide()  # the answer says what is true now
        self.state_line.clear()
        if outcome.result == VerificationResult.MATCH:
            self._set_checkable(False)
            self._say(
                self.answer,
                self.tr("✔ Matches – the caller knows the phone password."),
                _MATCH_STYLE,
            )
            return
        if outcome.result == VerificationResult.NOT_SET:
            self._set_checkable(False)
            self._say(self.answer, self._not_set_text(), ERROR_STYLE)
        elif outcome.locked_until is not None:
            # LOCKED, or the wrong try that used up the last one: locked from now on
            self._set_checkable(False)
            self._wake_at(outcome.locked_until)
            if outcome.result == VerificationResult.LOCKED:
                text = self._locked_text(outcome.locked_until)
            else:
                text = self.tr(
                    "✘ Does not match. That was the last allowed try: the phone password is "
                    "locked until {0}. Use another factor."
                ).format(fmt.date_time(outcome.locked_until))
            self._say(self.answer, text, ERROR_STYLE)
        else:
            self._set_checkable(True)
            left = _fewest(outcome.tries_left_in_case, outcome.tries_left_24h)
            self._say(
                self.answer,
                self.tr("✘ Does not match. %n more wrong try locks the phone password.", "", left),
                ERROR_STYLE,
            )

    def _failed(self, err: KcpError) -> None:
        self.checking = False
        if not self.isVisible():  # closed while the check ran: nobody reads it
            self.deleteLater()
            return
        self._set_checkable(True)
        # the typed password is gone already: a database fault's "your input is kept"
        # would be wrong here
        cause = fault_cause(err)
        self._say(
            self.answer,
            self.tr(
                "{0} The password was not checked. Ask the caller to say it again, then "
                "check once more."
            ).format(cause)
            if cause is not None
            else error_text(err),
            ERROR_STYLE,
        )

    # --- helpers ------------------------------------------------------------------------

    def _set_checkable(self, enabled: bool) -> None:
        self.check.setEnabled(enabled)
        self.spoken.setEnabled(enabled)
        if enabled:
            self.spoken.setFocus()

    def _not_set_text(self) -> str:
        return self.tr("This customer has no phone password. Use another factor.")

    def _locked_text(self, locked_until: dt.datetime) -> str:
        return self.tr(
            "The phone password is locked until {0} after too many wrong tries. Use another factor."
        ).format(fmt.date_time(locked_until))

    def _say(self, label: QLabel, text: str, style: str) -> None:
        label.setStyleSheet(style)
        label.setText(text)
        label.show()
        grow_to_fit(self)


def _fewest(*counts: int | None) -> int:
    return min((n for n in counts if n is not None), default=0)
