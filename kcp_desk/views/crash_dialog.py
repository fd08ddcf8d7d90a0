"""The one dialog for bugs (qutebrowser's second tier): versions, traceback, log path."""

from __future__ import annotations

import logging
import platform
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QApplication, QMessageBox

from kcp_desk import __version__
from kcp_desk.logging_setup import redact

log = logging.getLogger("kcp_desk.crash")


def install_excepthook(log_path: Path) -> None:
    import sys

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = redact("".join(traceback.format_exception(exc_type, exc, tb)))
        log.error("unexpected error\n%s", text)
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QApplication.translate("CrashDialog", "kcp-desk – unexpected error"))
        box.setText(
            QApplication.translate(
                "CrashDialog",
                "Something went wrong that should not have. Your work in other windows is "
                "kept. Please send the log file to IT.",
            )
        )
        box.setInformativeText(
            QApplication.translate("CrashDialog", "Log file: {0}").format(log_path)
        )
        box.setDetailedText(
            f"kcp-desk {__version__}, PySide6 {pyside_version}, Python "
            f"{platform.python_version()}, {platform.platform()}\n\n{text}"
        )
        box.exec()

    sys.excepthook = hook
