"""The Contact data tab (SPEC C1.4): read-only until "Edit", every error at its field,
nothing typed is lost on a refused save (bad input or a stale version)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.customers import ContactData, ContactSaved, CustomerService
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.field_rows import ERROR_STYLE, FieldRows
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation


def _labels() -> list[tuple[str, str]]:
    return [
        ("salutation", QCoreApplication.translate("ContactForm", "Salutation")),
        ("email", QCoreApplication.translate("ContactForm", "E-mail")),
        ("phone", QCoreApplication.translate("ContactForm", "Phone")),
        ("mobile", QCoreApplication.translate("ContactForm", "Mobile")),
        ("date_of_birth", QCoreApplication.translate("ContactForm", "Date of birth")),
        ("billing.street", QCoreApplication.translate("ContactForm", "Street")),
        ("billing.house_number", QCoreApplication.translate("ContactForm", "House number")),
        ("billing.postcode", QCoreApplication.translate("ContactForm", "Postcode")),
        ("billing.city", QCoreApplication.translate("ContactForm", "City")),
        ("billing.country", QCoreApplication.translate("ContactForm", "Country")),
    ]


def _values(c: ContactData) -> dict[str, str]:
    a = c.billing_address
    return {
        "salutation": c.salutation,
        "email": c.email,
        "phone": c.phone,
        "mobile": c.mobile_e164 or "",
        "date_of_birth": fmt.date(c.date_of_birth),
        "billing.street": a.street if a else "",
        "billing.house_number": a.house_number if a else "",
        "billing.postcode": a.postcode if a else "",
        "billing.city": a.city if a else "",
        "billing.country": a.country if a else "DE",
    }


class ContactForm(QWidget):
    saved = Signal(object)  # ContactSaved
    name_change_requested = Signal()

    def __init__(self, customers: CustomerService, session: AgentSession) -> None:
        super().__init__()
        self._customers = customers
        self._session = session
        self._customer_id = 0
        self._contact: ContactData | None = None

        self.banner = QLabel()
        self.banner.setObjectName("contact_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.name = QLabel()
        self.name.setObjectName("contact_name")
        self.name_change = QPushButton(self.tr("Request name change…"))
        self.name_change.setToolTip(
            self.tr("Name and company change only through a request a team lead approves.")
        )
        self.name_change.clicked.connect(self.name_change_requested)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.name_change)

        form = QFormLayout()
        form.addRow(self.tr("Name / company"), name_row)
        self.rows = FieldRows(form, prefix="field", max_width=520)
        for key, label in _labels():
            self.rows.add(key, label).setReadOnly(True)
        self.fields = self.rows.edits
        self.errors = self.rows.errors
        self.verified = QLabel()
        form.addRow(self.tr("E-mail verified"), self.verified)
        self.phone_password = QLabel()
        form.addRow(self.tr("Phone password"), self.phone_password)
        self.reason = QLineEdit()
        self.reason.setObjectName("field_reason")
        self.reason.setMaximumWidth(520)
        self.reason.setPlaceholderText(self.tr("optional, e.g. “customer called, moved”"))
        self.reason_label = QLabel(self.tr("Reason for the change"))
        form.addRow(self.reason_label, self.reason)

        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setObjectName("edit_contact")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save_contact")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.edit_button, self.cancel_button, self.save_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.edit_button.clicked.connect(lambda: self.set_editing(True))
        self.cancel_button.clicked.connect(self._cancel)
        self.save_button.clicked.connect(self.save)
        self.set_editing(False)

    # --- showing --------------------------------------------------------------------------

    def show_contact(self, customer_id: int, contact: ContactData) -> None:
        self._customer_id = customer_id
        self._contact = contact
        name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        if contact.company:  # the registered name, legal form included
            name = contact.company + (f" ({name})" if name else "")
        if contact.pending_name_change_id:
            name += "  " + self.tr("– name change pending approval")
        self.name.setText(name)
        self.name_change.setEnabled(not contact.pending_name_change_id)
        for key, text in _values(contact).items():
            self.fields[key].setText(text)
        self.verified.setText(fmt.yes_no(contact.email_verified))
        if not contact.phone_password_set:
            self.phone_password.setText(self.tr("not set"))
        elif contact.p_factor_locked_until:
            self.phone_password.setText(
                self.tr("set – locked until {0}").format(
                    fmt.date_time(contact.p_factor_locked_until)
                )
            )
        else:
            self.phone_password.setText(
                self.tr("set since {0}").format(fmt.date_time(contact.phone_password_set_at))
            )

    @property
    def editing(self) -> bool:
        return not self.save_button.isHidden()

    def set_editing(self, editing: bool) -> None:
        for edit in self.fields.values():
            edit.setReadOnly(not editing)
        self.edit_button.setVisible(not editing)
        self.save_button.setVisible(editing)
        self.cancel_button.setVisible(editing)
        self.reason.setVisible(editing)
        self.reason_label.setVisible(editing)
        if editing:
            self.fields["email"].setFocus()
        else:
            self.reason.clear()
            self.rows.clear_errors()

    def _cancel(self) -> None:
        self.banner.hide()
        if self._contact is not None:
            self.show_contact(self._customer_id, self._contact)
        self.set_editing(False)

    # --- saving ---------------------------------------------------------------------------

    def changes(self) -> dict[str, str]:
        assert self._contact is not None
        before = _values(self._contact)
        return {k: e.text() for k, e in self.fields.items() if e.text() != before[k]}

    def save(self) -> None:
        if self._contact is None:
            return
        changes = self.changes()
        if not changes:
            self.set_editing(False)
            return
        self.save_button.setEnabled(False)
        self.banner.hide()
        Operation(
            self,
            self._customers.update_contact,
            self._session,
            self._customer_id,
            self._contact.version,
            changes,
            self.reason.text().strip() or None,
        ).success(self._saved).failure(self._refused).run()

    def _saved(self, result: ContactSaved) -> None:
        self.save_button.setEnabled(True)
        self.set_editing(False)
        self.show_contact(result.customer_id, result.contact)
        self._show_banner(self.tr("Saved."), error=False)
        self.saved.emit(result)

    def _refused(self, err: KcpError) -> None:
        """Keep every typed character; say what is wrong where it is wrong."""
        self.save_button.setEnabled(True)
        for other in self.rows.show(err):  # a stale save, a lost connection …
            self._show_banner(error_text(other), error=True)

    def _show_banner(self, text: str, *, error: bool) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.banner.show()
