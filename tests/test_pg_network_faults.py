"""A network cut between desk and PostgreSQL is a message, not a hung worker (SPEC §4).

The cut is a loopback proxy (tests/pg_proxy.py) that black-holes the bytes with the
sockets left open, the worst case: the server cannot tell the client anything (so its
statement_timeout never arrives), and on loopback the kernel acknowledges every byte and
answers every keepalive, so neither tcp_user_timeout nor the keepalives ever fire. Only
the desk's own limit on waiting for an answer (db._bound_waits) ends the call.

Measured with the production values (statement_timeout 10 s, grace 2 s, ping 2 s,
connect_timeout 5 s, tcp_user_timeout 15 s, keepalives 10 s + 3 x 3 s):

- black hole during a statement or the commit: without the client-side limit nothing
  fired within 120 s (loopback); on a real wire tcp_user_timeout would end it after
  ~15 s. Now: DatabaseUnavailable after 12.0 s (statement_timeout + grace).
- black hole, then a new action on a pooled connection: the pool's ping hung as well
  (> 120 s); now the ping gives up after 2 s, the pool reconnects, connect_timeout ends
  that after 5 s: DatabaseUnavailable after ~7 s.
- black hole, then a fresh connection: psycopg's connect_timeout, DatabaseUnavailable
  after 5.0 s.
- connection reset: DatabaseUnavailable at once (< 0.01 s); the next action reconnects.

Here the time-outs are shortened so that the module runs in a few seconds.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from kcp_desk.db import Database
from kcp_desk.errors import DatabaseSlow, DatabaseUnavailable
from tests.pg_proxy import TcpProxy

_WRITE = "UPDATE customers SET phone = :v WHERE id = -1"


@pytest.fixture
def desk(proxied_database: Database) -> Database:
    """The test database through the proxy (tests/conftest.py), short time-outs."""
    return proxied_database


def _write(desk: Database, value: str = "Köln") -> None:
    with desk.transaction() as s:
        s.execute(text(_WRITE), {"v": value})


def test_a_black_hole_during_a_statement_ends_the_action(desk: Database, proxy: TcpProxy) -> None:
    with pytest.raises((DatabaseUnavailable, DatabaseSlow)), desk.transaction() as s:
        s.execute(text(_WRITE), {"v": "before"})
        proxy.black_hole()
        s.execute(text(_WRITE), {"v": "during"})


def test_a_black_hole_during_the_commit_ends_the_action(desk: Database, proxy: TcpProxy) -> None:
    with pytest.raises(DatabaseUnavailable), desk.transaction() as s:
        s.execute(text(_WRITE), {"v": "before"})
        proxy.black_hole()


def test_a_black_hole_before_connecting_is_unavailable(desk: Database, proxy: TcpProxy) -> None:
    proxy.black_hole()
    with pytest.raises(DatabaseUnavailable):
        _write(desk)  # a fresh connection: connect_timeout


def test_a_black_hole_on_a_pooled_connection_is_unavailable(
    desk: Database, proxy: TcpProxy
) -> None:
    _write(desk)  # the pool now holds a connection
    proxy.black_hole()
    with pytest.raises(DatabaseUnavailable):
        _write(desk)  # the pool's ping gives up, reconnecting does too


def test_a_reset_mid_transaction_is_unavailable_and_the_next_action_works(
    desk: Database, proxy: TcpProxy
) -> None:
    with pytest.raises(DatabaseUnavailable), desk.transaction() as s:
        s.execute(text(_WRITE), {"v": "before"})
        proxy.reset()
        s.execute(text(_WRITE), {"v": "during"})
    _write(desk)
    with desk.read() as s:
        assert s.scalar(text("SELECT 1")) == 1


def test_the_desk_reconnects_when_the_network_is_back(desk: Database, proxy: TcpProxy) -> None:
    _write(desk)
    proxy.black_hole()
    with pytest.raises(DatabaseUnavailable):
        _write(desk)
    proxy.resume()
    _write(desk, "Bonn")
    with desk.read() as s:
        assert s.scalar(text("SELECT count(*) FROM customers")) is not None


def test_a_slow_statement_is_still_slow_not_unavailable(desk: Database) -> None:
    # the client-side limit leaves the server's statement_timeout the first word
    with pytest.raises(DatabaseSlow), desk.transaction() as s:
        s.execute(text("SELECT pg_sleep(5)"))
    _write(desk)
