"""A loopback TCP proxy that can cut the network the way a broken switch or VPN does.

It listens only on 127.0.0.1, forwards every connection to one upstream address and
can, while running:

- ``black_hole()``: keep every socket open but drop the bytes (both directions, old and
  new connections): the peer's kernel still acknowledges, so nothing below the
  application ever notices; only a time-out does;
- ``resume()``: forward again;
- ``reset()``: abort every connection with a TCP RST.

One selector thread does all the work; ``close()`` (or leaving the ``with`` block) stops
it and closes every socket.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
from types import TracebackType


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self.port: int = self._listener.getsockname()[1]
        self._wake_r, self._wake_w = socket.socketpair()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._peers: dict[socket.socket, socket.socket] = {}
        self._lock = threading.RLock()
        self._forwarding = True
        self._reset_requested = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="pg-proxy", daemon=True)
        self._thread.start()

    # --- control (any thread) -------------------------------------------------------------

    def black_hole(self) -> None:
        with self._lock:
            self._forwarding = False

    def resume(self) -> None:
        with self._lock:
            self._forwarding = True

    def reset(self) -> None:
        """Abort every open connection (RST); new ones are accepted as before."""
        with self._lock:
            self._reset_requested = True
        self._wake()
        # wait until the loop has done it, so the test's next step sees the reset
        while True:
            with self._lock:
                if not self._reset_requested:
                    return
            self._thread.join(0.01)

    @property
    def connections(self) -> int:
        with self._lock:
            return len(self._peers) // 2

    def close(self) -> None:
        with self._lock:
            self._stopping = True
        self._wake()
        self._thread.join()
        self._selector.close()
        self._listener.close()
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.close()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # buffer full: a wake-up is pending anyway
            self._wake_w.send(b"x")

    # --- the loop (proxy thread) ------------------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    if self._stopping:
                        return
                    if self._reset_requested:
                        self._abort_all()
                        self._reset_requested = False
                for key, _ in self._selector.select(timeout=0.5):
                    sock = key.fileobj
                    assert isinstance(sock, socket.socket)
                    if sock is self._listener:
                        self._accept()
                    elif sock is self._wake_r:
                        self._wake_r.recv(4096)
                    elif sock in self._peers:
                        self._pump(sock)
        finally:
            self._abort_all()

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        try:
            upstream = socket.create_connection(self._upstream, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        client.setblocking(True)
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._selector.register(sock, selectors.EVENT_READ)
        with self._lock:
            self._peers[client] = upstream
            self._peers[upstream] = client

    def _pump(self, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self._close_pair(sock, abort=False)
            return
        with self._lock:
            forwarding = self._forwarding
            peer = self._peers[sock]
        if not forwarding:
            return  # the black hole: read (the sender's kernel acknowledges) and drop
        try:
            peer.sendall(data)
        except OSError:
            self._close_pair(sock, abort=False)

    def _close_pair(self, sock: socket.socket, *, abort: bool) -> None:
        with self._lock:
            peer = self._peers.pop(sock, None)
            if peer is not None:
                self._peers.pop(peer, None)
        for s in (sock, peer):
            if s is None:
                continue
            self._selector.unregister(s)
            if abort:  # SO_LINGER 0: close() sends RST instead of FIN
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()

    def _abort_all(self) -> None:
        while True:
            with self._lock:
                if not self._peers:
                    return
                sock = next(iter(self._peers))
            self._close_pair(sock, abort=True)
