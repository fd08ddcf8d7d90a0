"""An invoice laid out as a German invoice (PAY-7): on screen, printed, or as PDF.

The invoice is the customer's document: its words are in the customer's language
(:func:`kcp_desk.domain.invoice_text.document_language`, from the billing address) and
its dates and amounts in German formats, whatever language the desk runs in. The same
HTML feeds the detail pane and the printer, so what the agent sees is what the customer
got; below it the screen adds the desk's own notes (payments, dunning, returns) in the
agent's language. The desk prints invoices that were issued and sent by the billing
run, so what it prints or saves is marked as a copy. Seller data are the hoster's (one
place, below).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from kcp_desk.domain import invoice_text as doc
from kcp_desk.services.billing import InvoiceDetail
from kcp_desk.views import formatting as fmt

# The hoster as seller (§ 14 Abs. 4 UStG: name, address, tax number / VAT id).
SELLER_NAME = "KCP Hosting GmbH"
SELLER_ADDRESS = ("Rheinuferstraße 12", "50668 Köln")
SELLER_LEGAL = (
    "Amtsgericht Köln HRB 123456 · Geschäftsführung: Dr. Maren Falk · "
    "USt-IdNr. DE123456789 · Commerzbank Köln, IBAN DE27 3704 0044 0532 0130 00"
)
_NBSP = "\u00a0"


def _keep(text: str) -> str:
    """Escaped, and never broken inside (a postcode stays with its city)."""
    return escape(text).replace(" ", _NBSP)


def _desk_labels() -> dict[str, str]:
    """The desk's notes under the document (screen only), in the agent's language."""
    return {
        "cancelled_by": QCoreApplication.translate("InvoiceDocument", "Cancelled by {0}."),
        "state": QCoreApplication.translate("InvoiceDocument", "State"),
        "paid": QCoreApplication.translate("InvoiceDocument", "Paid"),
        "open": QCoreApplication.translate("InvoiceDocument", "Open"),
        "payments": QCoreApplication.translate("InvoiceDocument", "Payments"),
        "dunning": QCoreApplication.translate("InvoiceDocument", "Dunning"),
        "fee": QCoreApplication.translate("InvoiceDocument", "fee"),
        "pay_by": QCoreApplication.translate("InvoiceDocument", "pay by"),
        "next": QCoreApplication.translate("InvoiceDocument", "Next: {0} on {1}"),
        "returns": QCoreApplication.translate("InvoiceDocument", "Returned debits"),
    }


def _terms(d: InvoiceDetail, t: dict[str, str]) -> str:
    """How the amount is paid. A returned debit is not collected again by itself: the
    document asks for a transfer (or says it was settled) instead of the SEPA sentence."""
    if d.returned_debits and not d.is_cancellation:
        last = max(d.returned_debits, key=lambda r: (r.returned_on, r.returned_debit_id))
        if d.open_amount > 0:
            return t["returned_open"].format(
                doc.date(last.returned_on), doc.money(d.open_amount), escape(d.number)
            )
        return t["returned_settled"].format(doc.date(last.returned_on))
    if d.mandate_reference:
        return t["sepa"].format(
            escape(d.mandate_reference), escape(d.creditor_id or ""), doc.date(d.due_on)
        )
    if d.is_cancellation:
        return t["credited"]
    key = "terms_one" if d.payment_terms_days == 1 else "terms"
    return t[key].format(d.payment_terms_days, doc.date(d.due_on))


def invoice_html(
    d: InvoiceDetail, *, for_print: bool, copy: bool = False, made_on: dt.date | None = None
) -> str:
    """The invoice as HTML in the customer's language; the screen version adds payments,
    dunning and returns (in the agent's language). ``copy`` marks a reprint as a copy,
    made on ``made_on`` (default: today)."""
    m = doc.money
    t = doc.texts(d.buyer.language)
    title = t["cancellation"] if d.is_cancellation else t["invoice"]
    copy_mark = copy_suffix = ""
    if copy:
        copy_suffix = f" – {t['copy']}"
        note = t["copy_note"].format(doc.date(d.issued_on), doc.date(made_on or dt.date.today()))
        copy_mark = f"<p><b>{note}</b></p>"
    buyer = "<br>".join(escape(x) for x in (d.buyer.name, *d.buyer.address_lines))
    rows = "".join(
        f"<tr><td>{p.pos}</td><td>{escape(p.description)}</td>"
        f"<td align=right nowrap>{doc.quantity(p.quantity)}</td>"
        f"<td align=right nowrap>{m(p.unit_price)}</td>"
        f"<td align=right nowrap>{doc.percent(p.vat_rate)}</td>"
        f"<td align=right nowrap>{m(p.net)}</td></tr>"
        for p in d.positions
    )
    vat = "".join(
        f"<tr><td colspan=5 align=right>{t['vat_on'].format(doc.percent(v.rate), m(v.net))}"
        f"</td><td align=right nowrap>{m(v.vat)}</td></tr>"
        for v in d.vat_lines
    )
    terms = _terms(d, t)
    cancels = ""
    if d.cancels:
        reason = f" {escape(d.cancellation_reason)}" if d.cancellation_reason else ""
        cancels = (
            f"<p>{t['cancels'].format(d.cancels.number, doc.date(d.cancels.issued_on))}{reason}</p>"
        )
    if d.cancelled_by and not for_print:
        cancelled_by = _desk_labels()["cancelled_by"].format(d.cancelled_by.number)
        cancels += f"<p><b>{cancelled_by}</b></p>"
    seller = "<br>".join(map(_keep, SELLER_ADDRESS))
    sender = " · ".join(_keep(x) for x in (SELLER_NAME, *SELLER_ADDRESS))
    html = f"""
<table width=100%><tr>
 <td valign=top><small>{sender}</small>
 <br><br>{buyer}</td>
 <td valign=top align=right><b>{_keep(SELLER_NAME)}</b><br>{seller}
 <br><br>{t["customer_number"]}: {escape(d.buyer.customer_number)}
 <br>{t["invoice_number"]}: {escape(d.number)}
 <br>{t["invoice_date"]}: {doc.date(d.issued_on)}</td>
</tr></table>
<h2>{title} {escape(d.number)}{copy_suffix}</h2>
{copy_mark}
{cancels}
<table width=100% cellspacing=0 cellpadding=3 border=1 style="border-collapse:collapse">
<tr><th>{t["pos"]}</th><th>{t["description"]}</th><th>{t["qty"]}</th>
<th>{t["unit_price"]}</th><th>{t["vat"]}</th><th>{t["net"]}</th></tr>
{rows}
<tr><td colspan=5 align=right>{t["total_net"]}</td><td align=right nowrap>{m(d.net)}</td></tr>
{vat}
<tr><td colspan=5 align=right><b>{t["total_gross"]}</b></td>
<td align=right nowrap><b>{m(d.gross)}</b></td></tr>
</table>
<p>{terms}<br><small>{t["service_date"]}</small></p>
"""
    if for_print:
        return html + f"<hr><p><small>{escape(SELLER_LEGAL)}</small></p>"
    return html + _history_html(d, _desk_labels())


class InvoiceDocument(QObject):
    """The desk's notes under the document (the agent's language). lupdate reads plural
    strings only from ``self.tr(text, "", n)``."""

    def days_overdue(self, n: int) -> str:
        return self.tr("%n days overdue", "", n)


def _history_html(d: InvoiceDetail, t: dict[str, str]) -> str:
    m = fmt.money
    late = InvoiceDocument().days_overdue(d.days_overdue)
    overdue = f" · {late}" if d.days_overdue else ""
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


def write_pdf(detail: InvoiceDetail, path: Path, *, copy: bool = False) -> None:
    """Save the printable invoice as an A4 PDF (``copy``: marked as a copy)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_to(detail, printer, copy=copy)


def print_to(detail: InvoiceDetail, printer: QPrinter, *, copy: bool = False) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setDocName(detail.number)
    printer.setCreator(SELLER_NAME)
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 10pt; } th { background: #eee; }")
    document.setHtml(invoice_html(detail, for_print=True, copy=copy))
    document.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    document.print_(printer)
