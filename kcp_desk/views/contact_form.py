"""The Contact data tab (SPEC C1.4): read-only until "Edit", every error at its field,
nothing typed is lost on a refused save (bad input, a busy database, a lock, a stale
version). After a stale-version refusal, "Reload and keep my input" loads the
colleague's save and marks what they changed, keeping every typed character.

The e-mail address is shown, never edited here: "Change e-mail…" asks for the identity
case (C2, issue 12), and the form sends no ``email`` at all (the service refuses one)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError, StaleEdit
from kcp_desk.services.customers import (
    ContactData,
    ContactSaved,
    CustomerDetail,
    CustomerService,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.field_rows import ERROR_STYLE, FieldRows, WrappedLabel, fit_height
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation


def _labels() -> list[tuple[str, str]]:
    """The editable fields, in form order (the e-mail row follows the first)."""
    return [
        ("salutation", QCoreApplication.translate("ContactForm", "Salutation")),
        ("phone", QCoreApplication.translate("ContactForm", "Phone")),
        ("mobile", QCoreApplication.translate("ContactForm", "Mobile")),
        ("date_of_birth", QCoreApplication.translate("ContactForm", "Date of birth")),
        ("billing.street", QCoreApplication.translate("ContactForm", "Street")),
        ("billing.house_number", QCoreApplication.translate("ContactForm", "House number")),
        ("billing.postcode", QCoreApplication.translate("ContactForm", "Postcode")),
        ("billing.city", QCoreApplication.translate("ContactForm", "City")),
        ("billing.country", QCoreApplication.translate("ContactForm", "Country")),
    ]


#: a field that cannot be typed into looks like text, not like an enabled input (issue 9)
READ_ONLY_STYLE = "QLineEdit { background: transparent; border: none; padding-left: 0; }"


def _values(c: ContactData) -> dict[str, str]:
    a = c.billing_address
    return {
        "salutation": c.salutation,
        "phone": c.phone,
        "mobile": fmt.phone_number(c.mobile_e164),
        "date_of_birth": fmt.date(c.date_of_birth),
        "billing.street": a.street if a else "",
        "billing.house_number": a.house_number if a else "",
        "billing.postcode": a.postcode if a else "",
        "billing.city": a.city if a else "",
        "billing.country": a.country if a else "DE",
    }


class ContactForm(QWidget):
    saved = Signal(object)  # ContactSaved
    #: "Reload and keep my input" loaded the customer anew (the form merged it already)
    reloaded = Signal(object)  # CustomerDetail
    name_change_requested = Signal()
    #: "Change e-mail…": the agent wants the identity case (C2) that alone sets it
    email_change_requested = Signal()

    def __init__(self, customers: CustomerService, session: AgentSession) -> None:
        super().__init__()
        self._customers = customers
        self._session = session
        self._customer_id = 0
        self._contact: ContactData | None = None
        #: the unsaved-changes guard waits for this save's answer (UnsavedEditor)
        self._after_save: Callable[[bool], None] | None = None

        self.banner = WrappedLabel()
        self.banner.setObjectName("contact_banner")
        self.banner.hide()

        self.name = QLabel()
        self.name.setObjectName("contact_name")
        #: the contact person of a company (or the company of a person), in small type
        self.name_detail = QLabel()
        self.name_detail.setObjectName("contact_name_detail")
        self.name_detail.setStyleSheet("color: palette(placeholder-text);")
        self.name_detail.hide()
        self.name_change = QPushButton(self.tr("Request name change…"))
        self.name_change.setToolTip(
            self.tr("Name and company change only through a request a team lead approves.")
        )
        self.name_change.clicked.connect(self.name_change_requested)
        name_box = QVBoxLayout()
        name_box.setSpacing(0)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_detail)
        name_row = QHBoxLayout()
        name_row.addLayout(name_box, 1)
        name_row.addWidget(self.name_change, alignment=Qt.AlignmentFlag.AlignTop)

        form = QFormLayout()
        for name_label in (self.name, self.name_detail):
            fit_height(name_label)
        form.addRow(fit_height(QLabel(self.tr("Name / company"))), name_row)
        self.rows = FieldRows(form, prefix="field", max_width=520)
        # the e-mail: shown like the other fields when read-only, but never editable
        # (not in ``rows``: no dirty tracking, nothing sent on Save)
        self.email = QLineEdit()
        self.email.setObjectName("field_email")
        self.email.setReadOnly(True)
        self.email.setFrame(False)
        self.email.setStyleSheet(READ_ONLY_STYLE)
        self.email.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab skips it; copy works
        self.change_email = QPushButton(self.tr("Change e-mail…"))
        self.change_email.setObjectName("change_email")
        self.change_email.setToolTip(
            self.tr(
                "Opens an identity case: a new e-mail address needs two factors (e.g. "
                "the phone password and a letter code) and a team lead's approval."
            )
        )
        self.change_email.clicked.connect(self.email_change_requested)
        email_row = QHBoxLayout()
        email_row.addWidget(self.email, 1)
        email_row.addWidget(self.change_email, alignment=Qt.AlignmentFlag.AlignTop)
        for index, (key, label) in enumerate(_labels()):
            self.rows.add(key, label).setReadOnly(True)
            if index == 0:
                form.addRow(fit_height(QLabel(self.tr("E-mail"))), email_row)
        self.fields = self.rows.edits
        self.errors = self.rows.errors
        self.verified = fit_height(QLabel())
        form.addRow(fit_height(QLabel(self.tr("E-mail verified"))), self.verified)
        self.phone_password = fit_height(QLabel())
        form.addRow(fit_height(QLabel(self.tr("Phone password"))), self.phone_password)
        self.reason = QLineEdit()
        self.reason.setObjectName("field_reason")
        self.reason.setMaximumWidth(520)
        self.reason.setPlaceholderText(self.tr("optional, e.g. “customer called, moved”"))
        self.reason_label = fit_height(QLabel(self.tr("Reason for the change")))
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

        self.reload_button = QPushButton(self.tr("Reload and keep my input"))
        self.reload_button.setObjectName("reload_keep_input")
        self.reload_button.setToolTip(
            self.tr(
                "Loads what was saved meanwhile; your typed text stays, and each field a "
                "colleague changed shows their value."
            )
        )
        self.reload_button.clicked.connect(self.reload_keeping_input)
        self.reload_button.hide()
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reload_button, alignment=Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.addLayout(banner_row)
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
        self.rows.clear_hints()
        self.reload_button.hide()
        self._show_read_only(contact)
        for key, text in _values(contact).items():
            self.fields[key].setText(text)

    def _show_read_only(self, contact: ContactData) -> None:
        """Everything but the editable fields."""
        # the header's name (the legal form once), then who else the record names
        name = contact.display_name
        person = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        detail = ""
        if contact.kind == "company" and person and person != name:
            detail = self.tr("Contact person: {0}").format(person)
        elif contact.kind != "company" and contact.company:
            detail = self.tr("Company: {0}").format(contact.company)
        if contact.pending_name_change_id:
            name += "  " + self.tr("– name change pending approval")
        self.name.setText(name)
        self.name_detail.setText(detail)
        self.name_detail.setVisible(bool(detail))
        self.name_change.setEnabled(not contact.pending_name_change_id)
        self.email.setText(contact.email)
        self.email.setCursorPosition(0)
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
            edit.setFrame(editing)
            edit.setStyleSheet("" if editing else READ_ONLY_STYLE)
        self.edit_button.setVisible(not editing)
        self.save_button.setVisible(editing)
        self.cancel_button.setVisible(editing)
        self.reason.setVisible(editing)
        self.reason_label.setVisible(editing)
        if editing:
            next(iter(self.fields.values())).setFocus()  # the first editable field
        else:
            self.reason.clear()
            self.rows.clear_errors()

    def _cancel(self) -> None:
        self.banner.hide()
        self.reload_button.hide()
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
            self._show_banner(self.tr("Nothing to save: no field was changed."), error=False)
            self._answer_guard(True)
            return
        self.save_button.setEnabled(False)
        self.banner.hide()
        self.reload_button.hide()
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
        self.rows.clear_hints()
        self.set_editing(False)
        self.show_contact(result.customer_id, result.contact)
        self._show_banner(self.tr("Saved."), error=False)
        self.saved.emit(result)
        self._answer_guard(True)

    def _refused(self, err: KcpError) -> None:
        """Keep every typed character; say what is wrong where it is wrong."""
        self.save_button.setEnabled(True)
        for other in self.rows.show(err):  # a stale save, a lost connection, a lock …
            self._show_banner(error_text(other), error=True)
        self.reload_button.setVisible(isinstance(err, StaleEdit))
        self._answer_guard(False)

    # --- the unsaved-changes guard (views/unsaved.py) -----------------------------------

    def has_unsaved_changes(self) -> bool:
        return (
            self.editing
            and self._contact is not None
            and bool(self.changes() or self.reason.text().strip())
        )

    def save_changes(self, done: Callable[[bool], None]) -> None:
        self._after_save = done
        self.save()

    def discard_changes(self) -> None:
        self._after_save = None
        self._cancel()

    def _answer_guard(self, ok: bool) -> None:
        done, self._after_save = self._after_save, None
        if done is not None:
            done(ok)

    def take_reload(self, fresh: ContactData) -> None:
        """A reload of the customer (e.g. after a caller check) while editing: every
        typed character stays; what a colleague saved meanwhile becomes the base of the
        next save and is marked at its field."""
        if self._contact is None or fresh.version == self._contact.version:
            if self._contact is not None:
                self._show_read_only(fresh)  # e.g. the phone password's lock
                self._contact = fresh
            return
        if self.merge(fresh):
            self._show_banner(
                self.tr(
                    "A colleague changed this customer meanwhile; their values are marked "
                    "below, your input is kept."
                ),
                error=False,
            )

    # --- reloading without losing the input ------------------------------------------------

    def reload_keeping_input(self) -> None:
        """Load the colleague's save; the next Save goes against their version."""
        if self._contact is None:
            return
        self.reload_button.setEnabled(False)
        self.save_button.setEnabled(False)  # a save now would be refused as stale again
        Operation(
            self, self._customers.detail, self._session, self._customer_id, reload=True
        ).success(self._reloaded).failure(self._reload_failed).run()

    def _reloaded(self, detail: CustomerDetail) -> None:
        self.reload_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if detail.customer_id != self._customer_id or self._contact is None:
            return  # another customer was opened meanwhile
        changed = self.merge(detail.contact)
        self.reload_button.hide()
        self._show_banner(
            self.tr(
                "Reloaded. Fields a colleague changed meanwhile are marked below; your "
                "input is kept. Save to apply it."
            )
            if changed
            else self.tr(
                "Reloaded; nobody changed these fields meanwhile. Save to apply your input."
            ),
            error=False,
        )
        self.reloaded.emit(detail)

    def _reload_failed(self, err: KcpError) -> None:
        self.reload_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._show_banner(error_text(err), error=True)

    def merge(self, fresh: ContactData) -> list[str]:
        """Take ``fresh`` as the base of the next save without losing any typed text.

        Per field a colleague changed: untouched here, it takes their value; typed over
        here, it keeps the typed text and shows their value under it. Returns the
        fields the colleague changed.
        """
        assert self._contact is not None
        base, theirs = _values(self._contact), _values(fresh)
        self.rows.clear_hints()
        changed = [key for key in self.fields if theirs[key] != base[key]]
        for key in changed:
            edit = self.fields[key]
            value = theirs[key] or self.tr("(empty)")
            if edit.text() == base[key]:
                edit.setText(theirs[key])
                was = base[key] or self.tr("(empty)")
                self.rows.show_hint(
                    key, self.tr("Changed meanwhile by a colleague (was: {0}).").format(was)
                )
            elif edit.text() != theirs[key]:
                self.rows.show_hint(
                    key, self.tr("Saved meanwhile by a colleague: {0}").format(value)
                )
        self._contact = fresh
        self._show_read_only(fresh)
        return changed

    def _show_banner(self, text: str, *, error: bool) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.banner.show()
