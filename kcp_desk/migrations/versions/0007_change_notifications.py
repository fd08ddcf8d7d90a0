"""change notifications: PostgreSQL tells the listening desks that tickets changed

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

SPEC §1 / C4 T-7: "changes by one agent reach the others' screens within 2 seconds".
A statement-level trigger on ``tickets``, ``ticket_messages`` and ``support_orders``
sends ``NOTIFY kcp_changes, '<table>'``; the desks listen on a connection of their own
(``kcp_desk.db_changes.ChangeFeed``). PostgreSQL delivers a notification at commit
(never for a rolled-back transaction) and folds equal ones of one transaction into one,
so a claim costs one notification, however many rows it touched.

The trigger function runs with the rights of whoever writes (SECURITY INVOKER), and
``pg_notify`` is open to everyone: the desks' role, which owns nothing (A-3), needs no
grant for it and cannot drop or disable the triggers.

SQLite has no NOTIFY: the desks poll ``PRAGMA data_version``; nothing to create there.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHANNEL = "kcp_changes"
TABLES = ("tickets", "ticket_messages", "support_orders")

_FUNCTION = f"""
CREATE FUNCTION kcp_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTION)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION kcp_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in reversed(TABLES):
        op.execute(f"DROP TRIGGER {table}_notify_change ON {table}")
    op.execute("DROP FUNCTION kcp_notify_change()")
