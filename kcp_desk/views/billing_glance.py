"""The glance at the top of the "Invoices & payment" tab (PAY-5).

Read in one look: a headline (in arrears or not, and how a credit balance relates to
what is overdue), the amounts right-aligned in one column, and the facts (dunning,
debits, mandate) in normal contrast. On a small screen it folds to the headline and one
summary line, with a button to unfold it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.services.billing import MandateSummary, PaymentGlance
from kcp_desk.views import formatting as fmt

RED, GREEN = "#b00020", "#1b5e20"
#: below this window height the glance starts folded (one summary line)
COMPACT_HEIGHT = 900
#: from this panel width the facts stand in two columns
TWO_COLUMN_WIDTH = 1100


class ElidedLabel(QLabel):
    """One line that never widens its layout: elided at the right, the whole text in
    the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setWordWrap(False)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 1)
        text = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if text != self.text():
            self.setText(text)


def mandate_state_text(status: str, expires_on: dt.date, revoked_on: dt.date | None) -> str:
    """ "active, valid until …", "revoked on …" (never "valid until" for a revoked
    mandate), "expired on …"."""
    if status == "revoked":
        if revoked_on is not None:
            return QCoreApplication.translate("MandateText", "revoked on {0}").format(
                fmt.date(revoked_on)
            )
        return fmt.value("revoked")
    if status == "expired":
        return QCoreApplication.translate("MandateText", "expired on {0}").format(
            fmt.date(expires_on)
        )
    return QCoreApplication.translate("MandateText", "active, valid until {0}").format(
        fmt.date(expires_on)
    )


def mandate_text(mandate: MandateSummary) -> str:
    """The glance's mandate line: reference, state and a blocked note."""
    text = f"{mandate.reference}: " + mandate_state_text(
        mandate.status, mandate.expires_on, mandate.revoked_on
    )
    if mandate.debits_blocked and mandate.status == "active":
        text += " – " + QCoreApplication.translate("MandateText", "debits blocked")
    return text


class GlancePanel(QFrame):
    """PAY-5: the answers to "is this customer in arrears, since when, what next?"."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("glance_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.expanded = True
        #: the agent folded or unfolded it: the window height no longer decides
        self.user_choice = False

        # wraps rather than widening the window (a long German headline at 1024 px)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.headline.setObjectName("glance_headline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.headline.setFont(font)
        self.summary = ElidedLabel()
        self.summary.setObjectName("glance_summary")
        self.toggle = QToolButton()
        self.toggle.setObjectName("glance_toggle")
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.clicked.connect(self._toggled)
        #: the headline row; the tab adds its actions at the end
        self.top = QHBoxLayout()
        self.top.setContentsMargins(0, 0, 0, 0)
        self.top.addWidget(self.headline, 1)
        self.top.addWidget(self.toggle, alignment=Qt.AlignmentFlag.AlignTop)

        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        amounts = QGridLayout()
        amounts.setHorizontalSpacing(12)
        amounts.setVerticalSpacing(2)
        for row, (key, caption) in enumerate(
            (
                ("total_open", self.tr("Total open")),
                ("overdue_amount", self.tr("of which overdue")),
                ("fees", self.tr("Fees")),
                ("credit", self.tr("Credit balance")),
                ("due_after_credit", self.tr("Due after credit")),
            )
        ):
            value = self._value(key, wrap=False)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amounts.addWidget(self._caption(key, caption), row, 0)
            amounts.addWidget(value, row, 1)
        amounts.setRowStretch(5, 1)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(2)
        self._fact_keys: list[str] = []
        self._fact_columns = 0
        for key, caption in (
            ("overdue", self.tr("Overdue since")),
            ("last_payment", self.tr("Last payment")),
            ("dunning", self.tr("Dunning level")),
            ("last_debit", self.tr("Last direct debit")),
            ("next_step", self.tr("Next step")),
            ("returns", self.tr("Returns (12 months)")),
            ("blocked", self.tr("Services")),
            ("mandate", self.tr("SEPA mandate")),
            ("method", self.tr("Payment method")),
        ):
            self._caption(key, caption)
            self._value(key, wrap=True)
            self._fact_keys.append(key)
        self._lay_out_facts(1)
        self.details = QWidget()
        self.details.setObjectName("glance_details")
        body = QHBoxLayout(self.details)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(24)
        body.addLayout(amounts)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.VLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(rule)
        body.addLayout(self.facts, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(self.top)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        self._apply_expanded()

    def _lay_out_facts(self, columns: int) -> None:
        """The facts in one column of caption/value pairs, or two on a wide panel: a
        value gets the width to stay on one line."""
        if columns == self._fact_columns:
            return
        self._fact_columns = columns
        for key in self._fact_keys:
            self.facts.removeWidget(self.captions[key])
            self.facts.removeWidget(self.values[key])
        rows = -(-len(self._fact_keys) // columns)
        for i, key in enumerate(self._fact_keys):
            col, row = divmod(i, rows)
            self.facts.addWidget(self.captions[key], row, col * 2)
            self.facts.addWidget(self.values[key], row, col * 2 + 1)
        for col in range(4):
            self.facts.setColumnStretch(col, 1 if col % 2 and col < columns * 2 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out_facts(2 if self.width() >= TWO_COLUMN_WIDTH else 1)

    def _caption(self, key: str, text: str) -> QLabel:
        caption = QLabel(text)
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        caption.setObjectName(f"glance_caption_{key}")
        self.captions[key] = caption
        return caption

    def _value(self, key: str, *, wrap: bool) -> QLabel:
        # a grid gives a wrapped label its height for its width (no form layout here)
        value = QLabel()
        value.setWordWrap(wrap)
        value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        value.setObjectName(f"glance_{key}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values[key] = value
        return value

    # --- folding ----------------------------------------------------------------------

    def set_expanded(self, expanded: bool, *, by_user: bool = False) -> None:
        if by_user:
            self.user_choice = True
        if expanded != self.expanded:
            self.expanded = expanded
            self._apply_expanded()

    def fit_to_window_height(self, height: int) -> None:
        """Folded below :data:`COMPACT_HEIGHT`, unless the agent chose otherwise."""
        if not self.user_choice:
            self.set_expanded(height >= COMPACT_HEIGHT)

    def _toggled(self) -> None:
        self.set_expanded(not self.expanded, by_user=True)

    def _apply_expanded(self) -> None:
        self.details.setVisible(self.expanded)
        self.summary.setVisible(not self.expanded)
        self.toggle.setArrowType(Qt.ArrowType.UpArrow if self.expanded else Qt.ArrowType.DownArrow)
        self.toggle.setText(self.tr("Less") if self.expanded else self.tr("Details"))
        self.toggle.setToolTip(
            self.tr("Show only the summary line")
            if self.expanded
            else self.tr("Show all payment figures")
        )

    # --- content ----------------------------------------------------------------------

    def show_glance(self, g: PaymentGlance) -> None:
        m = fmt.money
        self.headline.setText(self.headline_text(g))
        self.headline.setStyleSheet(f"color: {RED if g.in_arrears else GREEN};")
        v = self.values
        self.captions["total_open"].setText(
            self.tr("Total open (%n invoices)", "", g.open_invoices)
        )
        v["total_open"].setText(m(g.total_open))
        v["overdue_amount"].setText(m(g.overdue_amount))
        v["fees"].setText(m(g.open_fees))
        v["credit"].setText(m(g.credit_balance))
        v["due_after_credit"].setText(m(g.due_after_credit))
        netted = bool(g.credit_offset)
        for key in ("due_after_credit",):
            v[key].setVisible(netted)
            self.captions[key].setVisible(netted)
        bold = v["due_after_credit"].font()
        bold.setBold(True)
        v["due_after_credit"].setFont(bold)
        v["overdue"].setText(
            self.tr("%n days since {0}", "", g.days_overdue).format(
                fmt.date(g.oldest_overdue_due_on)
            )
            if g.oldest_overdue_due_on
            else "–"
        )
        v["dunning"].setText(fmt.value(g.dunning_level) if g.dunning_level else "–")
        v["next_step"].setText(self._next_step_text(g) or "–")
        v["blocked"].setText(self.tr("blocked") if g.services_blocked else self.tr("active"))
        v["blocked"].setStyleSheet(f"color: {RED};" if g.services_blocked else "")
        v["last_payment"].setText(
            f"{fmt.date(g.last_payment.received_on)}: {m(g.last_payment.amount)}"
            if g.last_payment
            else "–"
        )
        v["last_debit"].setText(self._last_debit_text(g) or "–")
        returned = g.last_debit is not None and g.last_debit.returned
        v["last_debit"].setStyleSheet(f"color: {RED};" if returned else "")
        v["returns"].setText(str(g.returns_last_12_months))
        v["mandate"].setText(mandate_text(g.mandate) if g.mandate else "–")
        v["method"].setText(fmt.value(g.payment_method))
        self.summary.set_full_text(self.summary_text(g))

    def headline_text(self, g: PaymentGlance) -> str:
        m = fmt.money
        if not g.in_arrears:
            if g.credit_balance > 0:
                return self.tr("In good standing – credit balance {0}").format(m(g.credit_balance))
            return self.tr("In good standing – nothing overdue")
        overdue = (
            self.tr("{0} + {1} fees").format(m(g.overdue_amount), m(g.open_fees))
            if g.open_fees
            else m(g.overdue_amount)
        )
        if g.credit_offset:
            return self.tr("In arrears: {0} overdue, credit {1} → {2} due").format(
                overdue, m(g.credit_offset), m(g.due_after_credit)
            )
        return self.tr("In arrears: {0} overdue").format(overdue)

    def summary_text(self, g: PaymentGlance) -> str:
        """The folded glance: everything that matters in one line."""
        parts = [
            self.tr("%n open invoices", "", g.open_invoices) + f": {fmt.money(g.total_open)}"
            if g.open_invoices
            else self.tr("nothing open")
        ]
        if g.dunning_level:
            parts.append(fmt.value(g.dunning_level))
        step = self._next_step_text(g)
        if step:
            parts.append(self.tr("next: {0}").format(step))
        if g.services_blocked:
            parts.append(self.tr("services blocked"))
        debit = self._last_debit_text(g)
        if debit and g.last_debit is not None and g.last_debit.returned:
            parts.append(debit)
        if g.mandate:
            parts.append(mandate_text(g.mandate))
        else:
            parts.append(fmt.value(g.payment_method))
        return " · ".join(parts)

    def _next_step_text(self, g: PaymentGlance) -> str:
        if not g.next_step:
            return ""
        return self.tr("{0} on {1} ({2})").format(
            fmt.value(g.next_step.level), fmt.date(g.next_step.on), g.next_step.invoice_number
        )

    def _last_debit_text(self, g: PaymentGlance) -> str:
        d = g.last_debit
        if d is None:
            return ""
        if d.returned:
            return self.tr("returned {0}: {1} {2}").format(
                fmt.date(d.on), d.reason_code or "", fmt.return_reason(d.reason_text or "")
            )
        return self.tr("collected {0}").format(fmt.date(d.on))
