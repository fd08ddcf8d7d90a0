"""Save screenshots of the main screens on a throwaway demo database.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [de|en] [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kcp_desk.app import install_translators
from kcp_desk.db import Database
from kcp_desk.security.sealing import KdfParams
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.login_window import LoginWindow
from kcp_desk.views.main_window import MainWindow


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()


def main() -> None:
    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    install_translators(app, lang)
    tmp = tempfile.mkdtemp()
    db = Database(f"sqlite:///{tmp}/shots.sqlite3")
    db.migrate()
    populate(db, customers=300, kdf=KdfParams(64, 1, 1))
    services = DeskServices.build(db)
    lea = next(a for a in DEMO_AGENTS if a.username == "lea")

    def shot(widget: QWidget, name: str) -> None:
        wait(app, lambda: True)
        widget.grab().save(str(out / f"{name}_{lang}.png"))

    login = LoginWindow(services.auth, db.describe(), "lea")
    login.resize(460, 420)
    login.show()
    shot(login, "login")
    login.close()

    session = services.auth.login("lea", lea.passphrase).session
    main = MainWindow(services, session, db.describe(), 5)
    main.resize(1280, 760)
    main.show()
    search = main.customers.search
    search.field.setText("mann")
    wait(app, lambda: search.model.rowCount() > 0)
    shot(main, "search")
    search.field.setText("K10000013")
    wait(app, lambda: "Check digit" in search.message.text())
    shot(main, "search_check_digit")
    search.field.setText("K10000012")
    wait(app, lambda: search.model.rowCount() > 0)
    main.customers.open_customer(search.model.row(0).customer_id)
    view = main.customers.customer
    wait(app, lambda: view.detail is not None)
    shot(main, "customer")
    form = view.contact
    form.set_editing(True)
    form.fields["email"].setText("kein-at-zeichen")
    form.fields["billing.postcode"].setText("123")
    form.save()
    wait(app, lambda: form.errors["email"].isVisible())
    shot(main, "contact_error")
    form.set_editing(False)
    view.tabs.setCurrentIndex(2)
    shot(main, "customer_invoices")
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
    main.lock(reason="manual")
    shot(main, "lock")
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
