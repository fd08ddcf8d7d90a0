"""Customers' products (C1.3 Products tab) and the SLA table (T-6)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import CIDR
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine

from kcp_desk.domain.ip_ranges import RANGE_DIGITS, IPNetwork, network_range, network_text
from kcp_desk.models.base import Base, Versioned, str_enum
from kcp_desk.models.tickets import TicketPriority

if TYPE_CHECKING:
    from kcp_desk.models.customers import Customer
    from kcp_desk.models.orders import SupportOrder


class ProductKind(enum.StrEnum):
    WEBHOSTING = "webhosting"
    VSERVER = "vserver"
    DEDICATED = "dedicated"
    DOMAIN = "domain"
    MANAGED = "managed"


class SmPackage(enum.StrEnum):
    """Systems-Management package: decides SLA times (T-6) and support-order pricing."""

    NONE = "none"
    BASIC = "basic"
    PRO = "pro"
    PREMIUM = "premium"


class Product(Versioned, Base):
    __tablename__ = "products"
    __table_args__ = (
        Index("ix_products_customer_active", "customer_id", "active"),
        # C1.1 prefix search on domains and host names: byte-wise order on PostgreSQL,
        # whatever the collation (migration 0002).
        Index("ix_products_domain", "domain", postgresql_ops={"domain": "text_pattern_ops"}),
        Index("ix_products_hostname", "hostname", postgresql_ops={"hostname": "text_pattern_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[ProductKind] = mapped_column(str_enum(ProductKind, "product_kind", 16))
    name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str | None] = mapped_column(String(253))
    hostname: Mapped[str | None] = mapped_column(String(253))
    sm_package: Mapped[SmPackage] = mapped_column(
        str_enum(SmPackage, "sm_package", 16), default=SmPackage.NONE
    )
    active: Mapped[bool] = mapped_column(default=True)
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)

    customer: Mapped[Customer] = relationship(back_populates="products")
    support_orders: Mapped[list[SupportOrder]] = relationship(back_populates="product")
    #: a server's IP addresses and subnets (C1.1: abuse reports arrive by IP address)
    addresses: Mapped[list[ProductAddress]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductAddress.id"
    )


class NetworkText(TypeDecorator[str]):
    """A subnet as canonical CIDR text; ``cidr`` on PostgreSQL, where psycopg would hand
    back an ``ipaddress`` object, read back as text (``203.0.113.40/29``)."""

    impl = String(49)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(CIDR())
        return dialect.type_descriptor(String(49))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(value)


class ProductAddress(Base):
    """An IPv4 or IPv6 address or subnet assigned to a server (migration 0005).

    ``network`` is the canonical CIDR text (``203.0.113.40/29``, a single address as
    ``/32`` or ``/128``); on PostgreSQL a ``cidr`` with a GiST index (``inet_ops``) that
    answers ``network >>= address``. SQLite has no address type: ``family`` and the first
    and last address as fixed-width hex (``kcp_desk.domain.ip_ranges.network_range``)
    with a covering index on ``(family, range_start, range_end)``. Build rows with
    :meth:`of`, which keeps the four columns in agreement.
    """

    __tablename__ = "product_addresses"
    __table_args__ = (
        CheckConstraint("family IN (4, 6)", name="family"),
        Index("ix_product_addresses_product_id", "product_id"),
        Index(
            "ix_product_addresses_network",
            "network",
            postgresql_using="gist",
            postgresql_ops={"network": "inet_ops"},
        ),
        Index("ix_product_addresses_range", "family", "range_start", "range_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    network: Mapped[str] = mapped_column(NetworkText())
    family: Mapped[int] = mapped_column(SmallInteger)
    range_start: Mapped[str] = mapped_column(String(RANGE_DIGITS))
    range_end: Mapped[str] = mapped_column(String(RANGE_DIGITS))

    product: Mapped[Product] = relationship(back_populates="addresses")

    @classmethod
    def of(cls, network: IPNetwork) -> ProductAddress:
        family, start, end = network_range(network)
        return cls(network=network_text(network), family=family, range_start=start, range_end=end)


class SlaPolicy(Versioned, Base):
    """T-6: response and resolution times per (SM package, ticket priority)."""

    __tablename__ = "sla_policies"
    __table_args__ = (UniqueConstraint("sm_package", "priority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sm_package: Mapped[SmPackage] = mapped_column(str_enum(SmPackage, "sm_package", 16))
    priority: Mapped[TicketPriority] = mapped_column(
        str_enum(TicketPriority, "ticket_priority", 16)
    )
    first_response_minutes: Mapped[int]
    resolution_minutes: Mapped[int]
