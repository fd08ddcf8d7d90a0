"""One unsaved-changes guard for every editor (HOUSE_STYLE "Forms and editors").

An editor with typed input that is not saved yet implements :class:`UnsavedEditor`.
Whatever would replace that input (another customer, back to the results, sign-out,
closing the window) goes through :meth:`UnsavedGuard.confirm`, which asks "Discard
changes?" with Save / Discard / Cancel first:

- Save runs the editors' saves and goes on only when every save succeeded (a refused
  save shows its error in the editor, and nothing else happens);
- Discard drops the typed input and goes on;
- Cancel leaves everything as it was.

A guard is itself an editor, so guards nest: the customer view's guard holds its
contact form (and later the ticket and support-order editors), the main window's guard
holds the pages' guards. The question is asked through ``guard.asker``, which tests
replace. A lock asks nothing: the widgets (and the input) stay as they are behind the
lock screen.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


#: asks the question: (parent, whether Save is offered) → the agent's choice
Asker = Callable[[QWidget, bool], Choice]


@runtime_checkable
class UnsavedEditor(Protocol):
    def has_unsaved_changes(self) -> bool:
        """Typed input that a replacement would lose."""
        ...

    def save_changes(self, done: Callable[[bool], None]) -> None:
        """Save (on a worker); call ``done(True)`` once saved, ``done(False)`` if the save
        was refused (the editor shows why and keeps the input)."""
        ...

    def discard_changes(self) -> None:
        """Drop the typed input: show what is saved, leave edit mode."""
        ...


def ask_discard(parent: QWidget, can_save: bool) -> Choice:
    """The one question: "Discard changes?" – Save / Discard / Cancel."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("UnsavedGuard", text)

    box = QMessageBox(parent)
    box.setObjectName("discard_changes")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Discard changes?"))
    box.setText(tr("Discard changes?"))
    box.setInformativeText(tr("What you typed is not saved yet."))
    save = box.addButton(QMessageBox.StandardButton.Save) if can_save else None
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save if save is not None else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if save is not None and clicked is save:
        return Choice.SAVE
    if clicked is discard:
        return Choice.DISCARD
    return Choice.CANCEL


class UnsavedGuard:
    """The editors of one screen; asks before their input is replaced."""

    def __init__(self, parent: QWidget, asker: Asker = ask_discard) -> None:
        self._parent = parent
        self.asker = asker
        self._editors: list[UnsavedEditor] = []
        #: a question or a save in progress: a second replacement waits its turn
        self.busy = False

    def add(self, editor: UnsavedEditor) -> None:
        self._editors.append(editor)

    def dirty(self) -> list[UnsavedEditor]:
        return [e for e in self._editors if e.has_unsaved_changes()]

    # --- the UnsavedEditor protocol (guards nest) ------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return bool(self.dirty())

    def save_changes(self, done: Callable[[bool], None]) -> None:
        pending = self.dirty()

        def next_one(ok: bool = True) -> None:
            if not ok:
                done(False)
            elif not pending:
                done(True)
            else:
                pending.pop(0).save_changes(next_one)

        next_one()

    def discard_changes(self) -> None:
        for editor in self.dirty():
            editor.discard_changes()

    # --- asking ------------------------------------------------------------------------------

    def confirm(
        self,
        proceed: Callable[[], None],
        *,
        can_save: bool = True,
        refused: Callable[[], None] | None = None,
    ) -> None:
        """``proceed()`` now if nothing is unsaved; otherwise ask first. ``refused`` runs
        when Save was chosen and a save was refused (e.g. to show the editor with its
        error)."""
        if self.busy:
            return
        if not self.has_unsaved_changes():
            proceed()
            return
        self.busy = True
        try:
            choice = self.asker(self._parent, can_save)
        finally:
            self.busy = False
        if choice is Choice.DISCARD:
            self.discard_changes()
            proceed()
        elif choice is Choice.SAVE and can_save:
            self.busy = True

            def saved(ok: bool) -> None:
                self.busy = False
                if ok:
                    proceed()
                elif refused is not None:
                    refused()

            self.save_changes(saved)
