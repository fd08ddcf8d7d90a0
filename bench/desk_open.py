"""`kcp-desk open tel:…` → the caller's customer painted in the running desk (SPEC §4,
§5 format).

This process plays the running desk: it holds the user's DeskLink (the same object the
desk's composition root holds) and times from starting a fresh `kcp-desk open tel:…`
process to

- "open to delivered": ``text_received`` fires here (the command's start-up, the local
  socket and the desk's read; no database);
- "open to customer painted": a signed-in main window (offscreen) ran the search for the
  number and painted the one customer it matched (``MainWindow.open_request``), with a
  different customer's number each run.

    .venv/bin/python bench/desk_open.py [--runs 10] [--customers 2000]
        [--database-url URL] [--json]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report
from billing import login
from search import demo_database

from kcp_desk.db import Database
from kcp_desk.models import Customer
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.single_instance import DeskLink


def _command() -> list[str]:
    script = Path(sys.executable).with_name("kcp-desk")
    if script.exists():
        return [str(script)]
    found = shutil.which("kcp-desk")
    return [found] if found else [sys.executable, "-m", "kcp_desk"]


def _unique_phones(db: Database, n: int) -> list[tuple[int, str]]:
    """Customers whose phone number no one else has: one match each."""
    with db.read() as s:
        shared = (
            select(Customer.phone_e164)
            .where(Customer.phone_e164.is_not(None))
            .group_by(Customer.phone_e164)
            .having(func.count() == 1)
        )
        rows = s.execute(
            select(Customer.id, Customer.phone_e164)
            .where(Customer.phone_e164.in_(shared))
            .where(Customer.mobile_e164.is_(None))
            .order_by(Customer.id)
            .limit(n)
        ).all()
    return [(r[0], r[1]) for r in rows]


class _Painted(QObject):
    """Notes the first paint of the customer view once it shows ``wanted``."""

    def __init__(self, window: MainWindow, loop: QEventLoop) -> None:
        super().__init__()
        self.window, self.loop = window, loop
        self.wanted: int | None = None
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.window.customers.customer
        if (
            event.type() == QEvent.Type.Paint
            and self.at is None
            and view.detail is not None
            and view.detail.customer_id == self.wanted
        ):
            self.at = time.perf_counter()
            self.loop.quit()
        return False


def hand_over(runs: int, database_url: str | None, customers: int) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication([])
    db = Database(database_url or demo_database(customers))
    services = DeskServices.build(db)
    window = MainWindow(services, login(db), db.describe(), 60)
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    painted = _Painted(window, loop)
    window.customers.customer.installEventFilter(painted)
    command = _command()
    delivered: list[float] = []
    shown: list[float] = []
    phones = _unique_phones(db, runs + 1)
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, KCP_DESK_DATA_DIR=data)
        link = DeskLink.for_data_dir(Path(data))
        if not link.claim() or not link.listening:
            raise SystemExit("cannot listen for kcp-desk open")
        arrived: list[float] = []

        def received(text: str) -> None:
            arrived.append(time.perf_counter())
            window.open_request(text)

        link.text_received.connect(received)
        for i, (customer_id, phone) in enumerate(phones):  # the first run warms up
            arrived.clear()
            painted.wanted, painted.at = customer_id, None
            window.customers.show_search()
            start = time.perf_counter()
            proc = subprocess.Popen([*command, "open", f"tel:{phone}"], env=env)
            QTimer.singleShot(20_000, loop.quit)
            loop.exec()
            if proc.wait(timeout=20) != 0 or not arrived or painted.at is None:
                raise SystemExit(f"run {i}: the customer was not shown (exit {proc.returncode})")
            if i:
                delivered.append((arrived[0] - start) * 1000)
                shown.append((painted.at - start) * 1000)
        link.close()
    window.close()
    db.dispose()
    del app
    return {"open to delivered": delivered, "open to customer painted": shown}


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--customers", type=int, default=2000)
    args = p.parse_args()
    samples = hand_over(args.runs, args.database_url, args.customers)
    print(f"command: {' '.join(_command())} open tel:…  ({args.runs} runs)")
    report({name: figures(ms) for name, ms in samples.items()}, args.json)


if __name__ == "__main__":
    main()
