"""The credential vault (SPEC C6): only the assigned handler decrypts.

``service`` holds the use cases (reveal, moving access with a ticket, a lead's grants),
``grants`` what a lead hands over and a lead desk's upkeep, ``rotation`` the data-key
rotation, ``custodian`` who holds the dispatch key, ``erase``
the deletion when an order ends (SO-5).
"""

from kcp_desk.services.vault.custodian import DispatchCustodian, LeadEscrow
from kcp_desk.services.vault.erase import erase_credentials
from kcp_desk.services.vault.grants import UpkeepReport, WaitingOrder
from kcp_desk.services.vault.rotation import (
    CredentialUnreadable,
    NoDispatchKey,
    newest_dispatch_key,
    rotate,
)
from kcp_desk.services.vault.service import VaultService, move_access

__all__ = [
    "CredentialUnreadable",
    "DispatchCustodian",
    "LeadEscrow",
    "NoDispatchKey",
    "UpkeepReport",
    "VaultService",
    "WaitingOrder",
    "erase_credentials",
    "move_access",
    "newest_dispatch_key",
    "rotate",
]
