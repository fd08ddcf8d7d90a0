"""The first start on an empty embedded database: demo data with progress, then login."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, make_url, text

from kcp_desk.app import DeskApp
from kcp_desk.security.audit_witness import LocalWitness, WitnessMark
from kcp_desk.services.demo import DEMO_AGENTS
from kcp_desk.settings import Paths, Settings, describe_database


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
