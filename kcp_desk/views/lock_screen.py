"""The lock screen covers everything; the keys are already gone when it shows (V-6)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kcp_desk.errors import KcpError
from kcp_desk.services.auth import AuthService
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation


class LockScreen(QWidget):
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, auth: AuthService, session: AgentSession) -> None:
        super().__init__()
        self._auth = auth
        self._session = session

        heading = QLabel(self.tr("kcp-desk is locked"))
        hfont = heading.font()
        hfont.setPointSizeF(hfont.pointSizeF() * 1.5)
        hfont.setBold(True)
        heading.setFont(hfont)
        self.who = QLabel(
            self.tr("Signed in as {0}. Enter your passphrase to continue.").format(
                session.principal.display_name
            )
        )
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("unlock_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(280)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        sign_out = QPushButton(self.tr("Sign out"))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(sign_out)
        buttons.addWidget(self.unlock_button)

        box = QVBoxLayout()
        box.setSpacing(10)
        for w in (heading, self.who):
            box.addWidget(w, alignment=Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.passphrase)
        box.addWidget(self.error)
        box.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.passphrase.returnPressed.connect(self._submit)
        self.passphrase.textChanged.connect(self.error.hide)
        self.unlock_button.clicked.connect(self._submit)
        sign_out.clicked.connect(self.sign_out_requested)

    def showEvent(self, event: object) -> None:
        self.passphrase.clear()
        self.passphrase.setFocus()

    def _submit(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        Operation(
            self, self._auth.unlock, self._session, self.passphrase.text()
        ).while_locked().success(self._done).failure(self._failed).run()

    def _done(self, _result: object) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.clear()
        self.unlocked.emit()

    def _failed(self, err: KcpError) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.clear()
        cause = fault_cause(err)  # the passphrase is cleared: no "your input is kept"
        self.error.setText(
            self.tr("{0} Type your passphrase again to unlock.").format(cause)
            if cause is not None
            else error_text(err)
        )
        self.error.show()
        self.passphrase.setFocus()
