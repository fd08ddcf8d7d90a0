"""`kcp-desk open tel:…` → text delivered in the running desk (SPEC §4, §5 format).

This process plays the running desk: it holds the user's DeskLink (the same object the
desk's composition root holds) and times from starting a fresh `kcp-desk open tel:…`
process to the moment ``text_received`` fires here. That is the whole hand-over: the
command's start-up, the local socket and the desk's read. The search that follows in a
real desk is measured by bench/search.py and bench/keystroke.py.

    .venv/bin/python bench/desk_open.py [--runs 10] [--json]

No database is involved; ``--database-url`` is accepted for the common interface only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report

from kcp_desk.views.single_instance import DeskLink


def _command() -> list[str]:
    script = Path(sys.executable).with_name("kcp-desk")
    if script.exists():
        return [str(script)]
    found = shutil.which("kcp-desk")
    return [found] if found else [sys.executable, "-m", "kcp_desk"]


def open_to_delivered(runs: int) -> tuple[list[float], list[str]]:
    app = QCoreApplication.instance() or QCoreApplication([])
    samples: list[float] = []
    command = _command()
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, KCP_DESK_DATA_DIR=data)
        link = DeskLink.for_data_dir(Path(data))
        if not link.claim() or not link.listening:
            raise SystemExit("cannot listen for kcp-desk open")
        arrived: list[float] = []
        loop = QEventLoop()

        def received(_text: str) -> None:
            arrived.append(time.perf_counter())
            loop.quit()

        link.text_received.connect(received)
        for i in range(runs + 1):  # the first run warms the file cache
            arrived.clear()
            number = f"tel:+49221{12345600 + i}"
            start = time.perf_counter()
            proc = subprocess.Popen([*command, "open", number], env=env)
            QTimer.singleShot(20_000, loop.quit)
            loop.exec()
            if proc.wait(timeout=20) != 0 or not arrived:
                raise SystemExit(f"run {i}: the text did not arrive (exit {proc.returncode})")
            if i:
                samples.append((arrived[0] - start) * 1000)
        link.close()
    del app
    return samples, command


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--runs", type=int, default=10)
    args = p.parse_args()
    samples, command = open_to_delivered(args.runs)
    print(f"command: {' '.join(command)} open tel:+49221…  ({len(samples)} runs)")
    report({"open to delivered": figures(samples)}, args.json)


if __name__ == "__main__":
    main()
