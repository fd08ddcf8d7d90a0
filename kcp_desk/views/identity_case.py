"""The identity case (SPEC C2, issue 12): restore access, or change the e-mail address.

One dialog walks the agent through it:

1. *Start* (:mod:`~kcp_desk.views.identity_start`): how the caller was found, whether
   they still have the mailbox, an optional note of a doubt; "Open case".
2. *The case* (:mod:`~kcp_desk.views.identity_case_page`): the policy's answer on top,
   one row per factor P, E, L, M, D (:mod:`~kcp_desk.views.identity_factors`), the new
   e-mail once the policy allows it ("Submit for approval" hands the case to a team
   lead, ID-4), then a read-only summary. "Cancel case…" with a reason. A closed case
   (from History) opens read-only.

This module runs the steps: every step goes through
:class:`~kcp_desk.views.operation.Operation`, the page is disabled while it runs and
shows the fresh case the service returns. Errors appear at their field; what was typed
stays, except the secret fields, which are emptied the moment a try starts. Closing
with a typed new e-mail, cancel reason or doubt note asks first (views/unsaved.py).
While a code or link is out, the case is fetched again (:mod:`.identity_refresh`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.identity.dto import CaseDTO, StepOutcome
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel
from kcp_desk.views.identity_case_page import CasePage
from kcp_desk.views.identity_factors import button, error_label
from kcp_desk.views.identity_refresh import REFRESH_MS, PendingRefresh
from kcp_desk.views.identity_start import StartPage
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation
from kcp_desk.views.unsaved import UnsavedGuard

if TYPE_CHECKING:
    from kcp_desk.services.identity import IdentityService

__all__ = ["IdentityCaseDialog"]


class IdentityCaseDialog(QDialog):
    """The case of one customer; see the module docstring for the steps.

    ``case_id``: open that case (History: read-only once closed). Without it the
    dialog asks for the customer's open case and starts a new one when there is none.
    ``refresh_ms``: the interval of the refresh while something is pending (tests).
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
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._session = session
        self._customer_id = customer_id
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
        self.start_page = StartPage(email_masked)
        self.case_page = CasePage()
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
        self._reach_the_pages()

        #: an error that belongs to no field (a database fault, a stale case)
        self.general_error = error_label("case_general_error")
        self.refresh_button = button(self.tr("Refresh"), "refresh_case")
        self.refresh_button.setToolTip(
            self.tr("Load the case again (e.g. after the customer clicked the link).")
        )
        self.refresh_button.clicked.connect(self.reload)
        self.cancel_case_button = button(self.tr("Cancel case…"), "cancel_case")
        self.cancel_case_button.clicked.connect(self._ask_cancel_reason)
        #: an error label → the field to put the cursor in (what was typed is there)
        self._field_of: dict[QWidget, QLineEdit] = {
            self.new_email_error: self.new_email,
            self.cancel_error: self.cancel_reason,
            self.doubt_error: self.doubt_note,
        }
        self.open_button = button(self.tr("Open case"), "open_case")
        self.open_button.clicked.connect(self._open_case)
        self.close_button = button(self.tr("Close"), "close_case")
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

        factors = self.case_page.factors
        factors.check_p_requested.connect(self._check_p)
        factors.code_requested.connect(self._check_code)
        factors.send_requested.connect(self._send)
        factors.document_recorded.connect(lambda accepted: self._record_document(accepted))
        self.case_page.submit_requested.connect(self._submit)
        self.case_page.cancel_requested.connect(self._cancel)
        for field_, check in self._checks.items():
            if isinstance(field_, QLineEdit):
                # typing clears the last answer and makes Enter run this field's Check
                field_.textEdited.connect(lambda _t, b=check: self._typing_for(b))

        #: typed input (doubt note, new e-mail, cancel reason) is asked about on closing
        self.guard = UnsavedGuard(self)
        self.guard.add(self.start_page)
        self.guard.add(self.case_page)
        #: fetches the case again while a code or link is pending (follows show_case)
        self.refresh = PendingRefresh(
            self,
            service,
            session,
            interval_ms=refresh_ms,
            may_run=self._may_refresh,
            show=self._refreshed,
            error=self.general_error,
        )

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

    def _reach_the_pages(self) -> None:
        """The pages' widgets under the names tests, screenshots and the steps use."""
        start, page, factors = self.start_page, self.case_page, self.case_page.factors
        self.knowledge = start.knowledge
        self.mailbox_question = start.mailbox_question
        self.mailbox_yes, self.mailbox_no = start.mailbox_yes, start.mailbox_no
        self.mailbox_error = start.mailbox_error
        self.doubt_note, self.doubt_error = start.doubt_note, start.doubt_error
        self.start_error = start.start_error
        self.summary, self.found_by = page.summary, page.found_by
        self.policy_box = page.policy_box
        self.policy_steps, self.policy_doubts = page.policy_steps, page.policy_doubts
        self.attempts, self.outcome, self.queued = page.attempts, page.outcome, page.queued
        self.new_email_box, self.new_email_hint = page.new_email_box, page.new_email_hint
        self.new_email, self.new_email_error = page.new_email, page.new_email_error
        self.submit_button = page.submit_button
        self.cancel_area, self.cancel_reason = page.cancel_area, page.cancel_reason
        self.confirm_cancel, self.cancel_error = page.confirm_cancel, page.cancel_error
        self.rows = factors.rows
        self.p_field, self.p_check = factors.p_field, factors.p_check
        self.send_link = factors.send_link
        self.send_letter = factors.send_letter
        self.letter_code, self.letter_check = factors.letter_code, factors.letter_check
        self.send_sms = factors.send_sms
        self.sms_code, self.sms_check = factors.sms_code, factors.sms_check
        self.document_type = factors.document_type
        self.register_extract = factors.register_extract
        self.document_ok, self.document_bad = factors.document_ok, factors.document_bad
        self._checks = factors.checks

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
        self._show_page(self.case_scroll)
        self.setWindowTitle(
            self.tr("Identity case – {0} {1}").format(case.customer_number, case.customer_name)
        )
        self.start_page.discard_changes()  # the note went into the case
        self.case_page.show_case(case, editable=not self.read_only)
        self.cancel_case_button.setVisible(CasePage.cancellable(case))
        self.refresh.follow(case)

    # --- the quiet refresh while a code or link is out ----------------------------------

    def _may_refresh(self) -> bool:
        """Not while a step runs or a question is open, and not while the agent is in a
        field of the case with something typed (the fresh case could disable it)."""
        focus = self.focusWidget()
        typed = (
            isinstance(focus, QLineEdit)
            and bool(focus.text())
            and self.case_page.isAncestorOf(focus)
        )
        return not (self.busy or self.guard.busy or typed) and self.isVisible()

    def _refreshed(self, case: CaseDTO) -> None:
        old = self.case
        self.show_case(case)
        if old is None or (old.state, old.policy, old.attempts) != (
            case.state,
            case.policy,
            case.attempts,
        ):
            self.case_changed.emit(case)  # e.g. History shows E passed; not every 15 s

    # --- the steps ----------------------------------------------------------------------

    def _open_case(self) -> None:
        if self.busy:
            return
        self.start_error.hide()
        choices = self.start_page.choices()
        if choices is None:
            return
        self._run(
            self._service.open_case,
            self._customer_id,
            has_mailbox=choices.has_mailbox,
            knowledge=choices.knowledge,
            doubt_note=choices.doubt_note,
        )

    def _check_p(self) -> None:
        if self.busy or self.case is None:
            return
        spoken = self._take_secret("P")
        if spoken is not None:
            self._run(self._service.try_phone_password, self.case.case_id, spoken, answer_for="P")

    def _check_code(self, factor: str) -> None:
        if self.busy or self.case is None:
            return
        typed = self._take_secret(factor)
        if typed is not None:
            self._code_factor = factor
            self._run(self._service.enter_code, self.case.case_id, factor, typed, answer_for=factor)

    def _take_secret(self, factor: str) -> str | None:
        typed = self.case_page.factors.take_secret(factor)  # the field is emptied at once
        if typed is None:
            self.case_scroll.ensureWidgetVisible(self.rows[factor].error)
        return typed

    def _send(self, factor: str) -> None:
        if self.busy or self.case is None:
            return
        fn = {
            "E": self._service.send_link,
            "L": self._service.send_letter,
            "M": self._service.send_sms,
        }[factor]
        self._run(fn, self.case.case_id, sent=factor)

    def _record_document(self, accepted: bool) -> None:
        if self.busy or self.case is None:
            return
        documents = self.case_page.factors.documents(self.case.is_company)
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
        self.case_page.ask_cancel_reason()
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
        factors = self.case_page.factors
        if isinstance(result, StepOutcome) and answer_for is not None:
            factors.say_outcome(answer_for, result)
        elif sent is not None:
            factors.say_sent(case, sent)
        elif recorded is not None:
            factors.say_recorded(recorded)
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
        if self.stack.currentWidget() is self.start_page:
            return self.start_page.error_label(field)
        label = self.case_page.error_label(field, factor, self._code_factor)
        return label if label is not None else self.general_error

    def _field_error(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.show()
        field_ = self._field_of.get(label)
        if field_ is not None:
            field_.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.stack.currentWidget() is self.case_scroll and label is not self.general_error:
            self.case_scroll.ensureWidgetVisible(label)

    def _clear_answers(self) -> None:
        self.start_page.clear_errors()
        self.case_page.clear_errors()
        self.general_error.hide()

    def _set_busy(self, busy: bool) -> None:
        """The form is disabled while a step runs (it keeps what was typed)."""
        if busy:
            self.refresh.foreground_started()  # a refresh in flight is older than this
        self.busy = busy
        self.stack.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        self.cancel_case_button.setEnabled(not busy)
        self.open_button.setEnabled(not busy)

    def _typing_for(self, check: QPushButton) -> None:
        self._clear_answers()
        check.setDefault(True)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Enter runs the action of the field being typed in (Check, Submit, Open)."""
        if new is None or not self.isAncestorOf(new):
            return
        default = self.case_page.default_for(new)
        if default is not None:
            default.setDefault(True)

    # --- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        """Close, Esc and the window's close button (``QDialog.closeEvent`` calls this):
        a typed doubt note, new e-mail or cancel reason is asked about first ("Discard
        changes?", Cancel the default); the secret fields are emptied, never asked about.
        """
        self.guard.confirm(super().reject, can_save=False)

    def done(self, result: int) -> None:
        self.refresh.stop()
        for secret in self._checks:
            if isinstance(secret, QLineEdit):
                secret.clear()
        app = QApplication.instance()
        if self._watching_focus and isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
            self._watching_focus = False
        super().done(result)
