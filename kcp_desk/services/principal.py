"""Who is acting: the logged-in agent as the services see them."""

from __future__ import annotations

from dataclasses import dataclass

from kcp_desk.models.agents import Role
from kcp_desk.security.sealing import AgentKeys


@dataclass(frozen=True)
class Principal:
    agent_id: int
    username: str
    display_name: str
    role: str

    @property
    def is_lead(self) -> bool:
        return self.role == Role.LEAD

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class AgentSession:
    """A logged-in agent: the principal plus the unsealed keys while unlocked (V-6)."""

    def __init__(self, principal: Principal, keys: AgentKeys, key_version: int) -> None:
        self.principal = principal
        self.key_version = key_version
        self._keys: AgentKeys | None = keys
        #: opened data keys by (order id, data-key version), until lock (V-6)
        self._deks: dict[tuple[int, int], bytes] = {}

    @property
    def locked(self) -> bool:
        return self._keys is None

    @property
    def keys(self) -> AgentKeys:
        if self._keys is None:
            raise RuntimeError("session is locked")
        return self._keys

    def lock(self) -> None:
        """Drop the private keys and every cached data key from memory (V-6)."""
        self._keys = None
        self._deks.clear()

    def cached_dek(self, order_id: int, dek_version: int) -> bytes | None:
        return None if self._keys is None else self._deks.get((order_id, dek_version))

    def cache_dek(self, order_id: int, dek_version: int, dek: bytes) -> None:
        if self._keys is not None:
            self._deks[(order_id, dek_version)] = dek

    def forget_dek(self, order_id: int) -> None:
        """After a rotation the old data key opens nothing; keep no copy of it."""
        for key in [k for k in self._deks if k[0] == order_id]:
            del self._deks[key]

    def _unlocked_with(self, keys: AgentKeys) -> None:
        self._keys = keys

    def __repr__(self) -> str:
        return f"AgentSession({self.principal.username!r}, locked={self.locked})"
