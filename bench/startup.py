"""Start-up figures (SPEC §5):

- process start → login window painted (a fresh `python -m kcp_desk` per run);
- unlock → main window ready to type, KDF excluded (in-process, cheap KDF parameters).

    .venv/bin/python bench/startup.py [--runs 7] [--json]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report


def login_painted(runs: int) -> list[float]:
    samples = []
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, KCP_DESK_DATA_DIR=data, KCP_DESK_BENCH_PAINTED="1")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for _ in range(runs + 1):  # the first run warms the file cache
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "kcp_desk"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            assert proc.stdout is not None
            for line in proc.stdout:
                if "login window painted" in line:
                    samples.append((time.perf_counter() - start) * 1000)
                    break
            proc.wait(timeout=30)
    return samples[1:]


def unlock_to_main(runs: int, database_url: str | None) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from kcp_desk.db import Database
    from kcp_desk.models.agents import Role
    from kcp_desk.security.sealing import KdfParams
    from kcp_desk.services.agents import provision_agent
    from kcp_desk.services.desk import DeskServices
    from kcp_desk.views.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp()
    db = Database(database_url or f"sqlite:///{tmp}/bench.sqlite3")
    db.migrate()
    name = f"bench{os.getpid()}"
    with db.transaction() as s:
        provision_agent(
            s,
            username=name,
            display_name="Bench",
            role=Role.AGENT,
            passphrase="bench-passphrase",
            kdf=KdfParams(64, 1, 1),
        )
    services = DeskServices.build(db)
    auth = services.auth

    class Painted(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.done = True
            return False

    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        session = auth.login(name, "bench-passphrase").session  # KDF with 64 KiB: ~0 ms
        window = MainWindow(services, session, db.describe(), 5)
        probe = Painted()
        window.installEventFilter(probe)
        window.show()
        while not probe.done:
            app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()
    db.dispose()
    return samples[1:]


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    results = {
        "process start -> login window painted": figures(login_painted(args.runs)),
        "unlock -> main window painted (KDF excluded)": figures(
            unlock_to_main(args.runs, args.database_url)
        ),
    }
    report(results, args.json)


if __name__ == "__main__":
    main()
