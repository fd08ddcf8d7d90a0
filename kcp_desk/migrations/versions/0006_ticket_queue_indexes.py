"""ticket queue indexes: one partial index per queue (T-3)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

SPEC C4 T-3 / issue 10: the queues open at once and page by keyset on a million
tickets (``kcp_desk.services.tickets.queues``). Each index holds only its queue's
tickets and ends in ``id``, the keyset's tie-break, so the default order is read from
the index without sorting:

- ``ix_tickets_open_assignee_created (assignee_id, created_at, id) WHERE state <>
  'closed'``: My tickets, Unassigned (``assignee_id IS NULL`` is an index condition,
  so no index of its own), the Team queue filtered by agent, the workload view.
- ``ix_tickets_open_created (created_at, id) WHERE state <> 'closed'``: Team.
- ``ix_tickets_closed_created (created_at, id) WHERE state = 'closed'``: Archive.

The same statements on SQLite and PostgreSQL. Indexes need no grants.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_NOT_CLOSED = "state <> 'closed'"
INDEXES = (
    ("ix_tickets_open_assignee_created", ["assignee_id", "created_at", "id"], _NOT_CLOSED),
    ("ix_tickets_open_created", ["created_at", "id"], _NOT_CLOSED),
    ("ix_tickets_closed_created", ["created_at", "id"], "state = 'closed'"),
)


def upgrade() -> None:
    for name, columns, where in INDEXES:
        op.create_index(
            name,
            "tickets",
            columns,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )


def downgrade() -> None:
    for name, _, _ in reversed(INDEXES):
        op.drop_index(name, table_name="tickets")
