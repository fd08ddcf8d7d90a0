"""The services one logged-in desk uses, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from kcp_desk.db import Database
from kcp_desk.security.sealing import PRODUCTION_POLICY, KdfParams, KdfPolicy
from kcp_desk.services.admin import AdminService
from kcp_desk.services.auth import AuthService
from kcp_desk.services.billing import BillingService
from kcp_desk.services.caller_verification import CallerVerificationService
from kcp_desk.services.customers import CustomerService
from kcp_desk.services.identity import IdentityService
from kcp_desk.services.live import LiveChanges
from kcp_desk.services.name_change import NameChangeService
from kcp_desk.services.orders import OrderService
from kcp_desk.services.search import CustomerSearch
from kcp_desk.services.tickets import TicketAssignment, TicketQueues, TicketThread
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.services.vault import VaultService


@dataclass(frozen=True)
class DeskServices:
    auth: AuthService
    search: CustomerSearch
    customers: CustomerService
    verification: CallerVerificationService
    name_change: NameChangeService
    billing: BillingService
    #: claim, release, hand over, reassign, state changes (T-2, T-4, T-5)
    tickets: TicketAssignment
    #: My tickets, Unassigned, Team, Archive, a customer's tickets; workload (T-3)
    queues: TicketQueues
    #: a ticket with its thread; replies and internal notes (T-2)
    thread: TicketThread
    #: "something changed": live updates of the queues (T-7); no data, no role check
    live: LiveChanges
    #: reveal credentials, a lead's desk granting them (C6)
    vault: VaultService
    #: agents, roles, keys, the dispatch key (admins; V-7, V-8)
    admin: AdminService
    #: a support order: its detail and start gate, states, time entries, billing (C5)
    orders: OrderService
    #: identity cases: the only way to a new e-mail address (C2)
    identity: IdentityService

    @classmethod
    def build(
        cls,
        db: Database,
        *,
        kdf_policy: KdfPolicy | None = None,
        anchors: TrustAnchors | None = None,
        admin_kdf: KdfParams | KdfPolicy = PRODUCTION_POLICY,
    ) -> DeskServices:
        """``kdf_policy``: the app passes ``PRODUCTION_POLICY`` (blobs below it are
        re-sealed at login); tests leave their cheap blobs as they are. ``anchors``: the
        admin keys pinned on this workstation (V-8); without them nothing is wrapped to
        anyone. ``admin_kdf`` seals agents an admin creates (tests pass cheap ones)."""
        anchors = anchors or TrustAnchors()
        return cls(
            auth=AuthService(db, kdf_policy=kdf_policy),
            search=CustomerSearch(db),
            customers=CustomerService(db),
            verification=CallerVerificationService(db),
            name_change=NameChangeService(db),
            billing=BillingService(db),
            tickets=TicketAssignment(db, anchors=anchors),
            queues=TicketQueues(db),
            thread=TicketThread(db),
            live=LiveChanges(db),
            vault=VaultService(db, anchors=anchors),
            admin=AdminService(db, anchors=anchors, kdf=admin_kdf),
            orders=OrderService(db),
            identity=IdentityService(db, anchors),
        )
