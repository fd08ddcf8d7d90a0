"""Form rows whose errors appear right under the field (SPEC §4: "a clear message next
to the field; nothing already typed is lost")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout

from kcp_desk.errors import FieldErrors, KcpError
from kcp_desk.views.messages import error_text

ERROR_STYLE = "color: #b00020;"
#: a note under a field that is no error (e.g. what a colleague saved meanwhile)
HINT_STYLE = "color: #8a4b00;"


class FieldRows:
    """Line edits keyed by the service's field names, each with its error label."""

    def __init__(self, form: QFormLayout, *, prefix: str, max_width: int | None = None) -> None:
        self._form = form
        self._prefix = prefix
        self._max_width = max_width
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}

    def add(self, key: str, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(f"{self._prefix}_{key}")
        if self._max_width:
            edit.setMaximumWidth(self._max_width)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        hint = QLabel()
        hint.setObjectName(f"{self._prefix}_{key}_hint")
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what someone typed
        hint.hide()
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        box.addWidget(hint)
        self._form.addRow(label, box)
        self.edits[key] = edit
        self.errors[key] = error
        self.hints[key] = hint
        edit.textEdited.connect(lambda _text: error.hide())  # typing again clears it
        return edit

    def texts(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()

    def show_hint(self, key: str, text: str) -> None:
        """A note under the field that stays while the agent types (not an error)."""
        self.hints[key].setText(text)
        self.hints[key].show()

    def clear_hints(self) -> None:
        for hint in self.hints.values():
            hint.hide()
            hint.clear()

    def show(self, err: KcpError) -> list[KcpError]:
        """Put every field error at its field; return the errors that have no field here."""
        errors = err.errors if isinstance(err, FieldErrors) else {err.field or "": err}
        unplaced: list[KcpError] = []
        first = True
        for key, field_error in errors.items():
            label = self.errors.get(key)
            if label is None:
                unplaced.append(field_error)
                continue
            label.setText(error_text(field_error))
            label.show()
            if first:
                self.edits[key].setFocus()
                first = False
        return unplaced
