"""The secret clipboard (SPEC V-5): a copied credential carries the "do not record"
hints, is cleared after the time-out and at once on lock/quit, but only while the
clipboard still holds it; what the agent copied meanwhile stays."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication
from pytestqt.qtbot import QtBot

from kcp_desk.security.field_crypto import SecretText
from kcp_desk.views.secret_clipboard import SecretClipboard

SECRET = "rOOt-Pw!7x#Q2"


@pytest.fixture
def clipboard(qtbot: QtBot) -> QClipboard:
    cb = QGuiApplication.clipboard()
    cb.clear()
    return cb


def test_copy_puts_the_text_and_every_do_not_record_hint(
    qtbot: QtBot, clipboard: QClipboard
) -> None:
    secrets = SecretClipboard(clipboard)
    with qtbot.waitSignal(secrets.copied, timeout=1000):
        secrets.copy(SecretText(SECRET))

    mime = clipboard.mimeData()
    assert clipboard.text() == SECRET
    formats = mime.formats()
    assert "text/plain" in formats
    assert bytes(mime.data("x-kde-passwordManagerHint")) == b"secret"
    win = 'application/x-qt-windows-mime;value="{}"'
    assert bytes(mime.data(win.format("CanIncludeInClipboardHistory"))) == b"\0\0\0\0"
    assert bytes(mime.data(win.format("CanUploadToCloudClipboard"))) == b"\0\0\0\0"
    exclude = win.format("ExcludeClipboardContentFromMonitorProcessing")
    assert exclude in formats
    assert len(bytes(mime.data(exclude))) == 4
    # the hints carry no part of the secret
    for fmt in formats:
        if fmt != "text/plain":
            assert SECRET.encode() not in bytes(mime.data(fmt))
    secrets.clear_now()


def test_cleared_after_the_time_out_while_it_is_still_ours(
    qtbot: QtBot, clipboard: QClipboard
) -> None:
    secrets = SecretClipboard(clipboard, clear_after_ms=200)
    secrets.copy(SecretText(SECRET))
    assert secrets.pending
    with qtbot.waitSignal(secrets.cleared, timeout=2000):
        pass
    assert clipboard.text() == ""
    assert not secrets.pending


def test_not_cleared_when_the_agent_copied_something_else_meanwhile(
    qtbot: QtBot, clipboard: QClipboard
) -> None:
    secrets = SecretClipboard(clipboard, clear_after_ms=150)
    cleared: list[bool] = []
    secrets.cleared.connect(lambda: cleared.append(True))
    secrets.copy(SecretText(SECRET))
    clipboard.setText("Kundennummer 4711")  # the agent copies a customer number

    qtbot.waitUntil(lambda: not secrets.pending, timeout=2000)
    qtbot.wait(50)
    assert clipboard.text() == "Kundennummer 4711"
    assert cleared == []


def test_clear_now_clears_at_once_and_only_our_value(qtbot: QtBot, clipboard: QClipboard) -> None:
    secrets = SecretClipboard(clipboard)  # 15 s: the time-out plays no part here
    secrets.copy(SecretText(SECRET))
    with qtbot.waitSignal(secrets.cleared, timeout=500):
        secrets.clear_now()  # what lock and quit call
    assert clipboard.text() == ""
    assert not secrets.pending

    secrets.copy(SecretText(SECRET))
    clipboard.setText("mine")
    secrets.clear_now()
    assert clipboard.text() == "mine"
    secrets.clear_now()  # nothing pending: nothing happens
    assert clipboard.text() == "mine"


def test_a_second_copy_starts_the_time_out_again(qtbot: QtBot, clipboard: QClipboard) -> None:
    secrets = SecretClipboard(clipboard, clear_after_ms=400)
    secrets.copy(SecretText("first"))
    qtbot.wait(250)
    secrets.copy(SecretText("second"))
    qtbot.wait(250)  # 500 ms after the first copy: the first time-out would have passed
    assert clipboard.text() == "second"
    with qtbot.waitSignal(secrets.cleared, timeout=2000):
        pass
    assert clipboard.text() == ""


def test_line_breaks_and_nul_are_still_recognised_as_ours(
    qtbot: QtBot, clipboard: QClipboard
) -> None:
    # Windows gives "a\r\nb" back as "a\nb" and stops at a NUL; the offscreen clipboard
    # gives it back unchanged: both count as ours
    secrets = SecretClipboard(clipboard)
    secrets.copy(SecretText("pw\r\nline2\x00tail"))
    secrets.clear_now()
    assert clipboard.text() == ""

    secrets.copy(SecretText("pw\r\nline2\x00tail"))
    clipboard.setText("pw\nline2")  # what Windows reads back
    secrets.clear_now()
    assert clipboard.text() == ""


def test_the_value_is_not_kept_and_not_logged(
    qtbot: QtBot, clipboard: QClipboard, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = SecretClipboard(clipboard)
    secret = SecretText(SECRET)
    secrets.copy(secret)
    held = [v for v in vars(secrets).values() if isinstance(v, str | SecretText)]
    assert held == []
    assert SECRET not in repr(vars(secrets))
    secrets.clear_now()
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_the_time_out_must_be_positive(clipboard: QClipboard) -> None:
    with pytest.raises(ValueError):
        SecretClipboard(clipboard, clear_after_ms=0)
