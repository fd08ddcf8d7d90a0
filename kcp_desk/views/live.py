"""Live updates on the GUI thread (SPEC §1, C4 T-7): one ``changed`` signal per burst.

The change feed (``services.live``) calls from its own thread; :class:`LiveUpdates`
turns that into a queued signal on the GUI thread and folds a burst into one
``changed(full)`` at most every :data:`COALESCE_MS` (so at most about five a second),
``full=True`` when any call of the burst asked for a full refresh (after a reconnect).

Shutting down: :meth:`stop` (or the object's destruction) stops the feed, and the
feed's thread can emit no more once it returned: the thread emits only under a lock
that stop() takes, so no signal is ever queued for an object that is going away.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kcp_desk.services.live import Feed, LiveChanges

#: a burst of changes within this many milliseconds is one ``changed``
COALESCE_MS = 200


class _Gate:
    """Shared by the feed's thread and the GUI thread; holds no reference to the
    QObject, so it can outlive it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.closed = False


class LiveUpdates(QObject):
    """``changed(full)``: something was committed (by any desk); ``full``: changes may
    have been missed (the feed reconnected), refresh everything."""

    changed = Signal(bool)
    #: from the feed's thread, delivered queued on the GUI thread
    _arrived = Signal(bool)

    def __init__(self, live: LiveChanges, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gate = gate = _Gate()
        self._full = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._on_arrived)
        arrived = self._arrived

        def on_change(full: bool) -> None:  # the feed's thread
            with gate.lock:
                if not gate.closed:
                    arrived.emit(full)

        self._feed = feed = live.feed(on_change)
        self.destroyed.connect(lambda *_: _close(gate, feed))

    def start(self) -> None:
        """Start watching; start before the first load, so nothing falls in between."""
        self._feed.start()

    def stop(self) -> None:
        """Stop watching (idempotent); a burst not yet reported is dropped."""
        _close(self._gate, self._feed)
        self._timer.stop()

    @Slot(bool)
    def _on_arrived(self, full: bool) -> None:
        if self._gate.closed:
            return
        self._full = self._full or full
        if not self._timer.isActive():  # not restarted: a steady stream still reports
            self._timer.start()

    @Slot()
    def _flush(self) -> None:
        full, self._full = self._full, False
        if not self._gate.closed:
            self.changed.emit(full)


def _close(gate: _Gate, feed: Feed) -> None:
    with gate.lock:  # an emit in progress ends first; none starts after this
        gate.closed = True
    feed.stop()
