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

    @property
    def locked(self) -> bool:
        return self._keys is None

    @property
    def keys(self) -> AgentKeys:
        if self._keys is None:
            raise RuntimeError("session is locked")
        return self._keys

    def lock(self) -> None:
        """Drop the private keys (and, later, cached data keys) from memory."""
        self._keys = None

    def _unlocked_with(self, keys: AgentKeys) -> None:
        self._keys = keys

    def __repr__(self) -> str:
        return f"AgentSession({self.principal.username!r}, locked={self.locked})"
