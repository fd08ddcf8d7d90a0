"""Who is acting, checked where the action happens (SPEC §0: roles are checked in the
service layer).

The :class:`~kcp_desk.services.principal.Principal` is a snapshot taken at login. A lead
demoted or an agent disabled since then must not keep the old rights until they sign
out, so every service entry point calls :func:`acting_agent` first thing inside the
transaction that does its work: the role and the active flag are read from the agent's
row in that same transaction (one primary-key lookup). A locked desk (V-6: the keys are
out of memory) reads and writes nothing until it is unlocked.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from kcp_desk.errors import QT_TRANSLATE_NOOP, PermissionDenied
from kcp_desk.models.agents import Agent, Role
from kcp_desk.services.principal import AgentSession

__all__ = ["CUSTOMER_ROLES", "acting_agent"]

#: who works with customer data (SPEC §0); admins do not
CUSTOMER_ROLES: Final = (Role.AGENT, Role.LEAD)

_LOCKED: Final = QT_TRANSLATE_NOOP("KcpError", "The desk is locked. Unlock it first.")
_DISABLED: Final = QT_TRANSLATE_NOOP("KcpError", "This account is disabled. Please ask an admin.")
_NO_CUSTOMER_ACCESS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only agents and leads work with customer data."
)


def acting_agent(
    s: Session,
    session: AgentSession,
    *allowed: Role,
    denied: str = _NO_CUSTOMER_ACCESS,
    lock: bool = False,
) -> Agent:
    """The acting agent's row, as of this transaction, if they may act as one of ``allowed``.

    Raises :class:`PermissionDenied` when the desk is locked, when the agent no longer
    exists or is disabled, or when their current role is not in ``allowed`` (message
    ``denied``, a ``QT_TRANSLATE_NOOP("KcpError", …)`` template). ``lock=True`` is for
    privileged writes: on PostgreSQL the row is read ``FOR SHARE``, so a demotion or
    disabling waits until the action has committed instead of slipping in between the
    check and the commit (SQLite has one writer at a time anyway).
    """
    if not allowed:
        raise ValueError("acting_agent needs at least one allowed role")
    if session.locked:
        raise PermissionDenied(_LOCKED)
    agent = s.get(
        Agent,
        session.principal.agent_id,
        with_for_update={"read": True} if lock else None,
        populate_existing=True,
    )
    if agent is None or not agent.active:
        raise PermissionDenied(_DISABLED)
    if agent.role not in allowed:
        raise PermissionDenied(denied)
    return agent
