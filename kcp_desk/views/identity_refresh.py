"""The identity case fetched again while a code or link is out (issue 12).

A customer clicks the confirmation link on the portal, or types the letter code there;
the confirmation comes in through ``kcp-desk intake``, not through this desk. So while
a factor is PENDING the dialog asks the service's ``get`` again every 15 s, off the GUI
thread, and shows the fresh case without a "Refresh" click.

The refresh is quiet: the page stays enabled and the answers to the last tries stay.
It waits for the next round while a step runs, while the agent types in a field of the
case (a fresh case could disable that field under their fingers) or while a question is
open; a result that arrives after a step started is dropped (the step's answer is
fresher), and nothing runs once the dialog is closed or the case is no longer open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kcp_desk.domain.identity_policy import FactorStatus
from kcp_desk.errors import KcpError
from kcp_desk.services.identity.dto import CaseDTO
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation

if TYPE_CHECKING:
    from kcp_desk.services.identity import IdentityService

__all__ = ["REFRESH_MS", "PendingRefresh"]

#: how often a case with a code or link out is fetched again
REFRESH_MS = 15_000


class PendingRefresh:
    """The timer and the one quiet ``get`` in flight of one case dialog.

    ``may_run()``: False while the refresh must wait (a step runs, the agent types);
    ``show(case)`` gets a fresh case that is still current. A fault (the database is
    gone) is said in ``error`` unless a step's error is there; the next round that gets
    through takes it away again.
    """

    def __init__(
        self,
        owner: QWidget,
        service: IdentityService,
        session: AgentSession,
        *,
        interval_ms: int,
        may_run: Callable[[], bool],
        show: Callable[[CaseDTO], None],
        error: QLabel,
    ) -> None:
        self._owner = owner
        self._service = service
        self._session = session
        self._may_run = may_run
        self._show = show
        self._error = error
        #: the fault this refresh put into ``error`` (a step's own error is left alone)
        self._said: str | None = None
        self.timer = QTimer(owner)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._case_id: int | None = None
        self._in_flight = False
        #: counts the steps and loads; a refresh that saw another number is stale
        self._foreground = 0
        self._stopped = False

    def follow(self, case: CaseDTO) -> None:
        """Run while ``case`` is open with a factor pending; otherwise stop."""
        self._case_id = case.case_id
        pending = case.is_open and any(
            s.status is FactorStatus.PENDING for s in case.policy.factors
        )
        if pending and not self._stopped:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def foreground_started(self) -> None:
        """A step or a load started: a refresh in flight is older than its answer."""
        self._foreground += 1

    def stop(self) -> None:
        """The dialog closes: no more rounds, and a refresh in flight is dropped."""
        self._stopped = True
        self.timer.stop()

    def _tick(self) -> None:
        case_id = self._case_id
        if case_id is None or self._in_flight or not self._may_run():
            return
        self._in_flight = True
        seen = self._foreground
        Operation(self._owner, self._service.get, self._session, case_id).success(
            lambda case: self._got(case, seen)
        ).failure(lambda err: self._failed(err, seen)).run()

    def _current(self, seen: int) -> bool:
        self._in_flight = False
        return not self._stopped and seen == self._foreground

    def _got(self, case: CaseDTO, seen: int) -> None:
        if not self._current(seen):
            return
        if self._said is not None and self._error.text() == self._said:
            self._error.hide()
        self._said = None
        self._show(case)

    def _failed(self, err: KcpError, seen: int) -> None:
        if not self._current(seen) or not self._error.isHidden():
            return  # a step's error stays; the next round tries again
        self._said = error_text(err)
        self._error.setText(self._said)
        self._error.show()
