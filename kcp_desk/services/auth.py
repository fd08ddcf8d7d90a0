"""Login is unsealing the agent's keys (SPEC V-1); idle lock and unlock (V-6).

Every failed login is audited (C7), also when the stored blob is damaged; the user sees
the same "wrong" message either way. A keyring that is locked or broken never stops a
login: remembering fails with a reason in :class:`LoginResult` instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import QT_TRANSLATE_NOOP, KeyringUnavailable, PermissionDenied, WrongPassphrase
from kcp_desk.models.agents import Agent, DeviceSeal
from kcp_desk.security.keyring_guard import DeviceKeyStore, KeyringChoice, choose_backend
from kcp_desk.security.sealing import (
    PRODUCTION_KDF,
    AgentKeys,
    KdfPolicy,
    SealError,
    SealFormatError,
    burn_kdf,
    kdf_params_of,
    seal_with_device_key,
    seal_with_passphrase,
    unseal_with_device_key,
    unseal_with_passphrase,
)
from kcp_desk.services import audit
from kcp_desk.services.agents import seal_context
from kcp_desk.services.principal import AgentSession, Principal

log = logging.getLogger(__name__)

_WRONG = QT_TRANSLATE_NOOP("KcpError", "User name or passphrase is wrong.")
_DISABLED = QT_TRANSLATE_NOOP("KcpError", "This account is disabled. Please ask an admin.")
_NO_KEYRING = QT_TRANSLATE_NOOP(
    "KcpError", "This workstation has no secure keyring, so it cannot remember you."
)
#: what a failed login records instead of a typed name that is no agent's (it may be a
#: passphrase typed into the wrong field, and the audit log keeps it for ever)
UNKNOWN_USER = "unknown"


@dataclass(frozen=True)
class LoginResult:
    session: AgentSession
    #: where "remember on this workstation" put the device key, if it was asked for
    remembered_in: str | None = None
    #: why remembering failed, if it was asked for and did (the login itself succeeded)
    remember_error: KeyringUnavailable | None = None


def _principal(agent: Agent) -> Principal:
    return Principal(agent.id, agent.username, agent.display_name, agent.role.value)


@dataclass(frozen=True)
class _Opened:
    keys: AgentKeys | None
    #: "" for a wrong passphrase, "damaged" when the blob itself cannot be read
    reason: str = ""


@dataclass(frozen=True)
class _Device:
    """A device key just put into the keyring, not yet sealed into the database."""

    device_id: str
    key: bytes
    where: str
    #: the device this workstation remembered before (its seal is replaced)
    previous: str | None


class AuthService:
    """``kdf_policy`` is the desk's Argon2id policy: a login whose blob is below its floor
    re-seals the keys at its target. ``None`` leaves blobs as they are (tests use cheap
    blobs); the composition root passes :data:`~kcp_desk.security.sealing.PRODUCTION_POLICY`.
    """

    def __init__(self, db: Database, *, kdf_policy: KdfPolicy | None = None) -> None:
        self._db = db
        self._policy = kdf_policy
        self._choose = choose_backend

    # --- remember on this workstation --------------------------------------------------

    def remember_option(self) -> KeyringChoice:
        """Whether "remember on this workstation" is possible, and where it would go."""
        return self._choose()

    def _device_store(self) -> DeviceKeyStore | None:
        choice = self._choose()
        return DeviceKeyStore(choice.backend, self._db.describe()) if choice.backend else None

    def has_remembered(self, username: str) -> bool:
        """Cheap, for the GUI thread: False also when the keyring is locked or broken."""
        store = self._device_store()
        if store is None:
            return False
        try:
            return store.load(username.strip()) is not None
        except KeyringUnavailable as err:
            log.info("keyring not readable: %s", err)
            return False

    # --- login ---------------------------------------------------------------------------

    def login(self, username: str, passphrase: str, *, remember: bool = False) -> LoginResult:
        username = username.strip()
        with self._db.transaction() as s:
            agent = s.scalar(select(Agent).where(Agent.username == username))
            blob = agent.sealed_keys if agent else None
            ident = (agent.id, agent.key_version) if agent else (0, 0)
        opened = self._open(blob, passphrase, ident)  # the KDF runs outside any transaction
        keys = opened.keys
        if agent is None or blob is None or keys is None:
            self._record_failure(agent, reason=opened.reason)
            raise WrongPassphrase(_WRONG)
        if not agent.active:
            self._record_failure(agent, reason="disabled")
            raise PermissionDenied(_DISABLED)
        resealed = self._reseal_if_weak(blob, keys, passphrase, ident)
        device, remember_error = (None, None)
        if remember:
            device, remember_error = self._new_device_key(agent.username)
        try:
            with self._db.transaction() as s:
                details: dict[str, object] = {"method": "passphrase", "remembered": bool(device)}
                if resealed is not None and self._store_reseal(s, agent.id, blob, resealed):
                    details["kdf_upgraded"] = True
                if device is not None:
                    self._add_device_seal(s, agent, keys, device)
                audit.append(s, "login", details, agent_id=agent.id, keys=keys)
        except BaseException:
            if device is not None:
                self._forget_key_quietly(agent.username)
            raise
        return LoginResult(
            AgentSession(_principal(agent), keys, agent.key_version),
            remembered_in=device.where if device else None,
            remember_error=remember_error,
        )

    def login_remembered(self, username: str) -> AgentSession | None:
        """Log in with the device key from the OS keyring; None if there is none (or stale).

        A locked or broken keyring is a :class:`KeyringUnavailable` with a message.
        """
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
                log.warning("device seal of agent %d could not be opened", agent.id)
                return None
            audit.append(s, "login", {"method": "device_key"}, agent_id=agent.id, keys=keys)
        return AgentSession(_principal(agent), keys, agent.key_version)

    def forget_workstation(self, username: str) -> None:
        """Delete this workstation's device seal, then its device key.

        Deleting the row is what counts: a copy of the device key taken earlier must not
        open anything afterwards. The deletion is audited, signed with the keys that the
        device seal held (a stale seal that opens nothing is deleted without an entry).
        A locked keyring is a :class:`KeyringUnavailable`.
        """
        username = username.strip()
        store = self._device_store()
        if store is None:
            return
        found = store.load(username)
        if found is not None:
            device_id, device_key = found
            with self._db.transaction() as s:
                agent = s.scalar(select(Agent).where(Agent.username == username))
                if agent is not None:
                    self._delete_device_seals(s, agent, device_id, device_key)
        store.forget(username)

    # --- remembering, step by step -------------------------------------------------------

    def _new_device_key(self, username: str) -> tuple[_Device | None, KeyringUnavailable | None]:
        """Put a fresh device key into the keyring (before any transaction)."""
        choice = self._choose()
        try:
            if choice.backend is None:
                raise KeyringUnavailable(_NO_KEYRING)
            store = DeviceKeyStore(choice.backend, self._db.describe())
            previous = store.load(username)
            device_id, key = store.create(username)
        except KeyringUnavailable as err:
            log.info("cannot remember this workstation: %s", err)
            return None, err
        return _Device(device_id, key, choice.where, previous[0] if previous else None), None

    def _add_device_seal(self, s: Session, agent: Agent, keys: AgentKeys, device: _Device) -> None:
        if device.previous is not None:  # its key was just overwritten in the keyring
            s.execute(
                delete(DeviceSeal).where(
                    DeviceSeal.agent_id == agent.id, DeviceSeal.device_id == device.previous
                )
            )
        sealed = seal_with_device_key(
            keys, device.key, context=seal_context(agent.id, agent.key_version)
        )
        s.add(
            DeviceSeal(
                agent_id=agent.id,
                device_id=device.device_id,
                key_version=agent.key_version,
                sealed_keys=sealed,
            )
        )

    def _forget_key_quietly(self, username: str) -> None:
        store = self._device_store()
        try:
            if store is not None:
                store.forget(username)
        except KeyringUnavailable as err:
            log.warning("device key left in the keyring after a failed login: %s", err)

    @staticmethod
    def _delete_device_seals(s: Session, agent: Agent, device_id: str, device_key: bytes) -> None:
        seals = list(
            s.scalars(
                select(DeviceSeal).where(
                    DeviceSeal.agent_id == agent.id, DeviceSeal.device_id == device_id
                )
            )
        )
        keys = None
        for seal in seals:
            if keys is None and seal.key_version == agent.key_version:
                try:
                    keys = unseal_with_device_key(
                        seal.sealed_keys,
                        device_key,
                        context=seal_context(agent.id, agent.key_version),
                    )
                except SealError:
                    keys = None
            s.delete(seal)
        if keys is not None:  # signed by the agent whose device key this is
            details = {"device": device_id, "seals_deleted": len(seals)}
            audit.append(s, "workstation_forgotten", details, agent_id=agent.id, keys=keys)
        elif seals:
            # a stale or damaged seal opens no login, and nobody can sign for it
            log.info("deleted %d unusable device seal(s) of agent %d", len(seals), agent.id)

    # --- unlock after the idle lock --------------------------------------------------------

    def unlock(self, session: AgentSession, passphrase: str) -> None:
        with self._db.transaction() as s:
            agent = s.get(Agent, session.principal.agent_id)
            blob = agent.sealed_keys if agent and agent.active else None
        opened = self._open(blob, passphrase, (session.principal.agent_id, session.key_version))
        if opened.keys is None:
            self._record_failure(
                agent, reason="unlock" if not opened.reason else f"unlock_{opened.reason}"
            )
            raise WrongPassphrase(
                QT_TRANSLATE_NOOP("KcpError", "The passphrase is wrong."), field="passphrase"
            )
        keys = opened.keys
        session._unlocked_with(keys)
        with self._db.transaction() as s:
            audit.append(s, "unlock", {}, agent_id=session.principal.agent_id, keys=keys)

    def lock(self, session: AgentSession, *, reason: str) -> None:
        """Drop the keys first, whatever the database says; then audit the lock."""
        write = self.begin_lock(session, reason=reason)
        if write is not None:
            write()

    def begin_lock(self, session: AgentSession, *, reason: str) -> Callable[[], None] | None:
        """Drop the keys at once (memory only: safe on the GUI thread, so the lock screen
        is up before any database call) and return the lock's audit write, which the
        caller runs off the GUI thread; None when the session was locked already."""
        if session.locked:
            return None
        keys = session.keys
        agent_id = session.principal.agent_id
        session.lock()

        def write() -> None:
            with self._db.transaction() as s:
                audit.append(s, "lock", {"reason": reason}, agent_id=agent_id, keys=keys)

        return write

    # --- helpers -------------------------------------------------------------------------

    def _open(self, blob: bytes | None, passphrase: str, ident: tuple[int, int]) -> _Opened:
        if blob is None:
            # spend the same effort for an unknown name: timing must not reveal user names
            burn_kdf(passphrase, self._policy.target if self._policy else PRODUCTION_KDF)
            return _Opened(None)
        try:
            return _Opened(unseal_with_passphrase(blob, passphrase, context=seal_context(*ident)))
        except SealFormatError as exc:
            # not the user's fault: an admin must restore or re-provision the keys
            log.error("sealed keys of agent %d cannot be read: %s", ident[0], exc)
            return _Opened(None, "damaged")
        except SealError:
            return _Opened(None)

    def _reseal_if_weak(
        self, blob: bytes, keys: AgentKeys, passphrase: str, ident: tuple[int, int]
    ) -> bytes | None:
        """A new blob at the policy's target if ``blob`` is below its floor (no transaction)."""
        policy = self._policy
        if policy is None or policy.accepts(kdf_params_of(blob)):
            return None
        return seal_with_passphrase(
            keys, passphrase, policy.target, context=seal_context(*ident), floor=policy.floor
        )

    @staticmethod
    def _store_reseal(s: Session, agent_id: int, old: bytes, new: bytes) -> bool:
        """Replace the blob only if it is still the one that was opened (no lost update)."""
        agent = s.get(Agent, agent_id)
        if agent is None or bytes(agent.sealed_keys) != bytes(old):
            return False
        agent.sealed_keys = new
        return True

    def _record_failure(self, agent: Agent | None, *, reason: str = "") -> None:
        # unsigned: nobody is logged in. Only an existing agent's name is recorded; what
        # was typed otherwise may be a passphrase in the wrong field.
        with self._db.transaction() as s:
            audit.append(
                s,
                "login_failed",
                {
                    "username": agent.username if agent else UNKNOWN_USER,
                    "target_agent": agent.id if agent else None,
                    "reason": reason,
                },
            )
