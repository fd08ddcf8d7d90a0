"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22

The whole data model of SPEC.md, plus the append-only guard of the audit log (A-3).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "agent",
                "lead",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("x25519_public", sa.LargeBinary(length=32), nullable=False),
        sa.Column("ed25519_public", sa.LargeBinary(length=32), nullable=False),
        sa.Column("sealed_keys", sa.LargeBinary(), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("username", name=op.f("uq_agents_username")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "person",
                "company",
                name="customer_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("salutation", sa.String(length=30), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("legal_form", sa.String(length=50), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("phone_e164", sa.String(length=16), nullable=True),
        sa.Column("mobile_e164", sa.String(length=16), nullable=True),
        sa.Column("mobile_registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("customer_since", sa.Date(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("credit_balance", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("phone_password_hash", sa.String(length=255), nullable=True),
        sa.Column("phone_password_set_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("p_factor_locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "preferred_payment_method",
            sa.Enum(
                "sepa_direct_debit",
                "bank_transfer",
                "credit_card",
                "paypal",
                name="preferred_payment_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("number", name=op.f("uq_customers_number")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_mobile_e164"), ["mobile_e164"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_phone_e164"), ["phone_e164"], unique=False)

    op.create_table(
        "dispatch_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch_keys")),
        sa.UniqueConstraint("version", name=op.f("uq_dispatch_keys_version")),
    )
    op.create_table(
        "invoice_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_invoice_counters")),
    )
    op.create_table(
        "sla_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "sm_package",
            sa.Enum(
                "none",
                "basic",
                "pro",
                "premium",
                name="sm_package",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                "urgent",
                name="ticket_priority",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policies")),
        sa.UniqueConstraint(
            "sm_package", "priority", name=op.f("uq_sla_policies_sm_package_priority")
        ),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_audit_log_agent_id_agents")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_audit_log_entry_hash")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_audit_log_prev_hash")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_agent_id"), ["agent_id"], unique=False)

    op.create_table(
        "contact_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_contact_changes_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contact_changes_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_changes")),
    )
    with op.batch_alter_table("contact_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_changes_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(
            "ix_contact_changes_customer_changed", ["customer_id", "changed_at"], unique=False
        )

    op.create_table(
        "device_seals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("sealed_keys", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_device_seals_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_seals")),
        sa.UniqueConstraint(
            "agent_id", "device_id", name=op.f("uq_device_seals_agent_id_device_id")
        ),
    )
    with op.batch_alter_table("device_seals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_seals_agent_id"), ["agent_id"], unique=False)

    op.create_table(
        "dispatch_key_wraps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispatch_key_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("agent_key_version", sa.Integer(), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_dispatch_key_wraps_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dispatch_key_id"],
            ["dispatch_keys.id"],
            name=op.f("fk_dispatch_key_wraps_dispatch_key_id_dispatch_keys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch_key_wraps")),
        sa.UniqueConstraint(
            "dispatch_key_id",
            "agent_id",
            name=op.f("uq_dispatch_key_wraps_dispatch_key_id_agent_id"),
        ),
    )
    with op.batch_alter_table("dispatch_key_wraps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dispatch_key_wraps_agent_id"), ["agent_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dispatch_key_wraps_dispatch_key_id"), ["dispatch_key_id"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "letter",
                "sms",
                name="outbox_channel",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("queued_by", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_outbox_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["queued_by"], ["agents.id"], name=op.f("fk_outbox_queued_by_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "payment_method_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "old_method",
            sa.Enum(
                "sepa_direct_debit",
                "bank_transfer",
                "credit_card",
                "paypal",
                name="old_payment_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "new_method",
            sa.Enum(
                "sepa_direct_debit",
                "bank_transfer",
                "credit_card",
                "paypal",
                name="new_payment_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.CheckConstraint("reason <> ''", name=op.f("ck_payment_method_changes_reason_given")),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_payment_method_changes_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_payment_method_changes_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_method_changes")),
    )
    with op.batch_alter_table("payment_method_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_method_changes_agent_id"), ["agent_id"], unique=False
        )
        batch_op.create_index(
            "ix_payment_method_changes_customer_at", ["customer_id", "at"], unique=False
        )

    op.create_table(
        "postal_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "billing",
                "contract",
                name="address_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("street", sa.String(length=100), nullable=False),
        sa.Column("house_number", sa.String(length=20), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_postal_addresses_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postal_addresses")),
        sa.UniqueConstraint(
            "customer_id",
            "kind",
            "valid_from",
            name=op.f("uq_postal_addresses_customer_id_kind_valid_from"),
        ),
    )
    with op.batch_alter_table("postal_addresses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_postal_addresses_postcode"), ["postcode"], unique=False
        )

    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "webhosting",
                "vserver",
                "dedicated",
                "domain",
                "managed",
                name="product_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=True),
        sa.Column("hostname", sa.String(length=253), nullable=True),
        sa.Column(
            "sm_package",
            sa.Enum(
                "none",
                "basic",
                "pro",
                "premium",
                name="sm_package",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_products_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(
            "ix_products_customer_active", ["customer_id", "active"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_products_domain"), ["domain"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_hostname"), ["hostname"], unique=False)

    op.create_table(
        "sepa_mandates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=35), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("creditor_id", sa.String(length=35), nullable=False),
        sa.Column("account_holder", sa.String(length=70), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("signed_place", sa.String(length=100), nullable=False),
        sa.Column("recurring", sa.Boolean(), nullable=False),
        sa.Column(
            "scheme",
            sa.Enum(
                "CORE",
                "B2B",
                name="mandate_scheme",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "revoked",
                "expired",
                name="mandate_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("first_collection_on", sa.Date(), nullable=True),
        sa.Column("last_collection_on", sa.Date(), nullable=True),
        sa.Column("objection_flag", sa.Boolean(), nullable=False),
        sa.Column("debits_blocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_sepa_mandates_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sepa_mandates")),
        sa.UniqueConstraint("customer_id", "seq", name=op.f("uq_sepa_mandates_customer_id_seq")),
        sa.UniqueConstraint("reference", name=op.f("uq_sepa_mandates_reference")),
    )
    op.create_table(
        "sub_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("may_view_invoices", sa.Boolean(), nullable=False),
        sa.Column("may_open_tickets", sa.Boolean(), nullable=False),
        sa.Column("may_place_orders", sa.Boolean(), nullable=False),
        sa.Column("may_manage_contacts", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_sub_accounts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sub_accounts")),
        sa.UniqueConstraint("login", name=op.f("uq_sub_accounts_login")),
    )
    with op.batch_alter_table("sub_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sub_accounts_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "new",
                "open",
                "pending_customer",
                "closed",
                name="ticket_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                "urgent",
                name="ticket_priority",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_response_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["agents.id"], name=op.f("fk_tickets_assignee_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_tickets_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("number", name=op.f("uq_tickets_number")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_assignee_state_created",
            ["assignee_id", "state", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_tickets_customer_created", ["customer_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_tickets_state_created", ["state", "created_at"], unique=False)

    op.create_table(
        "identity_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column(
            "purpose",
            sa.Enum(
                "email_change",
                "address_change",
                "p_reset",
                "info_only",
                name="identity_purpose",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "awaiting_approval",
                "approved",
                "rejected",
                "cancelled",
                name="identity_case_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("prepared_by_id", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("new_email", sa.String(length=254), nullable=True),
        sa.Column("new_email_masked", sa.String(length=254), nullable=True),
        sa.Column("doubts", sa.Text(), nullable=True),
        sa.Column("p_failures", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "approver_id IS NULL OR approver_id <> prepared_by_id",
            name=op.f("ck_identity_cases_four_eyes"),
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["agents.id"], name=op.f("fk_identity_cases_approver_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_identity_cases_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["prepared_by_id"], ["agents.id"], name=op.f("fk_identity_cases_prepared_by_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_identity_cases_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_cases")),
    )
    with op.batch_alter_table("identity_cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_identity_cases_customer_created", ["customer_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_identity_cases_prepared_by_id"), ["prepared_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_identity_cases_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_identity_cases_ticket_id"), ["ticket_id"], unique=False
        )

    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=14), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "overdue",
                "partly_paid",
                "paid",
                "cancelled",
                "credited",
                "returned_debit",
                name="invoice_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("net", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("vat", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("gross", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("paid_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column(
            "payment_method",
            sa.Enum(
                "sepa_direct_debit",
                "bank_transfer",
                "credit_card",
                "paypal",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("mandate_id", sa.Integer(), nullable=True),
        sa.Column("cancels_invoice_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cancels_invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoices_cancels_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_invoices_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["mandate_id"], ["sepa_mandates.id"], name=op.f("fk_invoices_mandate_id_sepa_mandates")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
        sa.UniqueConstraint("year", "seq", name=op.f("uq_invoices_year_seq")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoices_cancels_invoice_id"), ["cancels_invoice_id"], unique=False
        )
        batch_op.create_index(
            "ix_invoices_customer_issued", ["customer_id", "issued_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invoices_mandate_id"), ["mandate_id"], unique=False)
        batch_op.create_index("ix_invoices_state_due", ["state", "due_on"], unique=False)

    op.create_table(
        "name_change_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("new_first_name", sa.String(length=100), nullable=False),
        sa.Column("new_last_name", sa.String(length=100), nullable=False),
        sa.Column("new_company", sa.String(length=200), nullable=True),
        sa.Column("new_legal_form", sa.String(length=50), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                name="request_state",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> requested_by_id",
            name=op.f("ck_name_change_requests_four_eyes"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_name_change_requests_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["agents.id"],
            name=op.f("fk_name_change_requests_decided_by_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["agents.id"],
            name=op.f("fk_name_change_requests_requested_by_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_name_change_requests_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_name_change_requests")),
    )
    with op.batch_alter_table("name_change_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_name_change_requests_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_name_change_requests_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_name_change_requests_ticket_id"), ["ticket_id"], unique=False
        )

    op.create_table(
        "support_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "received",
                "in_review",
                "query",
                "cost_approval",
                "approved",
                "in_progress",
                "done",
                "billed",
                "rejected",
                "cancelled",
                name="order_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by_sub_account_id", sa.Integer(), nullable=True),
        sa.Column(
            "cost_model",
            sa.Enum(
                "hourly",
                "fixed",
                name="cost_model",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("price_per_15min", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("fixed_price", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("catalogue_task", sa.String(length=100), nullable=True),
        sa.Column("estimate_minutes", sa.Integer(), nullable=True),
        sa.Column("cost_acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dek_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(cost_model = 'hourly' AND price_per_15min IS NOT NULL) OR (cost_model = 'fixed' AND fixed_price IS NOT NULL)",
            name=op.f("ck_support_orders_price_for_cost_model"),
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["agents.id"], name=op.f("fk_support_orders_assignee_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_support_orders_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_support_orders_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_sub_account_id"],
            ["sub_accounts.id"],
            name=op.f("fk_support_orders_submitted_by_sub_account_id_sub_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_support_orders_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_support_orders_number")),
    )
    with op.batch_alter_table("support_orders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_support_orders_assignee_state_created",
            ["assignee_id", "state", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_support_orders_customer_created", ["customer_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_support_orders_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            "ix_support_orders_state_created", ["state", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_support_orders_submitted_by_sub_account_id"),
            ["submitted_by_sub_account_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_support_orders_ticket_id"), ["ticket_id"], unique=False
        )

    op.create_table(
        "ticket_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "customer",
                "reply",
                "internal_note",
                name="message_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("author_agent_id", sa.Integer(), nullable=True),
        sa.Column("sub_account_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'customer' AND author_agent_id IS NULL) OR (kind <> 'customer' AND sub_account_id IS NULL)",
            name=op.f("ck_ticket_messages_author_matches_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["author_agent_id"],
            ["agents.id"],
            name=op.f("fk_ticket_messages_author_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["sub_account_id"],
            ["sub_accounts.id"],
            name=op.f("fk_ticket_messages_sub_account_id_sub_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_messages_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_messages")),
    )
    with op.batch_alter_table("ticket_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ticket_messages_author_agent_id"), ["author_agent_id"], unique=False
        )
        batch_op.create_index(
            "ix_ticket_messages_ticket_created", ["ticket_id", "created_at"], unique=False
        )

    op.create_table(
        "caller_verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "phone_password",
                "letter_code",
                "sms_code",
                "id_document",
                name="verification_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("result", sa.Boolean(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_caller_verifications_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["identity_cases.id"],
            name=op.f("fk_caller_verifications_case_id_identity_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_caller_verifications_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_caller_verifications")),
    )
    with op.batch_alter_table("caller_verifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_caller_verifications_agent_id"), ["agent_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_caller_verifications_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            "ix_caller_verifications_customer_at", ["customer_id", "at"], unique=False
        )

    op.create_table(
        "credential_fields",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("dek_version", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.LargeBinary(length=12), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["support_orders.id"],
            name=op.f("fk_credential_fields_order_id_support_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credential_fields")),
        sa.UniqueConstraint("order_id", "name", name=op.f("uq_credential_fields_order_id_name")),
    )
    with op.batch_alter_table("credential_fields", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credential_fields_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "dek_wraps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("dek_version", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("dispatch_key_id", sa.Integer(), nullable=True),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_dek_wraps_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dispatch_key_id"],
            ["dispatch_keys.id"],
            name=op.f("fk_dek_wraps_dispatch_key_id_dispatch_keys"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["support_orders.id"],
            name=op.f("fk_dek_wraps_order_id_support_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dek_wraps")),
    )
    with op.batch_alter_table("dek_wraps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dek_wraps_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dek_wraps_order_id"), ["order_id"], unique=False)

    op.create_table(
        "dunning_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "reminder",
                "first",
                "second",
                "final_notice",
                "blocked",
                "termination",
                "debt_collection",
                name="dunning_level",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("fee", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_dunning_steps_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_dunning_steps_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_steps")),
        sa.UniqueConstraint("invoice_id", "level", name=op.f("uq_dunning_steps_invoice_id_level")),
    )
    with op.batch_alter_table("dunning_steps", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dunning_steps_customer_issued", ["customer_id", "issued_on"], unique=False
        )

    op.create_table(
        "factor_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column(
            "factor",
            sa.Enum(
                "P",
                "L",
                "M",
                "D",
                name="factor",
                native_enum=False,
                create_constraint=True,
                length=2,
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("detail", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_factor_attempts_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["identity_cases.id"],
            name=op.f("fk_factor_attempts_case_id_identity_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_factor_attempts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factor_attempts")),
    )
    with op.batch_alter_table("factor_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factor_attempts_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_factor_attempts_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_factor_attempts_customer_factor_at", ["customer_id", "factor", "at"], unique=False
        )

    op.create_table(
        "invoice_positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("net", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_invoice_positions_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_positions")),
        sa.UniqueConstraint("invoice_id", "pos", name=op.f("uq_invoice_positions_invoice_id_pos")),
    )
    op.create_table(
        "letter_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["identity_cases.id"], name=op.f("fk_letter_codes_case_id_identity_cases")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_letter_codes_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_codes")),
    )
    with op.batch_alter_table("letter_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_codes_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_letter_codes_customer_sent", ["customer_id", "sent_at"], unique=False
        )

    op.create_table(
        "order_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "standard_config",
                "third_party_credentials",
                "software_updates",
                "server_access",
                "backup_exists",
                name="consent_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("wording_version", sa.String(length=20), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sub_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["support_orders.id"],
            name=op.f("fk_order_consents_order_id_support_orders"),
        ),
        sa.ForeignKeyConstraint(
            ["sub_account_id"],
            ["sub_accounts.id"],
            name=op.f("fk_order_consents_sub_account_id_sub_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_consents")),
        sa.UniqueConstraint("order_id", "kind", name=op.f("uq_order_consents_order_id_kind")),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "sepa_direct_debit",
                "bank_transfer",
                "credit_card",
                "paypal",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=140), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_payments_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payments_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payments_customer_received", ["customer_id", "received_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_payments_invoice_id"), ["invoice_id"], unique=False)

    op.create_table(
        "returned_debits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("mandate_id", sa.Integer(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("reason_code", sa.String(length=4), nullable=False),
        sa.Column("reason_text", sa.String(length=200), nullable=False),
        sa.Column("fee", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_returned_debits_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_returned_debits_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["mandate_id"],
            ["sepa_mandates.id"],
            name=op.f("fk_returned_debits_mandate_id_sepa_mandates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returned_debits")),
    )
    with op.batch_alter_table("returned_debits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_returned_debits_customer_returned", ["customer_id", "returned_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_returned_debits_invoice_id"), ["invoice_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_returned_debits_mandate_id"), ["mandate_id"], unique=False
        )

    op.create_table(
        "sms_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("mobile_e164", sa.String(length=16), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["identity_cases.id"], name=op.f("fk_sms_codes_case_id_identity_cases")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_sms_codes_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_codes")),
    )
    with op.batch_alter_table("sms_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sms_codes_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_sms_codes_customer_sent", ["customer_id", "sent_at"], unique=False
        )

    op.create_table(
        "time_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "ended_at IS NULL OR ended_at >= started_at",
            name=op.f("ck_time_entries_ends_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_time_entries_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["support_orders.id"],
            name=op.f("fk_time_entries_order_id_support_orders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entries")),
    )
    with op.batch_alter_table("time_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_time_entries_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_time_entries_order_id"), ["order_id"], unique=False)

    _protect_audit_log()


def downgrade() -> None:
    _unprotect_audit_log()
    with op.batch_alter_table("time_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_entries_order_id"))
        batch_op.drop_index(batch_op.f("ix_time_entries_agent_id"))

    op.drop_table("time_entries")
    with op.batch_alter_table("sms_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_sms_codes_customer_sent")
        batch_op.drop_index(batch_op.f("ix_sms_codes_case_id"))

    op.drop_table("sms_codes")
    with op.batch_alter_table("returned_debits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_returned_debits_mandate_id"))
        batch_op.drop_index(batch_op.f("ix_returned_debits_invoice_id"))
        batch_op.drop_index("ix_returned_debits_customer_returned")

    op.drop_table("returned_debits")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_invoice_id"))
        batch_op.drop_index("ix_payments_customer_received")

    op.drop_table("payments")
    op.drop_table("order_consents")
    with op.batch_alter_table("letter_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_codes_customer_sent")
        batch_op.drop_index(batch_op.f("ix_letter_codes_case_id"))

    op.drop_table("letter_codes")
    op.drop_table("invoice_positions")
    with op.batch_alter_table("factor_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_factor_attempts_customer_factor_at")
        batch_op.drop_index(batch_op.f("ix_factor_attempts_case_id"))
        batch_op.drop_index(batch_op.f("ix_factor_attempts_agent_id"))

    op.drop_table("factor_attempts")
    with op.batch_alter_table("dunning_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_dunning_steps_customer_issued")

    op.drop_table("dunning_steps")
    with op.batch_alter_table("dek_wraps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dek_wraps_order_id"))
        batch_op.drop_index(batch_op.f("ix_dek_wraps_agent_id"))

    op.drop_table("dek_wraps")
    with op.batch_alter_table("credential_fields", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credential_fields_order_id"))

    op.drop_table("credential_fields")
    with op.batch_alter_table("caller_verifications", schema=None) as batch_op:
        batch_op.drop_index("ix_caller_verifications_customer_at")
        batch_op.drop_index(batch_op.f("ix_caller_verifications_case_id"))
        batch_op.drop_index(batch_op.f("ix_caller_verifications_agent_id"))

    op.drop_table("caller_verifications")
    with op.batch_alter_table("ticket_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_messages_ticket_created")
        batch_op.drop_index(batch_op.f("ix_ticket_messages_author_agent_id"))

    op.drop_table("ticket_messages")
    with op.batch_alter_table("support_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_orders_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_support_orders_submitted_by_sub_account_id"))
        batch_op.drop_index("ix_support_orders_state_created")
        batch_op.drop_index(batch_op.f("ix_support_orders_product_id"))
        batch_op.drop_index("ix_support_orders_customer_created")
        batch_op.drop_index("ix_support_orders_assignee_state_created")

    op.drop_table("support_orders")
    with op.batch_alter_table("name_change_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_name_change_requests_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_name_change_requests_state"))
        batch_op.drop_index(batch_op.f("ix_name_change_requests_customer_id"))

    op.drop_table("name_change_requests")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index("ix_invoices_state_due")
        batch_op.drop_index(batch_op.f("ix_invoices_mandate_id"))
        batch_op.drop_index("ix_invoices_customer_issued")
        batch_op.drop_index(batch_op.f("ix_invoices_cancels_invoice_id"))

    op.drop_table("invoices")
    with op.batch_alter_table("identity_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_cases_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_identity_cases_state"))
        batch_op.drop_index(batch_op.f("ix_identity_cases_prepared_by_id"))
        batch_op.drop_index("ix_identity_cases_customer_created")

    op.drop_table("identity_cases")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_state_created")
        batch_op.drop_index("ix_tickets_customer_created")
        batch_op.drop_index("ix_tickets_assignee_state_created")

    op.drop_table("tickets")
    with op.batch_alter_table("sub_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sub_accounts_customer_id"))

    op.drop_table("sub_accounts")
    op.drop_table("sepa_mandates")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_hostname"))
        batch_op.drop_index(batch_op.f("ix_products_domain"))
        batch_op.drop_index("ix_products_customer_active")

    op.drop_table("products")
    with op.batch_alter_table("postal_addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_postal_addresses_postcode"))

    op.drop_table("postal_addresses")
    with op.batch_alter_table("payment_method_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_method_changes_customer_at")
        batch_op.drop_index(batch_op.f("ix_payment_method_changes_agent_id"))

    op.drop_table("payment_method_changes")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_customer_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("dispatch_key_wraps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispatch_key_wraps_dispatch_key_id"))
        batch_op.drop_index(batch_op.f("ix_dispatch_key_wraps_agent_id"))

    op.drop_table("dispatch_key_wraps")
    with op.batch_alter_table("device_seals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_seals_agent_id"))

    op.drop_table("device_seals")
    with op.batch_alter_table("contact_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_changes_customer_changed")
        batch_op.drop_index(batch_op.f("ix_contact_changes_agent_id"))

    op.drop_table("contact_changes")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_agent_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
    op.drop_table("sla_policies")
    op.drop_table("invoice_counters")
    op.drop_table("dispatch_keys")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_phone_e164"))
        batch_op.drop_index(batch_op.f("ix_customers_mobile_e164"))
        batch_op.drop_index(batch_op.f("ix_customers_email"))

    op.drop_table("customers")
    op.drop_table("agents")


# the audit log is append-only. On PostgreSQL row triggers refuse UPDATE and DELETE
# and a statement trigger refuses TRUNCATE; SQLite gets the row triggers too.
_PG_GUARD = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
"""


def _protect_audit_log() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only ({verb} refused)'); END"
        )


def _unprotect_audit_log() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_no_update ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
        return
    op.execute("DROP TRIGGER audit_log_no_update")
    op.execute("DROP TRIGGER audit_log_no_delete")
