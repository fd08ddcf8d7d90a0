"""identity cases: factor E, e-mail links, sealed outbox payloads, outbox service keys

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

SPEC C2 (ID-1 … ID-7), issue 12:

- ``factor_attempts.factor`` also takes ``E`` (a confirmation link to the current
  address); every factor tried in a case is a row there (pass/fail only).
- ``identity_cases``: whether the caller still has the mailbox, how they were found
  (knowledge items matched or not, never the values), when and by whom the case went to
  a lead.
- ``email_links``: the factor E links and the ID-6 link that confirms a new address;
  only an Argon2id hash of the token is stored.
- ``outbox``: ``sealed`` holds what must carry a code or token, HPKE-sealed to the
  channel's service key, with the key version; ``case_id`` links the case it came from.
- ``outbox_keys``: each channel's service public keys by version, append-only (the
  private halves are with the mail, letter and SMS systems, never in the database).
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_OLD_FACTORS = "factor IN ('P', 'L', 'M', 'D')"
_NEW_FACTORS = "factor IN ('P', 'E', 'L', 'M', 'D')"

_PG = """
CREATE FUNCTION outbox_keys_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'outbox keys are append-only (ID-6): % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER outbox_keys_append_only BEFORE UPDATE OR DELETE ON outbox_keys
    FOR EACH ROW EXECUTE FUNCTION outbox_keys_kept();
CREATE TRIGGER outbox_keys_no_truncate BEFORE TRUNCATE ON outbox_keys
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_keys_kept();
"""
_SQLITE = [
    "CREATE TRIGGER outbox_keys_no_update BEFORE UPDATE ON outbox_keys "
    "BEGIN SELECT RAISE(ABORT, 'outbox keys are append-only (ID-6): UPDATE refused'); END",
    "CREATE TRIGGER outbox_keys_no_delete BEFORE DELETE ON outbox_keys "
    "BEGIN SELECT RAISE(ABORT, 'outbox keys are append-only (ID-6): DELETE refused'); END",
]


def _factor_check(condition: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_factor_attempts_factor"), "factor_attempts", type_="check")
        op.create_check_constraint("factor", "factor_attempts", condition)
        return
    # SQLite rebuilds the table; reflecting it reflects the tables its keys refer to,
    # whose expression indexes SQLAlchemy cannot reflect (and does not need here)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        with op.batch_alter_table("factor_attempts") as batch:
            batch.drop_constraint(op.f("ck_factor_attempts_factor"), type_="check")
            batch.create_check_constraint("factor", condition)


def upgrade() -> None:
    _factor_check(_NEW_FACTORS)
    # plain ADD COLUMN on both databases (SQLite needs no rebuild for these)
    op.add_column(
        "identity_cases",
        sa.Column("has_mailbox", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "identity_cases", sa.Column("knowledge", sa.Text(), nullable=False, server_default="[]")
    )
    op.add_column(
        "identity_cases", sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.execute(
        "ALTER TABLE identity_cases ADD COLUMN submitted_by_id INTEGER "
        "CONSTRAINT fk_identity_cases_submitted_by_id_agents REFERENCES agents (id)"
    )
    op.create_table(
        "email_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "factor_e",
                "new_email",
                name="link_purpose",
                native_enum=False,
                length=16,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["identity_cases.id"], name=op.f("fk_email_links_case_id_identity_cases")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_email_links_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_links")),
    )
    op.create_index(op.f("ix_email_links_case_id"), "email_links", ["case_id"])
    op.create_index("ix_email_links_customer_sent", "email_links", ["customer_id", "sent_at"])
    op.add_column("outbox", sa.Column("sealed", sa.LargeBinary(), nullable=True))
    op.add_column("outbox", sa.Column("sealed_key_version", sa.Integer(), nullable=True))
    # a nullable column with its foreign key: SQLite adds it in place (no rebuild)
    op.execute(
        "ALTER TABLE outbox ADD COLUMN case_id INTEGER "
        "CONSTRAINT fk_outbox_case_id_identity_cases REFERENCES identity_cases (id)"
    )
    op.create_index(op.f("ix_outbox_case_id"), "outbox", ["case_id"])
    op.create_table(
        "outbox_keys",
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "letter",
                "sms",
                name="outbox_key_channel",
                native_enum=False,
                length=16,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "version", name=op.f("pk_outbox_keys")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG)
    else:
        for statement in _SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE outbox_keys")
        op.execute("DROP FUNCTION outbox_keys_kept()")
    else:
        op.drop_table("outbox_keys")
    op.drop_index(op.f("ix_outbox_case_id"), table_name="outbox")
    for column in ("case_id", "sealed_key_version", "sealed"):
        op.execute(f"ALTER TABLE outbox DROP COLUMN {column}")
    op.drop_index("ix_email_links_customer_sent", table_name="email_links")
    op.drop_index(op.f("ix_email_links_case_id"), table_name="email_links")
    op.drop_table("email_links")
    for column in ("submitted_by_id", "submitted_at", "knowledge", "has_mailbox"):
        op.execute(f"ALTER TABLE identity_cases DROP COLUMN {column}")
    op.execute("DELETE FROM factor_attempts WHERE factor = 'E'")
    _factor_check(_OLD_FACTORS)
