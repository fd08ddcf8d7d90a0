"""The one way to run work off the GUI thread (house style, after Anki's operations).

    Operation(parent, fn, args...).success(cb).failure(cb).run()

``fn`` runs in the global thread pool and never touches widgets; the callbacks run on
the GUI thread, and only while ``parent`` still exists. A ``KcpError`` goes to
``failure``; anything else is a bug and goes to the excepthook. ``fn`` may accept a
``progress`` keyword: ``progress(done, total)`` returns False once the user cancelled.

Workers hold no QObject of their own: they report through one long-lived dispatcher
that lives on the GUI thread, with plain integers as signal arguments. (Per-operation
QObjects freed while their worker was still unwinding crashed PySide here.)
"""

from __future__ import annotations

import inspect
import itertools
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kcp_desk.errors import KcpError


class _Dispatcher(QObject):
    finished = Signal(int)
    progressed = Signal(int, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.running: dict[int, Operation] = {}
        self.finished.connect(self._finished)
        self.progressed.connect(self._progressed)

    @Slot(int)
    def _finished(self, op_id: int) -> None:
        op = self.running.pop(op_id, None)
        if op is not None:
            op._deliver()

    @Slot(int, int, int)
    def _progressed(self, op_id: int, done: int, total: int) -> None:
        op = self.running.get(op_id)
        if op is not None and op._on_progress and op._parent_alive():
            op._on_progress(done, total)


_dispatcher: _Dispatcher | None = None
_ids = itertools.count(1)


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Runnable(QRunnable):
    def __init__(self, op: Operation, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._op = op
        self._fn = fn

    def run(self) -> None:
        op = self._op
        try:
            op._result = self._fn()
        except KcpError as err:
            op._error = err
        except BaseException:  # a bug: hand it to the GUI thread's excepthook
            op._exc_info = sys.exc_info()
        op._dispatcher.finished.emit(op._id)


class Operation:
    def __init__(self, parent: QObject, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._parent = parent
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._id = next(_ids)
        self._dispatcher = _get_dispatcher()
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[KcpError], None] | None = None
        self._on_progress: Callable[[int, int], None] | None = None
        self._cancel = threading.Event()
        self._result: Any = None
        self._error: KcpError | None = None
        self._exc_info: Any = None

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
        self._dispatcher.running[self._id] = self
        QThreadPool.globalInstance().start(_Runnable(self, lambda: fn(*args, **kwargs)))
        return self

    def _report(self, done: int, total: int) -> bool:
        self._dispatcher.progressed.emit(self._id, done, total)
        return not self._cancel.is_set()

    def _parent_alive(self) -> bool:
        return shiboken6.isValid(self._parent)

    def _deliver(self) -> None:
        if self._exc_info is not None:
            sys.excepthook(*self._exc_info)
        elif not self._parent_alive():
            return  # the window that asked is gone; nobody to tell
        elif self._error is not None:
            if self._on_failure is None:
                raise self._error
            self._on_failure(self._error)
        elif self._on_success is not None:
            self._on_success(self._result)
