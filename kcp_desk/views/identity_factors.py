"""The factor rows of an identity case (C2, issue 12): P, E, L, M, D, each with its
state in words and its actions, plus the small widget helpers the case screens share.

:class:`FactorsPanel` only shows and asks: it emits what the agent asked for
(``check_p_requested``, ``code_requested("L")`` …) and the dialog runs the step. The
phone password and the codes are typed into masked fields without a context menu; the
dialog empties them the moment a try starts, so nothing typed reaches a label.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.domain.identity_policy import DocumentType, FactorState, FactorStatus
from kcp_desk.services.identity.dto import CaseDTO, SentRow, StepOutcome
from kcp_desk.views import identity_text as text
from kcp_desk.views.field_rows import ERROR_STYLE, HINT_STYLE, WrappedLabel, fit_height
from kcp_desk.views.messages import error_text

__all__ = [
    "OK_STYLE",
    "FactorRow",
    "FactorsPanel",
    "bold",
    "button",
    "error_label",
    "latest_sent",
    "secret_field",
]

OK_STYLE = "color: #1b5e20;"
#: the personal documents of the contract holder (a company: its managing director)
_PERSONAL = (DocumentType.ID_CARD, DocumentType.PASSPORT, DocumentType.RESIDENCE_PERMIT)


# --- the small helpers the case screens share ---------------------------------------------


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return fit_height(label)  # the bold font needs its own height ("Ü" in German)


def error_label(name: str) -> WrappedLabel:
    """An error under a field; plain text because it may quote what the agent typed."""
    label = WrappedLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def secret_field(name: str, placeholder: str) -> QLineEdit:
    """A masked field for what the caller reads out; never echoed, never kept."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(200)
    # no context menu: nothing to copy out of it, nothing to paste into a note
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return edit


def button(text_: str, name: str) -> QPushButton:
    button = QPushButton(text_)
    button.setObjectName(name)
    button.setAutoDefault(False)  # the default is set where the agent types
    return button


def latest_sent(case: CaseDTO, factor: str) -> SentRow | None:
    """The last letter, SMS or link of ``factor`` the case sent (the one that counts)."""
    rows = [s for s in case.sent if s.factor == factor]
    return max(rows, key=lambda s: s.sent_at) if rows else None


def state_style(state: FactorState) -> str:
    if state.status is FactorStatus.PASSED:
        return OK_STYLE
    if state.status in (FactorStatus.LOCKED, FactorStatus.FAILED):
        return ERROR_STYLE
    if state.status is FactorStatus.PENDING:
        return HINT_STYLE
    if state.status is FactorStatus.NOT_POSSIBLE:
        return "color: palette(placeholder-text);"
    return ""


# --- one factor -----------------------------------------------------------------------------


class FactorRow:
    """One factor: its heading, its state in words, the answer to the last try, its
    error, and the panel with its actions."""

    def __init__(self, factor: str) -> None:
        self.factor = factor
        self.title = bold(QLabel(text.factor_title(factor)))
        self.title.setObjectName(f"factor_title_{factor}")
        self.state = WrappedLabel()
        self.state.setObjectName(f"factor_state_{factor}")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.result = WrappedLabel()
        self.result.setObjectName(f"factor_result_{factor}")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        result_font = self.result.font()
        result_font.setBold(True)
        self.result.setFont(result_font)
        self.result.hide()
        self.error = error_label(f"factor_error_{factor}")
        self.actions = QWidget()
        self.actions.setObjectName(f"factor_actions_{factor}")
        self.actions_layout = QVBoxLayout(self.actions)
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        self.actions_layout.setSpacing(4)

    def say(self, message: str, style: str) -> None:
        self.result.setStyleSheet(style)
        self.result.setText(message)
        self.result.show()

    def clear_answer(self) -> None:
        self.result.clear()
        self.result.hide()
        self.error.clear()
        self.error.hide()

    def add_line(self, *widgets: QWidget) -> None:
        """One line of actions; a field takes the room, buttons keep their size."""
        line = QHBoxLayout()
        line.setSpacing(6)
        for index, widget in enumerate(widgets):
            line.addWidget(widget, 1 if isinstance(widget, QLineEdit | QComboBox) else 0)
            if index == len(widgets) - 1 and not isinstance(widget, QLineEdit):
                line.addStretch(0)
        self.actions_layout.addLayout(line)


# --- all five -------------------------------------------------------------------------------


class FactorsPanel(QFrame):
    """The five factor rows in a grid: words on the left, actions on the right."""

    #: Check was asked for P (the dialog reads and empties ``p_field``)
    check_p_requested = Signal()
    #: Check was asked for a code: "L" or "M"
    code_requested = Signal(str)
    #: a letter, SMS or link was asked for: "L", "M" or "E"
    send_requested = Signal(str)
    #: the document was recorded: presented and matches (True) or not (False)
    document_recorded = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("factors_box")
        self.rows: dict[str, FactorRow] = {f: FactorRow(f) for f in text.FACTORS}
        self._build_actions()
        #: the field a secret is typed in → the button that checks it (the default)
        self.checks: dict[QWidget, QPushButton] = {
            self.p_field: self.p_check,
            self.letter_code: self.letter_check,
            self.sms_code: self.sms_check,
        }

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        row_index = 0
        for factor in text.FACTORS:
            r = self.rows[factor]
            left = QVBoxLayout()
            left.setSpacing(2)
            left.addWidget(r.title)
            left.addWidget(r.state)
            left.addWidget(r.result)
            left.addWidget(r.error)
            left.addStretch(1)
            grid.addLayout(left, row_index, 0)
            grid.addWidget(r.actions, row_index, 1, Qt.AlignmentFlag.AlignTop)
            row_index += 1
            if factor != text.FACTORS[-1]:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setStyleSheet("color: palette(midlight);")
                grid.addWidget(line, row_index, 0, 1, 2)
                row_index += 1
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def _build_actions(self) -> None:
        rows = self.rows
        self.p_field = secret_field("p_password", self.tr("What the caller says"))
        self.p_check = button(self.tr("Check"), "check_p")
        self.p_check.clicked.connect(self.check_p_requested)
        rows["P"].add_line(self.p_field, self.p_check)

        self.send_link = button("", "send_link")  # the text names the address (show_case)
        self.send_link.clicked.connect(lambda: self.send_requested.emit("E"))
        rows["E"].add_line(self.send_link)

        self.send_letter = button("", "send_letter")
        self.send_letter.clicked.connect(lambda: self.send_requested.emit("L"))
        self.letter_code = secret_field("letter_code", self.tr("Code from the letter"))
        self.letter_check = button(self.tr("Check"), "check_letter")
        self.letter_check.clicked.connect(lambda: self.code_requested.emit("L"))
        rows["L"].add_line(self.send_letter)
        rows["L"].add_line(self.letter_code, self.letter_check)

        self.send_sms = button("", "send_sms")
        self.send_sms.clicked.connect(lambda: self.send_requested.emit("M"))
        self.sms_code = secret_field("sms_code", self.tr("Code from the SMS"))
        self.sms_check = button(self.tr("Check"), "check_sms")
        self.sms_check.clicked.connect(lambda: self.code_requested.emit("M"))
        rows["M"].add_line(self.send_sms)
        rows["M"].add_line(self.sms_code, self.sms_check)

        self.document_type = QComboBox()
        self.document_type.setObjectName("document_type")
        for doc in _PERSONAL:
            self.document_type.addItem(text._capital(text.document_name(doc.value)), doc.value)
        self.register_extract = QCheckBox(self.tr("and the commercial register extract"))
        self.register_extract.setObjectName("register_extract")
        self.register_extract.setChecked(True)
        self.document_ok = button(self.tr("Presented and matches"), "document_ok")
        self.document_ok.clicked.connect(lambda: self.document_recorded.emit(True))
        self.document_bad = button(self.tr("Does not match"), "document_bad")
        self.document_bad.clicked.connect(lambda: self.document_recorded.emit(False))
        rows["D"].add_line(self.document_type, self.register_extract)
        rows["D"].add_line(self.document_ok, self.document_bad)

    def documents(self, is_company: bool) -> list[DocumentType]:
        """What the agent says was presented (a company adds its register extract)."""
        documents = [DocumentType(str(self.document_type.currentData()))]
        if is_company and self.register_extract.isChecked():
            documents.append(DocumentType.REGISTER_EXTRACT)
        return documents

    def clear_answers(self) -> None:
        for row in self.rows.values():
            row.clear_answer()

    # --- the tries and their answers --------------------------------------------------------

    def take_secret(self, factor: str) -> str | None:
        """What was typed for P, L or M, the field emptied at once (never kept in a widget
        longer than needed); None, with a word at the row, if nothing was typed or the
        check is not open now."""
        field_, check = {
            "P": (self.p_field, self.p_check),
            "L": (self.letter_code, self.letter_check),
            "M": (self.sms_code, self.sms_check),
        }[factor]
        if not check.isEnabled():
            return None
        typed = field_.text()
        field_.clear()
        if typed:
            return typed
        row = self.rows[factor]
        row.error.setText(
            self.tr("Type what the caller says first.")
            if factor == "P"
            else self.tr("Type the code the caller reads out first.")
        )
        row.error.show()
        return None

    def say_outcome(self, factor: str, outcome: StepOutcome) -> None:
        """The answer to P or a code read out, at its row."""
        ok = outcome.result == "match"
        self.rows[factor].say(
            text.outcome_text(factor, outcome.result, outcome.tries_left),
            OK_STYLE if ok else ERROR_STYLE,
        )

    def say_sent(self, case: CaseDTO, factor: str) -> None:
        latest = latest_sent(case, factor)
        where = latest.destination if latest is not None else ""
        self.rows[factor].say(self.tr("Sent to {0}.").format(where), OK_STYLE)

    def say_recorded(self, accepted: bool) -> None:
        self.rows["D"].say(
            self.tr("Recorded: presented and matches.")
            if accepted
            else self.tr("Recorded: does not match."),
            OK_STYLE if accepted else ERROR_STYLE,
        )

    # --- showing a case ---------------------------------------------------------------------

    def show_case(self, case: CaseDTO, *, editable: bool) -> None:
        """Each factor's state in words; the actions only where the agent may act."""
        for state in case.policy.factors:
            row = self.rows.get(state.factor.value)
            if row is not None:
                row.state.setText(
                    text.factor_state_text(state, latest_sent(case, state.factor.value))
                )
                row.state.setStyleSheet(state_style(state))
        self.send_link.setText(self.tr("Send link to {0}").format(case.email_masked))
        self.send_letter.setText(
            self.tr("Send letter code to {0}").format(case.address_text or "–")
        )
        self.send_sms.setText(
            self.tr("Send SMS to {0}").format(case.mobile_masked)
            if case.mobile_masked
            else self.tr("Send SMS")
        )
        self.register_extract.setVisible(case.is_company)
        self._enable_actions(case, editable)

    def _enable_actions(self, case: CaseDTO, editable: bool) -> None:
        states = {s.factor.value: s for s in case.policy.factors}
        for factor, row in self.rows.items():
            row.actions.setVisible(editable)
            if factor not in states:
                row.actions.setEnabled(False)
        if not editable:
            return
        p_open = states["P"].status is FactorStatus.AVAILABLE
        self.p_field.setEnabled(p_open)
        self.p_check.setEnabled(p_open)
        for factor, send, code, check in (
            ("E", self.send_link, None, None),
            ("L", self.send_letter, self.letter_code, self.letter_check),
            ("M", self.send_sms, self.sms_code, self.sms_check),
        ):
            # a send the service would refuse is disabled, with the reason as its tooltip
            refused = case.send_refusals.get(factor)
            send.setEnabled(refused is None)
            send.setToolTip(error_text(refused) if refused is not None else "")
            if code is not None and check is not None:
                pending = states[factor].status is FactorStatus.PENDING
                code.setEnabled(pending)
                check.setEnabled(pending)
        d_open = states["D"].status is FactorStatus.AVAILABLE
        for widget in (self.document_type, self.register_extract, self.document_ok):
            widget.setEnabled(d_open)
        self.document_bad.setEnabled(d_open)
