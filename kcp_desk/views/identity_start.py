"""The start of an identity case (C2, issue 12): how the caller was found.

Knowledge data (customer number, name, address …) finds the record and proves nothing,
however much of it matches; a detail that does not match is recorded as a doubt. The
page also asks whether the caller still reads the registered mailbox (it decides
whether a link to it can count) and takes an optional note of anything odd. "Open case"
is the dialog's button, next to Close; the dialog runs it with :meth:`StartPage.choices`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.domain.identity_policy import KnowledgeCheck, KnowledgeItem
from kcp_desk.views import identity_text as text
from kcp_desk.views.field_rows import WrappedLabel, fit_height
from kcp_desk.views.identity_factors import bold, error_label

__all__ = ["StartChoices", "StartPage"]

_MATCH_CHOICES = ("match", "mismatch", "not_asked")


@dataclass(frozen=True)
class StartChoices:
    """What the agent recorded on the start page (what ``open_case`` needs)."""

    has_mailbox: bool
    knowledge: list[KnowledgeCheck]
    doubt_note: str | None


class StartPage(QWidget):
    """Knowledge radios, the mailbox question and the doubt note.

    An :class:`~kcp_desk.views.unsaved.UnsavedEditor`: a typed doubt note is asked about
    before the dialog closes (the radios are a click each, not typed input).
    """

    def __init__(self, email_masked: str) -> None:
        super().__init__()
        self.setObjectName("case_start")
        heading = bold(QLabel(self.tr("How was the caller found?")), 1.2)
        explain = WrappedLabel(
            self.tr(
                "These details only find the customer's record: they prove nothing, however "
                "many of them match. A detail that does not match is recorded as a "
                "reasonable doubt. Ask only what you need; leave the rest at “not asked”."
            )
        )
        explain.setObjectName("knowledge_explain")
        grid = self._build_knowledge()

        self.mailbox_question = WrappedLabel(
            self.tr("Does the caller still have access to the mailbox {0}?").format(email_masked)
        )
        self.mailbox_question.setObjectName("mailbox_question")
        self.mailbox_question.setTextFormat(Qt.TextFormat.PlainText)
        self.mailbox_yes = QRadioButton(self.tr("Yes, they can still read it"))
        self.mailbox_yes.setObjectName("mailbox_yes")
        self.mailbox_no = QRadioButton(self.tr("No"))
        self.mailbox_no.setObjectName("mailbox_no")
        self._mailbox_group = QButtonGroup(self)
        self._mailbox_group.addButton(self.mailbox_yes)
        self._mailbox_group.addButton(self.mailbox_no)
        mailbox_row = QHBoxLayout()
        mailbox_row.addWidget(self.mailbox_yes)
        mailbox_row.addWidget(self.mailbox_no)
        mailbox_row.addStretch(1)
        self.mailbox_error = error_label("mailbox_error")
        self.mailbox_yes.toggled.connect(lambda _on: self.mailbox_error.hide())
        self.mailbox_no.toggled.connect(lambda _on: self.mailbox_error.hide())

        note_label = fit_height(QLabel(self.tr("Anything odd about the call? (optional)")))
        self.doubt_note = QLineEdit()
        self.doubt_note.setObjectName("doubt_note")
        self.doubt_note.setPlaceholderText(
            self.tr("e.g. hesitated over the address, calls from an unknown number")
        )
        self.doubt_error = error_label("doubt_note_error")
        self.doubt_note.textEdited.connect(lambda _t: self.doubt_error.hide())
        #: a refusal of the whole start (e.g. the database is gone)
        self.start_error = error_label("start_error")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addSpacing(10)
        layout.addWidget(self.mailbox_question)
        layout.addLayout(mailbox_row)
        layout.addWidget(self.mailbox_error)
        layout.addSpacing(6)
        layout.addWidget(note_label)
        layout.addWidget(self.doubt_note)
        layout.addWidget(self.doubt_error)
        layout.addWidget(self.start_error)
        layout.addStretch(1)

    def _build_knowledge(self) -> QGridLayout:
        """One row per knowledge item: matches / does not match / not asked."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        heads = (self.tr("matches"), self.tr("does not match"), self.tr("not asked"))
        for col, head in enumerate(heads, start=1):
            label = QLabel(head)
            label.setStyleSheet("color: palette(placeholder-text);")
            grid.addWidget(fit_height(label), 0, col)
        #: per knowledge item, its three choices
        self.knowledge: dict[KnowledgeItem, dict[str, QRadioButton]] = {}
        self._knowledge_groups: list[QButtonGroup] = []
        for row, item in enumerate(KnowledgeItem, start=1):
            name = text.knowledge_name(item.value)
            grid.addWidget(fit_height(QLabel(name)), row, 0)
            group = QButtonGroup(self)
            choices: dict[str, QRadioButton] = {}
            for col, choice in enumerate(_MATCH_CHOICES, start=1):
                radio = QRadioButton()
                radio.setObjectName(f"knowledge_{item.value}_{choice}")
                radio.setAccessibleName(f"{name}: {heads[col - 1]}")
                group.addButton(radio)
                grid.addWidget(radio, row, col)
                choices[choice] = radio
            choices["not_asked"].setChecked(True)
            self._knowledge_groups.append(group)
            self.knowledge[item] = choices
        grid.setColumnStretch(4, 1)
        return grid

    def choices(self) -> StartChoices | None:
        """What to open the case with; None (and the question marked) while the
        mailbox question is unanswered."""
        if not (self.mailbox_yes.isChecked() or self.mailbox_no.isChecked()):
            self.mailbox_error.setText(
                self.tr("Please ask whether the caller can still read this mailbox.")
            )
            self.mailbox_error.show()
            return None
        checks = [
            KnowledgeCheck(item, matched=choices["match"].isChecked())
            for item, choices in self.knowledge.items()
            if not choices["not_asked"].isChecked()
        ]
        return StartChoices(
            self.mailbox_yes.isChecked(), checks, self.doubt_note.text().strip() or None
        )

    def error_label(self, field: str | None) -> QLabel:
        """Where a refusal of "Open case" is said: at its field, else under the page."""
        by_field = {"doubt_note": self.doubt_error, "has_mailbox": self.mailbox_error}
        return by_field.get(field or "", self.start_error)

    def clear_errors(self) -> None:
        for label in (self.start_error, self.doubt_error, self.mailbox_error):
            label.hide()

    # --- the UnsavedEditor protocol (views/unsaved.py) --------------------------------------

    def has_unsaved_changes(self) -> bool:
        return bool(self.doubt_note.text().strip())

    def save_changes(self, done: Callable[[bool], None]) -> None:
        done(False)  # the note is saved by "Open case", a step of its own, not by a Save

    def discard_changes(self) -> None:
        self.doubt_note.clear()
        self.doubt_error.hide()
