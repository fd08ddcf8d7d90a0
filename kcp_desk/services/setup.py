"""Preparing a database at start-up: migrations, and demo data on a fresh embedded one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.models.agents import Agent
from kcp_desk.models.outbox import OutboxChannel
from kcp_desk.security.sealing import PRODUCTION_KDF, KdfParams
from kcp_desk.services.trust import TrustAnchors

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class PreparedDatabase:
    agents: int
    demo_created: bool


def agent_count(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(Agent)) or 0


def prepare_database(
    db: Database,
    *,
    demo_customers: int | None = None,
    kdf: KdfParams = PRODUCTION_KDF,
    progress: Progress | None = None,
    pin: Callable[[TrustAnchors], None] | None = None,
    outbox_keys: Callable[[OutboxChannel, X25519PrivateKey], None] | None = None,
) -> PreparedDatabase:
    """Migrate; with ``demo_customers`` and no agents yet, fill in the demo data
    (``pin`` receives its admin key, ``outbox_keys`` the outbox channels' service keys,
    see :func:`~kcp_desk.services.demo.populate`)."""
    db.migrate()
    agents = agent_count(db)
    if agents or demo_customers is None:
        return PreparedDatabase(agents, demo_created=False)
    from kcp_desk.services.demo import populate

    populate(
        db,
        customers=demo_customers,
        kdf=kdf,
        progress=progress,
        pin=pin,
        outbox_keys=outbox_keys,
        vault_orders=True,
    )
    return PreparedDatabase(agent_count(db), demo_created=True)
