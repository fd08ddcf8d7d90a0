"""The login window: unsealing the agent's keys is the login (SPEC V-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel
from kcp_desk.views.messages import error_text, keyring_text
from kcp_desk.views.operation import Operation

if TYPE_CHECKING:  # imported lazily: the login window paints before SQLAlchemy loads
    from kcp_desk.services.auth import AuthService, LoginResult


class LoginWindow(QWidget):
    logged_in = Signal(object)  # LoginResult
    #: the user (or the countdown) asks to try the database again
    retry_requested = Signal()

    def __init__(self, auth: AuthService | None, database_label: str, username: str = "") -> None:
        super().__init__()
        self._auth = auth
        self.setWindowTitle(self.tr("kcp-desk – Sign in"))
        self.setMinimumWidth(440)

        title = QLabel(self.tr("kcp-desk"))
        title.setObjectName("title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = WrappedLabel(self.tr("Service desk – sign in with your personal passphrase"))

        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("e.g. anna"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        # Every wrapped label here is a field_rows.WrappedLabel: its minimum height is the
        # height its text needs at its width, so the window's minimum size includes it
        # (a plain wrapped QLabel counts as one line: the keyring hint was clipped and ran
        # under the Sign in button, issue 9).
        self.error = WrappedLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.remember = QCheckBox(self.tr("Remember on this workstation"))
        self.remember.setObjectName("remember")
        self.remember_note = WrappedLabel()
        self.remember_note.setObjectName("remember_note")
        self.remember_note.setStyleSheet("color: palette(mid);")

        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setObjectName("sign_in")
        self.sign_in.setDefault(True)
        self.sign_in.setAutoDefault(True)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()  # one line; it changes every second during a countdown
        self.status.setWordWrap(True)
        # start-up faults: a countdown to the next try, and a way not to wait for it
        self.retry_now = QPushButton(self.tr("Retry now"))
        self.retry_now.setObjectName("retry_now")
        self.retry_now.hide()
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._seconds_left = 0

        # wraps after "Database: SQLite" rather than widening the window past its minimum
        database = WrappedLabel(self.tr("Database: {0}").format(database_label))
        database.setObjectName("database")
        database.setStyleSheet("color: palette(mid);")
        database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Passphrase"), self.passphrase)
        form.addRow("", self.error)
        form.addRow("", self.remember)
        form.addRow("", self.remember_note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.sign_in, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.retry_now, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        layout.addWidget(database)

        self.sign_in.clicked.connect(self._submit)
        self.retry_now.clicked.connect(self._retry)
        self.passphrase.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.passphrase.setFocus)
        self.username.textChanged.connect(self._username_changed)
        self.passphrase.textChanged.connect(self.error.hide)
        self.set_auth(auth)
        (self.passphrase if username else self.username).setFocus()

    # --- preparing the database (before auth exists) ------------------------------------

    def set_busy(self, text: str) -> None:
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.sign_in.setEnabled(False)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def show_start_fault(self, text: str, retry_in_seconds: int) -> None:
        """The database is not there (yet): say why, and try again by itself."""
        self.progress.hide()
        self.show_error(text)
        self._seconds_left = retry_in_seconds
        self._show_countdown()
        self.retry_now.show()
        self._countdown.start()

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._retry()
        else:
            self._show_countdown()

    def _show_countdown(self) -> None:
        self.status.setText(self.tr("Trying again in %n seconds…", "", self._seconds_left))

    def _retry(self) -> None:
        self._countdown.stop()
        self.retry_now.hide()
        self.retry_requested.emit()

    def set_auth(self, auth: AuthService | None) -> None:
        """Enable the form once the database is ready."""
        self._auth = auth
        ready = auth is not None
        self.sign_in.setEnabled(ready)
        if ready:
            self._countdown.stop()
            self.retry_now.hide()
            self.error.hide()  # a start-up fault that is over
            self.progress.hide()
            self.status.clear()
            self._update_remember_option()
            self._username_changed(self.username.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- signing in ------------------------------------------------------------------------

    def _update_remember_option(self) -> None:
        assert self._auth is not None
        choice = self._auth.remember_option()
        self.remember.setEnabled(choice.backend is not None)
        if choice.backend is None:
            self.remember.setChecked(False)
            found = ", ".join(keyring_text(name) for name in choice.refused) or "–"
            self.remember_note.setText(
                self.tr(
                    "Not available: this workstation has no secure keyring (found: {0}). "
                    "Sign in with your passphrase each time."
                ).format(found)
            )
        else:
            self.remember_note.setText(
                self.tr("A device key is kept in {0}.").format(keyring_text(choice.where))
            )

    def _username_changed(self, text: str) -> None:
        remembered = bool(self._auth and text.strip() and self._auth.has_remembered(text))
        self.passphrase.setPlaceholderText(
            self.tr("Remembered here – leave empty to continue") if remembered else ""
        )

    def _submit(self) -> None:
        if self._auth is None or not self.sign_in.isEnabled():
            return
        username = self.username.text().strip()
        if not username:
            self.show_error(self.tr("Please enter your user name."))
            self.username.setFocus()
            return
        passphrase = self.passphrase.text()
        auth = self._auth
        self.error.hide()
        self.sign_in.setEnabled(False)
        self.status.setText(self.tr("Unlocking your keys…"))
        if not passphrase and auth.has_remembered(username):
            op = Operation(self, auth.login_remembered, username)
            op.success(self._remembered_done)
        else:
            op = Operation(
                self, auth.login, username, passphrase, remember=self.remember.isChecked()
            )
            op.success(self._done)
        op.failure(self._failed).run()

    def _remembered_done(self, session: object) -> None:
        if session is None:
            self._failed_text(
                self.tr("This workstation no longer remembers you. Please enter your passphrase.")
            )
            return
        from kcp_desk.services.auth import LoginResult

        self._done(LoginResult(session))  # type: ignore[arg-type]

    def _done(self, result: LoginResult) -> None:
        self.passphrase.clear()
        self.status.clear()
        self.logged_in.emit(result)

    def _failed(self, err: KcpError) -> None:
        self._failed_text(error_text(err))

    def _failed_text(self, text: str) -> None:
        self.sign_in.setEnabled(True)
        self.status.clear()
        self.passphrase.clear()
        self.show_error(text)
        self.passphrase.setFocus()
