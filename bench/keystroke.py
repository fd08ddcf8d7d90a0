"""Keystroke → results painted in the real search widget (SPEC §5: ≤ 16 ms p95, SQLite).

Types realistic queries character by character into ``CustomerSearchView`` (offscreen
Qt) and measures, per keystroke, from the key event to the result table having painted
the new rows (the worker search, the model reset and a forced repaint of the viewport).

    .venv/bin/python bench/keystroke.py --database-url sqlite:////tmp/search1m.sqlite3
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report
from billing import login
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.models import Customer
from kcp_desk.services.search import CustomerSearch
from kcp_desk.views.customer_search import CustomerSearchView


def sample_queries(db: Database, n: int) -> list[str]:
    rng = random.Random(7)
    with db.session_factory() as s:
        top = s.scalar(select(Customer.id).order_by(Customer.id.desc()).limit(1)) or 1
        ids = [rng.randint(1, top) for _ in range(n)]
        rows = s.execute(
            select(Customer.number, Customer.last_name, Customer.email).where(Customer.id.in_(ids))
        ).all()
    queries = []
    for i, (number, last, email) in enumerate(rows):
        kind = i % 3
        if kind == 0:
            queries.append(format_customer_number(number))
        elif kind == 1 and last:
            queries.append(last.lower())
        else:
            queries.append(email.split("@")[0][:10])
    return queries


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--queries", type=int, default=60)
    args = p.parse_args()
    if not args.database_url:
        sys.exit("--database-url is required (e.g. the 1M SQLite demo database)")
    app = QApplication.instance() or QApplication([])
    db = Database(args.database_url)
    db.migrate()
    view = CustomerSearchView(CustomerSearch(db), login(db))
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    samples: list[float] = []
    for query in sample_queries(db, args.queries):
        view.field.clear()
        app.processEvents()
        for char in query:
            # wait in a real event loop: a busy processEvents() loop would hold the GIL
            # and starve the search worker, which the desk never does
            loop = QEventLoop()
            answered: list[bool] = []
            view.searched.connect(loop.quit)
            view.searched.connect(lambda a=answered: a.append(True))
            start = time.perf_counter()
            QTest.keyClick(view.field, char)
            if not answered:  # the SQLite search answers inline, before we get here
                loop.exec()
            view.table.viewport().repaint()
            samples.append((time.perf_counter() - start) * 1000)
            view.searched.disconnect()
        QTest.keyClick(view.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    report({"keystroke -> results painted": figures(samples)}, args.json)
    print(f"({len(samples)} keystrokes)")
    db.dispose()


if __name__ == "__main__":
    main()
