"""The "Invoices & payment" tab (SPEC C3): the glance, the invoices, mandates, returns,
dunning, and changing the payment method."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
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
    DunningInvoiceView,
    InvoiceDetail,
    InvoiceListRow,
    InvoicePage,
    MandateView,
    PaymentGlance,
    PaymentMethodSaved,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.billing_glance import GREEN as _GREEN
from kcp_desk.views.billing_glance import RED as _RED
from kcp_desk.views.billing_glance import GlancePanel, mandate_state_text
from kcp_desk.views.fit_columns import FitColumns
from kcp_desk.views.invoice_document import invoice_html, print_to, write_pdf
from kcp_desk.views.messages import error_text, fault_cause
from kcp_desk.views.operation import Operation
from kcp_desk.views.payment_method_dialog import PaymentMethodDialog
from kcp_desk.views.table_model import Column, DtoTableModel

__all__ = [
    "PAGE",
    "BillingTab",
    "DunningRow",
    "GlancePanel",
    "InvoiceListModel",
    "PaymentMethodDialog",
    "dunning_rows",
]

_Index = QModelIndex | QPersistentModelIndex
PAGE = 100
#: below this tab width the invoice detail goes under the list, not beside it
SIDE_BY_SIDE_WIDTH = 900
# the invoice list's columns
COL_NUMBER, COL_ISSUED, COL_DUE, COL_STATE, COL_AMOUNT, COL_OPEN = range(6)


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
        # COL_* order
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
            return QColor(_RED)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_STATE:
            return column.text(row)  # the state column elides: the whole text here
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


@dataclass(frozen=True)
class DunningRow:
    """One line of the dunning ladder table: a step an invoice reached, or its next
    (planned) step. The invoice's number, due date and open amount stand on its first
    line only."""

    invoice_id: int
    number: str
    due_on: dt.date | None
    open_amount: Decimal | None
    level: str | None
    on: dt.date | None
    fee: Decimal | None
    deadline: dt.date | None
    planned: bool


def dunning_rows(ladder: list[DunningInvoiceView]) -> list[DunningRow]:
    """The ladder as table rows: per invoice its reached steps in order, then the next."""
    out: list[DunningRow] = []
    for v in ladder:
        lines: list[tuple[str | None, dt.date | None, Decimal | None, dt.date | None, bool]]
        lines = [(s.level, s.issued_on, s.fee, s.deadline, False) for s in v.steps]
        if v.next_step is not None:
            n = v.next_step
            lines.append((n.level, n.on, n.fee, n.deadline, True))
        if not lines:
            lines.append((None, None, None, None, False))
        for i, (level, on, fee, deadline, planned) in enumerate(lines):
            first = i == 0
            out.append(
                DunningRow(
                    invoice_id=v.invoice_id,
                    number=v.number if first else "",
                    due_on=v.due_on if first else None,
                    open_amount=v.open_amount if first else None,
                    level=level,
                    on=on,
                    fee=fee,
                    deadline=deadline,
                    planned=planned,
                )
            )
    return out


def _collections(x: MandateView) -> str:
    first, last = fmt.date(x.first_collection_on) or "–", fmt.date(x.last_collection_on) or "–"
    return f"{first} / {last}"


def _table(model: QAbstractTableModel, *elastic: int) -> QTableView:
    """A read-only list that fits its width (:class:`FitColumns`)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setProperty("fit_columns", FitColumns(view, elastic))
    return view


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
        self.invoice_table = _table(self.invoices, COL_STATE)
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
        split = QSplitter()
        split.addWidget(self.invoice_table)
        split.addWidget(detail_box)
        # the invoice's actions under both (not under the detail alone: three buttons
        # there would make the detail, and the window, too wide at 1024 px)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        invoices_page = QWidget()
        invoices_layout = QVBoxLayout(invoices_page)
        invoices_layout.setContentsMargins(0, 0, 0, 0)
        invoices_layout.addWidget(split, 1)
        invoices_layout.addLayout(buttons)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 520])  # side by side: all six columns (the state elides)
        self.split = split

        # PAY-3 in columns that fit 1024 px: creditor id and BIC in the tooltips
        self.mandates: DtoTableModel[MandateView] = DtoTableModel(
            [
                Column(
                    self.tr("Reference"),
                    lambda x: x.reference,
                    tooltip=lambda x: self.tr("Creditor id {0}").format(x.creditor_id),
                ),
                Column(self.tr("Status"), self._mandate_status, tooltip=self._mandate_status),
                Column(self.tr("Holder"), lambda x: x.holder, tooltip=lambda x: x.holder),
                Column(
                    self.tr("IBAN"),
                    lambda x: x.iban_masked,
                    tooltip=lambda x: f"BIC {x.bic}" if x.bic else "",
                ),
                Column(
                    self.tr("Signed"),
                    lambda x: f"{fmt.date(x.signed_on)} {x.signed_place}",
                    tooltip=lambda x: f"{fmt.date(x.signed_on)} {x.signed_place}",
                ),
                Column(self.tr("Type"), self._mandate_type, tooltip=self._mandate_type),
                Column(
                    self.tr("First / last collection"),
                    _collections,
                    tooltip=_collections,
                ),
            ],
            self,
        )
        self.returns: DtoTableModel[Any] = DtoTableModel(
            [
                Column(self.tr("Returned"), lambda r: fmt.date(r.returned_on)),
                Column(self.tr("Invoice"), lambda r: r.invoice_number),
                Column(self.tr("Amount"), lambda r: fmt.money(r.amount), align_right=True),
                Column(self.tr("Code"), lambda r: r.reason_code),
                Column(
                    self.tr("Reason"),
                    lambda r: fmt.return_reason(r.reason_text),
                    tooltip=lambda r: fmt.return_reason(r.reason_text),
                ),
                Column(self.tr("Fee"), lambda r: fmt.money(r.fee), align_right=True),
                Column(self.tr("Effect"), self._return_effect, tooltip=self._return_effect),
            ],
            self,
        )
        # PAY-2 as a table: one line per step (stage, date, fee, pay by), the next one
        # marked as planned
        self.dunning: DtoTableModel[DunningRow] = DtoTableModel(
            [
                Column(self.tr("Invoice"), lambda r: r.number),
                Column(self.tr("Due"), lambda r: fmt.date(r.due_on)),
                Column(
                    self.tr("Open"),
                    lambda r: "" if r.open_amount is None else fmt.money(r.open_amount),
                    align_right=True,
                ),
                Column(self.tr("Stage"), self._stage_text, tooltip=self._stage_text),
                Column(self.tr("Date"), lambda r: fmt.date(r.on)),
                Column(
                    self.tr("Fee"),
                    lambda r: "" if r.fee is None else fmt.money(r.fee),
                    align_right=True,
                ),
                Column(self.tr("Pay by"), lambda r: fmt.date(r.deadline)),
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
                Column(
                    self.tr("Detail"), lambda c: c.detail or "", tooltip=lambda c: c.detail or ""
                ),
                Column(self.tr("Reason"), lambda c: c.reason, tooltip=lambda c: c.reason),
            ],
            self,
        )
        lower = QTabWidget()
        lower.addTab(invoices_page, self.tr("Invoices"))
        # the columns that elide when the table is narrow: holder, signed, type, collections;
        # reason, effect; stage; detail, reason
        self.mandate_table = _table(self.mandates, 2, 4, 5, 6)
        self.returns_table = _table(self.returns, 4, 6)
        self.dunning_table = _table(self.dunning, 3)
        self.changes_table = _table(self.changes, 3, 4)
        self.mandate_table.setObjectName("mandate_list")
        self.dunning_table.setObjectName("dunning_list")
        lower.addTab(self.mandate_table, self.tr("SEPA mandates"))
        lower.addTab(self.returns_table, self.tr("Returned debits"))
        lower.addTab(self.dunning_table, self.tr("Dunning"))
        lower.addTab(self.changes_table, self.tr("Payment changes"))
        self.sections = lower

        self.panel.top.addWidget(self.change_method, alignment=Qt.AlignmentFlag.AlignTop)
        status = QHBoxLayout()
        status.addWidget(self.busy)
        status.addWidget(self.message, 1)
        status.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addLayout(status)
        layout.addWidget(lower, 1)

    def _mandate_status(self, x: MandateView) -> str:
        """ "active, valid until …" (+ debits blocked), "revoked on …", "expired on …"."""
        text = mandate_state_text(x.status, x.expires_on, x.revoked_on)
        if x.debits_blocked and x.status == "active":
            text += " · " + self.tr("debits blocked")
        return text

    def _mandate_type(self, x: MandateView) -> str:
        return f"{x.scheme} · " + (self.tr("recurring") if x.recurring else self.tr("one-off"))

    def _stage_text(self, r: DunningRow) -> str:
        if r.level is None:
            return "–"
        # "blocked" is a step of the ladder, not a value the formatter knows
        level = self.tr("services blocked") if r.level == "blocked" else fmt.value(r.level)
        if r.planned:
            return self.tr("next: {0}").format(level)
        return level

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.panel.fit_to_window_height(self.window().height())
        # too narrow for the list and a readable invoice side by side: one above the other
        vertical = self.width() < SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.panel.fit_to_window_height(self.window().height())

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
        self.dunning.set_rows(dunning_rows(dunning))
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
            print_to(self.invoice, printer, copy=True)

    def _save_pdf(self) -> None:
        if self.invoice is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save invoice as PDF"), str(self.pdf_suggestion()), "PDF (*.pdf)"
        )
        if path:
            write_pdf(self.invoice, Path(path), copy=True)
            self._note(self.tr("Saved {0}.").format(path))

    def pdf_suggestion(self) -> Path:
        """Where "Save as PDF…" starts: the user's documents folder, the invoice's number."""
        number = self.invoice.number if self.invoice is not None else "invoice"
        return Path(platformdirs.user_documents_dir()) / f"{number}.pdf"

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
