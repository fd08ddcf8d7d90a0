"""guards: the audit log only grows at its end; issued invoices are immutable

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

- A-3: ``INSERT OR REPLACE`` on SQLite replaced an audit entry without firing the
  DELETE trigger. A BEFORE INSERT trigger (both databases) now accepts only the next
  entry of the chain: ``seq = max(seq) + 1``.
- PAY-1 (§ 14 UStG, GoBD): an issued invoice is never edited or deleted, only its
  state, paid amount, version and payment links change; its positions never change.
  Until now only the service's good manners said so; triggers on both databases refuse
  the rest. The desks' PostgreSQL role owns none of these tables, so it cannot drop or
  disable the triggers (``kcp-desk db create-roles``); on SQLite the desk's connections
  refuse dropping them (``kcp_desk.db``).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: what an issued invoice keeps for ever; state, paid_amount, version, mandate_id and
#: payment_method may change (payments, returned debits, cancellation)
IMMUTABLE_INVOICE_COLUMNS = (
    "number",
    "year",
    "seq",
    "customer_id",
    "issued_on",
    "due_on",
    "net",
    "vat",
    "gross",
    "cancels_invoice_id",
    "cancellation_reason",
    "created_at",
)

_PG = f"""
CREATE FUNCTION audit_log_append_at_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq <> coalesce((SELECT max(seq) FROM audit_log), 0) + 1 THEN
        RAISE EXCEPTION 'audit_log is append-only (entry % is not the next one)', NEW.seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_append_at_end BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_at_end();

CREATE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ({" OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in IMMUTABLE_INVOICE_COLUMNS)}) THEN
        RAISE EXCEPTION 'issued invoices are immutable (PAY-1): UPDATE of % refused',
            OLD.number USING ERRCODE = 'insufficient_privilege';
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'issued invoices are immutable (PAY-1): DELETE of % refused',
            OLD.number USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoice_immutable();

CREATE FUNCTION invoice_position_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued invoices are immutable (PAY-1): % of a position refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER invoice_positions_immutable BEFORE UPDATE OR DELETE ON invoice_positions
    FOR EACH ROW EXECUTE FUNCTION invoice_position_immutable();
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_position_immutable();
CREATE TRIGGER invoice_positions_no_truncate BEFORE TRUNCATE ON invoice_positions
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_position_immutable();
"""

_SQLITE = [
    "CREATE TRIGGER audit_log_append_at_end BEFORE INSERT ON audit_log "
    "WHEN NEW.seq <> coalesce((SELECT max(seq) FROM audit_log), 0) + 1 "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (not the next entry)'); END",
    "CREATE TRIGGER invoices_immutable BEFORE UPDATE ON invoices WHEN "
    + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in IMMUTABLE_INVOICE_COLUMNS)
    + " BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable (PAY-1): UPDATE refused');"
    " END",
    "CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices "
    "BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable (PAY-1): DELETE refused'); END",
    "CREATE TRIGGER invoice_positions_no_update BEFORE UPDATE ON invoice_positions "
    "BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable (PAY-1): UPDATE refused'); END",
    "CREATE TRIGGER invoice_positions_no_delete BEFORE DELETE ON invoice_positions "
    "BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable (PAY-1): DELETE refused'); END",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG)
        return
    for statement in _SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER invoice_positions_no_truncate ON invoice_positions")
        op.execute("DROP TRIGGER invoices_no_truncate ON invoices")
        op.execute("DROP TRIGGER invoice_positions_immutable ON invoice_positions")
        op.execute("DROP TRIGGER invoices_immutable ON invoices")
        op.execute("DROP TRIGGER audit_log_append_at_end ON audit_log")
        for fn in ("invoice_position_immutable", "invoice_immutable", "audit_log_append_at_end"):
            op.execute(f"DROP FUNCTION {fn}()")
        return
    for name in (
        "invoice_positions_no_delete",
        "invoice_positions_no_update",
        "invoices_no_delete",
        "invoices_immutable",
        "audit_log_append_at_end",
    ):
        op.execute(f"DROP TRIGGER {name}")
