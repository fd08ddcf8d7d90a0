"""The "Invoices & payment" tab (SPEC C3): the glance, the invoices, mandates, returns,
dunning, and changing the payment method."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.billing import (
    BillingService,
    InvoiceDetail,
    InvoiceListRow,
    InvoicePage,
    PaymentGlance,
    PaymentMethodSaved,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.field_rows import FieldRows
from kcp_desk.views.invoice_document import invoice_html, print_to, write_pdf
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel

_RED, _GREEN = "#b00020", "#1b5e20"
_Index = QModelIndex | QPersistentModelIndex
PAGE = 100


class GlancePanel(QWidget):
    """PAY-5: the answers to "is this customer in arrears, since when, what next?"."""

    def __init__(self) -> None:
        super().__init__()
        self.headline = QLabel()
        self.headline.setObjectName("glance_headline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}
        keys = [
            ("total_open", self.tr("Total open")),
            ("overdue", self.tr("Overdue since")),
            ("dunning", self.tr("Dunning level")),
            ("next_step", self.tr("Next step")),
            ("blocked", self.tr("Services")),
            ("last_payment", self.tr("Last payment")),
            ("last_debit", self.tr("Last direct debit")),
            ("returns", self.tr("Returns (12 months)")),
            ("mandate", self.tr("SEPA mandate")),
            ("method", self.tr("Payment method")),
            ("credit", self.tr("Credit balance")),
        ]
        for i, (key, label) in enumerate(keys):
            value = QLabel()
            value.setObjectName(f"glance_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(label)
            caption.setStyleSheet("color: palette(mid);")
            row, col = divmod(i, 3)
            self.grid.addWidget(caption, row, col * 2)
            self.grid.addWidget(value, row, col * 2 + 1)
            self.values[key] = value
        for col in (1, 3, 5):
            self.grid.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.headline)
        layout.addLayout(self.grid)

    def show_glance(self, g: PaymentGlance) -> None:
        m = fmt.money
        if g.in_arrears:
            self.headline.setText(self.tr("In arrears: {0} overdue").format(m(g.overdue_amount)))
            self.headline.setStyleSheet(f"color: {_RED};")
        else:
            self.headline.setText(self.tr("In good standing – nothing overdue"))
            self.headline.setStyleSheet(f"color: {_GREEN};")
        v = self.values
        v["total_open"].setText(
            self.tr("{0} on {1} invoice(s)").format(m(g.total_open), g.open_invoices)
            + (self.tr(" + {0} fees").format(m(g.open_fees)) if g.open_fees else "")
            if g.open_invoices
            else self.tr("nothing open")
        )
        v["overdue"].setText(
            self.tr("{0} ({1} days)").format(fmt.date(g.oldest_overdue_due_on), g.days_overdue)
            if g.oldest_overdue_due_on
            else "–"
        )
        v["dunning"].setText(fmt.value(g.dunning_level) if g.dunning_level else "–")
        if g.next_step:
            v["next_step"].setText(
                self.tr("{0} on {1} ({2})").format(
                    fmt.value(g.next_step.level),
                    fmt.date(g.next_step.on),
                    g.next_step.invoice_number,
                )
            )
        else:
            v["next_step"].setText("–")
        v["blocked"].setText(self.tr("blocked") if g.services_blocked else self.tr("active"))
        v["blocked"].setStyleSheet(f"color: {_RED};" if g.services_blocked else "")
        v["last_payment"].setText(
            f"{fmt.date(g.last_payment.received_on)}: {m(g.last_payment.amount)}"
            if g.last_payment
            else "–"
        )
        d = g.last_debit
        if d is None:
            v["last_debit"].setText("–")
            v["last_debit"].setStyleSheet("")
        elif d.returned:
            v["last_debit"].setText(
                self.tr("returned {0}: {1} {2}").format(
                    fmt.date(d.on), d.reason_code or "", fmt.return_reason(d.reason_text or "")
                )
            )
            v["last_debit"].setStyleSheet(f"color: {_RED};")
        else:
            v["last_debit"].setText(self.tr("collected {0}").format(fmt.date(d.on)))
            v["last_debit"].setStyleSheet("")
        v["returns"].setText(str(g.returns_last_12_months))
        if g.mandate:
            text = self.tr("{0}: {1}, valid until {2}").format(
                g.mandate.reference, fmt.value(g.mandate.status), fmt.date(g.mandate.expires_on)
            )
            if g.mandate.debits_blocked:
                text += " – " + self.tr("debits blocked")
            v["mandate"].setText(text)
        else:
            v["mandate"].setText("–")
        v["method"].setText(fmt.value(g.payment_method))
        v["credit"].setText(m(g.credit_balance))


class InvoiceListModel(QAbstractTableModel):
    """The customer's invoices, fetched 100 at a time as the list scrolls.

    Every page is read on the worker (Operation): the first one on :meth:`load`, the
    next ones from ``fetchMore``, one at a time. A page for a customer that is no
    longer shown is dropped; after a failed page ``canFetchMore`` is False until
    :meth:`retry`, so a busy database is not asked again at every scroll step.
    """

    busy_changed = Signal(bool)
    #: the first page is in (``rowCount()`` may still be 0: no invoices)
    loaded = Signal()
    failed = Signal(object)  # KcpError

    def __init__(
        self, billing: BillingService, session: AgentSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._billing = billing
        self._session = session
        self._customer_id = 0
        self._rows: list[InvoiceListRow] = []
        self._total = 0
        self._generation = 0  # which load() a page belongs to
        self.busy = False
        self._stopped = False  # a page failed: no more fetching until retry()
        self._columns: list[Column[InvoiceListRow]] = [
            Column(self.tr("Invoice"), lambda i: i.number),
            Column(self.tr("Issued"), lambda i: fmt.date(i.issued_on)),
            Column(self.tr("Due"), lambda i: fmt.date(i.due_on)),
            Column(self.tr("State"), _state_text),
            Column(self.tr("Amount"), lambda i: fmt.money(i.gross), align_right=True),
            Column(self.tr("Open"), lambda i: fmt.money(i.open_amount), align_right=True),
        ]

    def load(self, customer_id: int) -> None:
        """Empty the list now; the first page follows from the worker."""
        self._generation += 1
        self.beginResetModel()
        self._customer_id = customer_id
        self._rows = []
        self._total = 0
        self._stopped = False
        self.endResetModel()
        self._fetch(0)

    def retry(self) -> None:
        """Ask again after a failed page (the first one or a later one)."""
        self._stopped = False
        if self._rows or self._total:
            self.fetchMore(QModelIndex())
        else:
            self._fetch(0)

    def _fetch(self, offset: int) -> None:
        generation = self._generation
        self._set_busy(True)
        Operation(
            self, self._billing.invoices, self._session, self._customer_id, offset, PAGE
        ).success(lambda page: self._arrived(generation, offset, page)).failure(
            lambda err: self._page_failed(generation, err)
        ).run()

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _arrived(self, generation: int, offset: int, page: InvoicePage) -> None:
        if generation != self._generation:
            return  # for a customer no longer shown
        self._set_busy(False)
        if offset == 0:
            self.beginResetModel()
            self._rows = list(page.rows)
            self._total = page.total
            self.endResetModel()
            self.loaded.emit()
            return
        if not page.rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)  # inclusive
        self._rows.extend(page.rows)
        self.endInsertRows()

    def _page_failed(self, generation: int, err: KcpError) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self._stopped = True
        self.failed.emit(err)

    def row(self, index: int) -> InvoiceListRow:
        return self._rows[index]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index) -> bool:
        return (
            not parent.isValid()
            and not self.busy
            and not self._stopped
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: _Index) -> None:
        """The view scrolled to the end: the next page, read on the worker."""
        if self.canFetchMore(parent):
            self._fetch(len(self._rows))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.days_overdue:
            from PySide6.QtGui import QColor

            return QColor(_RED)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None


def _state_text(i: InvoiceListRow) -> str:
    text = fmt.value(i.state)
    if i.dunning_level:
        text += f" · {fmt.value(i.dunning_level)}"
    if i.cancels_number:
        text += f" ({i.cancels_number})"
    return text


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


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
        self.general.setStyleSheet(f"color: {_RED};")
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


class BillingTab(QWidget):
    changed = Signal()
    glance_loaded = Signal(object)  # PaymentGlance

    def __init__(self, billing: BillingService, session: AgentSession) -> None:
        super().__init__()
        self._billing = billing
        self._session = session
        self._customer_id = 0
        self._holder = ""
        self._selected_invoice = 0
        self.glance: PaymentGlance | None = None
        self.invoice: InvoiceDetail | None = None

        self.panel = GlancePanel()
        self.change_method = QPushButton(self.tr("Change payment method…"))
        self.change_method.setObjectName("change_payment_method")
        self.change_method.clicked.connect(self._change_method)
        self.change_method.setEnabled(False)  # until the glance (its version) is in
        self.message = QLabel()
        self.message.setObjectName("billing_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setObjectName("billing_retry")
        self.retry_button.clicked.connect(self._retry_now)
        self.retry_button.hide()
        self.busy = QLabel(self.tr("Loading…"))
        self.busy.setObjectName("billing_busy")
        self.busy.setStyleSheet("color: palette(mid);")
        self.busy.hide()
        self._parts_loading = False
        self._generation = 0

        self.invoices = InvoiceListModel(billing, session, self)
        self.invoices.busy_changed.connect(lambda _busy: self._show_busy())
        self.invoices.loaded.connect(self._first_page)
        self.invoices.failed.connect(self._list_failed)
        self.invoice_table = _table(self.invoices)
        self.invoice_table.setObjectName("invoice_list")
        self.invoice_table.selectionModel().currentRowChanged.connect(self._invoice_selected)
        self.detail = QTextBrowser()
        self.detail.setObjectName("invoice_detail")
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.cancel_button = QPushButton(self.tr("Cancel invoice…"))
        self.cancel_button.setToolTip(
            self.tr("Creates a cancellation invoice; the issued invoice stays as it is.")
        )
        self.cancel_button.setEnabled(False)
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(False)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._save_pdf)
        self.cancel_button.clicked.connect(self._cancel_invoice)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        detail_layout.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.invoice_table)
        split.addWidget(detail_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 480])  # the list shows all six columns at 1280 px

        self.mandates: DtoTableModel[Any] = DtoTableModel(
            [
                Column(self.tr("Reference"), lambda x: x.reference),
                Column(self.tr("Status"), lambda x: fmt.value(x.status)),
                Column(self.tr("Holder"), lambda x: x.holder),
                Column(self.tr("IBAN"), lambda x: x.iban_masked),
                Column(self.tr("BIC"), lambda x: x.bic or ""),
                Column(self.tr("Signed"), lambda x: f"{fmt.date(x.signed_on)} {x.signed_place}"),
                Column(
                    self.tr("Type"),
                    lambda x: (
                        f"{x.scheme} · "
                        + (self.tr("recurring") if x.recurring else self.tr("one-off"))
                    ),
                ),
                Column(
                    self.tr("First / last collection"),
                    lambda x: (
                        f"{fmt.date(x.first_collection_on) or '–'} / "
                        f"{fmt.date(x.last_collection_on) or '–'}"
                    ),
                ),
                Column(self.tr("Valid until"), lambda x: fmt.date(x.expires_on)),
                Column(
                    self.tr("Debits"),
                    lambda x: self.tr("blocked") if x.debits_blocked else self.tr("allowed"),
                ),
                Column(self.tr("Creditor id"), lambda x: x.creditor_id),
            ],
            self,
        )
        self.returns: DtoTableModel[Any] = DtoTableModel(
            [
                Column(self.tr("Returned"), lambda r: fmt.date(r.returned_on)),
                Column(self.tr("Invoice"), lambda r: r.invoice_number),
                Column(self.tr("Amount"), lambda r: fmt.money(r.amount), align_right=True),
                Column(self.tr("Code"), lambda r: r.reason_code),
                Column(self.tr("Reason"), lambda r: fmt.return_reason(r.reason_text)),
                Column(self.tr("Fee"), lambda r: fmt.money(r.fee), align_right=True),
                Column(self.tr("Effect"), self._return_effect),
            ],
            self,
        )
        self.dunning: DtoTableModel[Any] = DtoTableModel(
            [
                Column(self.tr("Invoice"), lambda d: d.number),
                Column(self.tr("Due"), lambda d: fmt.date(d.due_on)),
                Column(self.tr("Open"), lambda d: fmt.money(d.open_amount), align_right=True),
                Column(
                    self.tr("Next step"),
                    lambda d: (
                        self.tr("{0} on {1}").format(
                            fmt.value(d.next_step.level), fmt.date(d.next_step.on)
                        )
                        if d.next_step
                        else "–"
                    ),
                ),
                Column(self.tr("Steps (date, fee, pay by)"), _steps_text),
            ],
            self,
        )
        self.changes: DtoTableModel[Any] = DtoTableModel(
            [
                Column(self.tr("When"), lambda c: fmt.date_time(c.at)),
                Column(self.tr("Agent"), lambda c: c.agent_name),
                Column(
                    self.tr("Change"),
                    lambda c: f"{fmt.value(c.old_method or '–')} → {fmt.value(c.new_method)}",
                ),
                Column(self.tr("Detail"), lambda c: c.detail or ""),
                Column(self.tr("Reason"), lambda c: c.reason),
            ],
            self,
        )
        lower = QTabWidget()
        lower.addTab(split, self.tr("Invoices"))
        lower.addTab(_table(self.mandates), self.tr("SEPA mandates"))
        lower.addTab(_table(self.returns), self.tr("Returned debits"))
        lower.addTab(_table(self.dunning), self.tr("Dunning"))
        lower.addTab(_table(self.changes), self.tr("Payment changes"))
        self.sections = lower

        top = QHBoxLayout()
        top.addWidget(self.panel, 1)
        top.addWidget(self.change_method, alignment=Qt.AlignmentFlag.AlignTop)
        status = QHBoxLayout()
        status.addWidget(self.busy)
        status.addWidget(self.message, 1)
        status.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(status)
        layout.addWidget(lower, 1)

    def _return_effect(self, r: Any) -> str:
        if r.objection:
            return self.tr("objection – debits blocked")
        if r.invalidates_mandate:
            return self.tr("mandate invalid")
        return self.tr("invoice open again")

    # --- loading ------------------------------------------------------------------------

    def load(self, customer_id: int, holder: str) -> None:
        """Everything of the tab in one worker call; the invoice list pages lazily
        (its pages are read on the worker too). "Loading…" shows until both are in."""
        self._generation += 1
        generation = self._generation
        self._customer_id = customer_id
        self._holder = holder
        self.glance = None
        self.invoice = None
        self.change_method.setEnabled(False)
        for button in (self.cancel_button, self.print_button, self.pdf_button):
            button.setEnabled(False)
        self.detail.clear()
        self.retry_button.hide()
        if self.message.styleSheet() == f"color: {_RED};":
            self.message.hide()  # an old failure; a note ("Saved …") stays
        b, s = self._billing, self._session

        def fetch() -> tuple[Any, ...]:
            return (
                b.glance(s, customer_id),
                b.mandates(s, customer_id),
                b.returned_debits(s, customer_id),
                b.dunning_ladder(s, customer_id),
                b.payment_changes(s, customer_id),
            )

        self._parts_loading = True
        Operation(self, fetch).success(lambda parts: self._loaded(generation, parts)).failure(
            lambda err: self._parts_failed(generation, err)
        ).run()
        self.invoices.load(customer_id)
        self._show_busy()

    def _show_busy(self) -> None:
        self.busy.setVisible(self._parts_loading or self.invoices.busy)

    def _loaded(self, generation: int, parts: tuple[Any, ...]) -> None:
        if generation != self._generation:
            return  # another customer (or a newer load) is shown
        self._parts_loading = False
        self._show_busy()
        glance, mandates, returns, dunning, changes = parts
        self.glance = glance
        self.panel.show_glance(glance)
        self.change_method.setEnabled(True)
        self.glance_loaded.emit(glance)
        self.mandates.set_rows(mandates)
        self.returns.set_rows(returns)
        self.dunning.set_rows(dunning)
        self.changes.set_rows(changes)

    def _parts_failed(self, generation: int, err: KcpError) -> None:
        if generation != self._generation:
            return
        self._parts_loading = False
        self._show_busy()
        self._failed(err, retry=True)

    def _first_page(self) -> None:
        if self.invoices.rowCount():
            self.invoice_table.selectRow(0)

    def _list_failed(self, err: KcpError) -> None:
        self._failed(err, retry=True)

    def _failed(self, err: KcpError, *, retry: bool = False) -> None:
        self._show_error(error_text(err), retry=retry)

    def _show_error(self, text: str, *, retry: bool = False) -> None:
        self.message.setStyleSheet(f"color: {_RED};")
        self.message.setText(text)
        self.message.show()
        self.retry_button.setVisible(retry)

    def _retry_now(self) -> None:
        """After a failed load: all of it again if the glance is missing, else the
        invoice page that failed (the rows already shown stay)."""
        self.retry_button.hide()
        self.message.hide()
        if self.glance is None and not self._parts_loading:
            self.load(self._customer_id, self._holder)
        else:
            self.invoices.retry()

    def _invoice_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        invoice_id = self.invoices.row(current.row()).invoice_id
        self._selected_invoice = invoice_id
        Operation(self, self._billing.invoice_detail, self._session, invoice_id).success(
            self._show_invoice
        ).failure(self._failed).run()

    def _show_invoice(self, detail: InvoiceDetail) -> None:
        if detail.invoice_id != self._selected_invoice:
            return  # the agent selected another invoice meanwhile
        self.invoice = detail
        self.detail.setHtml(invoice_html(detail, for_print=False))
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        cancellable = detail.cancelled_by is None and not detail.is_cancellation
        self.cancel_button.setEnabled(cancellable and self._session.principal.is_lead)

    # --- actions ------------------------------------------------------------------------

    def _print(self) -> None:
        if self.invoice is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_to(self.invoice, printer)

    def _save_pdf(self) -> None:
        if self.invoice is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save invoice as PDF"), f"{self.invoice.number}.pdf", "PDF (*.pdf)"
        )
        if path:
            write_pdf(self.invoice, Path(path))
            self._note(self.tr("Saved {0}.").format(path))

    def _cancel_invoice(self) -> None:
        if self.invoice is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Cancel invoice {0}").format(self.invoice.number),
            self.tr("Reason for the cancellation (printed on the cancellation invoice):"),
        )
        if not ok:
            return
        Operation(
            self,
            self._billing.cancel_invoice,
            self._session,
            self.invoice.invoice_id,
            reason,
            loaded_version=self.invoice.version,
        ).success(self._cancelled).failure(self._failed).run()

    def _cancelled(self, cancellation: InvoiceDetail) -> None:
        self._note(self.tr("Cancellation invoice {0} created.").format(cancellation.number))
        self.load(self._customer_id, self._holder)
        self.changed.emit()

    def _change_method(self) -> None:
        if self.glance is None:
            return
        dialog = PaymentMethodDialog(
            self,
            self._billing,
            self._session,
            self._customer_id,
            self.glance.version,
            self._holder,
        )
        dialog.method_saved.connect(self._method_saved)
        dialog.refused_closed.connect(self._method_refused)
        dialog.exec()
        if not dialog.saving:
            dialog.deleteLater()  # typed bank data does not linger in a hidden dialog
        # else: the lock closed it while the save ran; it reports and goes itself

    def _method_saved(self, _saved: PaymentMethodSaved) -> None:
        self._note(self.tr("Payment method saved."))
        self.load(self._customer_id, self._holder)
        self.changed.emit()

    def _method_refused(self, err: KcpError) -> None:
        """The dialog was closed (by the lock) while its save ran, and it was refused."""
        cause = fault_cause(err) or error_text(err)
        self._show_error(self.tr("The payment method was not changed. {0}").format(cause))

    def _note(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {_GREEN};")
        self.message.setText(text)
        self.message.show()


def _steps_text(d: Any) -> str:
    return "; ".join(
        f"{fmt.value(s.level)} {fmt.date(s.issued_on)}, {fmt.money(s.fee)}"
        + (f", {fmt.date(s.deadline)}" if s.deadline else "")
        for s in d.steps
    )
