"""The admin's dialogs (SPEC §0 admin, V-1, V-7): a new agent, and new keys for an agent
who forgot their passphrase.

Both ask for an initial passphrase twice (hidden, at least 12 characters, never shown
again and never logged); the service checks it and the rest. A refusal appears at its
field and everything typed stays, so the admin corrects one field and tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.admin import (
    AdminOverview,
    AdminService,
    AgentRow,
    Role,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.dialog_height import grow_to_fit
from kcp_desk.views.field_rows import ERROR_STYLE, FieldRows, WrappedLabel, fit_height
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation

__all__ = ["NewAgentDialog", "ResetKeysDialog", "role_names"]

#: the services' minimum (V-1); the service checks it, the hint only says it
MIN_PASSPHRASE = 12


def role_names() -> dict[str, str]:
    """The roles as the admin screen names them, in the order it offers them."""

    # literal translate calls: lupdate finds the context only in those
    return {
        str(Role.AGENT): QCoreApplication.translate("AdminPage", "Agent"),
        str(Role.LEAD): QCoreApplication.translate("AdminPage", "Team lead"),
        str(Role.ADMIN): QCoreApplication.translate("AdminPage", "Admin"),
    }


class _PassphraseDialog(QDialog):
    """A form with an initial passphrase twice; the subclass runs the service."""

    #: the overview the service returned after the change
    done_with = Signal(object)

    def __init__(self, admin: AdminService, session: AgentSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._admin = admin
        self._session = session
        #: an operation is in flight (the buttons are disabled meanwhile)
        self.running = False
        self.setMinimumWidth(520)
        self.intro = WrappedLabel()
        self.intro.setObjectName("admin_dialog_intro")
        self.form = QFormLayout()
        self.rows = FieldRows(self.form, prefix="admin")
        self.error = WrappedLabel()
        self.error.setObjectName("admin_dialog_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setDefault(True)
        self.ok.setAutoDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _add_passphrases(self) -> None:
        first = self.rows.add("passphrase", self.tr("Initial passphrase"))
        again = self.rows.add("passphrase_again", self.tr("Passphrase again"))
        for edit in (first, again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(280)
            edit.returnPressed.connect(self.submit)
        self.rows.show_hint(
            "passphrase",
            self.tr(
                "At least {0} characters. Hand it over in person, never by e-mail or "
                "ticket; it is not shown again."
            ).format(MIN_PASSPHRASE),
        )

    def passphrase(self) -> str:
        return self.rows.edits["passphrase"].text()  # not stripped: it is a secret

    def submit(self) -> None:
        if self.running:
            return
        self.rows.clear_errors()
        self.error.hide()
        if self.passphrase() != self.rows.edits["passphrase_again"].text():
            label = self.rows.errors["passphrase_again"]
            label.setText(self.tr("The two passphrases differ."))
            label.show()
            self.rows.edits["passphrase_again"].setFocus()
            grow_to_fit(self)
            return
        self._busy(True)
        Operation(self, self._call()).success(self._done).failure(self._refused).run()

    def _call(self) -> Callable[[], AdminOverview]:
        raise NotImplementedError

    def _busy(self, busy: bool) -> None:
        self.running = busy
        self.ok.setEnabled(not busy)
        for edit in self.rows.edits.values():
            edit.setReadOnly(busy)

    def _done(self, overview: AdminOverview) -> None:
        self._busy(False)
        for key in ("passphrase", "passphrase_again"):
            self.rows.edits[key].clear()
        self.done_with.emit(overview)
        self.accept()

    def _refused(self, error: KcpError) -> None:
        self._busy(False)
        for unplaced in self.rows.show(error):
            self.error.setText(error_text(unplaced))
            self.error.show()
        grow_to_fit(self)


class NewAgentDialog(_PassphraseDialog):
    """User name, display name, role and the initial passphrase; default button Create."""

    def __init__(self, admin: AdminService, session: AgentSession, parent: QWidget) -> None:
        super().__init__(admin, session, parent)
        self.setObjectName("new_agent_dialog")
        self.setWindowTitle(self.tr("New agent"))
        self.intro.setText(
            self.tr(
                "The new agent signs in with the initial passphrase. Their keys are made "
                "now and certified with your key."
            )
        )
        self.rows.add("username", self.tr("User name"))
        self.rows.add("display_name", self.tr("Name"))
        self.role = QComboBox()
        self.role.setObjectName("admin_role")
        for value, name in role_names().items():
            self.role.addItem(name, value)
        self.form.addRow(fit_height(QLabel(self.tr("Role"))), self.role)
        self._add_passphrases()
        for key in ("username", "display_name"):
            self.rows.edits[key].returnPressed.connect(self.submit)
        self.ok.setText(self.tr("Create"))
        self.rows.edits["username"].setFocus()

    def _call(self) -> Callable[[], AdminOverview]:
        texts = self.rows.texts()
        admin, session = self._admin, self._session
        username, display_name = texts["username"], texts["display_name"]
        role, passphrase = Role(self.role.currentData()), self.passphrase()

        def create() -> AdminOverview:
            return admin.create_agent(
                session,
                username=username,
                display_name=display_name,
                role=role,
                passphrase=passphrase,
            )

        return create

    @property
    def username(self) -> str:
        return self.rows.texts()["username"]


class ResetKeysDialog(_PassphraseDialog):
    """New keys (version + 1) for an agent, sealed under a passphrase the admin hands over."""

    def __init__(
        self, admin: AdminService, session: AgentSession, agent: AgentRow, parent: QWidget
    ) -> None:
        super().__init__(admin, session, parent)
        self.setObjectName("reset_keys_dialog")
        self.agent = agent
        self.setWindowTitle(self.tr("Reset keys of {0}").format(agent.display_name))
        text = self.tr(
            "{0} gets new keys and signs in with the initial passphrase. Workstations "
            "that remembered {0} forget it, and access to credentials is granted again "
            "by a lead's desk."
        ).format(agent.display_name)
        if agent.role == str(Role.LEAD):
            text += " " + self.tr("The dispatch key is rotated.")
        self.intro.setText(text)
        self._add_passphrases()
        self.ok.setText(self.tr("Reset keys"))
        self.rows.edits["passphrase"].setFocus()

    def _call(self) -> Callable[[], AdminOverview]:
        admin, session, a, passphrase = self._admin, self._session, self.agent, self.passphrase()
        return lambda: admin.reset_keys(session, a.agent_id, a.version, passphrase)
