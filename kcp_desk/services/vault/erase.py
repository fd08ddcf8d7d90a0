"""SO-5: when an order is done, rejected or cancelled, its credentials go.

The ciphertexts and every wrap of the data key are deleted in the caller's transaction.
On SQLite every connection runs with ``secure_delete`` (see ``db.py``), so the deleted
cells are zeroed instead of lingering in free pages of the file.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kcp_desk.models.vault import CredentialField, DekWrap


def erase_credentials(s: Session, order_id: int) -> int:
    """Delete the order's credential fields and data-key wraps; returns fields deleted.

    Runs inside the caller's transaction (the state change that ends the order), so the
    order never ends with its credentials still readable, nor loses them without ending.
    """
    s.execute(delete(DekWrap).where(DekWrap.order_id == order_id))
    result = s.execute(delete(CredentialField).where(CredentialField.order_id == order_id))
    return int(getattr(result, "rowcount", 0) or 0)
