"""The admin screen (SPEC §0 admin, V-7, V-8): the agents with their role, state, key
version and certificate, what an admin does to one of them, and the dispatch key.

The service decides and refuses (an admin cannot act on their own account, a stale row
is refused); the page only offers what makes sense for the selected row, asks before
what cannot be undone, runs every call off the GUI thread and shows the overview the
service returns, with the same agent still selected.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError, StaleEdit
from kcp_desk.services.admin import (
    AdminOverview,
    AdminService,
    AgentRow,
    DispatchStatus,
    Role,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.admin_dialogs import NewAgentDialog, ResetKeysDialog, role_names
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel, fit_height
from kcp_desk.views.fit_columns import FitColumns
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel

__all__ = ["AdminPage", "AgentTableModel"]

_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DISABLED_COLOUR = "#8a8a8a"
_PROBLEM_COLOUR = "#b00020"
_OK_STYLE = "color: #1b5e20;"


class AgentTableModel(DtoTableModel[AgentRow]):
    """The agents as the admin sees them; disabled rows grey, a certificate problem red
    (its technical reason in the tooltip)."""

    COL_NAME, COL_USERNAME, COL_ROLE, COL_STATE, COL_KEY, COL_CERTIFICATE, COL_DISPATCH = range(7)

    def __init__(self, parent: Any = None) -> None:
        roles = role_names()
        super().__init__(
            [
                Column(self.tr("Name"), lambda a: a.display_name),
                Column(self.tr("User name"), lambda a: a.username),
                Column(self.tr("Role"), lambda a: roles.get(a.role, a.role)),
                Column(self.tr("State"), self._state),
                Column(self.tr("Key version"), lambda a: str(a.key_version), align_right=True),
                Column(self.tr("Certificate"), self._certificate, tooltip=self._why),
                Column(self.tr("Dispatch key"), self._dispatch),
            ],
            parent,
        )

    def _state(self, a: AgentRow) -> str:
        return self.tr("active") if a.active else self.tr("disabled")

    def _certificate(self, a: AgentRow) -> str:
        return "✓" if not a.certificate_problem else self.tr("Not certified")

    def _why(self, a: AgentRow) -> str:
        if not a.certificate_problem:
            return self.tr("Role and keys are certified by an admin.")
        # the service's reason is technical English (for the audit log); it stays so
        return self.tr("Not certified: {0}").format(a.certificate_problem)

    def _dispatch(self, a: AgentRow) -> str:
        if a.role != str(Role.LEAD):
            return ""
        return self.tr("✓ holds it") if a.holds_dispatch_key else self.tr("✗ missing")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == _FOREGROUND and index.isValid() and index.row() < self.rowCount():
            a = self.row(index.row())
            column = index.column()
            if column == self.COL_CERTIFICATE and a.certificate_problem:
                return QColor(_PROBLEM_COLOUR)
            lead = a.role == str(Role.LEAD)
            if column == self.COL_DISPATCH and lead and a.active and not a.holds_dispatch_key:
                return QColor(_PROBLEM_COLOUR)
            if not a.active:
                return QColor(_DISABLED_COLOUR)
            return None
        return super().data(index, role)

    def index_of(self, agent_id: int) -> int | None:
        for i in range(self.rowCount()):
            if self.row(i).agent_id == agent_id:
                return i
        return None


class AdminPage(QWidget):
    """Agents, roles, keys and the dispatch key, for an admin."""

    #: the service returned a new overview (an agent or the dispatch key changed)
    changed = Signal()

    def __init__(
        self, admin: AdminService, session: AgentSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._admin = admin
        self._session = session
        self.overview: AdminOverview | None = None
        #: an operation is in flight: every action waits for it
        self.running = False
        #: the open question or dialog (tests answer it)
        self.question: QMessageBox | None = None
        self.dialog: NewAgentDialog | ResetKeysDialog | None = None

        title = fit_height(QLabel(self.tr("Agents and keys")))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.Bold)
        title.setFont(font)
        fit_height(title)
        intro = WrappedLabel(
            self.tr(
                "Every change is signed with your key. You cannot disable your own "
                "account or change your own role."
            )
        )
        intro.setStyleSheet("color: palette(placeholder-text);")

        self.model = AgentTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("admin_agents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self._fit = FitColumns(self.table, (AgentTableModel.COL_NAME, AgentTableModel.COL_USERNAME))
        self.table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self._selection_changed()
        )

        self.new_button = QPushButton(self.tr("New agent…"))
        self.new_button.setObjectName("admin_new_agent")
        self.new_button.clicked.connect(self.new_agent)
        self.disable_button = QPushButton(self.tr("Disable…"))
        self.disable_button.setObjectName("admin_disable")
        self.disable_button.clicked.connect(self.ask_disable)
        self.enable_button = QPushButton(self.tr("Enable"))
        self.enable_button.setObjectName("admin_enable")
        self.enable_button.clicked.connect(self.enable)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("admin_role_choice")
        for value, name in role_names().items():
            self.role_combo.addItem(name, value)
        self.role_combo.currentIndexChanged.connect(lambda _i: self._update_actions())
        self.role_button = QPushButton(self.tr("Change role"))
        self.role_button.setObjectName("admin_change_role")
        self.role_button.clicked.connect(self.change_role)
        self.reset_button = QPushButton(self.tr("Reset keys…"))
        self.reset_button.setObjectName("admin_reset_keys")
        self.reset_button.clicked.connect(self.reset_keys)
        actions = QHBoxLayout()
        actions.addWidget(self.disable_button)
        actions.addWidget(self.enable_button)
        actions.addSpacing(16)
        actions.addWidget(self.role_combo)
        actions.addWidget(self.role_button)
        actions.addSpacing(16)
        actions.addWidget(self.reset_button)
        actions.addStretch(1)

        self.message = WrappedLabel()
        self.message.setObjectName("admin_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        self.dispatch_version = WrappedLabel()
        self.dispatch_version.setObjectName("admin_dispatch_version")
        self.dispatch_orders = WrappedLabel()
        self.dispatch_orders.setObjectName("admin_dispatch_orders")
        self.rotate_button = QPushButton(self.tr("Rotate dispatch key…"))
        self.rotate_button.setObjectName("admin_rotate_dispatch")
        self.rotate_button.clicked.connect(self.ask_rotate)
        panel = QGroupBox(self.tr("Dispatch key"))
        panel.setObjectName("admin_dispatch_panel")
        texts = QVBoxLayout()
        texts.addWidget(self.dispatch_version)
        texts.addWidget(self.dispatch_orders)
        row = QHBoxLayout(panel)
        row.addLayout(texts, 1)
        row.addWidget(self.rotate_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(panel)
        self._update_actions()
        self.refresh()

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the overview again (on showing the page, after a live change)."""
        self._run(self._admin.overview, self._session, done=None)

    def selected(self) -> AgentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select_agent(self, agent_id: int) -> None:
        row = self.model.index_of(agent_id)
        if row is not None:
            self.table.selectRow(row)

    def _show(self, overview: AdminOverview) -> None:
        before = self.selected()
        self.overview = overview
        self.model.set_rows(overview.agents)
        if before is not None:
            self.select_agent(before.agent_id)
        self._show_dispatch(overview.dispatch)
        self._update_actions()

    def _show_dispatch(self, d: DispatchStatus) -> None:
        if d.current_version is None:
            self.dispatch_version.setText(
                self.tr("There is no dispatch key yet: rotate it to make the first one.")
            )
        else:
            self.dispatch_version.setText(
                self.tr(
                    "Dispatch key version {0}, held by %n leads", "", d.leads_holding_it
                ).format(d.current_version)
            )
        if d.orders_on_old_keys:
            self.dispatch_orders.setText(
                self.tr(
                    "%n orders still on an older key — a lead's desk moves them when it next opens",
                    "",
                    d.orders_on_old_keys,
                )
            )
        else:
            self.dispatch_orders.setText(self.tr("Every order is on the current key."))

    # --- actions ------------------------------------------------------------------------

    def _is_me(self, a: AgentRow) -> bool:
        return a.agent_id == self._session.principal.agent_id

    def _update_actions(self) -> None:
        a = self.selected()
        idle = not self.running and self.overview is not None
        other = a is not None and not self._is_me(a)
        self.new_button.setEnabled(idle)
        self.rotate_button.setEnabled(idle)
        self.disable_button.setEnabled(idle and other and a is not None and a.active)
        self.enable_button.setEnabled(idle and other and a is not None and not a.active)
        self.reset_button.setEnabled(idle and other)
        self.role_combo.setEnabled(idle and other)
        choice = self.role_combo.currentData()
        self.role_button.setEnabled(idle and other and a is not None and choice != a.role)
        tip = self.tr("This is your own account.") if a is not None and self._is_me(a) else ""
        for button in (self.disable_button, self.enable_button, self.role_button):
            button.setToolTip(tip)

    def _selection_changed(self) -> None:
        """The role choice starts at the selected agent's role."""
        a = self.selected()
        if a is not None:
            self.role_combo.blockSignals(True)
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(a.role)))
            self.role_combo.blockSignals(False)
        self._update_actions()

    def ask_disable(self) -> None:
        a = self.selected()
        if a is None or self.running:
            return
        box = QMessageBox(self)
        box.setObjectName("admin_disable_question")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Disable {0}?").format(a.display_name))
        box.setText(self.tr("Disable {0}?").format(a.display_name))
        consequences = self.tr(
            "{0} can no longer sign in. {0}'s open tickets and orders go back to the queue "
            "and {0}'s access to credentials is deleted."
        ).format(a.display_name)
        if a.role == str(Role.LEAD):
            consequences += " " + self.tr("The dispatch key is rotated.")
        box.setInformativeText(consequences)
        disable = box.addButton(self.tr("Disable"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            self.question = None
            if box.clickedButton() is disable:
                self._run(
                    self._admin.disable,
                    self._session,
                    a.agent_id,
                    a.version,
                    done=self.tr("{0} is disabled.").format(a.display_name),
                )
            box.deleteLater()

        box.finished.connect(answered)
        self.question = box
        box.open()

    def enable(self) -> None:
        a = self.selected()
        if a is None or self.running:
            return
        self._run(
            self._admin.enable,
            self._session,
            a.agent_id,
            a.version,
            done=self.tr("{0} is active again.").format(a.display_name),
        )

    def change_role(self) -> None:
        a = self.selected()
        if a is None or self.running:
            return
        role = Role(self.role_combo.currentData())
        name = role_names()[str(role)]
        self._run(
            self._admin.change_role,
            self._session,
            a.agent_id,
            a.version,
            role,
            done=self.tr("{0} is now: {1}.").format(a.display_name, name),
        )

    def reset_keys(self) -> None:
        a = self.selected()
        if a is None or self.running:
            return
        dialog = ResetKeysDialog(self._admin, self._session, a, self)
        done = self.tr("{0} has new keys.").format(a.display_name)
        dialog.done_with.connect(lambda overview: self._succeeded(overview, done))
        self._open_dialog(dialog)

    def new_agent(self) -> None:
        if self.running:
            return
        dialog = NewAgentDialog(self._admin, self._session, self)

        def created(overview: AdminOverview) -> None:
            name = dialog.username
            self._succeeded(overview, self.tr("{0} is created.").format(name))
            agent = next((a for a in overview.agents if a.username == name), None)
            if agent is not None:
                self.select_agent(agent.agent_id)

        dialog.done_with.connect(created)
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: NewAgentDialog | ResetKeysDialog) -> None:
        def closed() -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)
        self.dialog = dialog
        dialog.open()

    def ask_rotate(self) -> None:
        if self.running:
            return
        box = QMessageBox(self)
        box.setObjectName("admin_rotate_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Rotate the dispatch key?"))
        box.setText(self.tr("Rotate the dispatch key?"))
        box.setInformativeText(
            self.tr(
                "New orders are encrypted to the new key at once. Every lead with a valid "
                "certificate gets it; orders on the old key move when a lead's desk next "
                "opens."
            )
        )
        rotate = box.addButton(self.tr("Rotate"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            self.question = None
            if box.clickedButton() is rotate:
                self._run(
                    self._admin.rotate_dispatch_key,
                    self._session,
                    done=self.tr("A new dispatch key is in use."),
                )
            box.deleteLater()

        box.finished.connect(answered)
        self.question = box
        box.open()

    # --- running ------------------------------------------------------------------------

    def _run(self, fn: Any, *args: Any, done: str | None) -> None:
        self.running = True
        self._update_actions()
        Operation(self, fn, *args).success(lambda o: self._succeeded(o, done)).failure(
            self._failed
        ).run()

    def _succeeded(self, overview: AdminOverview, done: str | None) -> None:
        self.running = False
        self._show(overview)
        if done is not None:
            self._say(done, error=False)
            self.changed.emit()

    def _failed(self, error: KcpError) -> None:
        self.running = False
        self._update_actions()
        self._say(error_text(error), error=True)
        if isinstance(error, StaleEdit):  # show what the colleague changed; the message stays
            Operation(self, self._admin.overview, self._session).success(self._show).failure(
                lambda _e: None
            ).run()

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else _OK_STYLE)
        self.message.setText(text)
        self.message.show()
