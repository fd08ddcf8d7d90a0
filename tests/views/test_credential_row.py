"""The credential row (SPEC V-5): masked by default, shown on request for a while and
then masked again with the plaintext gone from every widget, copied through the secret
clipboard, a failure shown next to the row, reachable by keyboard."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kcp_desk.security.field_crypto import SecretText
from kcp_desk.views.credential_row import MASK, CredentialRow
from kcp_desk.views.secret_clipboard import SecretClipboard

SECRET = "Zq8!root#Pw-77x"


def widget_strings(root: QWidget) -> dict[str, str]:
    """Every text a widget of ``root`` shows or exposes, keyed by widget and property."""
    found: dict[str, str] = {}
    for i, w in enumerate([root, *root.findChildren(QWidget)]):
        key = f"{i}:{type(w).__name__}:{w.objectName()}"
        props = {
            "toolTip": w.toolTip(),
            "accessibleName": w.accessibleName(),
            "accessibleDescription": w.accessibleDescription(),
            "statusTip": w.statusTip(),
            "whatsThis": w.whatsThis(),
            "windowTitle": w.windowTitle(),
        }
        if isinstance(w, QLabel):
            props["text"] = w.text()
        if isinstance(w, QLineEdit):
            props["text"] = w.text()
            props["displayText"] = w.displayText()
            props["placeholderText"] = w.placeholderText()
            props["selectedText"] = w.selectedText()
        if isinstance(w, QAbstractButton):
            props["text"] = w.text()
        for name, value in props.items():
            found[f"{key}.{name}"] = value
    return found


def leaks(root: QWidget, secret: str) -> list[str]:
    return [k for k, v in widget_strings(root).items() if secret in v]


@pytest.fixture
def clipboard(qtbot: QtBot) -> Iterator[SecretClipboard]:
    cb = QGuiApplication.clipboard()
    cb.clear()
    secrets = SecretClipboard(cb, clear_after_ms=60_000)
    yield secrets
    secrets.clear_now()


def make_row(
    qtbot: QtBot, clipboard: SecretClipboard, show_ms: int = 20_000, name: str = "root_password"
) -> CredentialRow:
    row = CredentialRow(name, "root password", clipboard, show_ms=show_ms)
    qtbot.addWidget(row)
    row.resize(700, 80)
    row.show()
    qtbot.waitExposed(row)
    return row


def test_masked_by_default_whatever_the_length(qtbot: QtBot, clipboard: SecretClipboard) -> None:
    row = make_row(qtbot, clipboard)
    assert row.value.text() == MASK == "••••••••"
    assert row.value.isReadOnly()
    assert row.show_button.text() == "Show"
    assert row.copy_button.text() == "Copy"
    assert not row.note.isVisible() and not row.error.isVisible()


def test_show_asks_the_owner_and_is_busy_until_the_answer(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    row = make_row(qtbot, clipboard)
    with qtbot.waitSignal(row.reveal_requested, timeout=1000) as signal:
        qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["root_password"]
    assert not row.show_button.isEnabled() and not row.copy_button.isEnabled()
    assert row.busy and row.note.isVisible()
    assert row.value.text() == MASK  # nothing shown before the owner's answer

    row.show_secret(SecretText(SECRET))
    assert row.value.text() == SECRET
    assert row.show_button.isEnabled() and row.copy_button.isEnabled()
    assert row.show_button.text() == "Hide"
    assert row.note.text() in {"Hides in 20 s", "Hides in 19 s"}
    assert QFontInfo(row.value.font()).fixedPitch()
    assert row.value.isReadOnly() and not row.value.isUndoAvailable()
    # the secret is in the value's text and nowhere else
    found = leaks(row, SECRET)
    assert all(":credential_root_password_value." in k for k in found)
    assert {k.rsplit(".", 1)[1] for k in found} == {"text", "displayText"}
    row.hide_secret()


def test_hidden_again_after_show_ms_with_no_plaintext_left(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    row = make_row(qtbot, clipboard, show_ms=300)
    before = widget_strings(row)
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    secret = SecretText(SECRET)
    row.show_secret(secret)
    row.value.selectAll()
    assert row.shown and row.value.text() == SECRET
    assert row.note.text() == "Hides in 1 s"

    qtbot.waitUntil(lambda: not row.shown, timeout=3000)
    assert row.value.text() == MASK
    assert leaks(row, SECRET) == []
    assert widget_strings(row) == before
    assert not row.value.isUndoAvailable()
    # the row keeps no reference to the secret, nor its text
    assert not any(r is vars(row) for r in gc.get_referrers(secret))
    assert SECRET not in [v for v in vars(row).values() if isinstance(v, str)]


def test_the_hide_button_hides_at_once(qtbot: QtBot, clipboard: SecretClipboard) -> None:
    row = make_row(qtbot, clipboard)
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.show_secret(SecretText(SECRET))
    with qtbot.assertNotEmitted(row.reveal_requested):
        qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    assert not row.shown
    assert row.value.text() == MASK
    assert row.show_button.text() == "Show"
    assert leaks(row, SECRET) == []


def test_copy_goes_through_the_secret_clipboard(qtbot: QtBot, clipboard: SecretClipboard) -> None:
    row = make_row(qtbot, clipboard)
    with qtbot.waitSignal(row.copy_requested, timeout=1000) as signal:
        qtbot.mouseClick(row.copy_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["root_password"]
    assert not row.copy_button.isEnabled()
    assert QGuiApplication.clipboard().text() == ""  # nothing before the owner's answer

    row.copy_secret(SecretText(SECRET))
    cb = QGuiApplication.clipboard()
    assert cb.text() == SECRET
    assert bytes(cb.mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    assert row.copy_button.isEnabled()
    assert row.note.text() == "Copied. The clipboard is cleared in 60 s."
    assert row.value.text() == MASK  # copying does not show it
    assert leaks(row, SECRET) == []
    clipboard.clear_now()
    assert cb.text() == ""
    assert not row.note.isVisible()


def test_ctrl_c_in_the_shown_value_asks_for_an_audited_copy(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    row = make_row(qtbot, clipboard)
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.show_secret(SecretText(SECRET))
    row.value.setFocus()
    row.value.selectAll()
    with qtbot.waitSignal(row.copy_requested, timeout=1000):
        qtbot.keyClick(row.value, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # the line edit did not copy by itself, without hints
    assert QGuiApplication.clipboard().text() == ""
    assert row.value.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    row.hide_secret()


def test_failed_shows_the_message_and_enables_again(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    row = make_row(qtbot, clipboard)
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.failed("The audit entry could not be written, so nothing is shown.")
    assert row.error.isVisible()
    assert row.error.text() == "The audit entry could not be written, so nothing is shown."
    assert row.show_button.isEnabled() and row.copy_button.isEnabled()
    assert not row.busy and row.value.text() == MASK
    assert not row.note.isVisible()
    # the next try clears the message
    qtbot.mouseClick(row.copy_button, Qt.MouseButton.LeftButton)
    assert not row.error.isVisible()


def test_hide_secret_during_a_request_drops_its_late_answer(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    row = make_row(qtbot, clipboard)
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.hide_secret()  # the desk locks while the reveal runs
    assert row.show_button.isEnabled() and not row.busy
    row.show_secret(SecretText(SECRET))  # the answer, handed over after the unlock
    assert row.value.text() == MASK
    assert leaks(row, SECRET) == []
    # a new request is answered again
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.show_secret(SecretText(SECRET))
    assert row.value.text() == SECRET
    row.hide_secret()


def test_buttons_are_reachable_with_tab_and_named_without_the_secret(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    row = make_row(qtbot, clipboard)
    with qtbot.waitActive(row):
        row.activateWindow()
    row.value.setFocus()
    qtbot.waitUntil(row.value.hasFocus, timeout=1000)
    qtbot.keyClick(row.value, Qt.Key.Key_Tab)
    assert row.show_button.hasFocus()
    qtbot.keyClick(row.show_button, Qt.Key.Key_Tab)
    assert row.copy_button.hasFocus()
    with qtbot.waitSignal(row.copy_requested, timeout=1000):
        qtbot.keyClick(row.copy_button, Qt.Key.Key_Space)

    assert row.accessibleName() == "root password"
    assert row.value.accessibleName() == "root password"
    assert row.show_button.accessibleName() == "Show root password"
    assert row.copy_button.accessibleName() == "Copy root password"
    assert row.name_label.buddy() is row.value


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(min_size=1, max_size=300))
@example(text="\x00")
@example(text="a\x00b\r\n\t\x1b[31m\x7f\u200b\u202e")
@example(text="<b>bold</b>&amp;")
@example(text="x" * 10_000)
@example(text="•" * 8)
def test_any_secret_text_shows_and_hides_without_leaks(
    qtbot: QtBot, clipboard: SecretClipboard, text: str
) -> None:
    row = make_row(qtbot, clipboard)
    before = widget_strings(row)
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.show_secret(SecretText(text))
    assert row.value.text() == text
    QApplication.processEvents()
    row.grab()  # paint it
    row.hide_secret()
    assert row.value.text() == MASK
    assert widget_strings(row) == before
    row.close()
    row.deleteLater()


def test_revealed_by_the_timer_in_a_real_window_without_warnings(
    qtbot: QtBot, clipboard: SecretClipboard
) -> None:
    # one more through the time-out with control characters and NUL
    row = make_row(qtbot, clipboard, show_ms=200)
    before = widget_strings(row)
    secret = "\x00ctl\x01\x02\n" + "y" * 10_000
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    row.show_secret(SecretText(secret))
    row.grab()
    qtbot.waitUntil(lambda: not row.shown, timeout=3000)
    assert widget_strings(row) == before
    assert row.width() <= 700  # a long secret scrolls inside the field


def test_show_ms_must_be_positive(clipboard: SecretClipboard) -> None:
    with pytest.raises(ValueError):
        CredentialRow("x", "x", clipboard, show_ms=0)
