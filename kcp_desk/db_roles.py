"""The desks' PostgreSQL role (SPEC A-3): it owns nothing and may only append to the audit log.

Migrations run as the owner (``kcp-desk db upgrade``); the desks connect as a role made
by ``kcp-desk db create-roles``. Owning nothing, that role cannot ALTER, DROP, TRUNCATE
or DISABLE TRIGGER; on the audit log it may only INSERT and SELECT, and issued invoices
(guarded by triggers) it may not DELETE. ``grant_desk_role`` is idempotent and is run
again after every upgrade, so new tables get their grants.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

DEFAULT_DESK_ROLE = "kcp_desk"
#: SELECT + INSERT only: the chain grows at its end and nothing else (A-3); a certificate
#: is never rewritten or withdrawn, a newer one supersedes it (V-8), nor an outbox
#: channel's service key (ID-6: a new version supersedes it; its triggers refuse it too)
APPEND_ONLY_TABLES = ("audit_log", "certificates", "outbox_keys")
#: issued invoices are never deleted (PAY-1), nor an agent's key history (V-7); their
#: triggers refuse it too
NO_DELETE_TABLES = ("invoices", "invoice_positions", "agent_keys", "dispatch_keys")

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _ident(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a plain role name: {name!r}")
    return f'"{name}"'


def create_desk_role(conn: Connection, role: str, password: str | None = None) -> bool:
    """Create the login role unless it exists; True when it was created."""
    exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    if not exists:
        # NOINHERIT and no CREATEDB/CREATEROLE: the role is nothing but a desk login
        conn.execute(text(f"CREATE ROLE {_ident(role)} LOGIN NOINHERIT"))
    if password:
        verifier = _scram_verifier(conn, role, password)
        conn.execute(text(f"ALTER ROLE {_ident(role)} PASSWORD '{verifier}'"))
    grant_desk_role(conn, role)
    return not exists


def _scram_verifier(conn: Connection, role: str, password: str) -> str:
    """libpq hashes the password on this side: the statement (and any error or server
    log that quotes it) carries the SCRAM verifier, never the password."""
    pgconn = conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    verifier = pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
    text_ = bytes(verifier).decode("ascii")
    if "'" in text_:
        raise ValueError("unexpected verifier")
    return text_


def grant_desk_role(conn: Connection, role: str) -> None:
    """(Re-)grant exactly what the desks need on every table of the schema."""
    r = _ident(role)
    database = conn.scalar(text("SELECT current_database()"))
    statements = [
        f'GRANT CONNECT ON DATABASE "{database}" TO {r}',
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {r}",
        *(f"REVOKE UPDATE, DELETE ON {t} FROM {r}" for t in APPEND_ONLY_TABLES),
        *(f"REVOKE DELETE ON {t} FROM {r}" for t in NO_DELETE_TABLES),
    ]
    for statement in statements:
        table = statement.split(" ON ", 1)[1].split()[0]
        if table not in {"DATABASE", "SCHEMA", "ALL"} and not _exists(conn, table):
            continue  # an empty or partly migrated schema: nothing to grant there yet
        conn.execute(text(statement))


def _exists(conn: Connection, table: str) -> bool:
    return conn.scalar(text("SELECT to_regclass(:t)"), {"t": table}) is not None


def desk_role_exists(conn: Connection, role: str) -> bool:
    return bool(conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}))
