"""product addresses: the IPv4/IPv6 addresses and subnets assigned to servers

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

SPEC C1.1: "server IP address (IPv4 or IPv6; an address inside a subnet assigned to a
server finds its owner — abuse reports arrive by IP)".

- ``product_addresses (product_id, network, family, range_start, range_end)``: one row
  per address or subnet of a server (``kcp_desk.models.products.ProductAddress``).
- PostgreSQL: ``network`` is a ``cidr`` with a GiST index (``inet_ops``), which answers
  the containment ``network >>= '203.0.113.45'::inet`` and equality.
- SQLite: ``network`` is text; the range columns (128-bit hex,
  ``kcp_desk.domain.ip_ranges``) with the covering index ``ix_product_addresses_range
  (family, range_start, range_end)`` answer "the ranges that start last at or before
  the address" with one index seek.

The desks' PostgreSQL role gets its rights on the new table when ``kcp-desk db upgrade``
grants them again after migrating.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column(
            "network",
            sa.String(length=49).with_variant(postgresql.CIDR(), "postgresql"),
            nullable=False,
        ),
        sa.Column("family", sa.SmallInteger(), nullable=False),
        sa.Column("range_start", sa.String(length=32), nullable=False),
        sa.Column("range_end", sa.String(length=32), nullable=False),
        sa.CheckConstraint("family IN (4, 6)", name=op.f("ck_product_addresses_family")),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_addresses_product_id_products"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_addresses")),
    )
    op.create_index("ix_product_addresses_product_id", "product_addresses", ["product_id"])
    op.create_index(
        "ix_product_addresses_network",
        "product_addresses",
        ["network"],
        postgresql_using="gist",
        postgresql_ops={"network": "inet_ops"},
    )
    op.create_index(
        "ix_product_addresses_range", "product_addresses", ["family", "range_start", "range_end"]
    )


def downgrade() -> None:
    op.drop_index("ix_product_addresses_range", table_name="product_addresses")
    op.drop_index("ix_product_addresses_network", table_name="product_addresses")
    op.drop_index("ix_product_addresses_product_id", table_name="product_addresses")
    op.drop_table("product_addresses")
