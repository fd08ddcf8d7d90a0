"""Rotating an order's data key (SPEC V-4): new key, every field re-encrypted, version
+ 1, wrapped to the assignee and the dispatch key, every older wrap deleted.

A former holder of the old data key (the previous assignee, a departed lead) learns
nothing from the new ciphertexts; a copy of an old wrap opens only the old version,
whose ciphertexts are gone. Runs inside the caller's transaction, with recipients whose
certificates were checked in it (``services.trust``).
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kcp_desk.errors import QT_TRANSLATE_NOOP, KcpError
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey
from kcp_desk.security.certificates import AgentClaims
from kcp_desk.security.field_crypto import (
    FieldDecryptError,
    decrypt_field,
    encrypt_field,
    new_data_key,
)
from kcp_desk.security.wrapping import AgentRecipient, DispatchRecipient, wrap_dek
from kcp_desk.services.trust import TrustAnchors, certified_dispatch_key

NO_DISPATCH_KEY: Final = QT_TRANSLATE_NOOP(
    "KcpError", "There is no dispatch key yet: an admin creates one on the admin page."
)


UNREADABLE: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The credentials of this order do not open with its data key: they were changed in "
    "the database. Nothing was changed; please tell an admin.",
)


class CredentialUnreadable(KcpError):
    """A wrap or ciphertext that does not open: tampered with, or not for us."""


class NoDispatchKey(KcpError):
    """No dispatch key exists yet (an admin creates the first one)."""


def newest_dispatch_key(s: Session) -> DispatchKey:
    """The dispatch key the portal encrypts to: the newest version. Not "the newest not
    retired": ``retired_at`` is a column anyone with write access can clear, and an old
    version brought back would hand new orders to a lead who left with a copy of it. A
    newer version cannot be forged (its certificate is checked before any wrap)."""
    key = s.scalars(select(DispatchKey).order_by(DispatchKey.version.desc()).limit(1)).first()
    if key is None:
        raise NoDispatchKey(NO_DISPATCH_KEY)
    return key


def wrap_to_agent(s: Session, order: SupportOrder, dek: bytes, agent: AgentClaims) -> None:
    s.add(
        DekWrap(
            order_id=order.id,
            dek_version=order.dek_version,
            agent_id=agent.agent_id,
            agent_key_version=agent.key_version,
            wrapped=wrap_dek(
                dek,
                agent.x25519_public,
                order_id=order.id,
                dek_version=order.dek_version,
                recipient=AgentRecipient(agent.agent_id, agent.key_version),
            ),
        )
    )


def wrap_to_dispatch(s: Session, order: SupportOrder, dek: bytes, key: DispatchKey) -> None:
    s.add(
        DekWrap(
            order_id=order.id,
            dek_version=order.dek_version,
            dispatch_key_id=key.id,
            wrapped=wrap_dek(
                dek,
                key.public_key,
                order_id=order.id,
                dek_version=order.dek_version,
                recipient=DispatchRecipient(key.version),
            ),
        )
    )


def rotate(
    s: Session,
    order: SupportOrder,
    dek: bytes,
    *,
    assignee: AgentClaims | None,
    anchors: TrustAnchors,
) -> bytes:
    """Re-encrypt the order under a fresh data key for ``assignee`` (or for the dispatch
    key alone); returns the new key. ``dek`` is the current one, already opened.

    The agent wrap goes to the order's assignee and nobody else (V-3): anything else is
    a bug, refused before a byte is written."""
    if assignee is not None and assignee.agent_id != order.assignee_id:
        raise ValueError("the agent wrap of an order goes to its assignee only")
    dispatch = newest_dispatch_key(s)
    certified_dispatch_key(s, dispatch, anchors)
    old, new = order.dek_version, order.dek_version + 1
    fresh = new_data_key()
    fields = s.scalars(select(CredentialField).where(CredentialField.order_id == order.id))
    for field in fields:
        try:
            text = decrypt_field(
                dek,
                order_id=order.id,
                field_name=field.name,
                dek_version=old,
                nonce=field.nonce,
                ciphertext=field.ciphertext,
            )
        except FieldDecryptError:
            # a field or a dispatch wrap rewritten in the database: an expected fault,
            # and nothing is re-encrypted (the caller's transaction rolls back)
            raise CredentialUnreadable(UNREADABLE) from None
        field.nonce, field.ciphertext = encrypt_field(
            fresh, order_id=order.id, field_name=field.name, dek_version=new, plaintext=text
        )
        field.dek_version = new
        del text
    s.execute(delete(DekWrap).where(DekWrap.order_id == order.id))
    order.dek_version = new
    wrap_to_dispatch(s, order, fresh, dispatch)
    if assignee is not None:
        wrap_to_agent(s, order, fresh, assignee)
    s.flush()
    return fresh
