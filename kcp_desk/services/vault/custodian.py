"""Who holds the dispatch private key (SPEC V-4), behind one interface.

Today the dispatch private key is HPKE-wrapped to each lead (:class:`LeadEscrow`): a
lead's desk opens it with the lead's X25519 key to hand an order's credentials to an
assignee. A custodian service (an HSM or a small server that checks the assignment
itself) can replace it later by implementing :class:`DispatchCustodian`; nothing else
in the vault knows how the dispatch key is held.
"""

from __future__ import annotations

from typing import Final, Protocol

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from kcp_desk.errors import QT_TRANSLATE_NOOP, PermissionDenied
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.vault import DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.wrapping import (
    DispatchRecipient,
    UnwrapError,
    dispatch_info,
    unwrap,
    unwrap_dek,
)
from kcp_desk.services.principal import AgentSession

NO_DISPATCH_ACCESS: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "This desk holds no copy of the dispatch key, so it cannot hand over the "
    "credentials. A lead does that.",
)
DISPATCH_WRAP_BROKEN: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The credentials of this order cannot be opened with the dispatch key. Please tell "
    "an admin; nothing was changed.",
)


class DispatchCustodian(Protocol):
    """Opens what is encrypted to the dispatch key, for someone entitled to it."""

    def open_order_key(self, s: Session, session: AgentSession, order: SupportOrder) -> bytes:
        """The order's current data key, through its dispatch wrap."""
        ...

    def open_dispatch_key(
        self, s: Session, session: AgentSession, key: DispatchKey
    ) -> X25519PrivateKey:
        """The private half of one dispatch key version."""
        ...


class LeadEscrow:
    """The dispatch private key wrapped to every lead (``dispatch_key_wraps``)."""

    def open_dispatch_key(
        self, s: Session, session: AgentSession, key: DispatchKey
    ) -> X25519PrivateKey:
        me = session.principal.agent_id
        wrap = s.scalars(
            select(DispatchKeyWrap).where(
                DispatchKeyWrap.dispatch_key_id == key.id, DispatchKeyWrap.agent_id == me
            )
        ).first()
        if wrap is None or wrap.agent_key_version != session.key_version:
            raise PermissionDenied(NO_DISPATCH_ACCESS)
        try:
            raw = unwrap(
                wrap.wrapped,
                session.keys.x25519,
                dispatch_info(key.version, me, wrap.agent_key_version),
            )
        except UnwrapError:
            raise PermissionDenied(DISPATCH_WRAP_BROKEN) from None
        return X25519PrivateKey.from_private_bytes(raw)

    def open_order_key(self, s: Session, session: AgentSession, order: SupportOrder) -> bytes:
        row = s.execute(
            select(DekWrap.wrapped, DispatchKey)
            .join(DispatchKey, DispatchKey.id == DekWrap.dispatch_key_id)
            .where(DekWrap.order_id == order.id, DekWrap.dek_version == order.dek_version)
        ).first()
        if row is None:
            raise PermissionDenied(DISPATCH_WRAP_BROKEN)
        wrapped, key = row
        private = self.open_dispatch_key(s, session, key)
        try:
            return unwrap_dek(
                wrapped,
                private,
                order_id=order.id,
                dek_version=order.dek_version,
                recipient=DispatchRecipient(key.version),
            )
        except UnwrapError:
            raise PermissionDenied(DISPATCH_WRAP_BROKEN) from None
