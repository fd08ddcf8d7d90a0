"""The first start on an empty embedded database: demo data with progress, then login."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcp_desk.app import DeskApp
from kcp_desk.services.demo import DEMO_AGENTS
from kcp_desk.settings import Paths, Settings


def test_first_start_creates_demo_data_then_signs_in(
    qtbot: QtBot, qapp: QApplication, isolated_user_dirs: Path
) -> None:
    paths = Paths.from_environment()
    settings = dataclasses.replace(Settings.load(paths), demo_customers=25)
    desk = DeskApp(qapp, paths, settings, demo=True)
    qtbot.addWidget(desk.login)
    desk.start()
    assert not desk.login.sign_in.isEnabled()  # the form waits for the database
    assert desk.login.progress.isVisible()
    qtbot.waitUntil(lambda: desk.login.sign_in.isEnabled(), timeout=60_000)
    assert (isolated_user_dirs / "kcp-desk.sqlite3").exists()

    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    desk.login.username.setText("anna")
    desk.login.passphrase.setText(anna.passphrase)
    desk.login.sign_in.click()
    qtbot.waitUntil(lambda: desk.main is not None and desk.main.isVisible(), timeout=10_000)
    assert desk.main is not None
    qtbot.addWidget(desk.main)
    assert "Anna" in desk.main.agent_label.text()
    assert Settings.load(paths).last_username == "anna"  # remembered, never the passphrase
    assert anna.passphrase not in paths.settings_file.read_text()
    desk.main.close()
    assert desk.db is not None
    desk.db.dispose()
