"""Login is unsealing the agent's keys (SPEC V-1); idle lock and unlock (V-6)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import QT_TRANSLATE_NOOP, KeyringUnavailable, PermissionDenied, WrongPassphrase
from kcp_desk.models.agents import Agent, DeviceSeal
from kcp_desk.security.keyring_guard import DeviceKeyStore, KeyringChoice, choose_backend
from kcp_desk.security.sealing import (
    AgentKeys,
    SealError,
    burn_kdf,
    seal_with_device_key,
    unseal_with_device_key,
    unseal_with_passphrase,
)
from kcp_desk.services import audit
from kcp_desk.services.agents import seal_context
from kcp_desk.services.principal import AgentSession, Principal

log = logging.getLogger(__name__)

_WRONG = QT_TRANSLATE_NOOP("KcpError", "User name or passphrase is wrong.")
_DISABLED = QT_TRANSLATE_NOOP("KcpError", "This account is disabled. Please ask an admin.")


@dataclass(frozen=True)
class LoginResult:
    session: AgentSession
    #: where "remember on this workstation" put the device key, if it was asked for
    remembered_in: str | None = None


def _principal(agent: Agent) -> Principal:
    return Principal(agent.id, agent.username, agent.display_name, agent.role.value)


class AuthService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._choose = choose_backend

    # --- remember on this workstation --------------------------------------------------

    def remember_option(self) -> KeyringChoice:
        """Whether "remember on this workstation" is possible, and where it would go."""
        return self._choose()

    def _device_store(self) -> DeviceKeyStore | None:
        choice = self._choose()
        return DeviceKeyStore(choice.backend, self._db.describe()) if choice.backend else None

    def has_remembered(self, username: str) -> bool:
        store = self._device_store()
        return bool(store and store.load(username.strip()))

    # --- login ---------------------------------------------------------------------------

    def login(self, username: str, passphrase: str, *, remember: bool = False) -> LoginResult:
        username = username.strip()
        with self._db.transaction() as s:
            agent = s.scalar(select(Agent).where(Agent.username == username))
            blob = agent.sealed_keys if agent else None
            ident = (agent.id, agent.key_version) if agent else (0, 0)
        keys = self._open(blob, passphrase, ident)  # the KDF runs outside any transaction
        if agent is None or keys is None:
            self._record_failure(username, agent.id if agent else None)
            raise WrongPassphrase(_WRONG)
        if not agent.active:
            self._record_failure(username, agent.id, reason="disabled")
            raise PermissionDenied(_DISABLED)
        remembered_in = None
        with self._db.transaction() as s:
            if remember:
                remembered_in = self._remember(s, agent, keys)
            audit.append(
                s,
                "login",
                {"method": "passphrase", "remembered": remember},
                agent_id=agent.id,
                keys=keys,
            )
        return LoginResult(AgentSession(_principal(agent), keys, agent.key_version), remembered_in)

    def login_remembered(self, username: str) -> AgentSession | None:
        """Log in with the device key from the OS keyring; None if there is none (or stale)."""
        username = username.strip()
        store = self._device_store()
        found = store.load(username) if store else None
        if found is None:
            return None
        device_id, device_key = found
        with self._db.transaction() as s:
            agent = s.scalar(select(Agent).where(Agent.username == username))
            if agent is None or not agent.active:
                return None
            seal = s.scalar(
                select(DeviceSeal).where(
                    DeviceSeal.agent_id == agent.id, DeviceSeal.device_id == device_id
                )
            )
            if seal is None or seal.key_version != agent.key_version:
                return None
            try:
                keys = unseal_with_device_key(
                    seal.sealed_keys, device_key, context=seal_context(agent.id, agent.key_version)
                )
            except SealError:
                log.warning("device seal of %s could not be opened", username)
                return None
            audit.append(s, "login", {"method": "device_key"}, agent_id=agent.id, keys=keys)
        return AgentSession(_principal(agent), keys, agent.key_version)

    def forget_workstation(self, username: str) -> None:
        store = self._device_store()
        if store:
            store.forget(username.strip())

    def _remember(self, s: Session, agent: Agent, keys: AgentKeys) -> str:
        choice = self._choose()
        if choice.backend is None:
            raise KeyringUnavailable(
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "This workstation has no secure keyring, so it cannot remember you.",
                )
            )
        store = DeviceKeyStore(choice.backend, self._db.describe())
        device_id, device_key = store.create(agent.username)
        sealed = seal_with_device_key(
            keys, device_key, context=seal_context(agent.id, agent.key_version)
        )
        s.add(
            DeviceSeal(
                agent_id=agent.id,
                device_id=device_id,
                key_version=agent.key_version,
                sealed_keys=sealed,
            )
        )
        return choice.where

    # --- unlock after the idle lock --------------------------------------------------------

    def unlock(self, session: AgentSession, passphrase: str) -> None:
        with self._db.transaction() as s:
            agent = s.get(Agent, session.principal.agent_id)
            blob = agent.sealed_keys if agent and agent.active else None
        keys = self._open(blob, passphrase, (session.principal.agent_id, session.key_version))
        if keys is None:
            self._record_failure(
                session.principal.username, session.principal.agent_id, reason="unlock"
            )
            raise WrongPassphrase(
                QT_TRANSLATE_NOOP("KcpError", "The passphrase is wrong."), field="passphrase"
            )
        session._unlocked_with(keys)
        with self._db.transaction() as s:
            audit.append(s, "unlock", {}, agent_id=session.principal.agent_id, keys=keys)

    def lock(self, session: AgentSession, *, reason: str) -> None:
        """Drop the keys first, whatever the database says; then audit the lock."""
        if session.locked:
            return
        keys = session.keys
        session.lock()
        with self._db.transaction() as s:
            audit.append(
                s, "lock", {"reason": reason}, agent_id=session.principal.agent_id, keys=keys
            )

    # --- helpers -------------------------------------------------------------------------

    @staticmethod
    def _open(blob: bytes | None, passphrase: str, ident: tuple[int, int]) -> AgentKeys | None:
        if blob is None:
            # spend the same effort for an unknown name: timing must not reveal user names
            burn_kdf(passphrase)
            return None
        try:
            return unseal_with_passphrase(blob, passphrase, context=seal_context(*ident))
        except SealError:
            return None

    def _record_failure(self, username: str, agent_id: int | None, reason: str = "") -> None:
        # unsigned: nobody is logged in; the attempted name is not a secret
        with self._db.transaction() as s:
            audit.append(
                s,
                "login_failed",
                {"username": username[:64], "target_agent": agent_id, "reason": reason},
            )
