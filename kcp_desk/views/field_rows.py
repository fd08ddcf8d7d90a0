"""Form rows whose errors appear right under the field (SPEC §4: "a clear message next
to the field; nothing already typed is lost")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kcp_desk.errors import FieldErrors, KcpError
from kcp_desk.views.messages import error_text

ERROR_STYLE = "color: #b00020;"
#: a note under a field that is no error (e.g. what a colleague saved meanwhile)
HINT_STYLE = "color: #8a4b00;"


def accent_room(fm: QFontMetrics) -> int:
    """The extra height a label needs so that accented capitals (the dots of "Ö" in
    "Özdemir") and low descenders are not clipped.

    Many fonts draw "Ä", "Ö", "Ü", "É" above their own ascent; a label exactly as high
    as ``fontMetrics().height()`` (its size hint) cuts them off at the top. The text is
    centred vertically, so the room is needed on both sides.
    """
    top = max(0, -fm.tightBoundingRect("ÄÖÜÉÅÂ").top() - fm.ascent())
    bottom = max(0, fm.tightBoundingRect("gjpqyÇ").bottom() - fm.descent())
    return 2 * max(top, bottom)


def fit_height(label: QLabel) -> QLabel:
    """Give a one-line label the height its font really needs (``accent_room``); call it
    again after changing the label's font."""
    fm = label.fontMetrics()
    m = label.contentsMargins()
    label.setMinimumHeight(fm.height() + accent_room(fm) + m.top() + m.bottom())
    return label


class WrappedLabel(QLabel):
    """A word-wrapped label that always gets the height its text needs at its width.

    A form layout (and a layout nested in one) asks a wrapped QLabel for its size hint,
    which assumes one line: the second line was clipped at top and bottom, most visibly
    in German. Setting the minimum height from ``heightForWidth`` on every resize and
    text change is the one fix for every form (HOUSE_STYLE "Forms and editors").
    """

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self._fitting = False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._fitting:  # the new minimum resizes the label: no second round
            return
        width = self.width() if self.width() > 0 else self.sizeHint().width()
        self._fitting = True
        try:
            # QLabel's heightForWidth is at least the minimum height: ask without it
            before = self.minimumHeight()
            self.setMinimumHeight(0)
            needed = self.heightForWidth(width)
            if needed > 0:
                # the first line's accented capitals need room above it ("Ä", "Ü")
                needed += accent_room(self.fontMetrics())
            self.setMinimumHeight(needed if needed > 0 else before)
        finally:
            self._fitting = False


class FieldRows:
    """Line edits keyed by the service's field names, each with its error label."""

    def __init__(self, form: QFormLayout, *, prefix: str, max_width: int | None = None) -> None:
        self._form = form
        self._prefix = prefix
        self._max_width = max_width
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}

    def add(self, key: str, label: str, text: str = "", *, choices: bool = False) -> QLineEdit:
        """A line edit; with ``choices`` inside an editable combo box (``self.combos``)
        whose items the caller adds (their data is the text an item puts in the field)."""
        edit = QLineEdit(text)
        field: QWidget = edit
        if choices:
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.setLineEdit(edit)
            combo.setCurrentIndex(-1)
            edit.setText(text)
            combo.activated.connect(lambda i: edit.setText(str(combo.itemData(i) or "")))
            combo.setObjectName(f"{self._prefix}_{key}_choices")
            self.combos[key] = combo
            field = combo
        edit.setObjectName(f"{self._prefix}_{key}")
        if self._max_width:
            edit.setMaximumWidth(self._max_width)
        error = WrappedLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        hint = WrappedLabel()
        hint.setObjectName(f"{self._prefix}_{key}_hint")
        hint.setStyleSheet(HINT_STYLE)
        hint.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what someone typed
        hint.hide()
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(field)
        box.addWidget(error)
        box.addWidget(hint)
        self._form.addRow(fit_height(QLabel(label)), box)
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
