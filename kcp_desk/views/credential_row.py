"""One credential field of a support order: masked by default, shown on request for a
while, copied with the "do not record" hints (SPEC V-5).

The row decrypts nothing itself. "Show" and "Copy" emit :attr:`CredentialRow.reveal_requested`
/ :attr:`CredentialRow.copy_requested` with the field name; the owner runs the service
(audit entry committed first, then unwrap and decrypt) through ``Operation`` and calls back
:meth:`~CredentialRow.show_secret`, :meth:`~CredentialRow.copy_secret` or
:meth:`~CredentialRow.failed`. While a request runs both buttons are disabled and the row
says it is working.

Where the plaintext may be: only in the text of the value field, and only while it is
shown. The value field is a read-only QLineEdit (not a QLabel: a 10,000-character secret
scrolls inside one line instead of widening the window, and the agent can select it with
mouse and keyboard). Read-only means no edit ever enters its undo history, and
``setText`` clears that history anyway; its context menu is off, Ctrl+C / Ctrl+X go the
audited way through "Copy", and a mouse or keyboard selection is taken back out of the
X11 primary selection. Tooltips, accessible names and descriptions, status tips and
"What's this" never name it. When the time is up, "Hide" is pressed, or the owner calls
:meth:`~CredentialRow.hide_secret` (on lock), the field's text goes back to the mask and
the row keeps no reference to the secret. The mask is always eight dots, whatever the
length.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel, fit_height
from kcp_desk.views.secret_clipboard import Revealable, SecretClipboard

#: never the real length
MASK: Final = "•" * 8
NOTE_STYLE = "color: #555555;"


class _SecretField(QLineEdit):
    """The value: read-only, monospace, no context menu; copying goes through the row."""

    copy_pressed = Signal()

    def __init__(self) -> None:
        super().__init__(MASK)
        self.setReadOnly(True)
        self.setDragEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 16))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            event.accept()
            if self.text() != MASK:
                self.copy_pressed.emit()  # audited, with the hints
            return
        super().keyPressEvent(event)
        self._keep_out_of_selection()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)  # puts a selection into the X11 primary selection
        self._keep_out_of_selection()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        self._keep_out_of_selection()

    def _keep_out_of_selection(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if not clipboard.supportsSelection() or self.text() == MASK:
            return
        selected = clipboard.text(clipboard.Mode.Selection)
        if selected and selected in self.text():
            clipboard.clear(clipboard.Mode.Selection)


class CredentialRow(QWidget):
    """``field_name`` is the service's key ("root_password"), ``display_name`` what the
    agent reads ("root password", translated by the owner)."""

    reveal_requested = Signal(str)
    copy_requested = Signal(str)

    def __init__(
        self,
        field_name: str,
        display_name: str,
        clipboard: SecretClipboard,
        *,
        show_ms: int = 20_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if show_ms <= 0:
            raise ValueError("show_ms must be positive")
        self.field_name = field_name
        self.display_name = display_name
        self.show_ms = show_ms
        self._clipboard = clipboard
        #: "reveal" or "copy" while the owner's operation runs
        self._pending: str | None = None
        #: the owner's answer to a request that hide_secret() cancelled is dropped
        self._discard_answer = False
        self._deadline = 0.0
        self._copy_note_shown = False
        self.setObjectName(f"credential_{field_name}")
        self.setAccessibleName(display_name)

        self.name_label = fit_height(QLabel(display_name))
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.value = _SecretField()
        self.value.setObjectName(f"credential_{field_name}_value")
        self.value.setAccessibleName(display_name)
        self.name_label.setBuddy(self.value)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName(f"credential_{field_name}_show")
        self.show_button.setAccessibleName(self.tr("Show {0}").format(display_name))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName(f"credential_{field_name}_copy")
        self.copy_button.setAccessibleName(self.tr("Copy {0}").format(display_name))
        # "Show" turns into "Hide": as wide as the wider of the two, so nothing moves
        widths = []
        for text in (self.tr("Hide"), self.tr("Show")):
            self.show_button.setText(text)
            widths.append(self.show_button.sizeHint().width())
        self.show_button.setMinimumWidth(max(widths))
        for button in (self.show_button, self.copy_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.note = WrappedLabel()
        self.note.setObjectName(f"credential_{field_name}_note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.hide()
        self.error = WrappedLabel()
        self.error.setObjectName(f"credential_{field_name}_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.name_label, 0, 0)
        grid.addWidget(self.value, 0, 1)
        grid.addWidget(self.show_button, 0, 2)
        grid.addWidget(self.copy_button, 0, 3)
        grid.addWidget(self.note, 1, 1, 1, 3)
        grid.addWidget(self.error, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        self.setTabOrder(self.value, self.show_button)
        self.setTabOrder(self.show_button, self.copy_button)

        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.hide_secret)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_countdown)
        self._copy_note_timer = QTimer(self)
        self._copy_note_timer.setSingleShot(True)
        self._copy_note_timer.timeout.connect(self._end_copy_note)

        self.show_button.clicked.connect(self._show_clicked)
        self.copy_button.clicked.connect(self._request_copy)
        self.value.copy_pressed.connect(self._request_copy)
        clipboard.cleared.connect(self._end_copy_note)
        clipboard.copied.connect(self._other_copy)
        self._set_described()

    # --- the owner's side -------------------------------------------------------------

    @property
    def shown(self) -> bool:
        return self._hide_timer.isActive()

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def show_secret(self, secret: Revealable) -> None:
        """Show the plaintext for ``show_ms`` (again from the start if already shown)."""
        if self._end_request():
            return
        self.value.setText(secret.reveal())
        self.value.setCursorPosition(0)
        self._deadline = time.monotonic() + self.show_ms / 1000
        self._hide_timer.start(self.show_ms)
        self._tick.start()
        self.show_button.setText(self.tr("Hide"))
        self.show_button.setAccessibleName(self.tr("Hide {0}").format(self.display_name))
        self._show_countdown()
        self._set_described()

    def copy_secret(self, secret: Revealable) -> None:
        """Copy the plaintext through the shared :class:`SecretClipboard`."""
        if self._end_request():
            return
        self._clipboard.copy(secret)  # emits copied: ends another row's note
        self._copy_note_shown = True
        self._copy_note_timer.start(self._clipboard.clear_after_ms)
        if not self.shown:
            self._set_note(self._copy_note())

    def failed(self, message: str) -> None:
        """The request was refused or failed: say why next to the row."""
        self._end_request()
        self.error.setText(message)
        self.error.show()

    def hide_secret(self) -> None:
        """Mask the value at once and drop the plaintext (the owner calls this on lock).
        A reveal or copy still running is cancelled: its answer is dropped."""
        if self._pending is not None:
            self._end_request()
            self._discard_answer = True
        self._hide_timer.stop()
        self._tick.stop()
        self.value.deselect()
        self.value.setText(MASK)  # also clears the line edit's undo history
        self.value.setCursorPosition(0)
        self.show_button.setText(self.tr("Show"))
        self.show_button.setAccessibleName(self.tr("Show {0}").format(self.display_name))
        self._set_note(self._copy_note() if self._copy_note_shown else "")
        self._set_described()

    # --- requests -----------------------------------------------------------------------

    def _show_clicked(self) -> None:
        if self.shown:
            self.hide_secret()
        else:
            self._start_request("reveal")
            self.reveal_requested.emit(self.field_name)

    def _request_copy(self) -> None:
        if self._pending is None:
            self._start_request("copy")
            self.copy_requested.emit(self.field_name)

    def _start_request(self, kind: str) -> None:
        self._pending = kind
        self._discard_answer = False
        self.error.hide()
        self.error.clear()
        self.show_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._set_note(self.tr("Decrypting…"))

    def _end_request(self) -> bool:
        """End the running request; True if its answer is to be dropped."""
        self._pending = None
        self.show_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.unsetCursor()
        if self.note.text() == self.tr("Decrypting…"):
            self._set_note("")
        drop, self._discard_answer = self._discard_answer, False
        return drop

    # --- notes --------------------------------------------------------------------------

    def _show_countdown(self) -> None:
        left = max(1, math.ceil(self._deadline - time.monotonic()))
        self._set_note(self.tr("Hides in %n s", "", left))

    def _other_copy(self) -> None:
        # another row copied (this row's own copy sets its note after this signal)
        self._end_copy_note()

    def _copy_note(self) -> str:
        left = max(1, round(self._copy_note_timer.remainingTime() / 1000))
        return self.tr("Copied. The clipboard is cleared in %n s.", "", left)

    def _end_copy_note(self) -> None:
        if not self._copy_note_shown:
            return
        self._copy_note_shown = False
        self._copy_note_timer.stop()
        if not self.shown and self._pending is None:
            self._set_note("")

    def _set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _set_described(self) -> None:
        self.value.setAccessibleDescription(self.tr("shown") if self.shown else self.tr("hidden"))


def align_rows(rows: Sequence[CredentialRow]) -> None:
    """Give the rows' names one width, so their value fields line up."""
    width = max((row.name_label.sizeHint().width() for row in rows), default=0)
    for row in rows:
        row.name_label.setMinimumWidth(width)
