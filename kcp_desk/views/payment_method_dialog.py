"""Changing the payment method or bank data (PAY-6)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.billing import BillingService, PaymentMethodSaved
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.field_rows import ERROR_STYLE, FieldRows
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation


class PaymentMethodDialog(QDialog):
    """PAY-6: new payment method or bank data; the full IBAN is never shown again.

    ``method_saved`` also fires when the dialog was closed (by the lock) while the save
    ran, so the tab still shows the new method; a refusal then is ``refused_closed``.
    """

    method_saved = Signal(object)  # PaymentMethodSaved
    refused_closed = Signal(object)  # KcpError

    def __init__(
        self,
        parent: QWidget,
        billing: BillingService,
        session: AgentSession,
        customer_id: int,
        version: int,
        holder: str,
    ) -> None:
        super().__init__(parent)
        self._billing = billing
        self._session = session
        self._customer_id = customer_id
        self._version = version
        self.saved: PaymentMethodSaved | None = None
        self.saving = False
        self.setWindowTitle(self.tr("Change payment method"))
        self.setMinimumWidth(460)
        self.method = QComboBox()
        for value in ("sepa_direct_debit", "bank_transfer", "credit_card", "paypal"):
            self.method.addItem(fmt.value(value), value)
        form = QFormLayout()
        form.addRow(self.tr("Payment method"), self.method)
        self.rows = FieldRows(form, prefix="pay")
        for key, label, text in (
            ("holder", self.tr("Account holder"), holder),
            ("iban", self.tr("IBAN"), ""),
            ("bic", self.tr("BIC (optional)"), ""),
            ("signed_place", self.tr("Mandate signed at"), ""),
            ("reason", self.tr("Reason"), ""),
        ):
            self.rows.add(key, label, text)
        self.inputs = self.rows.edits
        self.general = QLabel()
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()

    def _method_changed(self) -> None:
        sepa = self.method.currentData() == "sepa_direct_debit"
        for key in ("holder", "iban", "bic", "signed_place"):
            self.inputs[key].setEnabled(sepa)

    def _submit(self) -> None:
        text = self.rows.texts()
        sepa = self.method.currentData() == "sepa_direct_debit"
        self.save.setEnabled(False)
        self.general.hide()
        self.saving = True
        Operation(
            self,
            self._billing.change_payment_method,
            self._session,
            self._customer_id,
            self._version,
            self.method.currentData(),
            reason=text["reason"],
            iban=text["iban"] if sepa else None,
            bic=(text["bic"] or None) if sepa else None,
            holder=text["holder"] if sepa else None,
            signed_place=text["signed_place"] if sepa else "",
        ).success(self._done).failure(self._refused).run()

    def _done(self, saved: PaymentMethodSaved) -> None:
        self.saving = False
        self.inputs["iban"].clear()  # the full IBAN leaves the screen at once
        self.saved = saved
        self.method_saved.emit(saved)
        if self.isVisible():
            self.accept()
        else:
            self.deleteLater()

    def _refused(self, err: KcpError) -> None:
        """Every typed character stays (the IBAN too: it is the agent's input), Save
        is enabled again."""
        self.saving = False
        self.save.setEnabled(True)
        if not self.isVisible():
            self.inputs["iban"].clear()
            self.refused_closed.emit(err)
            self.deleteLater()
            return
        for other in self.rows.show(err):
            self.general.setText(error_text(other))
            self.general.show()
