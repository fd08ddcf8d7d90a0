"""The desk's settings a user may change: the interface language (SPEC §4)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel


class SettingsDialog(QDialog):
    """Language: system default, Deutsch or English; applies at the next start.

    ``save(language)`` stores the choice ("" = system default, "de", "en"); app.py gives
    it, so the view does not know where settings live. An ``OSError`` from it is shown
    in the dialog, which stays open.
    """

    def __init__(
        self, language: str, save: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(420)

        self.language = QComboBox()
        self.language.setObjectName("language")
        # languages are named in their own language (autonyms), so they are not translated
        german = QLocale.system().language() == QLocale.Language.German
        system_name = "Deutsch" if german else "English"
        self.language.addItem(self.tr("System default ({0})").format(system_name), "")
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        index = self.language.findData(language)
        self.language.setCurrentIndex(max(index, 0))

        self.note = WrappedLabel(self.tr("A new language applies when the desk starts again."))
        self.note.setObjectName("restart_note")
        self.error = WrappedLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Language"), self.language)
        form.addRow("", self.note)
        form.addRow("", self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("ok")
        ok.setDefault(True)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def _ok(self) -> None:
        try:
            self._save(self.chosen_language())
        except OSError as exc:
            self.error.setText(self.tr("The settings could not be saved: {0}").format(exc))
            self.error.show()
            return
        self.accept()
