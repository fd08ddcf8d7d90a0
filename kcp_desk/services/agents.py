"""Creating agents with fresh key material (SPEC V-1, V-7)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput
from kcp_desk.models.agents import Agent, AgentKey, Role
from kcp_desk.security.sealing import (
    MIN_PASSPHRASE_LENGTH,
    AgentKeys,
    KdfParams,
    KdfPolicy,
    seal_with_passphrase,
)


def seal_context(agent_id: int, key_version: int) -> str:
    """Binds a sealed blob to its owner and key version: blobs cannot be swapped."""
    return f"kcp-desk/agent-keys|agent={agent_id}|v={key_version}"


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "The passphrase needs at least {n} characters."),
            field="passphrase",
            n=MIN_PASSPHRASE_LENGTH,
        )


def provision_agent(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: Role,
    passphrase: str,
    kdf: KdfParams | KdfPolicy,
) -> tuple[Agent, AgentKeys]:
    """Create an agent with new X25519/Ed25519 keys sealed under the passphrase.

    ``kdf`` is a :class:`KdfPolicy` (sealed at its target, never below its floor) or
    explicit :class:`KdfParams` that the caller answers for: setup and demo default to
    ``PRODUCTION_KDF``, tests and benchmarks pass cheap ones. Whatever is sealed here,
    ``AuthService`` re-seals it at the first login if it is below the desk's policy.
    Callers check who may do this (admin, or the demo/bootstrap path) and audit it.
    """
    check_passphrase(passphrase)
    agent = Agent(
        username=username,
        display_name=display_name,
        role=role,
        x25519_public=b"",
        ed25519_public=b"",
        sealed_keys=b"",
        key_version=1,
    )
    session.add(agent)
    session.flush()  # the id is part of the seal context
    return agent, give_new_keys(session, agent, passphrase, kdf)


def give_new_keys(
    session: Session, agent: Agent, passphrase: str, kdf: KdfParams | KdfPolicy
) -> AgentKeys:
    """Fresh key pairs for ``agent`` at its current ``key_version``: public halves on
    the row, private halves sealed under ``passphrase``, and the version recorded in the
    key history. Provisioning and an admin's key reset both come through here."""
    policy = kdf if isinstance(kdf, KdfPolicy) else KdfPolicy.explicit(kdf)
    keys = AgentKeys.generate()
    agent.x25519_public = keys.x25519_public
    agent.ed25519_public = keys.ed25519_public
    agent.sealed_keys = seal_with_passphrase(
        keys,
        passphrase,
        policy.target,
        context=seal_context(agent.id, agent.key_version),
        floor=policy.floor,
    )
    add_key_history(session, agent)
    return keys


def add_key_history(session: Session, agent: Agent) -> None:
    """Record the agent's current public keys as a version of their history (V-7)."""
    session.add(
        AgentKey(
            agent_id=agent.id,
            key_version=agent.key_version,
            x25519_public=agent.x25519_public,
            ed25519_public=agent.ed25519_public,
        )
    )
