"""ticket sort indexes: a header click on a million-ticket queue reads an index

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

SPEC §5 / issue 10: a sort change paints its first rows in ≤ 100 ms. Without an index
that holds the order, the database sorts every ticket of the queue for its first page
(2.8–4.1 s measured for the archive's 573,396 tickets on SQLite). These partial indexes
end in ``id``, the keyset's tie-break, like those of 0006:

- subject: ``ix_tickets_closed_subject`` / ``ix_tickets_open_subject (subject, id)``;
- priority rank (low < normal < high < urgent, the expression
  ``services.tickets.queues`` sorts by): ``ix_tickets_closed_priority`` /
  ``ix_tickets_open_priority``; expression indexes, so the ORM metadata does not
  describe them (``migrations.HAND_MADE_INDEXES``);
- state: ``ix_tickets_open_state (state, id)`` (in the archive the state is the same
  for every ticket, and the queue sorts by id);
- the running clock's due time (My tickets' default order, and the SLA column of the
  open queues; none last): ``ix_tickets_mine_due (assignee_id, due, id)``,
  ``ix_tickets_open_due (due, id)`` and ``ix_tickets_unassigned_due``, expression indexes whose text
  (``DUE_OPEN_SQL``, a literal "never" per dialect) the queue statement repeats;
- Unassigned's own default order, ``ix_tickets_unassigned_created (created_at, id)
  WHERE assignee_id IS NULL AND state <> 'closed'``: PostgreSQL does not take the order
  from ``ix_tickets_open_assignee_created`` under ``assignee_id IS NULL`` and filtered
  Team's index instead (187 ms p50 on a million tickets).

The reference sorts by the unique index of ``number``. Then ``ANALYZE tickets``: without
statistics for a new index SQLite keeps the older plan (a full sort).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_OPEN = "state <> 'closed'"
_CLOSED = "state = 'closed'"
#: the same text as ``services.tickets.queues.PRIORITY_RANK_SQL`` (a test holds them equal)
PRIORITY_RANK_SQL = (
    "CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 "
    "WHEN 'urgent' THEN 3 END"
)
COLUMN_INDEXES = (
    ("ix_tickets_closed_subject", ["subject", "id"], _CLOSED),
    ("ix_tickets_open_subject", ["subject", "id"], _OPEN),
    ("ix_tickets_open_state", ["state", "id"], _OPEN),
    ("ix_tickets_unassigned_created", ["created_at", "id"], f"assignee_id IS NULL AND {_OPEN}"),
)
EXPRESSION_INDEXES = (
    ("ix_tickets_closed_priority", _CLOSED),
    ("ix_tickets_open_priority", _OPEN),
)
#: the same texts as ``services.tickets.queues.DUE_OPEN_SQL`` (a test holds them equal)
DUE_OPEN_SQL = {
    dialect: (
        "COALESCE(CASE WHEN first_responded_at IS NULL AND first_response_due IS NOT NULL "
        f"THEN first_response_due ELSE resolution_due END, {never})"
    )
    for dialect, never in (
        ("sqlite", "'9999-12-31 00:00:00.000000'"),
        ("postgresql", "'9999-12-31 00:00:00+00'::timestamptz"),
    )
}


def upgrade() -> None:
    for name, columns, where in COLUMN_INDEXES:
        op.create_index(
            name, "tickets", columns, sqlite_where=sa.text(where), postgresql_where=sa.text(where)
        )
    for name, where in EXPRESSION_INDEXES:
        op.execute(f"CREATE INDEX {name} ON tickets (({PRIORITY_RANK_SQL}), id) WHERE {where}")
    due = DUE_OPEN_SQL[op.get_bind().dialect.name]
    op.execute(
        f"CREATE INDEX ix_tickets_mine_due ON tickets (assignee_id, ({due}), id) WHERE {_OPEN}"
    )
    op.execute(f"CREATE INDEX ix_tickets_open_due ON tickets (({due}), id) WHERE {_OPEN}")
    op.execute(
        f"CREATE INDEX ix_tickets_unassigned_due ON tickets (({due}), id) "
        f"WHERE assignee_id IS NULL AND {_OPEN}"
    )
    op.execute("ANALYZE tickets")


def downgrade() -> None:
    op.execute("DROP INDEX ix_tickets_unassigned_due")
    op.execute("DROP INDEX ix_tickets_open_due")
    op.execute("DROP INDEX ix_tickets_mine_due")
    for name, _ in reversed(EXPRESSION_INDEXES):
        op.execute(f"DROP INDEX {name}")
    for name, _, _ in reversed(COLUMN_INDEXES):
        op.drop_index(name, table_name="tickets")
