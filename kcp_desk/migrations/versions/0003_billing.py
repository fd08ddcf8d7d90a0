"""billing: at-a-glance index and the reason of a cancellation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

SPEC C3 (``kcp_desk.services.billing``):

- ``ix_invoices_customer_state_due`` on ``invoices (customer_id, state, due_on)``: the
  at-a-glance figures (PAY-5) aggregate only a customer's *unpaid* invoices (total open,
  oldest overdue due date); with this index a customer with thousands of paid invoices
  costs no more than one with three. The older ``ix_invoices_state_due`` stays for
  dunning runs over all customers, ``ix_invoices_customer_issued`` for the invoice list.
- ``invoices.cancellation_reason``: why a cancellation invoice was issued (GoBD: a
  correction documents its reason), set on the cancellation invoice only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invoices", sa.Column("cancellation_reason", sa.Text(), nullable=True))
    op.create_index(
        "ix_invoices_customer_state_due", "invoices", ["customer_id", "state", "due_on"]
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_customer_state_due", table_name="invoices")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_column("cancellation_reason")
