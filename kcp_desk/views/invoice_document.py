"""An invoice laid out as a German invoice (PAY-7): on screen, printed, or as PDF.

The same HTML feeds the detail pane and the printer, so what the agent sees is what
the customer got. Seller data are the hoster's (one place, below).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from kcp_desk.services.billing import InvoiceDetail
from kcp_desk.views import formatting as fmt

# The hoster as seller (§ 14 Abs. 4 UStG: name, address, tax number / VAT id).
SELLER_NAME = "KCP Hosting GmbH"
SELLER_ADDRESS = ("Rheinuferstraße 12", "50668 Köln")
SELLER_LEGAL = (
    "Amtsgericht Köln HRB 123456 · Geschäftsführung: Dr. Maren Falk · "
    "USt-IdNr. DE123456789 · Commerzbank Köln, IBAN DE27 3704 0044 0532 0130 00"
)


def _t(text: str) -> str:
    return QCoreApplication.translate("InvoiceDocument", text)


def invoice_html(d: InvoiceDetail, *, for_print: bool) -> str:
    """The invoice as HTML; the screen version adds payments, dunning and returns."""
    m = fmt.money
    title = _t("Cancellation invoice") if d.is_cancellation else _t("Invoice")
    buyer = "<br>".join(escape(x) for x in (d.buyer.name, *d.buyer.address_lines))
    rows = "".join(
        f"<tr><td>{p.pos}</td><td>{escape(p.description)}</td>"
        f"<td align=right>{fmt.quantity(p.quantity)}</td>"
        f"<td align=right>{m(p.unit_price)}</td><td align=right>{fmt.percent(p.vat_rate)}</td>"
        f"<td align=right>{m(p.net)}</td></tr>"
        for p in d.positions
    )
    vat_label = _t("VAT {0} on {1}")
    vat = "".join(
        f"<tr><td colspan=5 align=right>{vat_label.format(fmt.percent(v.rate), m(v.net))}"
        f"</td><td align=right>{m(v.vat)}</td></tr>"
        for v in d.vat_lines
    )
    if d.mandate_reference:
        terms = _t(
            "The amount is collected by SEPA direct debit (mandate reference {0}, creditor "
            "identifier {1}) on or after {2}."
        ).format(escape(d.mandate_reference), escape(d.creditor_id or ""), fmt.date(d.due_on))
    elif d.is_cancellation:
        terms = _t("The amount is credited to your customer account.")
    else:
        terms = _t("Payable without deduction within {0} days, by {1}.").format(
            d.payment_terms_days, fmt.date(d.due_on)
        )
    cancels = ""
    if d.cancels:
        cancels = (
            "<p>"
            + _t("This invoice cancels invoice {0} of {1}.").format(
                d.cancels.number, fmt.date(d.cancels.issued_on)
            )
            + (f" {escape(d.cancellation_reason)}" if d.cancellation_reason else "")
            + "</p>"
        )
    if d.cancelled_by and not for_print:
        cancels += "<p><b>" + _t("Cancelled by {0}.").format(d.cancelled_by.number) + "</b></p>"
    html = f"""
<table width=100%><tr>
 <td valign=top><small>{escape(SELLER_NAME)} · {" · ".join(map(escape, SELLER_ADDRESS))}</small>
 <br><br>{buyer}</td>
 <td valign=top align=right><b>{escape(SELLER_NAME)}</b>
 <br>{"<br>".join(map(escape, SELLER_ADDRESS))}
 <br><br>{_t("Customer number")}: {escape(d.buyer.customer_number)}
 <br>{_t("Invoice number")}: {escape(d.number)}
 <br>{_t("Invoice date")}: {fmt.date(d.issued_on)}</td>
</tr></table>
<h2>{title} {escape(d.number)}</h2>
{cancels}
<table width=100% cellspacing=0 cellpadding=3 border=1 style="border-collapse:collapse">
<tr><th>{_t("Pos.")}</th><th>{_t("Description")}</th><th>{_t("Qty")}</th>
<th>{_t("Unit price")}</th><th>{_t("VAT")}</th><th>{_t("Net")}</th></tr>
{rows}
<tr><td colspan=5 align=right>{_t("Total net")}</td><td align=right>{m(d.net)}</td></tr>
{vat}
<tr><td colspan=5 align=right><b>{_t("Total gross")}</b></td>
<td align=right><b>{m(d.gross)}</b></td></tr>
</table>
<p>{terms}</p>
"""
    if for_print:
        return html + f"<hr><p><small>{escape(SELLER_LEGAL)}</small></p>"
    return html + _history_html(d)


def _history_html(d: InvoiceDetail) -> str:
    m = fmt.money
    parts = [
        f"<p><b>{_t('State')}:</b> {fmt.value(d.state)} · <b>{_t('Paid')}:</b> {m(d.paid)}"
        f" · <b>{_t('Open')}:</b> {m(d.open_amount)}"
        + (f" · {_t('{0} days overdue').format(d.days_overdue)}" if d.days_overdue else "")
        + "</p>"
    ]
    if d.payments:
        items = "".join(
            f"<li>{fmt.date(p.received_on)}: {m(p.amount)} ({fmt.value(p.method)})"
            f"{' – ' + escape(p.reference) if p.reference else ''}</li>"
            for p in d.payments
        )
        parts.append(f"<h3>{_t('Payments')}</h3><ul>{items}</ul>")
    if d.dunning_steps or d.next_dunning_step:
        items = "".join(
            f"<li>{fmt.date(s.issued_on)}: {fmt.value(s.level)}, {_t('fee')} {m(s.fee)}"
            + (f", {_t('pay by')} {fmt.date(s.deadline)}" if s.deadline else "")
            + "</li>"
            for s in d.dunning_steps
        )
        if d.next_dunning_step:
            n = d.next_dunning_step
            items += (
                "<li><i>"
                + _t("Next: {0} on {1}").format(fmt.value(n.level), fmt.date(n.on))
                + "</i></li>"
            )
        parts.append(f"<h3>{_t('Dunning')}</h3><ul>{items}</ul>")
    if d.returned_debits:
        items = "".join(
            f"<li>{fmt.date(r.returned_on)}: {m(r.amount)} – {escape(r.reason_code)} "
            f"{escape(fmt.return_reason(r.reason_text))}, {_t('fee')} {m(r.fee)}</li>"
            for r in d.returned_debits
        )
        parts.append(f"<h3>{_t('Returned debits')}</h3><ul>{items}</ul>")
    return "".join(parts)


def write_pdf(detail: InvoiceDetail, path: Path) -> None:
    """Save the printable invoice as an A4 PDF."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_to(detail, printer)


def print_to(detail: InvoiceDetail, printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setDocName(detail.number)
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 10pt; } th { background: #eee; }")
    document.setHtml(invoice_html(detail, for_print=True))
    document.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    document.print_(printer)
