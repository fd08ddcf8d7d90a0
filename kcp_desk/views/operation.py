"""The one way to run work off the GUI thread (house style, after Anki's operations).

    Operation(parent, fn, args...).success(cb).failure(cb).run()

``fn`` runs in the global thread pool and never touches widgets; the callbacks run on
the GUI thread. A ``KcpError`` goes to ``failure``; anything else is a bug and goes to
the excepthook. ``fn`` may accept a ``progress`` keyword: ``progress(done, total)``
returns False when the user cancelled.
"""

from __future__ import annotations

import inspect
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kcp_desk.errors import KcpError


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    crashed = Signal(object)
    progressed = Signal(int, int)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except KcpError as err:
            self._signals.failed.emit(err)
        except BaseException:  # a bug: hand it to the GUI thread's excepthook
            self._signals.crashed.emit(sys.exc_info())
        else:
            self._signals.succeeded.emit(result)


class Operation(QObject):
    def __init__(self, parent: QObject, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[KcpError], None] | None = None
        self._on_progress: Callable[[int, int], None] | None = None
        self._cancel = threading.Event()
        self._signals = _Signals(self)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self._signals.crashed.connect(self._crashed)
        self._signals.progressed.connect(self._progressed)

    def success(self, cb: Callable[[Any], None]) -> Operation:
        self._on_success = cb
        return self

    def failure(self, cb: Callable[[KcpError], None]) -> Operation:
        self._on_failure = cb
        return self

    def progress(self, cb: Callable[[int, int], None]) -> Operation:
        self._on_progress = cb
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> Operation:
        kwargs = dict(self._kwargs)
        if "progress" in inspect.signature(self._fn).parameters:
            kwargs["progress"] = self._report
        fn, args = self._fn, self._args
        QThreadPool.globalInstance().start(_Runnable(lambda: fn(*args, **kwargs), self._signals))
        return self

    def _report(self, done: int, total: int) -> bool:
        self._signals.progressed.emit(done, total)
        return not self._cancel.is_set()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        if self._on_success:
            self._on_success(result)
        self.deleteLater()

    @Slot(object)
    def _failed(self, err: KcpError) -> None:
        if self._on_failure:
            self._on_failure(err)
        else:
            raise err
        self.deleteLater()

    @Slot(object)
    def _crashed(self, exc_info: Any) -> None:
        self.deleteLater()
        sys.excepthook(*exc_info)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._on_progress:
            self._on_progress(done, total)
