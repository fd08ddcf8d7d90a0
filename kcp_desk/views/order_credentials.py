"""The order screen's credential rows, wired to the vault (SPEC V-5, V-6).

One :class:`OrderCredentials` per main window: it makes a :class:`CredentialRow` for
each credential name the order view lists, runs the vault's reveal or copy off the GUI
thread (the audit entry commits before anything is decrypted), and hides every row and
clears the clipboard when the desk locks, signs out or quits. On a lead's desk it runs
the vault's upkeep and says which handlers wait for credentials (:meth:`lead_upkeep`);
the lead hands them over with a click on the order (:meth:`grant`).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QWidget

from kcp_desk.errors import KcpError
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.vault import WaitingOrder
from kcp_desk.views.credential_row import CredentialRow
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.secret_clipboard import SecretClipboard


class OrderCredentials(QObject):
    #: for a lead: the orders whose handlers wait for their credentials (when it changes)
    waiting = Signal(object)  # tuple[WaitingOrder, ...]

    def __init__(
        self,
        services: DeskServices,
        session: AgentSession,
        clipboard: QClipboard,
        order_id: Callable[[], int | None],
        parent: QObject,
        *,
        show_ms: int = 20_000,
        clear_after_ms: int = 15_000,
    ) -> None:
        super().__init__(parent)
        #: operations run on the window's behalf (its lock gate holds their results)
        self._owner = parent
        self._vault = services.vault
        self._session = session
        self._order_id = order_id
        self._show_ms = show_ms
        self.clipboard = SecretClipboard(clipboard, clear_after_ms, self)
        self._rows: list[CredentialRow] = []
        self._busy = False
        self._waiting_refs: tuple[str, ...] = ()

    def row(self, name: str) -> QWidget:
        """The factory the order view calls for each credential name."""
        row = CredentialRow(name, name, self.clipboard, show_ms=self._show_ms)
        row.reveal_requested.connect(lambda field, r=row: self._open(r, field, copy=False))
        row.copy_requested.connect(lambda field, r=row: self._open(r, field, copy=True))
        self._rows = [r for r in self._rows if shiboken6.isValid(r)] + [row]
        return row

    def _open(self, row: CredentialRow, field: str, *, copy: bool) -> None:
        order_id = self._order_id()
        if order_id is None:
            return

        def done(secret: object) -> None:
            if not shiboken6.isValid(row):
                return  # the order was closed meanwhile: show nothing
            if copy:
                row.copy_secret(secret)  # type: ignore[arg-type]
            else:
                row.show_secret(secret)  # type: ignore[arg-type]

        def failed(err: KcpError) -> None:
            if shiboken6.isValid(row):
                row.failed(error_text(err))

        Operation(
            self._owner, self._vault.reveal, self._session, order_id, field, copy=copy
        ).success(done).failure(failed).run()

    def hide_all(self) -> None:
        """Lock, sign-out, quit: no plaintext on screen or on the clipboard."""
        for row in self._rows:
            if shiboken6.isValid(row):
                row.hide_secret()
        self._rows = [r for r in self._rows if shiboken6.isValid(r)]
        self.clipboard.clear_now()

    def lead_upkeep(self) -> None:
        """A lead's desk: the dispatch key for new leads, orders off retired dispatch
        keys (nobody's access changes), then who waits for credentials (one run at a
        time; a live change starts the next)."""
        if self._busy or not self._session.principal.is_lead or self._session.locked:
            return
        self._busy = True

        def run() -> tuple[WaitingOrder, ...]:
            self._vault.upkeep(self._session)
            return self._vault.waiting(self._session)

        def done(orders: tuple[WaitingOrder, ...]) -> None:
            self._busy = False
            refs = tuple(o.order_ref for o in orders)
            if refs != self._waiting_refs:
                self._waiting_refs = refs
                self.waiting.emit(orders)

        def failed(_err: KcpError) -> None:
            self._busy = False  # the next live change tries again

        Operation(self._owner, run).success(done).failure(failed).run()

    def grant(self, order_id: int, assignee_id: int, done: Callable[[str | None], None]) -> None:
        """The lead's click: hand the order's credentials to the handler shown."""
        Operation(self._owner, self._vault.grant, self._session, order_id, assignee_id).success(
            lambda _none: done(None)
        ).failure(lambda err: done(error_text(err))).run()
