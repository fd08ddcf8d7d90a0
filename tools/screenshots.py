"""Save screenshots of the login window, the main window and the lock screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [de|en] [OUT_DIR]

Uses a throwaway SQLite database with two agents (cheap KDF parameters).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kcp_desk.app import install_translators
from kcp_desk.db import Database
from kcp_desk.models.agents import Role
from kcp_desk.security.sealing import KdfParams
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.login_window import LoginWindow
from kcp_desk.views.main_window import MainWindow


def settle(app: QApplication) -> None:
    for _ in range(20):
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
    with db.transaction() as s:
        provision_agent(
            s,
            username="lea",
            display_name="Lea Großmann",
            role=Role.LEAD,
            passphrase="lea-demo-2026!",
            kdf=KdfParams(64, 1, 1),
        )
    services = DeskServices.build(db)
    auth = services.auth

    login = LoginWindow(auth, db.describe(), "lea")
    login.resize(460, 420)
    login.show()
    settle(app)
    login.grab().save(str(out / f"login_{lang}.png"))
    login.show_error(QApplication.translate("KcpError", "User name or passphrase is wrong."))
    settle(app)
    login.grab().save(str(out / f"login_error_{lang}.png"))

    session = auth.login("lea", "lea-demo-2026!").session
    main = MainWindow(services, session, db.describe(), 5)
    main.resize(1100, 700)
    main.show()
    settle(app)
    main.grab().save(str(out / f"main_{lang}.png"))
    main.lock(reason="manual")
    settle(app)
    main.grab().save(str(out / f"lock_{lang}.png"))
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
