"""One desk per user, opened by the phone (SPEC §4).

``kcp-desk open TEXT`` (a ``tel:``/``callto:`` URI, a phone or customer number, any
search text) hands TEXT to the desk this user already runs, through a local socket
(:class:`QLocalServer`: a Unix domain socket on Linux, a named pipe on Windows); a plain
second ``kcp-desk`` start only brings that desk to the front.

The protocol is one message per connection: a 4-byte big-endian length and at most
:data:`MAX_MESSAGE_BYTES` of UTF-8; the desk answers one :data:`ACK` byte. An empty text
means "come to the front". The desk never trusts the text beyond using it as search
input: :func:`clean_open_text` removes control characters and the URI scheme and caps
the length before :attr:`DeskLink.text_received` is emitted.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import re
import struct
import time
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_log = logging.getLogger(__name__)

#: the largest message the desk reads; anything longer is dropped unread
MAX_MESSAGE_BYTES = 4096
#: search input is short; what a softphone sends is shorter still
MAX_TEXT_CHARS = 200
#: the desk's answer: the text has arrived
ACK = b"\x06"
#: a client that connects and sends nothing is dropped after this long
READ_TIMEOUT_MS = 2000
_HEADER = struct.Struct(">I")
_SCHEME = re.compile(r"^(?:tel|callto|sip|sips)\s*:\s*(?://)?", re.IGNORECASE)


def desk_server_name(data_dir: Path) -> str:
    """Per user and per data directory: two users, or a test's own data directory,
    never meet. Short, because a Unix socket path has about 100 characters."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): the data dir decides
        user = "user"
    safe_user = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:32]
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"kcp-desk-{safe_user}-{digest}"


def _without_controls(text: str) -> str:
    # C0/C1 controls, DEL, format characters (bidi overrides, zero-width), line breaks
    return "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"} else ch
        for ch in text
    )


def clean_open_text(raw: str) -> str:
    """What the desk searches for: ``tel:+49-221-12345678;phone-context=…`` becomes
    ``+49-221-12345678``; control characters become spaces; at most
    :data:`MAX_TEXT_CHARS` characters. May be empty."""
    text = " ".join(_without_controls(raw).split())
    scheme = _SCHEME.match(text)
    if scheme:
        rest = _without_controls(unquote(text[scheme.end() :]))
        # tel parameters (;ext=, ;phone-context=), a query, a SIP host
        rest = re.split(r"[;?@]", rest, maxsplit=1)[0]
        text = " ".join(rest.split())
    return text[:MAX_TEXT_CHARS].strip()


def encode_message(text: str) -> bytes:
    """Length prefix + UTF-8, cut at :data:`MAX_MESSAGE_BYTES` on a character boundary."""
    payload = text.encode("utf-8")
    if len(payload) > MAX_MESSAGE_BYTES:
        payload = payload[:MAX_MESSAGE_BYTES].decode("utf-8", "ignore").encode("utf-8")
    return _HEADER.pack(len(payload)) + payload


def send_to_running_desk(
    text: str, timeout_ms: int = 3000, *, name: str | None = None, wait_for_desk_ms: int = 0
) -> bool:
    """Hand ``text`` to this user's running desk; False when none answers in time.

    ``wait_for_desk_ms``: a desk that is starting (it holds the lock but does not listen
    yet) is tried again for this long. Works without a QCoreApplication (blocking socket
    calls), so ``kcp-desk open`` stays a small process when a desk is running.
    """
    if name is None:
        from kcp_desk.settings import Paths

        name = desk_server_name(Paths.from_environment().data_dir)
    deadline = time.monotonic() + wait_for_desk_ms / 1000
    while not _send(name, text, timeout_ms):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _send(name: str, text: str, timeout_ms: int) -> bool:
    sock = QLocalSocket()
    sock.connectToServer(name)
    try:
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(encode_message(text))
        if not sock.waitForBytesWritten(timeout_ms):
            return False
        while sock.bytesAvailable() < 1:
            if not sock.waitForReadyRead(timeout_ms):
                return False
        return bytes(sock.read(1).data()) == ACK
    finally:
        sock.abort()


def _desk_answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    try:
        return probe.waitForConnected(500)
    finally:
        probe.abort()


class _Connection(QObject):
    """One client: read one message (bounded), answer, hand the text over."""

    def __init__(self, sock: QLocalSocket, link: DeskLink) -> None:
        super().__init__(sock)
        self._sock = sock
        self._link = link
        self._buffer = bytearray()
        sock.readyRead.connect(self._read)
        sock.disconnected.connect(sock.deleteLater)
        QTimer.singleShot(READ_TIMEOUT_MS, self, sock.abort)

    def _read(self) -> None:
        self._buffer += bytes(self._sock.readAll().data())
        if len(self._buffer) < _HEADER.size:
            return
        (length,) = _HEADER.unpack_from(self._buffer)
        if length > MAX_MESSAGE_BYTES:
            _log.warning("kcp-desk open: a message of %d bytes was refused", length)
            self._sock.abort()
            return
        if len(self._buffer) < _HEADER.size + length:
            return
        payload = bytes(self._buffer[_HEADER.size : _HEADER.size + length])
        self._sock.readyRead.disconnect(self._read)
        self._sock.write(ACK)
        self._sock.flush()
        self._sock.disconnectFromServer()
        self._link.deliver(payload.decode("utf-8", "replace"))


class DeskLink(QObject):
    """The running desk's end of ``kcp-desk open``."""

    #: cleaned search text from ``kcp-desk open`` (never empty)
    text_received = Signal(str)
    #: a second start without text: bring the desk to the front
    raise_requested = Signal()

    def __init__(
        self, name: str, lock_file: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._lock_path = lock_file
        self._lock: QLockFile | None = None
        self._server = QLocalServer(self)
        # only this user may connect (the socket file's mode; the pipe's ACL)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    @classmethod
    def for_data_dir(cls, data_dir: Path, parent: QObject | None = None) -> DeskLink:
        return cls(desk_server_name(data_dir), data_dir / "desk.lock", parent)

    def claim(self) -> bool:
        """Become this user's desk. False when another desk of this user runs.

        Who is the desk is decided by a lock file (QLockFile: a lock whose process is
        gone, after a crash, is taken over), not by the socket: on Unix, listening
        replaces an existing socket file, even a live desk's. Holding the lock, any
        socket file left by a crashed desk is stale and removed. Without a lock file, a
        desk that answers on the name counts. If listening fails, that is logged and
        the desk runs without the link (``kcp-desk open`` then starts a second desk
        instead of losing the call).
        """
        if self._lock_path is not None:
            self._lock_path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = QLockFile(str(self._lock_path))
            self._lock.setStaleLockTime(0)  # stale only when its process is gone
            if not self._lock.tryLock(0):
                self._lock = None
                return False
        elif _desk_answers(self.name):
            return False
        QLocalServer.removeServer(self.name)  # left by a crashed desk
        if not self._server.listen(self.name):
            _log.warning("kcp-desk open is not available: %s", self._server.errorString())
        return True

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def deliver(self, raw: str) -> None:
        text = clean_open_text(raw)
        if text:
            self.text_received.emit(text)
        else:
            self.raise_requested.emit()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if sock is not None:
                _Connection(sock, self)
