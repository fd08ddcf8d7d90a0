"""The bundle's start script: both executables (kcp-desk, and kcp-desk-cli on Windows)
run this, which is `python -m kcp_desk` with what a frozen program needs first."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # The demo data and `audit verify` use "spawn" workers: in a frozen program the
    # child is this executable again, and freeze_support() makes it the worker.
    multiprocessing.freeze_support()
    # A windowed Windows executable has no console: sys.stdout and sys.stderr are None,
    # and the first print() (e.g. `kcp-desk open` handing a call over) would raise.
    for _name in ("stdout", "stderr"):
        if getattr(sys, _name) is None:
            setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from kcp_desk.cli import main

    sys.exit(main())
