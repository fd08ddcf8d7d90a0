"""The invoice as the customer's document (PAY-7, issue 9), tested by rendering the PDF and
reading its text back with QtPdf: the customer's language and German formats whatever the
desk's language, "Kopie" on a reprint, no debit promised after a returned debit, the
sender line whole, and "Save as PDF…" starting in the documents folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QThreadPool, QTranslator
from PySide6.QtGui import QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kcp_desk.app import I18N_DIR
from kcp_desk.db import Database
from kcp_desk.models.billing import InvoiceState
from kcp_desk.models.customers import PostalAddress
from kcp_desk.views.invoice_document import invoice_html, print_to, write_pdf
from tests.services.test_billing import Builder
from tests.views.test_billing_screen import BillingWorld, make_world, open_tab


@pytest.fixture(autouse=True)
def settled(database: Database) -> Iterator[None]:
    """The tab's worker reads end before the database goes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> BillingWorld:
    return make_world(database)


def pdf_text(path: Path) -> str:
    """All text of the PDF, pages joined, non-breaking spaces as spaces."""
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_
    assert document.status() == QPdfDocument.Status.Ready
    text = "\n".join(document.getAllText(p).text() for p in range(document.pageCount()))
    document.close()
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def english_desk() -> Iterator[None]:
    """The desk in English, as install_translators sets it up for "en"."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    translator = QTranslator()
    assert translator.load("kcp_desk_en", str(I18N_DIR))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous)


def test_the_saved_pdf_is_the_customers_german_invoice_marked_as_a_copy(
    qtbot: QtBot,
    world: BillingWorld,
    english_desk: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = open_tab(qtbot, world, world.late, 1280, 800)
    numbers = [tab.invoices.row(r).number for r in range(tab.invoices.rowCount())]
    tab.invoice_table.selectRow(numbers.index("RE-2026-000001"))
    qtbot.waitUntil(lambda: tab.invoice is not None and tab.invoice.number == "RE-2026-000001")
    asked: list[str] = []
    target = tmp_path / "saved.pdf"

    def save_dialog(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)  # the agent accepts the dialog with this file
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    # the dialog starts in the documents folder, with the invoice's number as the name
    (start,) = asked
    assert Path(start) == Path(platformdirs.user_documents_dir()) / "RE-2026-000001.pdf"
    assert target.stat().st_size > 1000
    text = pdf_text(target)
    for expected in (
        "Rechnung RE-2026-000001 – Kopie",
        "Kopie der Rechnung vom 01.01.2026",
        "Erika Mustermann",
        "Heidestraße 17",
        "51147 Köln",
        "Kundennummer: K12345671",
        "Rechnungsdatum: 01.01.2026",
        "Gesamtbetrag",
        "1.190,00 €",
        "1.000,00 €",
        "USt. 19 % auf 1.000,00 €",
    ):
        assert expected in text, expected
    # nothing of the agent's English on the customer's document, no ISO dates
    for wrong in ("Invoice", "Total gross", "2026-01-01", "€1,190.00"):
        assert wrong not in text, wrong
    assert "Saved" in tab.message.text()


def test_a_returned_debit_asks_for_a_transfer_and_promises_no_debit(
    qtbot: QtBot, world: BillingWorld, tmp_path: Path
) -> None:
    detail = world.billing.invoice_detail(world.session, world.returned_invoice)
    path = tmp_path / "returned.pdf"
    write_pdf(detail, path, copy=True)
    text = " ".join(pdf_text(path).split())
    assert "eingezogen" not in text and "per SEPA-Lastschrift (Mandatsreferenz" not in text
    assert "Die SEPA-Lastschrift wurde am 20.01.2026 zurückgegeben." in text
    assert "offenen Betrag von 1.190,00 €" in text
    # an invoice collected fine still says it is collected by direct debit
    paid = world.billing.invoice_detail(world.session, world.paid_invoice)
    write_pdf(paid, tmp_path / "paid.pdf", copy=True)
    assert "wird per SEPA-Lastschrift" in " ".join(pdf_text(tmp_path / "paid.pdf").split())


def test_printing_on_an_english_desk_gives_a_non_empty_german_document(
    qtbot: QtBot, world: BillingWorld, english_desk: None, tmp_path: Path
) -> None:
    assert QCoreApplication.translate("InvoiceDocument", "Payments") == "Payments"
    detail = world.billing.invoice_detail(world.session, world.returned_invoice)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(path))
    print_to(detail, printer, copy=True)
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 1000
    text = pdf_text(path)
    assert "Rechnung RE-2026-000001 – Kopie" in text
    assert "Rechnungsnummer: RE-2026-000001" in text and "1.190,00 €" in text


def test_a_customer_abroad_gets_an_english_invoice_in_german_formats(
    qtbot: QtBot, database: Database, world: BillingWorld, tmp_path: Path
) -> None:
    with database.transaction() as s:
        b = Builder(s)
        b.seq[2026] = 500
        customer = b.customer(3456789)
        address = customer.addresses[0]
        assert isinstance(address, PostalAddress)
        address.street, address.postcode, address.city = "Baker Street", "NW1 6XE", "London"
        address.country = "GB"
        invoice = b.invoice(customer, "2026-02-03", "1000.00", state=InvoiceState.OPEN)
        invoice_id = invoice.id
    detail = world.billing.invoice_detail(world.session, invoice_id)
    write_pdf(detail, tmp_path / "gb.pdf")
    text = pdf_text(tmp_path / "gb.pdf")
    assert "Invoice RE-2026-000501" in text and "Kopie" not in text and "Copy" not in text
    assert "Invoice date: 03.02.2026" in text and "1.190,00 €" in text
    assert "NW1 6XE London" in text and "Rechnung" not in text
    write_pdf(detail, tmp_path / "gb-copy.pdf", copy=True)
    assert "Invoice RE-2026-000501 – Copy" in pdf_text(tmp_path / "gb-copy.pdf")


def test_the_sender_line_keeps_postcode_and_city_together(world: BillingWorld) -> None:
    detail = world.billing.invoice_detail(world.session, world.returned_invoice)
    document = QTextDocument()
    document.setHtml(invoice_html(detail, for_print=False))
    document.setTextWidth(280)  # as narrow as the detail pane gets
    raw = document.toRawText()
    assert "Rheinuferstraße\u00a012" in raw and "50668\u00a0Köln" in raw
    # laid out narrow, "50668" and "Köln" stand on one line
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            if "50668" in text:
                assert "Köln" in text, text
        block = block.next()
