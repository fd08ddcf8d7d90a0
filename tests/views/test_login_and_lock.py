"""The login window, the main window and the lock screen, driven like a user would."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backends import null
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.services.auth import AuthService, LoginResult
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.login_window import LoginWindow
from kcp_desk.views.main_window import MainWindow
from tests.conftest import PASSPHRASES


@pytest.fixture(autouse=True)
def settled(database: Database) -> Iterator[None]:
    """The lock's audit entry is written on a worker: it ends before the database goes,
    so no connection is left open into the next test."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def _login_window(qtbot: QtBot, database: Database, username: str = "") -> LoginWindow:
    window = LoginWindow(AuthService(database), database.describe(), username)
    qtbot.addWidget(window)
    window.show()
    return window


def _sign_in(qtbot: QtBot, window: LoginWindow, username: str, passphrase: str) -> None:
    window.username.clear()
    qtbot.keyClicks(window.username, username)
    qtbot.keyClicks(window.passphrase, passphrase)
    qtbot.mouseClick(window.sign_in, Qt.MouseButton.LeftButton)


def test_wrong_passphrase_shows_message_and_keeps_the_user_name(
    qtbot: QtBot, database: Database, agents: dict[str, int]
) -> None:
    window = _login_window(qtbot, database)
    _sign_in(qtbot, window, "anna", "definitely-wrong")
    qtbot.waitUntil(window.error.isVisible)
    assert window.error.text() == "User name or passphrase is wrong."
    assert window.username.text() == "anna"
    assert window.passphrase.text() == ""
    assert window.sign_in.isEnabled()


def test_sign_in_opens_the_main_window_with_status_bar(
    qtbot: QtBot, database: Database, agents: dict[str, int]
) -> None:
    window = _login_window(qtbot, database)
    with qtbot.waitSignal(window.logged_in, timeout=5000) as signal:
        _sign_in(qtbot, window, "lea", PASSPHRASES["lea"])
    result: LoginResult = signal.args[0]
    main = MainWindow(DeskServices.build(database), result.session, database.describe(), 5)
    qtbot.addWidget(main)
    main.show()
    assert main.agent_label.text() == "Lea (lea) – Team lead"
    assert main.database_label.text() == database.describe()
    shown = [main.nav.item(i) for i in range(main.nav.count())]
    assert [item.text() for item in shown if not item.isHidden()] == [
        "Customers",
        "Tickets",
        "Support orders",
        "Approvals",
    ]


def test_lock_and_unlock(qtbot: QtBot, database: Database, agents: dict[str, int]) -> None:
    services = DeskServices.build(database)
    auth = services.auth
    session = auth.login("anna", PASSPHRASES["anna"]).session
    main = MainWindow(services, session, database.describe(), 5)
    qtbot.addWidget(main)
    main.show()
    main.lock_action.trigger()
    assert main.is_locked
    assert session.locked  # the keys are gone, not just hidden
    screen = main.lock_screen
    qtbot.keyClicks(screen.passphrase, "wrong-passphrase!")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.error.isVisible)
    assert main.is_locked
    qtbot.keyClicks(screen.passphrase, PASSPHRASES["anna"])
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main.is_locked)
    assert not session.locked


def test_idle_lock(qtbot: QtBot, database: Database, agents: dict[str, int]) -> None:
    services = DeskServices.build(database)
    auth = services.auth
    session = auth.login("anna", PASSPHRASES["anna"]).session
    main = MainWindow(services, session, database.describe(), idle_minutes=0.002)  # 120 ms
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.is_locked, timeout=3000)
    assert session.locked


def test_remember_is_disabled_without_secure_keyring(
    qtbot: QtBot, database: Database, agents: dict[str, int]
) -> None:
    keyring.set_keyring(null.Keyring())
    window = _login_window(qtbot, database)
    assert not window.remember.isEnabled()
    assert "Not available" in window.remember_note.text()


def test_remember_then_sign_in_without_passphrase(
    qtbot: QtBot, database: Database, agents: dict[str, int]
) -> None:
    window = _login_window(qtbot, database)
    assert window.remember.isEnabled()
    window.remember.setChecked(True)
    with qtbot.waitSignal(window.logged_in, timeout=5000):
        _sign_in(qtbot, window, "anna", PASSPHRASES["anna"])
    again = _login_window(qtbot, database, username="anna")
    assert "Remembered" in again.passphrase.placeholderText()
    with qtbot.waitSignal(again.logged_in, timeout=5000) as signal:
        qtbot.mouseClick(again.sign_in, Qt.MouseButton.LeftButton)
    assert signal.args[0].session.principal.username == "anna"


def test_lock_closes_open_dialogs(qtbot: QtBot, database: Database, agents: dict[str, int]) -> None:
    from PySide6.QtWidgets import QDialog

    services = DeskServices.build(database)
    session = services.auth.login("anna", PASSPHRASES["anna"]).session
    main = MainWindow(services, session, database.describe(), 5)
    qtbot.addWidget(main)
    main.show()
    dialog = QDialog(main)
    dialog.show()
    main.lock(reason="idle")
    assert not dialog.isVisible()  # nothing of the customer stays on screen


def test_a_locked_keyring_does_not_break_the_login_window(
    qtbot: QtBot, database: Database, agents: dict[str, int]
) -> None:
    """has_remembered runs on the GUI thread at every keystroke: KeyringLocked must not
    escape from it, and signing in with "remember" still works."""
    from tests.security.keyrings import LockedKeyring

    keyring.set_keyring(LockedKeyring())
    window = _login_window(qtbot, database)
    window.remember.setChecked(True)
    with qtbot.waitSignal(window.logged_in, timeout=5000) as signal:
        _sign_in(qtbot, window, "anna", PASSPHRASES["anna"])
    result: LoginResult = signal.args[0]
    assert result.session.principal.username == "anna"
    assert result.remembered_in is None
    assert str(result.remember_error) == (
        "The keyring of this workstation is locked. Unlock it and try again."
    )
    assert window.passphrase.placeholderText() == ""


def test_lock_screen_comes_first_while_another_program_holds_the_database(
    qtbot: QtBot,
    database: Database,
    agents: dict[str, int],
    hold_write_lock: Callable[[], Callable[[], None]],
) -> None:
    """Ctrl+L with a SQLite write lock held elsewhere: the lock screen is up at once (no
    database call on the GUI thread); the audit write waits on the worker and its
    failure is a status message, not a traceback."""
    services = DeskServices.build(database)
    session = services.auth.login("anna", PASSPHRASES["anna"]).session
    main = MainWindow(services, session, database.describe(), 5)
    qtbot.addWidget(main)
    main.show()
    release = hold_write_lock()
    try:
        main.lock_action.trigger()  # Ctrl+L
        # locked at once; the audit write is still waiting for the lock on the worker
        assert main.is_locked and session.locked
        assert main.statusBar().currentMessage().startswith("Locked")
        qtbot.waitUntil(
            lambda: "Another program is writing" in main.statusBar().currentMessage(),
            timeout=5000,
        )
        assert main.is_locked
    finally:
        release()
