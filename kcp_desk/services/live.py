"""Live updates for the views (SPEC §1, C4 T-7): "the tickets changed, look again".

No role check and no ``acting_agent``: a feed carries no data, only the fact that some
desk committed something (on PostgreSQL the name of a table, which the feed does not
even pass on). What the view then reads goes through the role-checked services as
always. So this is not an entry point of ``tests/services/test_access.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kcp_desk.db import Database
from kcp_desk.db_changes import ChangeFeed


class Feed(Protocol):
    """What a view holds of a change feed (``kcp_desk.db_changes.ChangeFeed``)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


class LiveChanges:
    """Hands out change feeds on the desk's database (``kcp_desk.db_changes``)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def feed(self, on_change: Callable[[bool], None]) -> Feed:
        """A new, not yet started feed: ``start()``, ``stop()``. ``on_change(full)`` is
        called from the feed's own thread; ``full`` = refresh everything (after a
        reconnect), else something was committed."""
        return ChangeFeed(self._db, on_change)
