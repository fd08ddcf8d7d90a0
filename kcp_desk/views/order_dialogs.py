"""Booking time on a support order afterwards (SO-3): start, end, billable or included in
the package, a note. An error appears under its field and nothing typed is lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.orders import OrderDetail, OrderService
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel, fit_height
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation

__all__ = ["TimeEntryDialog"]


def _to_utc(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=dt.UTC)


class TimeEntryDialog(QDialog):
    """Add a time entry for the acting agent; ``done_with`` carries the new detail."""

    done_with = Signal(object)  # OrderDetail

    def __init__(
        self,
        orders: OrderService,
        session: AgentSession,
        detail: OrderDetail,
        parent: QWidget | None = None,
        *,
        now: QDateTime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("time_entry_dialog")
        self.setWindowTitle(self.tr("Add time – {0}").format(detail.ref))
        self._orders = orders
        self._session = session
        self._detail = detail
        end = now or QDateTime.currentDateTime()
        end = end.addSecs(-end.time().second())  # whole minutes
        self.started = QDateTimeEdit(end.addSecs(-30 * 60))
        self.started.setObjectName("time_started")
        self.ended = QDateTimeEdit(end)
        self.ended.setObjectName("time_ended")
        for edit in (self.started, self.ended):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(self.tr("yyyy-MM-dd HH:mm"))
        self.included = QCheckBox(self.tr("Included in the package (not invoiced)"))
        self.included.setObjectName("time_included")
        no_package = detail.cost.package == "none"
        self.included.setEnabled(not no_package)
        if no_package:
            self.included.setToolTip(
                self.tr("The server has no Systems-Management package to include time in.")
            )
        self.note = QPlainTextEdit()
        self.note.setObjectName("time_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 4 + 16)
        self.errors: dict[str, WrappedLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("started_at", self.tr("Start"), self.started),
            ("ended_at", self.tr("End"), self.ended),
            ("billable", self.tr("Billing"), self.included),
            ("note", self.tr("Note"), self.note),
        ):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            error = WrappedLabel()
            error.setObjectName(f"time_{key}_error")
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            form.addRow(fit_height(QLabel(label)), box)
        #: an error without a field of this form (permission, stale, database)
        self.general_error = WrappedLabel()
        self.general_error.setObjectName("time_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Add time"))
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        for error in (*self.errors.values(), self.general_error):
            error.hide()
        self.save_button.setEnabled(False)
        d = self._detail
        Operation(
            self,
            self._orders.add_time,
            self._session,
            d.order_id,
            d.version,
            _to_utc(self.started.dateTime()),
            _to_utc(self.ended.dateTime()),
            not self.included.isChecked(),
            self.note.toPlainText(),
        ).success(self._saved).failure(self._refused).run()

    def _saved(self, detail: OrderDetail) -> None:
        self.save_button.setEnabled(True)
        self.done_with.emit(detail)
        self.accept()

    def _refused(self, error: KcpError) -> None:
        self.save_button.setEnabled(True)  # everything typed stays
        label = self.errors.get(error.field or "", self.general_error)
        label.setText(error_text(error))
        label.show()
