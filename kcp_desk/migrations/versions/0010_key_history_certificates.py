"""key history and certificates: old signatures keep their key, roles and keys are signed;
an order links its invoice

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

SPEC V-7, V-8, issue 11 ("Keys"):

- ``agent_keys``: every version of an agent's public keys (X25519, Ed25519) with the
  time it became valid and was retired. Audit entries name the version they were signed
  with, so ``audit verify`` finds the right key after a rotation. Existing agents get
  their current keys as the first row. Rows are never deleted and only ``retired_at``
  may be set (triggers on both databases; the desk role has no DELETE).
- ``certificates``: an admin's Ed25519 signature over canonical JSON that names an
  agent's id, role, active flag, key version and public keys, or a dispatch key's
  version and public key. The desk checks the newest certificate of a subject against
  the row and up to the admin keys pinned on the workstation before it wraps anything.
  Append-only like the audit log, so a superseding certificate cannot be deleted to
  bring an older one back.
- ``dispatch_keys`` rows are never deleted (a trigger; the desk role has no DELETE):
  removing the newest would make an older key, which a departed lead may keep, the
  one the portal encrypts to.

- ``support_orders.invoice_id``: the invoice an order's billable time went on (SO-3).

Existing databases have no certificates yet: the desks refuse wraps until an admin has
certified the agents (a database created before this needs ``kcp-desk demo`` again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_PG = """
CREATE FUNCTION agent_keys_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.agent_id IS DISTINCT FROM OLD.agent_id
        OR NEW.key_version IS DISTINCT FROM OLD.key_version
        OR NEW.x25519_public IS DISTINCT FROM OLD.x25519_public
        OR NEW.ed25519_public IS DISTINCT FROM OLD.ed25519_public
        OR NEW.valid_from IS DISTINCT FROM OLD.valid_from
        OR (OLD.retired_at IS NOT NULL AND NEW.retired_at IS DISTINCT FROM OLD.retired_at)
    THEN
        RAISE EXCEPTION 'agent_keys keeps its history (V-7): % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER agent_keys_history BEFORE UPDATE OR DELETE ON agent_keys
    FOR EACH ROW EXECUTE FUNCTION agent_keys_history();
CREATE FUNCTION certificates_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'certificates are append-only (V-8): % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates
    FOR EACH ROW EXECUTE FUNCTION certificates_append_only();
CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_append_only();
CREATE TRIGGER agent_keys_no_truncate BEFORE TRUNCATE ON agent_keys
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_append_only();
CREATE FUNCTION dispatch_keys_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dispatch keys are kept (V-8): % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dispatch_keys_no_delete BEFORE DELETE ON dispatch_keys
    FOR EACH ROW EXECUTE FUNCTION dispatch_keys_kept();
CREATE TRIGGER dispatch_keys_no_truncate BEFORE TRUNCATE ON dispatch_keys
    FOR EACH STATEMENT EXECUTE FUNCTION dispatch_keys_kept();
"""
_SQLITE = [
    "CREATE TRIGGER agent_keys_history BEFORE UPDATE ON agent_keys WHEN "
    "NEW.agent_id IS NOT OLD.agent_id OR NEW.key_version IS NOT OLD.key_version "
    "OR NEW.x25519_public IS NOT OLD.x25519_public "
    "OR NEW.ed25519_public IS NOT OLD.ed25519_public OR NEW.valid_from IS NOT OLD.valid_from "
    "OR (OLD.retired_at IS NOT NULL AND NEW.retired_at IS NOT OLD.retired_at) "
    "BEGIN SELECT RAISE(ABORT, 'agent_keys keeps its history (V-7): UPDATE refused'); END",
    "CREATE TRIGGER agent_keys_no_delete BEFORE DELETE ON agent_keys "
    "BEGIN SELECT RAISE(ABORT, 'agent_keys keeps its history (V-7): DELETE refused'); END",
    "CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates "
    "BEGIN SELECT RAISE(ABORT, 'certificates are append-only (V-8): UPDATE refused'); END",
    "CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates "
    "BEGIN SELECT RAISE(ABORT, 'certificates are append-only (V-8): DELETE refused'); END",
    "CREATE TRIGGER dispatch_keys_no_delete BEFORE DELETE ON dispatch_keys "
    "BEGIN SELECT RAISE(ABORT, 'dispatch keys are kept (V-8): DELETE refused'); END",
]


def upgrade() -> None:
    op.create_table(
        "agent_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("x25519_public", sa.LargeBinary(length=32), nullable=False),
        sa.Column("ed25519_public", sa.LargeBinary(length=32), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_agent_keys_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_keys")),
        sa.UniqueConstraint(
            "agent_id", "key_version", name=op.f("uq_agent_keys_agent_id_key_version")
        ),
    )
    op.create_index(op.f("ix_agent_keys_agent_id"), "agent_keys", ["agent_id"])
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(signature) = 64", name=op.f("ck_certificates_signature_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
    )
    op.create_index("ix_certificates_subject", "certificates", ["subject", "id"])
    # a nullable column with its foreign key: SQLite adds it in place (no rebuild)
    op.execute(
        "ALTER TABLE support_orders ADD COLUMN invoice_id INTEGER "
        "CONSTRAINT fk_support_orders_invoice_id_invoices REFERENCES invoices (id)"
    )
    op.execute(
        "INSERT INTO agent_keys (agent_id, key_version, x25519_public, ed25519_public, "
        "valid_from) SELECT id, key_version, x25519_public, ed25519_public, created_at "
        "FROM agents"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG)
    else:
        for statement in _SQLITE:
            op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE support_orders DROP COLUMN invoice_id")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE certificates")
        op.execute("DROP TABLE agent_keys")
        op.execute("DROP TRIGGER dispatch_keys_no_delete ON dispatch_keys")
        op.execute("DROP TRIGGER dispatch_keys_no_truncate ON dispatch_keys")
        op.execute("DROP FUNCTION dispatch_keys_kept()")
        op.execute("DROP FUNCTION certificates_append_only()")
        op.execute("DROP FUNCTION agent_keys_history()")
        return
    op.execute("DROP TRIGGER dispatch_keys_no_delete")
    op.drop_table("certificates")
    op.drop_table("agent_keys")
