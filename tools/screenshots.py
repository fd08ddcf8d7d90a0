"""Save screenshots of the main screens on a throwaway demo database.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [de|en] [OUT_DIR] [tickets|vault]

``tickets`` takes only the ticket screens, ``vault`` only the support orders, their
credentials, the reassignment dialog and the admin page, ``identity`` only an identity
case from its start to the closed case in History.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from kcp_desk.app import install_translators
from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import KnowledgeItem
from kcp_desk.models.billing import DunningLevel, DunningStep, Invoice, InvoiceState, ReturnedDebit
from kcp_desk.models.customers import Customer
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.outbox import OutboxChannel, OutboxMessage
from kcp_desk.models.vault import CredentialField
from kcp_desk.security.outbox_seal import open_sealed
from kcp_desk.security.sealing import KdfParams
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Queue
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.views.admin_page import AdminPage
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.credential_row import CredentialRow
from kcp_desk.views.invoice_document import write_pdf
from kcp_desk.views.login_window import LoginWindow
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.ticket_dialogs import ReassignDialog


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()


def _billing_examples(services: DeskServices, session: AgentSession) -> dict[str, int]:
    """A customer in good standing, and one at dunning level 2 with a returned debit
    (asked of the billing service itself, so the screenshot shows what it says)."""
    db = services.billing._db
    with db.session_factory() as s:
        dunned = list(
            s.scalars(
                select(DunningStep.customer_id)
                .where(DunningStep.level == DunningLevel.SECOND)
                .where(DunningStep.customer_id.in_(select(ReturnedDebit.customer_id)))
                .distinct()
                .limit(300)
            )
        )
        unpaid = select(Invoice.customer_id).where(
            Invoice.state.in_(
                [
                    InvoiceState.OPEN,
                    InvoiceState.OVERDUE,
                    InvoiceState.RETURNED_DEBIT,
                    InvoiceState.PARTLY_PAID,
                ]
            )
        )
        good = s.scalar(
            select(Customer.id).where(Customer.id.not_in(unpaid)).order_by(Customer.id).limit(1)
        )
    level2 = next(
        (
            cid
            for cid in dunned
            if (g := services.billing.glance(session, cid)).dunning_level == "second"
            and g.last_debit is not None
            and g.last_debit.returned
        ),
        dunned[0] if dunned else None,
    )
    assert good and level2, "demo data lacks the examples"
    return {"good": good, "dunning2": level2}


def _ticket_shots(
    app: QApplication,
    services: DeskServices,
    main: MainWindow,
    db: Database,
    shot: Callable[[QWidget, str], None],
) -> None:
    """The queues, the workload, a thread with an internal note, the reassignment
    dialog, "already taken by", the secret question and a live update between two
    desks (lea, a lead, in ``main``; anna in a second window on the same database)."""
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    anna_session = services.auth.login("anna", anna.passphrase).session
    lea_session = main._session
    page = main.tickets
    main.nav.setCurrentRow(main.PAGE_TICKETS)
    for queue, name in (
        (Queue.MINE, "tickets_mine"),
        (Queue.UNASSIGNED, "tickets_unassigned"),
        (Queue.TEAM, "tickets_team"),
        (Queue.ARCHIVE, "tickets_archive"),
    ):
        page.show_queue(queue)
        view = page.queues[queue]
        wait(app, lambda v=view: v.model.is_mapped)  # type: ignore[misc]
        for width, height in ((1280, 800), (1024, 768)):
            main.resize(width, height)
            shot(main, f"{name}_{width}")
    assert page.workload is not None
    page.tabs.setCurrentWidget(page.workload)
    wait(app, lambda: page.workload is not None and page.workload.model.rowCount() > 0)
    shot(main, "tickets_workload")
    anna_id = next(
        c.agent_id
        for c in services.tickets.colleagues(lea_session)
        if c.display_name.startswith("Anna")
    )
    page.show_agent(anna_id)
    team = page.queues[Queue.TEAM]
    wait(app, lambda: team.model.is_mapped)
    shot(main, "tickets_team_anna")
    # a thread: the customer wrote, lea replies and leaves an internal note
    ticket_id = services.queues.page(lea_session, Queue.UNASSIGNED, limit=1).rows[0].ticket_id
    services.tickets.claim(lea_session, ticket_id)
    detail = services.thread.open(lea_session, ticket_id)
    detail = services.thread.post(
        lea_session, ticket_id, detail.version, "reply",
        "Guten Tag,\n\nwir sehen uns das an und melden uns bis heute Abend.\n\nViele Grüße",
    )  # fmt: skip
    services.thread.post(
        lea_session, ticket_id, detail.version, "internal_note",
        "Kunde hat schon zweimal angerufen. Backup von gestern prüfen, bevor wir antworten.",
    )  # fmt: skip
    main.open_ticket(ticket_id)
    wait(app, lambda: page.ticket.detail is not None and page.ticket.detail.ticket_id == ticket_id)
    for width, height in ((1280, 800), (1024, 768)):
        main.resize(width, height)
        shot(main, f"ticket_thread_{width}")
    page.ticket.note_kind.setChecked(True)
    page.ticket.composer.setPlainText("Rückruf um 15 Uhr vereinbart.")
    shot(main, "ticket_composer_note")
    page.ticket.composer.clear()
    page.ticket.reply_kind.setChecked(True)
    page.ticket.composer.setPlainText("Ihr neues Passwort: Xr7!kP2#qL9vW4")
    page.ticket.send()
    wait(app, lambda: page.ticket.secret_question is not None)
    assert page.ticket.secret_question is not None
    shot(page.ticket.secret_question, "ticket_secret_question")
    page.ticket.secret_question.reject()
    page.ticket.composer.clear()
    page.ticket._reassign()
    wait(app, lambda: bool(main.findChildren(ReassignDialog)))
    dialog = main.findChildren(ReassignDialog)[-1]
    wait(app, lambda: dialog.colleague.count() > 0)
    dialog.reason.setPlainText("Anna übernimmt die Linux-Server dieses Kunden.")
    shot(dialog, "ticket_reassign_dialog")
    dialog.reject()
    # a second desk: anna; lea reassigns a ticket to her and it appears within 2 s
    desk_b = MainWindow(services, anna_session, db.describe(), 5)
    desk_b.resize(1024, 768)
    desk_b.show()
    desk_b.nav.setCurrentRow(desk_b.PAGE_TICKETS)
    mine_b = desk_b.tickets.queues[Queue.MINE]
    wait(app, lambda: mine_b.model.is_mapped)
    other = services.queues.page(lea_session, Queue.UNASSIGNED, limit=2).rows[1].ticket_id
    services.tickets.claim(lea_session, other)
    status = services.tickets.status(lea_session, other)
    before = mine_b.model.rowCount()
    services.tickets.reassign(lea_session, other, status.version, anna_id, "Kunde fragt nach Anna")
    wait(app, lambda: mine_b.model.rowCount() > before, timeout=5)
    wait(app, lambda: True)
    shot(desk_b, "tickets_live_update_desk_b")
    # "already taken by": anna opens an unassigned ticket, lea claims it first
    taken = services.queues.page(anna_session, Queue.UNASSIGNED, limit=1).rows[0].ticket_id
    desk_b.open_ticket(taken)
    view_b = desk_b.tickets.ticket
    wait(app, lambda: view_b.detail is not None and view_b.detail.ticket_id == taken)
    services.tickets.claim(lea_session, taken)
    view_b.claim()
    wait(app, lambda: view_b.note.isVisible())
    shot(desk_b, "ticket_already_taken")
    desk_b.live.stop()
    desk_b.close()
    # the customer's Tickets tab
    ortmann = services.search.search(lea_session, "K10000012", 1).hits[0].customer_id
    main.open_customer(ortmann)
    customer = main.customers.customer
    wait(app, lambda: customer.detail is not None)
    customer.tabs.setCurrentWidget(customer.tickets)
    wait(app, lambda: customer.tickets.model.is_mapped)
    main.resize(1280, 800)
    shot(main, "customer_tickets")


def _vault_shots(
    app: QApplication,
    db: Database,
    anchors: TrustAnchors,
    shot: Callable[[QWidget, str], None],
) -> None:
    """An order with its start gate (one condition not met), masked and revealed
    credentials, the lead's reassignment dialog, the admin disabling an agent."""
    services = DeskServices.build(db, anchors=anchors)
    sessions = {
        a.username: services.auth.login(a.username, a.passphrase).session for a in DEMO_AGENTS
    }
    with db.read() as s:
        orders = s.execute(
            select(SupportOrder.id, SupportOrder.ticket_id, SupportOrder.assignee_id)
            .where(SupportOrder.id.in_(select(CredentialField.order_id)))
            .order_by(SupportOrder.id)
        ).all()
    anna_id = sessions["anna"].principal.agent_id
    ben_id = sessions["ben"].principal.agent_id
    mine = next(o for o in orders if o.assignee_id == anna_id)
    gated = next(o for o in orders if o.assignee_id == ben_id)

    def window(username: str) -> MainWindow:
        w = MainWindow(services, sessions[username], db.describe(), 5)
        w.resize(1280, 800)
        w.show()
        return w

    def both_sizes(w: QWidget, name: str) -> None:
        for width, height in ((1280, 800), (1024, 768)):
            w.resize(width, height)
            shot(w, f"{name}_{width}")

    ben = window("ben")
    ben.open_order(gated.id)
    wait(app, lambda: ben.order.detail is not None)
    both_sizes(ben, "order_gate")
    ben.close()

    anna = window("anna")
    anna.open_order(mine.id)
    wait(app, lambda: bool(anna.order.findChildren(CredentialRow)))
    both_sizes(anna, "order_credentials_masked")
    row = anna.order.findChildren(CredentialRow)[0]
    row.show_button.click()
    wait(app, lambda: row.shown)
    both_sizes(anna, "order_credentials_revealed")
    anna.credentials.hide_all()
    anna.close()

    lea = window("lea")
    lea.open_ticket(mine.ticket_id)
    ticket = lea.tickets.ticket
    wait(app, lambda: ticket.detail is not None and ticket.reassign_button.isVisible())
    ticket.reassign_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReassignDialog))
    wait(app, lambda: dialog.colleague.count() > 0)
    dialog.reason.setPlainText("Anna ist ab morgen im Urlaub.")
    shot(dialog, "order_reassign_dialog")
    dialog.reject()
    lea.close()

    admin = window("admin")
    page = admin.admin_page
    assert isinstance(page, AdminPage)
    wait(app, lambda: page.model.rowCount() > 0)
    page.select_agent(anna_id)
    both_sizes(admin, "admin_page")
    page.disable_button.click()
    wait(app, lambda: page.question is not None and page.question.isVisible())
    assert page.question is not None
    shot(page.question, "admin_disable_question")
    admin.resize(1280, 800)
    shot(admin, "admin_disable_window")
    page.question.reject()
    admin.close()


def _identity_shots(
    app: QApplication,
    db: Database,
    anchors: TrustAnchors,
    keys: dict[OutboxChannel, X25519PrivateKey],
    shot: Callable[[QWidget, str], None],
) -> None:
    """A case from its start to the closed case: the start page, the factors, P passed
    and the letter pending, the approvals queue, the case in History."""
    services = DeskServices.build(db, anchors=anchors)
    sessions = {
        a.username: services.auth.login(a.username, a.passphrase).session for a in DEMO_AGENTS
    }
    with db.read() as s:  # K10000012: the demo's phone password is Sonnenblume-42
        customer_id = s.scalars(select(Customer.id).where(Customer.number == 1000001)).one()

    def window(username: str) -> MainWindow:
        w = MainWindow(services, sessions[username], db.describe(), 5)
        w.resize(1280, 800)
        w.show()
        return w

    def both_sizes(w: QWidget, name: str, sizes: tuple[tuple[int, int], ...]) -> None:
        for width, height in sizes:
            w.resize(width, height)
            shot(w, f"{name}_{width}")

    dialog_sizes = ((940, 720), (900, 700))
    anna = window("anna")
    anna.open_customer(customer_id)
    view = anna.customers.customer
    wait(app, lambda: view.detail is not None)
    view.identity_button.click()
    dialog = view.identity_dialog
    assert dialog is not None
    wait(app, lambda: not dialog.busy)
    dialog.knowledge[KnowledgeItem.CUSTOMER_NUMBER]["match"].setChecked(True)
    dialog.knowledge[KnowledgeItem.NAME]["match"].setChecked(True)
    dialog.knowledge[KnowledgeItem.DATE_OF_BIRTH]["mismatch"].setChecked(True)
    dialog.mailbox_no.setChecked(True)
    both_sizes(dialog, "identity_start", dialog_sizes)
    dialog.open_button.click()
    wait(app, lambda: not dialog.busy and dialog.case is not None)
    both_sizes(dialog, "identity_factors", dialog_sizes)
    dialog.p_field.setText("Sonnenblume-42")
    dialog.p_check.click()
    wait(app, lambda: not dialog.busy)
    dialog.send_letter.click()
    wait(app, lambda: not dialog.busy)
    both_sizes(dialog, "identity_letter_pending", dialog_sizes)
    case = dialog.case
    assert case is not None
    with db.read() as s:
        message = s.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.case_id == case.case_id)
            .where(OutboxMessage.channel == OutboxChannel.LETTER)
        ).one()
        code = open_sealed(
            keys[OutboxChannel.LETTER],
            bytes(message.sealed or b""),
            channel="letter",
            key_version=message.sealed_key_version or 0,
            recipient=message.recipient,
            template=message.template,
        )["code"]
    dialog.letter_code.setText(code.reveal())
    dialog.letter_check.click()
    wait(app, lambda: not dialog.busy)
    dialog.new_email.setText("juergen.neu@example.org")
    both_sizes(dialog, "identity_allowed", dialog_sizes)
    dialog.submit_button.click()
    wait(app, lambda: not dialog.busy and dialog.case is not None and dialog.case.state != "open")
    shot(dialog, "identity_submitted")
    dialog.close()
    anna.close()

    lea = window("lea")
    lea.nav.setCurrentRow(lea.PAGE_APPROVALS)
    queue = lea.approvals.identity
    assert queue is not None
    wait(app, lambda: queue.model.rowCount() > 0)
    queue.table.selectRow(0)
    both_sizes(lea, "identity_approvals", ((1280, 800), (1024, 768)))
    queue.decision_reason.setText("Telefonpasswort und Brief-Code bestanden")
    queue.approve.click()
    wait(app, lambda: queue.model.rowCount() == 0)
    lea.open_customer(customer_id)
    view = lea.customers.customer
    wait(app, lambda: view.detail is not None and view.identity_cases.table.model().rowCount() > 0)
    view.tabs.setCurrentWidget(view.history)
    both_sizes(lea, "identity_history", ((1280, 800), (1024, 768)))
    lea.close()


def main() -> None:
    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    only_tickets = sys.argv[3:] == ["tickets"]
    only_vault = sys.argv[3:] == ["vault"]
    only_identity = sys.argv[3:] == ["identity"]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    install_translators(app, lang)

    def shot(widget: QWidget, name: str) -> None:
        wait(app, lambda: True)
        widget.grab().save(str(out / f"{name}_{lang}.png"))

    tmp = tempfile.mkdtemp()
    db = Database(f"sqlite:///{tmp}/shots.sqlite3")
    db.migrate()
    pinned: list[TrustAnchors] = []
    keys: dict[OutboxChannel, X25519PrivateKey] = {}
    populate(
        db,
        customers=2000,
        kdf=KdfParams(64, 1, 1),
        pin=pinned.append,
        vault_orders=True,
        outbox_keys=keys.__setitem__,
    )
    if only_identity:
        _identity_shots(app, db, pinned[0], keys, shot)
        print(f"saved to {out}")
        return
    if only_vault:
        _vault_shots(app, db, pinned[0], shot)
        print(f"saved to {out}")
        return
    services = DeskServices.build(db, anchors=pinned[0])
    lea = next(a for a in DEMO_AGENTS if a.username == "lea")

    login = LoginWindow(services.auth, db.describe(), "lea")
    login.resize(460, 420)
    login.show()
    shot(login, "login")
    login.close()

    session = services.auth.login("lea", lea.passphrase).session
    main = MainWindow(services, session, db.describe(), 5)
    main.resize(1280, 760)
    main.show()
    if only_tickets:
        _ticket_shots(app, services, main, db, shot)
        print(f"saved to {out}")
        return
    search = main.customers.search
    search.field.setText("mann")
    wait(app, lambda: search.model.rowCount() > 0)
    shot(main, "search")
    search.field.setText("K10000013")
    wait(app, lambda: "Check digit" in search.message.text())
    shot(main, "search_check_digit")
    search.field.setText("Müller Berlin Straße " * 20)  # a pasted block: first words only
    wait(app, lambda: search.message.text() != "")
    main.resize(1024, 768)
    shot(main, "search_pasted_1024")
    main.resize(1280, 760)
    search.field.setText("mü")
    wait(app, lambda: search.message.text() != "")
    shot(main, "search_too_short")
    search.field.setText("K10000012")
    wait(app, lambda: search.model.rowCount() > 0)
    main.customers.open_customer(search.model.row(0).customer_id)
    view = main.customers.customer
    wait(app, lambda: view.detail is not None)
    shot(main, "customer")
    form = view.contact
    form.set_editing(True)
    form.fields["phone"].setText("kein Telefon")
    form.fields["billing.postcode"].setText("123")
    form.save()
    wait(app, lambda: form.errors["phone"].isVisible())
    shot(main, "contact_error")
    form.set_editing(False)
    form.set_editing(True)
    form.fields["billing.city"].setText("Dü\x1b[31mren")  # an escape sequence pasted
    form.fields["billing.street"].setText("Lorch\u202estraße")  # a right-to-left override
    form.save()
    wait(app, lambda: form.errors["billing.city"].isVisible())
    main.resize(1024, 768)
    shot(main, "contact_control_chars_1024")
    main.resize(1280, 760)
    form.set_editing(False)
    for name, customer_id in _billing_examples(services, session).items():
        view.detail = None
        view.billing.glance = None
        main.customers.open_customer(customer_id)
        wait(app, lambda: view.detail is not None and view.billing.glance is not None)
        view.tabs.setCurrentWidget(view.billing)
        wait(app, lambda: view.billing.invoice is not None)
        for width, height in ((1280, 800), (1024, 768)):
            main.resize(width, height)
            shot(main, f"billing_{name}_{width}")
        main.resize(1280, 760)
    view.tabs.setCurrentWidget(view.history)
    shot(main, "history")
    assert view.billing.invoice is not None
    pdf = out / f"invoice_{lang}.pdf"
    write_pdf(view.billing.invoice, pdf)
    assert view.detail is not None
    dialog = CallerVerificationDialog(
        view, services.verification, session, view.detail.customer_id, "K10000012"
    )
    dialog.show()
    dialog.spoken.setText("falsch-geraten")
    dialog._check()
    wait(app, lambda: dialog.answer.text() != "")
    shot(dialog, "caller_no_match")
    dialog.close()
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    anna_session = services.auth.login("anna", anna.passphrase).session
    ortmann = services.search.search(anna_session, "K10000012", 1).hits[0].customer_id
    company = services.customers.detail(anna_session, ortmann)
    services.name_change.request(
        anna_session,
        company.customer_id,
        company.tickets.rows[0].ref,
        company.contact.first_name,
        company.contact.last_name,
        "Ortmann Haustechnik",
        "AG",
        "Umwandlung laut Handelsregister",
    )
    main.approvals.refresh_count()
    main.nav.setCurrentRow(main.PAGE_APPROVALS)
    wait(app, lambda: True)
    main.resize(1024, 768)
    shot(main, "approvals_1024")
    _ticket_shots(app, services, main, db, shot)
    main.lock(reason="manual")
    shot(main, "lock")
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
