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


def _labels() -> dict[str, str]:
    """Every text of the document, translated once per rendering."""
    return {
        "cancellation": QCoreApplication.translate("InvoiceDocument", "Cancellation invoice"),
        "invoice": QCoreApplication.translate("InvoiceDocument", "Invoice"),
        "vat_on": QCoreApplication.translate("InvoiceDocument", "VAT {0} on {1}"),
        "sepa": QCoreApplication.translate(
            "InvoiceDocument",
            "The amount is collected by SEPA direct debit (mandate reference {0}, creditor "
            "identifier {1}) on or after {2}.",
        ),
        "credited": QCoreApplication.translate(
            "InvoiceDocument", "The amount is credited to your customer account."
        ),
        "terms": QCoreApplication.translate(
            "InvoiceDocument", "Payable without deduction within {0} days, by {1}."
        ),
        "cancels": QCoreApplication.translate(
            "InvoiceDocument", "This invoice cancels invoice {0} of {1}."
        ),
        "cancelled_by": QCoreApplication.translate("InvoiceDocument", "Cancelled by {0}."),
        "customer_number": QCoreApplication.translate("InvoiceDocument", "Customer number"),
        "invoice_number": QCoreApplication.translate("InvoiceDocument", "Invoice number"),
        "invoice_date": QCoreApplication.translate("InvoiceDocument", "Invoice date"),
        "service_date": QCoreApplication.translate(
            "InvoiceDocument", "Date of service: the invoice date, periods as stated."
        ),
        "pos": QCoreApplication.translate("InvoiceDocument", "Pos."),
        "description": QCoreApplication.translate("InvoiceDocument", "Description"),
        "qty": QCoreApplication.translate("InvoiceDocument", "Qty"),
        "unit_price": QCoreApplication.translate("InvoiceDocument", "Unit price"),
        "vat": QCoreApplication.translate("InvoiceDocument", "VAT"),
        "net": QCoreApplication.translate("InvoiceDocument", "Net"),
        "total_net": QCoreApplication.translate("InvoiceDocument", "Total net"),
        "total_gross": QCoreApplication.translate("InvoiceDocument", "Total gross"),
        "state": QCoreApplication.translate("InvoiceDocument", "State"),
        "paid": QCoreApplication.translate("InvoiceDocument", "Paid"),
        "open": QCoreApplication.translate("InvoiceDocument", "Open"),
        "days_overdue": QCoreApplication.translate("InvoiceDocument", "{0} days overdue"),
        "payments": QCoreApplication.translate("InvoiceDocument", "Payments"),
        "dunning": QCoreApplication.translate("InvoiceDocument", "Dunning"),
        "fee": QCoreApplication.translate("InvoiceDocument", "fee"),
        "pay_by": QCoreApplication.translate("InvoiceDocument", "pay by"),
        "next": QCoreApplication.translate("InvoiceDocument", "Next: {0} on {1}"),
        "returns": QCoreApplication.translate("InvoiceDocument", "Returned debits"),
    }


def invoice_html(d: InvoiceDetail, *, for_print: bool) -> str:
    """The invoice as HTML; the screen version adds payments, dunning and returns."""
    m = fmt.money
    t = _labels()
    title = t["cancellation"] if d.is_cancellation else t["invoice"]
    buyer = "<br>".join(escape(x) for x in (d.buyer.name, *d.buyer.address_lines))
    rows = "".join(
        f"<tr><td>{p.pos}</td><td>{escape(p.description)}</td>"
        f"<td align=right>{fmt.quantity(p.quantity)}</td>"
        f"<td align=right>{m(p.unit_price)}</td><td align=right>{fmt.percent(p.vat_rate)}</td>"
        f"<td align=right>{m(p.net)}</td></tr>"
        for p in d.positions
    )
    vat = "".join(
        f"<tr><td colspan=5 align=right>{t['vat_on'].format(fmt.percent(v.rate), m(v.net))}"
        f"</td><td align=right>{m(v.vat)}</td></tr>"
        for v in d.vat_lines
    )
    if d.mandate_reference:
        terms = t["sepa"].format(
            escape(d.mandate_reference), escape(d.creditor_id or ""), fmt.date(d.due_on)
        )
    elif d.is_cancellation:
        terms = t["credited"]
    else:
        terms = t["terms"].format(d.payment_terms_days, fmt.date(d.due_on))
    cancels = ""
    if d.cancels:
        reason = f" {escape(d.cancellation_reason)}" if d.cancellation_reason else ""
        cancels = (
            f"<p>{t['cancels'].format(d.cancels.number, fmt.date(d.cancels.issued_on))}{reason}</p>"
        )
    if d.cancelled_by and not for_print:
        cancels += f"<p><b>{t['cancelled_by'].format(d.cancelled_by.number)}</b></p>"
    seller = "<br>".join(map(escape, SELLER_ADDRESS))
    html = f"""
<table width=100%><tr>
 <td valign=top><small>{escape(SELLER_NAME)} · {" · ".join(map(escape, SELLER_ADDRESS))}</small>
 <br><br>{buyer}</td>
 <td valign=top align=right><b>{escape(SELLER_NAME)}</b><br>{seller}
 <br><br>{t["customer_number"]}: {escape(d.buyer.customer_number)}
 <br>{t["invoice_number"]}: {escape(d.number)}
 <br>{t["invoice_date"]}: {fmt.date(d.issued_on)}</td>
</tr></table>
<h2>{title} {escape(d.number)}</h2>
{cancels}
<table width=100% cellspacing=0 cellpadding=3 border=1 style="border-collapse:collapse">
<tr><th>{t["pos"]}</th><th>{t["description"]}</th><th>{t["qty"]}</th>
<th>{t["unit_price"]}</th><th>{t["vat"]}</th><th>{t["net"]}</th></tr>
{rows}
<tr><td colspan=5 align=right>{t["total_net"]}</td><td align=right>{m(d.net)}</td></tr>
{vat}
<tr><td colspan=5 align=right><b>{t["total_gross"]}</b></td>
<td align=right><b>{m(d.gross)}</b></td></tr>
</table>
<p>{terms}<br><small>{t["service_date"]}</small></p>
"""
    if for_print:
        return html + f"<hr><p><small>{escape(SELLER_LEGAL)}</small></p>"
    return html + _history_html(d, t)


def _history_html(d: InvoiceDetail, t: dict[str, str]) -> str:
    m = fmt.money
    overdue = f" · {t['days_overdue'].format(d.days_overdue)}" if d.days_overdue else ""
    parts = [
        f"<p><b>{t['state']}:</b> {fmt.value(d.state)} · <b>{t['paid']}:</b> {m(d.paid)}"
        f" · <b>{t['open']}:</b> {m(d.open_amount)}{overdue}</p>"
    ]
    if d.payments:
        items = "".join(
            f"<li>{fmt.date(p.received_on)}: {m(p.amount)} ({fmt.value(p.method)})"
            f"{' – ' + escape(p.reference) if p.reference else ''}</li>"
            for p in d.payments
        )
        parts.append(f"<h3>{t['payments']}</h3><ul>{items}</ul>")
    if d.dunning_steps or d.next_dunning_step:
        items = "".join(
            f"<li>{fmt.date(s.issued_on)}: {fmt.value(s.level)}, {t['fee']} {m(s.fee)}"
            + (f", {t['pay_by']} {fmt.date(s.deadline)}" if s.deadline else "")
            + "</li>"
            for s in d.dunning_steps
        )
        if d.next_dunning_step:
            n = d.next_dunning_step
            items += f"<li><i>{t['next'].format(fmt.value(n.level), fmt.date(n.on))}</i></li>"
        parts.append(f"<h3>{t['dunning']}</h3><ul>{items}</ul>")
    if d.returned_debits:
        items = "".join(
            f"<li>{fmt.date(r.returned_on)}: {m(r.amount)} – {escape(r.reason_code)} "
            f"{escape(fmt.return_reason(r.reason_text))}, {t['fee']} {m(r.fee)}</li>"
            for r in d.returned_debits
        )
        parts.append(f"<h3>{t['returns']}</h3><ul>{items}</ul>")
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
