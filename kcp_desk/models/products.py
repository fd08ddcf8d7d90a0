"""Customers' products (C1.3 Products tab) and the SLA table (T-6)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
