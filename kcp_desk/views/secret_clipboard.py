"""The one way a credential reaches the clipboard (SPEC V-5, after KeePassXC's
``src/gui/Clipboard.cpp``).

    clipboard = SecretClipboard(QGuiApplication.clipboard())
    clipboard.copy(secret)      # text/plain plus the "do not record" hints
    clipboard.clear_now()       # on lock and on quit

:meth:`SecretClipboard.copy` puts the plaintext on the system clipboard together with the
hints that clipboard managers and the Windows clipboard history honour, and clears it
after ``clear_after_ms`` — but only while the clipboard still holds our value: what the
agent copied meanwhile from elsewhere is never thrown away.

The value is not kept here: only a keyed digest of it (a fresh random key per copy), so
the comparison before clearing needs no plaintext in a Python attribute, and the digest
is dropped once the clipboard was cleared or taken over. Nothing here logs.

Never the X11 primary selection: that one is pasted with a middle click anywhere and no
clipboard manager respects a hint on it (KeePassXC sets it; we deliberately do not).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Final, Protocol

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard

#: KDE Klipper (and CopyQ on Linux) skip content that carries this hint with "secret"
KDE_PASSWORD_HINT: Final = "x-kde-passwordManagerHint"


def windows_format(name: str) -> str:
    """The MIME spelling Qt uses for the registered Windows clipboard format ``name``.

    Qt 6 (``QWindowsMimeRegistry::registerMimeType``, since 6.5; PySide6 is pinned to
    6.11) registers ``application/x-qt-windows-mime;value="Name"`` as the clipboard format
    ``Name`` with our bytes unchanged, and names a foreign registered format the same way
    when it reads the clipboard. A plain ``Name`` MIME type would register the same
    Windows format a second time (Qt's "last resort" converter registers any MIME string
    as a format of that name), so we set only this documented form: one format, one DWORD.
    On Linux the entries are inert extra targets.
    """
    return f'application/x-qt-windows-mime;value="{name}"'


#: the formats of Microsoft's "Cloud Clipboard and Clipboard History Formats"
#: (learn.microsoft.com, dataxchg/clipboard-formats): presence of the first keeps the
#: content away from every clipboard monitor (any data; we write DWORD 1), a DWORD 0 in
#: the other two keeps it out of the Win+V history and off the cloud clipboard
WINDOWS_HINTS: Final[dict[str, bytes]] = {
    windows_format("ExcludeClipboardContentFromMonitorProcessing"): (1).to_bytes(4, "little"),
    windows_format("CanIncludeInClipboardHistory"): (0).to_bytes(4, "little"),
    windows_format("CanUploadToCloudClipboard"): (0).to_bytes(4, "little"),
}


class Revealable(Protocol):
    """A secret that gives its text only when asked (``security.field_crypto.SecretText``)."""

    def reveal(self) -> str: ...


def secret_mime_data(text: str) -> QMimeData:
    """``text`` as text/plain with every "do not record" hint (a new QMimeData that the
    clipboard takes over)."""
    mime = QMimeData()
    mime.setText(text)
    mime.setData(KDE_PASSWORD_HINT, QByteArray(b"secret"))
    for fmt, value in WINDOWS_HINTS.items():
        mime.setData(fmt, QByteArray(value))
    return mime


class SecretClipboard(QObject):
    """One per application: copies secrets with the hints, clears them after a time-out
    if they are still there. ``copied`` after each copy, ``cleared`` when it emptied the
    clipboard (not when the agent had copied something else meanwhile)."""

    copied = Signal()
    cleared = Signal()

    def __init__(
        self, clipboard: QClipboard, clear_after_ms: int = 15_000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        if clear_after_ms <= 0:
            raise ValueError("clear_after_ms must be positive")
        self._clipboard = clipboard
        self.clear_after_ms = clear_after_ms
        #: (key, digest) of the text we put there, while it may still be there
        self._ours: tuple[bytes, bytes] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_now)

    @property
    def pending(self) -> bool:
        """Whether a copied secret may still be on the clipboard (a clear is due)."""
        return self._ours is not None

    def copy(self, secret: Revealable) -> None:
        """Put ``secret`` on the clipboard; clear it after ``clear_after_ms`` (a pending
        time-out starts again)."""
        text = secret.reveal()
        key = os.urandom(32)
        self._ours = (key, _digest(key, text))
        self._clipboard.setMimeData(secret_mime_data(text), QClipboard.Mode.Clipboard)
        del text
        self._timer.start(self.clear_after_ms)
        self.copied.emit()

    def clear_now(self) -> None:
        """Clear the clipboard at once if it still holds what we copied (lock, quit and
        the time-out call this); forget our value either way."""
        self._timer.stop()
        ours, self._ours = self._ours, None
        if ours is None:
            return
        key, digest = ours
        current = self._clipboard.text(QClipboard.Mode.Clipboard)
        if hmac.compare_digest(_digest(key, current), digest):
            self._clipboard.clear(QClipboard.Mode.Clipboard)
            self.cleared.emit()


def _digest(key: bytes, text: str) -> bytes:
    r"""A keyed digest of ``text`` as the clipboard gives it back.

    Windows stores text/plain with CRLF line ends and as a NUL-terminated string: Qt
    reads "a\r\nb" back as "a\nb" and "a\0b" as "a". Both sides are compared in that
    form, or a secret with a line break or a NUL would never be cleared there.
    """
    text = text.split("\x00", 1)[0].replace("\r\n", "\n")
    # surrogatepass: a clipboard may hold text that is no valid UTF-8 (a lone surrogate)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), key=key).digest()
