"""Caller verification (SPEC C1.5): the agent types what the caller says; the desk
answers only "matches" or "does not match". The typed text is cleared at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
    VerificationOutcome,
    VerificationResult,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation


class CallerVerificationDialog(QDialog):
    #: a check was answered (also after the lock closed the dialog while it ran)
    checked = Signal(object)  # VerificationOutcome

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
        self.setWindowTitle(self.tr("Verify caller – {0}").format(customer_label))
        self.setMinimumWidth(420)

        intro = QLabel(
            self.tr(
                "Ask the caller for their phone password and type it here. The desk only "
                "says whether it matches; it never shows the stored password."
            )
        )
        intro.setWordWrap(True)
        self.spoken = QLineEdit()
        self.spoken.setObjectName("spoken_password")
        self.spoken.setEchoMode(QLineEdit.EchoMode.Password)
        self.answer = QLabel()
        self.answer.setObjectName("verification_result")
        self.answer.setWordWrap(True)
        font = self.answer.font()
        font.setBold(True)
        self.answer.setFont(font)
        self.check = QPushButton(self.tr("Check"))
        self.check.setObjectName("check_password")
        self.check.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.spoken)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)
        self.check.clicked.connect(self._check)
        self.checking = False

    def _check(self) -> None:
        spoken = self.spoken.text()
        self.spoken.clear()  # never keep it in a widget longer than needed
        self.check.setEnabled(False)
        self.checking = True
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
        self.check.setEnabled(outcome.result in (VerificationResult.NO_MATCH,))
        if outcome.result == VerificationResult.MATCH:
            self.answer.setStyleSheet("color: #1b5e20;")
            self.answer.setText(self.tr("✔ Matches – the caller knows the phone password."))
            return
        self.answer.setStyleSheet("color: #b00020;")
        if outcome.result == VerificationResult.NOT_SET:
            self.answer.setText(self.tr("This customer has no phone password."))
        elif outcome.result == VerificationResult.LOCKED:
            self.answer.setText(
                self.tr(
                    "The phone password is locked until {0} after too many wrong tries. "
                    "Use another factor."
                ).format(fmt.date_time(outcome.locked_until))
            )
        else:
            left = min(
                n for n in (outcome.tries_left_in_case, outcome.tries_left_24h) if n is not None
            )
            self.answer.setText(
                self.tr("✘ Does not match. %n more wrong try(s) lock the phone password.", "", left)
            )

    def _failed(self, err: KcpError) -> None:
        self.checking = False
        if not self.isVisible():  # closed while the check ran: nobody reads it
            self.deleteLater()
            return
        self.check.setEnabled(True)
        self.answer.setStyleSheet("color: #b00020;")
        # the typed password is gone already: a database fault's "your input is kept"
        # would be wrong here
        cause = fault_cause(err)
        self.answer.setText(
            self.tr(
                "{0} The password was not checked. Ask the caller to say it again, then "
                "check once more."
            ).format(cause)
            if cause is not None
            else error_text(err)
        )
