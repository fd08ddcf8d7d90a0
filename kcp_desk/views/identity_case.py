"""The identity case (SPEC C2, issue 12): restore access, or change the e-mail address.

One dialog walks the agent through it:

1. *Start*: how the caller was found (knowledge data finds the record, it proves
   nothing; a mismatch is a doubt), whether the caller still has the mailbox, an
   optional note of a doubt; "Open case".
2. *Factors*: one row per factor P, E, L, M, D with its state in words and its action.
   The phone password and the codes are typed into masked fields that are emptied the
   moment a try starts; nothing typed ever reaches a label, tooltip or status.
3. *The policy* on top: what the case allows now and what could come next; doubts in
   a warning style.
4. *New e-mail*: only when the policy allows it; "Submit for approval" hands the case
   to a team lead (four-eyes, ID-4). Then a read-only summary.
5. "Cancel case…" with a reason. A closed case (from History) opens read-only.

Every step runs through :class:`~kcp_desk.views.operation.Operation`; the page is
disabled while it runs and shows the fresh case the service returns. Errors appear at
their field; what was typed stays (except the secret fields).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.domain.identity_policy import (
    DocumentType,
    FactorState,
    FactorStatus,
    KnowledgeCheck,
    KnowledgeItem,
)
from kcp_desk.errors import KcpError
from kcp_desk.services.identity.dto import CaseDTO, SentRow, StepOutcome
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views import identity_text as text
from kcp_desk.views.field_rows import ERROR_STYLE, HINT_STYLE, WrappedLabel, fit_height
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation

if TYPE_CHECKING:
    from kcp_desk.services.identity import IdentityService

__all__ = ["IdentityCaseDialog"]

_OK_STYLE = "color: #1b5e20;"
_POLICY_STYLE = (
    "QFrame#policy_box { background: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 6px; }"
)
_ALLOWED_STYLE = (
    "QFrame#policy_box { background: #e8f5e9; border: 2px solid #2e7d32; border-radius: 6px; }"
)
_DOUBT_STYLE = "color: #8a4b00; font-weight: bold;"
_MATCH_CHOICES = ("match", "mismatch", "not_asked")
#: the personal documents of the contract holder (a company: its managing director)
_PERSONAL = (DocumentType.ID_CARD, DocumentType.PASSPORT, DocumentType.RESIDENCE_PERMIT)


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return fit_height(label)


def _error_label(name: str) -> WrappedLabel:
    label = WrappedLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def _secret_field(name: str, placeholder: str) -> QLineEdit:
    """A masked field for what the caller reads out; never echoed, never kept."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(200)
    # no context menu: nothing to copy out of it, nothing to paste into a note
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return edit


def _button(text_: str, name: str) -> QPushButton:
    button = QPushButton(text_)
    button.setObjectName(name)
    button.setAutoDefault(False)  # the default is set where the agent types
    return button


class _FactorRow:
    """One factor: its heading, its state in words, the answer to the last try, its
    error, and the panel with its actions."""

    def __init__(self, factor: str) -> None:
        self.factor = factor
        self.title = _bold(QLabel(text.factor_title(factor)))
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
        self.error = _error_label(f"factor_error_{factor}")
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


class IdentityCaseDialog(QDialog):
    """The case of one customer; see the module docstring for the steps.

    ``case_id``: open that case (History: read-only once closed). Without it the
    dialog asks for the customer's open case and starts a new one when there is none.
    """

    #: the case after every step (the fresh ``CaseDTO`` the service returned)
    case_changed = Signal(object)
    #: the case was submitted for approval (the navigation's count goes up)
    submitted = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        service: IdentityService,
        session: AgentSession,
        customer_id: int,
        customer_label: str,
        *,
        email_masked: str,
        case_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._session = session
        self._customer_id = customer_id
        self._email_masked = email_masked
        self.case: CaseDTO | None = None
        #: the factor whose code was typed last ("L" or "M": where a "code" error goes)
        self._code_factor = "L"
        self.busy = False
        self.setObjectName("identity_case")
        self.setWindowTitle(self.tr("Identity case – {0}").format(customer_label))
        self.setSizeGripEnabled(True)
        self.setMinimumSize(560, 420)

        self.loading = WrappedLabel(self.tr("Loading the case…"))
        self.loading.setObjectName("case_loading")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_page = self._build_start()
        self.case_page = self._build_case()
        self.case_scroll = QScrollArea()
        self.case_scroll.setObjectName("case_scroll")
        self.case_scroll.setWidgetResizable(True)
        self.case_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.case_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.case_scroll.setWidget(self.case_page)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading)
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.case_scroll)

        #: an error that belongs to no field (a database fault, a stale case)
        self.general_error = _error_label("case_general_error")
        self.refresh_button = _button(self.tr("Refresh"), "refresh_case")
        self.refresh_button.setToolTip(
            self.tr("Load the case again (e.g. after the customer clicked the link).")
        )
        self.refresh_button.clicked.connect(self.reload)
        self.cancel_case_button = _button(self.tr("Cancel case…"), "cancel_case")
        self.cancel_case_button.clicked.connect(self._ask_cancel_reason)
        self.close_button = _button(self.tr("Close"), "close_case")
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.cancel_case_button)
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)  # the start page's action, next to Close
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(bottom)
        self._size_to_screen()
        self._show_page(self.loading)
        app = QApplication.instance()
        self._watching_focus = isinstance(app, QApplication)
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if case_id is None:
            self._load(self._service.current_case, self._customer_id, start_if_none=True)
        else:
            self._load(self._service.get, case_id, start_if_none=False)

    # --- building -----------------------------------------------------------------------

    def _build_start(self) -> QWidget:
        page = QWidget()
        page.setObjectName("case_start")
        heading = _bold(QLabel(self.tr("How was the caller found?")), 1.2)
        explain = WrappedLabel(
            self.tr(
                "These details only find the customer's record: they prove nothing, however "
                "many of them match. A detail that does not match is recorded as a "
                "reasonable doubt. Ask only what you need; leave the rest at “not asked”."
            )
        )
        explain.setObjectName("knowledge_explain")
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
            group = QButtonGroup(page)
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

        self.mailbox_question = WrappedLabel(
            self.tr("Does the caller still have access to the mailbox {0}?").format(
                self._email_masked
            )
        )
        self.mailbox_question.setObjectName("mailbox_question")
        self.mailbox_question.setTextFormat(Qt.TextFormat.PlainText)
        self.mailbox_yes = QRadioButton(self.tr("Yes, they can still read it"))
        self.mailbox_yes.setObjectName("mailbox_yes")
        self.mailbox_no = QRadioButton(self.tr("No"))
        self.mailbox_no.setObjectName("mailbox_no")
        self._mailbox_group = QButtonGroup(page)
        self._mailbox_group.addButton(self.mailbox_yes)
        self._mailbox_group.addButton(self.mailbox_no)
        mailbox_row = QHBoxLayout()
        mailbox_row.addWidget(self.mailbox_yes)
        mailbox_row.addWidget(self.mailbox_no)
        mailbox_row.addStretch(1)
        self.mailbox_error = _error_label("mailbox_error")
        self.mailbox_yes.toggled.connect(lambda _on: self.mailbox_error.hide())
        self.mailbox_no.toggled.connect(lambda _on: self.mailbox_error.hide())

        note_label = fit_height(QLabel(self.tr("Anything odd about the call? (optional)")))
        self.doubt_note = QLineEdit()
        self.doubt_note.setObjectName("doubt_note")
        self.doubt_note.setPlaceholderText(
            self.tr("e.g. hesitated over the address, calls from an unknown number")
        )
        self.doubt_error = _error_label("doubt_note_error")
        self.doubt_note.textEdited.connect(lambda _t: self.doubt_error.hide())
        self.start_error = _error_label("start_error")
        self.open_button = _button(self.tr("Open case"), "open_case")
        self.open_button.clicked.connect(self._open_case)

        layout = QVBoxLayout(page)
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
        return page

    def _build_case(self) -> QWidget:
        page = QWidget()
        page.setObjectName("case_page")
        self.summary = WrappedLabel()
        self.summary.setObjectName("case_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.found_by = WrappedLabel()
        self.found_by.setObjectName("case_found_by")
        self.found_by.setTextFormat(Qt.TextFormat.PlainText)
        self.found_by.setStyleSheet("color: palette(placeholder-text);")

        # the policy: what the case allows now, and the doubts
        self.policy_box = QFrame()
        self.policy_box.setObjectName("policy_box")
        self.policy_box.setStyleSheet(_POLICY_STYLE)
        self.policy_steps = WrappedLabel()
        self.policy_steps.setObjectName("policy_steps")
        self.policy_steps.setTextFormat(Qt.TextFormat.PlainText)
        self.policy_doubts = WrappedLabel()
        self.policy_doubts.setObjectName("policy_doubts")
        self.policy_doubts.setTextFormat(Qt.TextFormat.PlainText)
        self.policy_doubts.setStyleSheet(_DOUBT_STYLE)
        self.policy_doubts.hide()
        box = QVBoxLayout(self.policy_box)
        box.setContentsMargins(10, 8, 10, 8)
        box.addWidget(self.policy_steps)
        box.addWidget(self.policy_doubts)

        # the factors
        self.rows: dict[str, _FactorRow] = {f: _FactorRow(f) for f in text.FACTORS}
        p = self.rows["P"]
        self.p_field = _secret_field("p_password", self.tr("What the caller says"))
        self.p_check = _button(self.tr("Check"), "check_p")
        self.p_check.clicked.connect(self._check_p)
        self._line(p, self.p_field, self.p_check)
        e = self.rows["E"]
        self.send_link = _button("", "send_link")
        self.send_link.clicked.connect(lambda: self._send("E"))
        self._line(e, self.send_link)
        letter = self.rows["L"]
        self.send_letter = _button("", "send_letter")
        self.send_letter.clicked.connect(lambda: self._send("L"))
        self.letter_code = _secret_field("letter_code", self.tr("Code from the letter"))
        self.letter_check = _button(self.tr("Check"), "check_letter")
        self.letter_check.clicked.connect(lambda: self._check_code("L"))
        self._line(letter, self.send_letter)
        self._line(letter, self.letter_code, self.letter_check)
        m = self.rows["M"]
        self.send_sms = _button("", "send_sms")
        self.send_sms.clicked.connect(lambda: self._send("M"))
        self.sms_code = _secret_field("sms_code", self.tr("Code from the SMS"))
        self.sms_check = _button(self.tr("Check"), "check_sms")
        self.sms_check.clicked.connect(lambda: self._check_code("M"))
        self._line(m, self.send_sms)
        self._line(m, self.sms_code, self.sms_check)
        d = self.rows["D"]
        self.document_type = QComboBox()
        self.document_type.setObjectName("document_type")
        for doc in _PERSONAL:
            self.document_type.addItem(text._capital(text.document_name(doc.value)), doc.value)
        self.register_extract = QCheckBox(self.tr("and the commercial register extract"))
        self.register_extract.setObjectName("register_extract")
        self.register_extract.setChecked(True)
        self.document_ok = _button(self.tr("Presented and matches"), "document_ok")
        self.document_ok.clicked.connect(lambda: self._record_document(accepted=True))
        self.document_bad = _button(self.tr("Does not match"), "document_bad")
        self.document_bad.clicked.connect(lambda: self._record_document(accepted=False))
        self._line(d, self.document_type, self.register_extract)
        self._line(d, self.document_ok, self.document_bad)
        #: the field a secret is typed in → the button that checks it (the default)
        self._checks: dict[QWidget, QPushButton] = {
            self.p_field: self.p_check,
            self.letter_code: self.letter_check,
            self.sms_code: self.sms_check,
        }
        for field_, button in (
            (self.p_field, self.p_check),
            (self.letter_code, self.letter_check),
            (self.sms_code, self.sms_check),
        ):
            # typing clears the last answer and makes Enter run this field's Check
            field_.textEdited.connect(lambda _t, b=button: self._typing_for(b))

        factors = QFrame()
        factors.setObjectName("factors_box")
        grid = QGridLayout(factors)
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

        self.attempts = WrappedLabel()
        self.attempts.setObjectName("case_attempts")
        self.attempts.setTextFormat(Qt.TextFormat.PlainText)
        self.attempts.setStyleSheet("color: palette(placeholder-text);")

        # the new e-mail, once the policy allows it
        self.new_email_box = QFrame()
        self.new_email_box.setObjectName("new_email_box")
        heading = _bold(QLabel(self.tr("New e-mail address")))
        self.new_email_hint = WrappedLabel()
        self.new_email_hint.setObjectName("new_email_hint")
        self.new_email = QLineEdit()
        self.new_email.setObjectName("new_email")
        self.new_email.setPlaceholderText(self.tr("name@example.de"))
        self.new_email_error = _error_label("new_email_error")
        self.new_email.textEdited.connect(lambda _t: self.new_email_error.hide())
        self.submit_button = _button(self.tr("Submit for approval"), "submit_case")
        self.submit_button.clicked.connect(self._submit)
        self.new_email.textEdited.connect(lambda _t: self.submit_button.setDefault(True))
        email_row = QHBoxLayout()
        email_row.addWidget(self.new_email, 1)
        email_row.addWidget(self.submit_button)
        email_box = QVBoxLayout(self.new_email_box)
        email_box.setContentsMargins(0, 6, 0, 0)
        email_box.addWidget(heading)
        email_box.addWidget(self.new_email_hint)
        email_box.addLayout(email_row)
        email_box.addWidget(self.new_email_error)

        #: submitted / approved / rejected / cancelled, read-only
        self.outcome = WrappedLabel()
        self.outcome.setObjectName("case_outcome")
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.hide()
        self.queued = WrappedLabel()
        self.queued.setObjectName("case_queued")
        self.queued.setTextFormat(Qt.TextFormat.PlainText)
        self.queued.setStyleSheet("color: palette(placeholder-text);")
        self.queued.hide()

        # "Cancel case…": a reason, then the confirmation
        self.cancel_area = QWidget()
        self.cancel_area.setObjectName("cancel_area")
        self.cancel_reason = QLineEdit()
        self.cancel_reason.setObjectName("cancel_reason")
        self.cancel_reason.setPlaceholderText(self.tr("Why the case is cancelled (required)"))
        self.confirm_cancel = _button(self.tr("Cancel the case"), "confirm_cancel")
        self.confirm_cancel.clicked.connect(self._cancel)
        self.cancel_error = _error_label("cancel_error")
        self.cancel_reason.textEdited.connect(lambda _t: self.cancel_error.hide())
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.cancel_reason, 1)
        cancel_row.addWidget(self.confirm_cancel)
        cancel_box = QVBoxLayout(self.cancel_area)
        cancel_box.setContentsMargins(0, 6, 0, 0)
        cancel_box.addLayout(cancel_row)
        cancel_box.addWidget(self.cancel_error)
        self.cancel_area.hide()

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.found_by)
        layout.addWidget(self.policy_box)
        layout.addWidget(factors)
        layout.addWidget(self.attempts)
        layout.addWidget(self.new_email_box)
        layout.addWidget(self.outcome)
        layout.addWidget(self.queued)
        layout.addWidget(self.cancel_area)
        layout.addStretch(1)
        return page

    @staticmethod
    def _line(row: _FactorRow, *widgets: QWidget) -> None:
        line = QHBoxLayout()
        line.setSpacing(6)
        for index, widget in enumerate(widgets):
            line.addWidget(widget, 1 if isinstance(widget, QLineEdit | QComboBox) else 0)
            if index == len(widgets) - 1 and not isinstance(widget, QLineEdit):
                line.addStretch(0)
        row.actions_layout.addLayout(line)

    def _size_to_screen(self) -> None:
        """As large as the case needs, never larger than the screen (1024×768 fits)."""
        parent = self.parentWidget()
        host = parent.window() if parent is not None else None
        screen = host.screen() if host is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 940, 720
        if room is not None:
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 60)
        self.resize(max(width, 560), max(height, 420))

    # --- loading and showing ------------------------------------------------------------

    def _load(self, fn: Callable[..., Any], arg: int, *, start_if_none: bool) -> None:
        self._set_busy(True)
        Operation(self, fn, self._session, arg).success(
            lambda case: self._loaded(case, start_if_none)
        ).failure(self._load_failed).run()

    def _loaded(self, case: CaseDTO | None, start_if_none: bool) -> None:
        self._set_busy(False)
        if case is None:
            if start_if_none:
                self._show_page(self.start_page)
                self.open_button.setDefault(True)
            return
        self.show_case(case)

    def _load_failed(self, err: KcpError) -> None:
        self._set_busy(False)
        self.loading.setText(error_text(err))
        self.loading.setStyleSheet(ERROR_STYLE)
        self.refresh_button.setEnabled(self.case is not None)

    def reload(self) -> None:
        """Ask the service for the case again (``get``)."""
        if self.case is None or self.busy:
            return
        self._clear_answers()
        self._load(self._service.get, self.case.case_id, start_if_none=False)

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        on_case = page is self.case_scroll
        self.open_button.setVisible(page is self.start_page)
        self.refresh_button.setVisible(on_case)
        self.cancel_case_button.setVisible(on_case)

    @property
    def read_only(self) -> bool:
        """Nothing can be done here: closed, waiting for a lead, or a colleague's case."""
        case = self.case
        return case is None or not case.is_open or not case.is_mine

    def show_case(self, case: CaseDTO) -> None:
        """Show the case as the service returned it (after every step)."""
        self.case = case
        policy = case.policy
        self._show_page(self.case_scroll)
        self.setWindowTitle(
            self.tr("Identity case – {0} {1}").format(case.customer_number, case.customer_name)
        )
        summary = self.tr("State: {0} · opened {1} by {2}").format(
            text.case_state_text(case.state),
            fmt.date_time(case.created_at),
            case.prepared_by_name,
        )
        if case.is_open and not case.is_mine:
            summary += " · " + self.tr("only {0} works on this case").format(case.prepared_by_name)
        self.summary.setText(summary)
        found = [
            f"{text.knowledge_name(k.item.value)} {'✓' if k.matched else '✗'}"
            for k in case.knowledge
        ]
        found_text = (
            self.tr("Found by (proves nothing): {0}").format(", ".join(found))
            if found
            else self.tr("Found by: no details recorded")
        )
        if case.doubt_note:
            found_text += "\n" + self.tr("Note of the agent: {0}").format(case.doubt_note)
        self.found_by.setText(found_text)

        # the policy box: prominent when a new e-mail may be entered
        steps = [text.note_text(n) for n in policy.next_steps]
        if case.is_open:
            self.policy_steps.setText("\n".join(steps))
        else:
            self.policy_steps.setText(
                self.tr("This case is {0}; nothing more can be done in it.").format(
                    text.case_state_text(case.state)
                )
                if case.closed
                else self.tr("The case waits for a team lead to approve or reject it.")
            )
        allowed = policy.allows_new_email and case.is_open
        self.policy_box.setStyleSheet(_ALLOWED_STYLE if allowed else _POLICY_STYLE)
        font = self.policy_steps.font()
        font.setBold(allowed)
        self.policy_steps.setFont(font)
        doubts = [text.note_text(n) for n in policy.doubts]
        self.policy_doubts.setText("\n".join(f"⚠ {d}" for d in doubts))
        self.policy_doubts.setVisible(bool(doubts))

        # the factors
        for state in policy.factors:
            row = self.rows.get(state.factor.value)
            if row is not None:
                row.state.setText(
                    text.factor_state_text(state, self._latest_sent(state.factor.value))
                )
                row.state.setStyleSheet(_state_style(state))
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
        self._enable_actions()
        self.attempts.setText(self._attempts_text(case))
        self.attempts.setVisible(bool(case.attempts))

        # the new e-mail, the outcome
        self.new_email_box.setVisible(case.is_open and case.is_mine)
        self.new_email.setEnabled(allowed and case.is_mine)
        self.submit_button.setEnabled(allowed and case.is_mine)
        if allowed:
            self.new_email_hint.setText(
                self.tr(
                    "The new address is stored unverified once a team lead approves; the "
                    "customer confirms it by a link sent to it. You never set a password."
                )
            )
            self.submit_button.setDefault(True)
        else:
            self.new_email_hint.setText(
                self.tr("Possible once two independent factors passed (see above).")
            )
        self.outcome.setText(self._outcome_text(case))
        self.outcome.setVisible(not case.is_open)
        queued = [
            self.tr("{0} to {1}: {2}, queued {3}").format(
                _channel(q.channel),
                q.recipient_masked,
                _template(q.template),
                fmt.date_time(q.queued_at),
            )
            for q in case.queued
        ]
        self.queued.setText(self.tr("Sent through the outbox:") + "\n" + "\n".join(queued))
        self.queued.setVisible(bool(queued))
        cancellable = case.is_mine and case.state in ("open", "awaiting_approval")
        self.cancel_case_button.setVisible(cancellable)
        if not cancellable:
            self.cancel_area.hide()

    def _latest_sent(self, factor: str) -> SentRow | None:
        assert self.case is not None
        rows = [s for s in self.case.sent if s.factor == factor]
        return max(rows, key=lambda s: s.sent_at) if rows else None

    def _enable_actions(self) -> None:
        case = self.case
        assert case is not None
        editable = not self.read_only
        states = {s.factor.value: s for s in case.policy.factors}
        for factor, row in self.rows.items():
            row.actions.setVisible(editable)
            state = states.get(factor)
            if state is None:
                row.actions.setEnabled(False)
        if not editable:
            return
        p = states["P"].status
        p_open = p is FactorStatus.AVAILABLE
        self.p_field.setEnabled(p_open)
        self.p_check.setEnabled(p_open)
        for factor, send, code, check in (
            ("E", self.send_link, None, None),
            ("L", self.send_letter, self.letter_code, self.letter_check),
            ("M", self.send_sms, self.sms_code, self.sms_check),
        ):
            state = states[factor]
            refused = case.send_refusals.get(factor)
            send.setEnabled(refused is None)
            send.setToolTip(error_text(refused) if refused is not None else "")
            if code is not None and check is not None:
                pending = state.status is FactorStatus.PENDING
                code.setEnabled(pending)
                check.setEnabled(pending)
        d = states["D"].status
        d_open = d is FactorStatus.AVAILABLE
        for widget in (self.document_type, self.register_extract, self.document_ok):
            widget.setEnabled(d_open)
        self.document_bad.setEnabled(d_open)

    def _attempts_text(self, case: CaseDTO) -> str:
        lines = []
        for a in case.attempts:
            what = text.factor_name(a.factor)
            if a.documents:
                docs = ", ".join(text.document_name(d) for d in a.documents.split(","))
                what = f"{what}: {docs}"
            lines.append(
                self.tr("{0} · {1} · {2} · {3}").format(
                    fmt.date_time(a.at),
                    what,
                    self.tr("passed") if a.success else self.tr("failed"),
                    a.agent_name,
                )
            )
        return self.tr("Tried in this case:") + "\n" + "\n".join(lines) if lines else ""

    def _outcome_text(self, case: CaseDTO) -> str:
        new = case.new_email_masked or "–"
        if case.state == "awaiting_approval":
            return self.tr(
                "Submitted on {0} by {1}: new e-mail {2}. Waiting for a team lead to approve "
                "or reject it."
            ).format(fmt.date_time(case.submitted_at), case.prepared_by_name, new)
        if case.state == "approved":
            return self.tr(
                "Approved on {0} by {1}: new e-mail {2} (stored unverified until the customer "
                "confirms it). Reason: {3}"
            ).format(
                fmt.date_time(case.decided_at),
                case.approver_name or "–",
                new,
                case.decision_reason or "–",
            )
        if case.state == "rejected":
            return self.tr("Rejected on {0} by {1}: {2}").format(
                fmt.date_time(case.decided_at),
                case.approver_name or "–",
                case.decision_reason or "–",
            )
        if case.state == "cancelled":
            return self.tr("Cancelled on {0}: {1}").format(
                fmt.date_time(case.decided_at), case.decision_reason or "–"
            )
        return ""

    # --- the steps ----------------------------------------------------------------------

    def _open_case(self) -> None:
        if self.busy:
            return
        self.start_error.hide()
        if not (self.mailbox_yes.isChecked() or self.mailbox_no.isChecked()):
            self.mailbox_error.setText(
                self.tr("Please ask whether the caller can still read this mailbox.")
            )
            self.mailbox_error.show()
            return
        checks = [
            KnowledgeCheck(item, matched=choices["match"].isChecked())
            for item, choices in self.knowledge.items()
            if not choices["not_asked"].isChecked()
        ]
        note = self.doubt_note.text().strip() or None
        self._run(
            self._service.open_case,
            self._customer_id,
            has_mailbox=self.mailbox_yes.isChecked(),
            knowledge=checks,
            doubt_note=note,
        )

    def _check_p(self) -> None:
        if self.busy or self.case is None or not self.p_check.isEnabled():
            return
        spoken = self.p_field.text()
        self.p_field.clear()  # never kept in a widget longer than needed
        if not spoken:
            self._field_error(self.rows["P"].error, self.tr("Type what the caller says first."))
            return
        self._run(self._service.try_phone_password, self.case.case_id, spoken, answer_for="P")

    def _check_code(self, factor: str) -> None:
        field_ = self.letter_code if factor == "L" else self.sms_code
        button = self.letter_check if factor == "L" else self.sms_check
        if self.busy or self.case is None or not button.isEnabled():
            return
        typed = field_.text()
        field_.clear()
        if not typed:
            self._field_error(
                self.rows[factor].error, self.tr("Type the code the caller reads out first.")
            )
            return
        self._code_factor = factor
        self._run(self._service.enter_code, self.case.case_id, factor, typed, answer_for=factor)

    def _send(self, factor: str) -> None:
        if self.busy or self.case is None:
            return
        fn = {
            "E": self._service.send_link,
            "L": self._service.send_letter,
            "M": self._service.send_sms,
        }[factor]
        self._run(fn, self.case.case_id, sent=factor)

    def _record_document(self, *, accepted: bool) -> None:
        if self.busy or self.case is None:
            return
        documents = [DocumentType(str(self.document_type.currentData()))]
        if self.case.is_company and self.register_extract.isChecked():
            documents.append(DocumentType.REGISTER_EXTRACT)
        self._run(
            self._service.record_document, self.case.case_id, documents, accepted, recorded=accepted
        )

    def _submit(self) -> None:
        if self.busy or self.case is None or not self.submit_button.isEnabled():
            return
        self._run(
            self._service.submit,
            self.case.case_id,
            self.case.version,
            self.new_email.text().strip(),
            submitting=True,
        )

    def _ask_cancel_reason(self) -> None:
        self.cancel_area.show()
        self.cancel_reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.confirm_cancel.setDefault(True)
        self.case_scroll.ensureWidgetVisible(self.cancel_area)

    def _cancel(self) -> None:
        if self.busy or self.case is None:
            return
        self._run(
            self._service.cancel, self.case.case_id, self.case.version, self.cancel_reason.text()
        )

    # --- running a step -----------------------------------------------------------------

    def _run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        answer_for: str | None = None,
        sent: str | None = None,
        recorded: bool | None = None,
        submitting: bool = False,
        **kwargs: Any,
    ) -> None:
        self._clear_answers()
        self._set_busy(True)
        Operation(self, fn, self._session, *args, **kwargs).success(
            lambda result: self._step_done(result, answer_for, sent, recorded, submitting)
        ).failure(lambda err: self._step_refused(err, answer_for or sent)).run()

    def _step_done(
        self,
        result: CaseDTO | StepOutcome,
        answer_for: str | None,
        sent: str | None,
        recorded: bool | None,
        submitting: bool,
    ) -> None:
        self._set_busy(False)
        case = result.case if isinstance(result, StepOutcome) else result
        self.show_case(case)
        if isinstance(result, StepOutcome) and answer_for is not None:
            ok = result.result == "match"
            self.rows[answer_for].say(
                text.outcome_text(answer_for, result.result, result.tries_left),
                _OK_STYLE if ok else ERROR_STYLE,
            )
        elif sent is not None:
            latest = self._latest_sent(sent)
            where = latest.destination if latest is not None else ""
            self.rows[sent].say(self.tr("Sent to {0}.").format(where), _OK_STYLE)
        elif recorded is not None:
            self.rows["D"].say(
                self.tr("Recorded: presented and matches.")
                if recorded
                else self.tr("Recorded: does not match."),
                _OK_STYLE if recorded else ERROR_STYLE,
            )
        if submitting:
            self.new_email.clear()
            self.submitted.emit(case)
        if not case.is_open:
            self.cancel_reason.clear()
            self.cancel_area.hide()
        self.case_changed.emit(case)

    def _step_refused(self, err: KcpError, factor: str | None) -> None:
        self._set_busy(False)
        label = self._error_label_for(err.field, factor)
        message = error_text(err)
        secret = factor in ("P", "L", "M") and label is not None and label is not self.general_error
        cause = fault_cause(err)
        if secret and cause is not None:
            # the typed secret is gone already: "your input is kept" would be wrong
            message = self.tr("{0} Nothing was checked; ask the caller to say it again.").format(
                cause
            )
        self._field_error(label, message)

    def _error_label_for(self, field: str | None, factor: str | None) -> QLabel:
        on_start = self.stack.currentWidget() is self.start_page
        by_field: dict[str, QLabel] = {
            "phone_password": self.rows["P"].error,
            "code": self.rows[self._code_factor].error,
            "E": self.rows["E"].error,
            "L": self.rows["L"].error,
            "M": self.rows["M"].error,
            "D": self.rows["D"].error,
            "documents": self.rows["D"].error,
            "new_email": self.new_email_error,
            "reason": self.cancel_error,
            "doubt_note": self.doubt_error,
            "has_mailbox": self.mailbox_error,
            "knowledge": self.start_error,
        }
        if field is not None and field in by_field:
            return by_field[field]
        if on_start:
            return self.start_error
        if factor is not None and factor in self.rows:
            return self.rows[factor].error
        return self.general_error

    def _field_error(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.show()
        if label is self.new_email_error:
            self.new_email.setFocus(Qt.FocusReason.OtherFocusReason)
        elif label is self.cancel_error:
            self.cancel_reason.setFocus(Qt.FocusReason.OtherFocusReason)
        elif label is self.doubt_error:
            self.doubt_note.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.stack.currentWidget() is self.case_scroll and label is not self.general_error:
            self.case_scroll.ensureWidgetVisible(label)

    def _clear_answers(self) -> None:
        for row in self.rows.values():
            row.clear_answer()
        for label in (
            self.general_error,
            self.start_error,
            self.new_email_error,
            self.cancel_error,
            self.doubt_error,
            self.mailbox_error,
        ):
            label.hide()

    def _set_busy(self, busy: bool) -> None:
        """The form is disabled while a step runs (it keeps what was typed)."""
        self.busy = busy
        self.stack.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        self.cancel_case_button.setEnabled(not busy)
        self.open_button.setEnabled(not busy)

    def _typing_for(self, button: QPushButton) -> None:
        self._clear_answers()
        button.setDefault(True)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Enter runs the action of the field being typed in (Check, Submit, Open)."""
        if new is None or not self.isAncestorOf(new):
            return
        button = self._checks.get(new)
        if button is None and new is self.new_email:
            button = self.submit_button
        elif button is None and new is self.cancel_reason:
            button = self.confirm_cancel
        if button is not None:
            button.setDefault(True)

    def done(self, result: int) -> None:
        for secret in self._checks:
            if isinstance(secret, QLineEdit):
                secret.clear()
        app = QApplication.instance()
        if self._watching_focus and isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
            self._watching_focus = False
        super().done(result)


def _state_style(state: FactorState) -> str:
    if state.status is FactorStatus.PASSED:
        return _OK_STYLE
    if state.status in (FactorStatus.LOCKED, FactorStatus.FAILED):
        return ERROR_STYLE
    if state.status is FactorStatus.PENDING:
        return HINT_STYLE
    if state.status is FactorStatus.NOT_POSSIBLE:
        return "color: palette(placeholder-text);"
    return ""


def _template(template: str) -> str:
    """What a queued message is, in words (the mail system's template names)."""
    names = {
        "identity_letter_code": QCoreApplication.translate("IdentityCaseDialog", "letter code"),
        "identity_sms_code": QCoreApplication.translate("IdentityCaseDialog", "SMS code"),
        "identity_confirm_current_email": QCoreApplication.translate(
            "IdentityCaseDialog", "confirmation link"
        ),
        "identity_confirm_new_email": QCoreApplication.translate(
            "IdentityCaseDialog", "confirmation link for the new address"
        ),
        "email_changed_notice": QCoreApplication.translate(
            "IdentityCaseDialog", "notice of the e-mail change"
        ),
        "email_changed_letter": QCoreApplication.translate(
            "IdentityCaseDialog", "notice of the e-mail change"
        ),
    }
    return names.get(template, template)


def _channel(channel: str) -> str:
    names = {
        "email": QCoreApplication.translate("IdentityCaseDialog", "E-mail"),
        "letter": QCoreApplication.translate("IdentityCaseDialog", "Letter"),
        "sms": QCoreApplication.translate("IdentityCaseDialog", "SMS"),
    }
    return names.get(channel, channel)
