"""The one way to run work off the GUI thread (house style, after Anki's operations).

    Operation(parent, fn, args...).success(cb).failure(cb).run()

``fn`` runs in the global thread pool and never touches widgets; the callbacks run on
the GUI thread, and only while ``parent`` still exists. A ``KcpError`` goes to
``failure``; anything else is a bug and goes to the excepthook. ``fn`` may accept a
``progress`` keyword: ``progress(done, total)`` returns False once the user cancelled.

Workers hold no QObject of their own: they report through one long-lived dispatcher
that lives on the GUI thread, with plain integers as signal arguments. (Per-operation
QObjects freed while their worker was still unwinding crashed PySide here.)

Locking (V-6) while work is in flight: the main window owns an :class:`OperationGate`
and every operation whose ``parent`` lives in that window passes through it. While the
desk is locked, results are held and handed over after the unlock (a save that went
through says "Saved." then); work started while locked waits for the unlock. A service
that refused because the desk was locked meanwhile (``PermissionDenied``, or the
session's ``RuntimeError("session is locked")`` when the lock came between the role
check and the use of the keys) reaches ``failure`` as :class:`LockInterrupted` after
the unlock: nothing was done, the view keeps its input and re-enables. Only the unlock
itself and the lock's audit entry run while locked (:meth:`Operation.while_locked`).
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

from kcp_desk.errors import QT_TRANSLATE_NOOP, KcpError, PermissionDenied


class LockInterrupted(KcpError):
    """The desk was locked while the work ran, and the service refused it: nothing was
    done. Delivered after the unlock, so the view can say so and let the agent retry."""


_INTERRUPTED = QT_TRANSLATE_NOOP(
    "KcpError",
    "The desk was locked before this was finished, so nothing was done. Please try again.",
)


class OperationGate:
    """The lock state of one desk window as its operations see it.

    The window calls :meth:`lock` when its keys are dropped, :meth:`unlock` when they
    are back and :meth:`close` on sign-out (held results and waiting work are dropped).
    """

    def __init__(self) -> None:
        self.locked = False
        self.closed = False
        #: how many times the desk was locked: an operation that saw another number
        #: when it started was running while the desk locked
        self.epoch = 0
        self.held: list[Operation] = []
        self.waiting: list[Operation] = []

    def lock(self) -> None:
        if not self.locked:
            self.locked = True
            self.epoch += 1

    def unlock(self) -> None:
        self.locked = False
        held, self.held = self.held, []
        waiting, self.waiting = self.waiting, []
        for op in held:  # in the order they finished
            _safely(op._deliver)
        for op in waiting:
            _safely(op._start)

    def close(self) -> None:
        self.closed = True
        self.locked = False
        self.held.clear()
        self.waiting.clear()


def _safely(fn: Callable[[], None]) -> None:
    """One callback's bug must not swallow the other held results."""
    try:
        fn()
    except Exception:
        sys.excepthook(*sys.exc_info())


def gate_of(obj: QObject | None) -> OperationGate | None:
    """The gate of the desk window ``obj`` lives in (an ``operation_gate`` attribute of
    an ancestor), or None outside one (login window, a widget tested on its own)."""
    while obj is not None:
        gate = getattr(obj, "operation_gate", None)
        if isinstance(gate, OperationGate):
            return gate
        obj = obj.parent()
    return None


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
        try:
            op._dispatcher.finished.emit(op._id)
        except RuntimeError:
            # the application quit while this ran: its dispatcher is gone, and nobody
            # waits for the answer any more
            return


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
        self._gated = True
        self._gate: OperationGate | None = None
        self._epoch = 0

    def success(self, cb: Callable[[Any], None]) -> Operation:
        self._on_success = cb
        return self

    def failure(self, cb: Callable[[KcpError], None]) -> Operation:
        self._on_failure = cb
        return self

    def progress(self, cb: Callable[[int, int], None]) -> Operation:
        self._on_progress = cb
        return self

    def while_locked(self) -> Operation:
        """Run and report even while the desk is locked (the unlock, the lock's audit)."""
        self._gated = False
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> Operation:
        self._gate = gate_of(self._parent) if self._gated else None
        if self._gate is not None and self._gate.locked:
            self._gate.waiting.append(self)  # starts when the desk is unlocked
            return self
        self._start()
        return self

    def _start(self) -> None:
        if self._gate is not None:
            if self._gate.closed or not self._parent_alive():
                return
            self._epoch = self._gate.epoch
        kwargs = dict(self._kwargs)
        if "progress" in inspect.signature(self._fn).parameters:
            kwargs["progress"] = self._report
        fn, args = self._fn, self._args
        self._dispatcher.running[self._id] = self
        QThreadPool.globalInstance().start(_Runnable(self, lambda: fn(*args, **kwargs)))

    def _report(self, done: int, total: int) -> bool:
        self._dispatcher.progressed.emit(self._id, done, total)
        return not self._cancel.is_set()

    def _parent_alive(self) -> bool:
        return shiboken6.isValid(self._parent)

    def _refused_by_lock(self) -> bool:
        if isinstance(self._error, PermissionDenied):
            return self._error.field is None  # a field's refusal is about the input
        exc = self._exc_info[1] if self._exc_info is not None else None
        # the lock came between the service's role check and its use of the keys
        return isinstance(exc, RuntimeError) and exc.args == ("session is locked",)

    def _deliver(self) -> None:
        gate = self._gate
        if gate is not None:
            if gate.closed:
                return  # signed out: nobody to tell
            if gate.epoch != self._epoch and self._refused_by_lock():
                self._error, self._exc_info = LockInterrupted(_INTERRUPTED), None
            if gate.locked and self._exc_info is None:
                gate.held.append(self)  # handed over after the unlock
                return
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
