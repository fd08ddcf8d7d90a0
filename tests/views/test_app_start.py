"""The first start on an empty embedded database: demo data with progress, then login."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, make_url, text

from kcp_desk.app import DeskApp
from kcp_desk.security.audit_witness import LocalWitness, WitnessMark
from kcp_desk.services.demo import DEMO_AGENTS
from kcp_desk.settings import Paths, Settings, describe_database
from kcp_desk.views.login_window import LoginWindow
from kcp_desk.views.settings_dialog import SettingsDialog


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
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

    # a call arrives before anyone signed in (`kcp-desk open`): it waits for the login
    desk.open_text("+4922112345678")
    assert desk.pending_open == "+4922112345678"
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    desk.login.username.setText("anna")
    desk.login.passphrase.setText(anna.passphrase)
    desk.login.sign_in.click()
    qtbot.waitUntil(lambda: desk.main is not None and desk.main.isVisible(), timeout=10_000)
    assert desk.main is not None
    qtbot.addWidget(desk.main)
    assert "Anna" in desk.main.agent_label.text()
    assert desk.pending_open is None  # handed to the main window once it was there
    assert Settings.load(paths).last_username == "anna"  # remembered, never the passphrase
    assert anna.passphrase not in paths.settings_file.read_text()

    # Desk → Settings… opens the settings dialog over the main window
    if hasattr(desk.main, "settings_requested"):
        desk.main.settings_requested.emit()
        dialog = desk.main.findChild(SettingsDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()

    # locked: the next call waits for the unlock, then reaches the window
    desk.main.lock(reason="manual")
    desk.open_text("K10000012")
    assert desk.pending_open == "K10000012"
    desk.main.lock_screen.passphrase.setText(anna.passphrase)
    desk.main.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not desk.main.is_locked, timeout=10_000)
    assert desk.pending_open is None
    desk.main.close()
    assert desk.db is not None
    desk.db.dispose()


def test_a_database_that_is_not_there_is_a_message_with_a_retry(
    qtbot: QtBot, qapp: QApplication, pg_admin_url: str | None
) -> None:
    """Start-up against a missing database: a message, a countdown and "Retry now";
    once the database is there the stale message goes away (SPEC §4)."""
    if not pg_admin_url:
        pytest.skip("PostgreSQL not configured")
    name = f"kcp_late_{os.getpid()}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    url = make_url(pg_admin_url).set(database=name).render_as_string(False)
    paths = Paths.from_environment()
    desk = DeskApp(qapp, paths, dataclasses.replace(Settings.load(paths), database_url=url), False)
    qtbot.addWidget(desk.login)
    try:
        desk.start()
        qtbot.waitUntil(lambda: desk.login.retry_now.isVisible(), timeout=15_000)
        assert "cannot be reached" in desk.login.error.text()
        assert "Trying again in" in desk.login.status.text()
        assert not desk.login.sign_in.isEnabled()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        desk.login.retry_now.click()
        # migrated now, but nobody can sign in yet: the new message replaces the old one
        qtbot.waitUntil(lambda: "no agents yet" in desk.login.error.text(), timeout=30_000)
        assert not desk.login.retry_now.isVisible()
    finally:
        if desk.db is not None:
            desk.db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_vanished_database_file_is_not_silently_recreated(
    qtbot: QtBot, qapp: QApplication, isolated_user_dirs: Path
) -> None:
    paths = Paths.from_environment()
    settings = Settings.load(paths)
    gone = isolated_user_dirs / "kcp-desk.sqlite3"
    # this workstation has seen the database: its audit witness says so
    LocalWitness(paths.data_dir, describe_database(settings.database_url)).advance(
        WitnessMark(42, "a" * 64)
    )
    desk = DeskApp(qapp, paths, settings, demo=True)
    qtbot.addWidget(desk.login)
    desk.start()
    qtbot.waitUntil(lambda: desk.login.retry_now.isVisible(), timeout=15_000)
    assert f"The database file {gone} is missing" in desk.login.error.text()
    assert not gone.exists()


GERMAN_KEYRING_NOTE = (
    "Nicht verfügbar: Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund (gefunden: "
    "Klartextdatei (unsicher), kein Schlüsselbund). Melden Sie sich jedes Mal mit Ihrer "
    "Passphrase an."
)


@pytest.mark.parametrize("size", [(440, 300), (1024, 768)])
def test_the_keyring_hint_on_the_login_window_is_never_clipped(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    """The hint under "Remember on this workstation" gets the height its wrapped text
    needs, before any error and with one, in German-length text (issue 9)."""
    login = LoginWindow(None, describe_database("sqlite:////home/anna/kcp-desk.sqlite3"))
    qtbot.addWidget(login)
    login.remember_note.setText(GERMAN_KEYRING_NOTE)
    login.resize(*size)
    login.show()
    qtbot.waitExposed(login)

    def span(widget: QWidget) -> tuple[int, int]:
        top = widget.mapTo(login, QPoint(0, 0)).y()
        return top, top + widget.height()

    def fits() -> None:
        for label in (login.remember_note, login.error):
            if label.isVisible():
                assert label.height() >= label.heightForWidth(label.width()), label.text()
        # nothing runs under the next widget, and all of it is inside the window
        assert span(login.remember)[1] <= span(login.remember_note)[0]
        assert span(login.remember_note)[1] <= span(login.sign_in)[0]
        assert span(login.sign_in)[1] <= login.height()

    qtbot.waitUntil(fits)
    login.show_error(
        "Benutzername oder Passphrase ist falsch. Bitte prüfen Sie die Feststelltaste und "
        "versuchen Sie es erneut."
    )
    qtbot.waitUntil(fits)
    assert span(login.error)[1] <= span(login.remember)[0]
