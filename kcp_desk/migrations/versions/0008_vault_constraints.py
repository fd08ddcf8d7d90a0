"""vault constraints: one recipient per data-key wrap, one wrap of each kind per version

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

SPEC C6 V-2/V-3, issue 11 ("The vault"): the database itself refuses a malformed vault,
whoever writes (``kcp_desk.models.vault``):

- ``dek_wraps.agent_key_version``: the version of the agent's key an agent wrap is
  addressed to; the HPKE ``info`` binds it (``agent:{id}:v{key_version}``), so the desk
  must know it to open the wrap, and a key rotation can find the wraps to renew.
  Existing agent wraps get their agent's current key version.
- ``ck_dek_wraps_one_recipient``: exactly one recipient, the agent XOR the dispatch key.
- ``ck_dek_wraps_agent_key_version``: set exactly for agent wraps.
- ``uq_dek_wraps_agent_per_dek_version`` / ``uq_dek_wraps_dispatch_per_dek_version``:
  partial unique indexes on ``(order_id, dek_version)``, at most one agent wrap and one
  dispatch wrap per order and data-key version.
- ``credential_fields``: a 12-byte nonce, a ciphertext at least as long as the GCM tag,
  positive versions (``uq_credential_fields_order_id_name`` exists since 0001).

SQLite adds CHECK constraints by rebuilding the table (Alembic batch mode); PostgreSQL
alters it in place. The same partial index statements on both. The table keeps its
grants on PostgreSQL; a new column needs none of its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: the constraints exactly as ``kcp_desk.models.vault`` declares them (copied, not
#: imported: a migration must not change when the models do)
DEK_WRAP_CHECKS = (
    ("one_recipient", "(agent_id IS NULL) <> (dispatch_key_id IS NULL)"),
    ("agent_key_version", "(agent_id IS NULL) = (agent_key_version IS NULL)"),
    ("dek_version_positive", "dek_version >= 1"),
)
DEK_WRAP_UNIQUE = (
    ("uq_dek_wraps_agent_per_dek_version", "agent_id IS NOT NULL"),
    ("uq_dek_wraps_dispatch_per_dek_version", "dispatch_key_id IS NOT NULL"),
)
CREDENTIAL_FIELD_CHECKS = (
    ("nonce_length", "length(nonce) = 12"),
    ("ciphertext_has_tag", "length(ciphertext) >= 16"),
    ("dek_version_positive", "dek_version >= 1"),
)


def upgrade() -> None:
    with op.batch_alter_table("dek_wraps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agent_key_version", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE dek_wraps SET agent_key_version = "
        "(SELECT agents.key_version FROM agents WHERE agents.id = dek_wraps.agent_id) "
        "WHERE agent_id IS NOT NULL"
    )
    with op.batch_alter_table("dek_wraps", schema=None) as batch_op:
        for name, sql in DEK_WRAP_CHECKS:
            batch_op.create_check_constraint(op.f(f"ck_dek_wraps_{name}"), sa.text(sql))
    for name, where in DEK_WRAP_UNIQUE:
        op.create_index(
            name,
            "dek_wraps",
            ["order_id", "dek_version"],
            unique=True,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )
    with op.batch_alter_table("credential_fields", schema=None) as batch_op:
        for name, sql in CREDENTIAL_FIELD_CHECKS:
            batch_op.create_check_constraint(op.f(f"ck_credential_fields_{name}"), sa.text(sql))


def downgrade() -> None:
    with op.batch_alter_table("credential_fields", schema=None) as batch_op:
        for name, _ in reversed(CREDENTIAL_FIELD_CHECKS):
            batch_op.drop_constraint(op.f(f"ck_credential_fields_{name}"), type_="check")
    for name, _ in reversed(DEK_WRAP_UNIQUE):
        op.drop_index(name, table_name="dek_wraps")
    with op.batch_alter_table("dek_wraps", schema=None) as batch_op:
        for name, _ in reversed(DEK_WRAP_CHECKS):
            batch_op.drop_constraint(op.f(f"ck_dek_wraps_{name}"), type_="check")
        batch_op.drop_column("agent_key_version")
