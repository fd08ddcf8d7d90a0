"""SO-4: the start gate a support order must pass before "in progress".

:func:`start_gate` takes the facts the service has read and answers with one
:class:`Condition` per rule, in the order SPEC SO-4 lists them, so the desk can show each
as met / not met; the order may start only when :attr:`GateResult.open`.

==================== =================================================================
condition            met when
==================== =================================================================
``consents``         every required consent (SO-1) was given, each in a wording version
                     the policy accepts
``backup``           a current backup is assured
``cost``             the cost was acknowledged; for time-based billing an estimate was
                     acknowledged and the expected time does not exceed it (a fixed
                     price needs no estimate)
``submitter``        the main account placed the order, or an active sub-account with
                     the right to place orders
``arrears``          the customer's dunning level is below the policy's threshold
                     (default: the 2nd dunning letter blocks); a policy may switch it off
==================== =================================================================

A condition that is not met carries a short ``reason`` key and ``params`` for the view's
translated message; no prose here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Protocol

from kcp_desk.domain.billing_rules import DunningStage

__all__ = [
    "CONSENT_KINDS",
    "CONSENT_WORDINGS",
    "DEFAULT_POLICY",
    "Condition",
    "ConsentLike",
    "GateKey",
    "GatePolicy",
    "GateResult",
    "Submitter",
    "start_gate",
]

#: SO-1, the values of ``kcp_desk.models.orders.ConsentKind`` (a test keeps them equal)
CONSENT_KINDS: Final = (
    "standard_config",
    "third_party_credentials",
    "software_updates",
    "server_access",
    "backup_exists",
)

#: The consent wordings the portal has published and that still count; a new wording in
#: the portal is added here (or in a policy) before orders with it can start.
CONSENT_WORDINGS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    dict.fromkeys(CONSENT_KINDS, frozenset({"2025-04", "2026-02"}))
)

ParamValue = str | int | tuple[str, ...]


class GateKey(enum.StrEnum):
    """The condition keys, in SO-4 order."""

    CONSENTS = "consents"
    BACKUP = "backup"
    COST = "cost"
    SUBMITTER = "submitter"
    ARREARS = "arrears"


@dataclass(frozen=True)
class GatePolicy:
    """What the gate requires. ``required_consents`` maps each needed consent kind to the
    wording versions accepted for it; ``block_from`` is the dunning step from which
    arrears block (``None``: arrears never block)."""

    required_consents: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: CONSENT_WORDINGS
    )
    block_from: DunningStage | None = DunningStage.SECOND


DEFAULT_POLICY: Final = GatePolicy()


class ConsentLike(Protocol):
    """What the gate reads from an ``order_consents`` row."""

    @property
    def kind(self) -> str: ...
    @property
    def wording_version(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Submitter:
    """Who placed the order: the main account, or a sub-account with its rights."""

    sub_account: bool = False
    may_place_orders: bool = False
    active: bool = True

    @classmethod
    def main_account(cls) -> Submitter:
        return cls()


@dataclass(frozen=True)
class Condition:
    """One rule of the gate; ``reason``/``params`` say why it is not met (None if met)."""

    key: GateKey
    met: bool
    reason: str | None = None
    params: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class GateResult:
    conditions: tuple[Condition, ...]

    @property
    def open(self) -> bool:
        """All conditions met: the order may go to "in progress"."""
        return all(c.met for c in self.conditions)

    @property
    def unmet(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if not c.met)

    def condition(self, key: GateKey | str) -> Condition:
        for c in self.conditions:
            if c.key == key:
                return c
        raise KeyError(key)


def _met(key: GateKey) -> Condition:
    return Condition(key, True)


def _unmet(key: GateKey, reason: str, **params: ParamValue) -> Condition:
    return Condition(key, False, reason, MappingProxyType(params))


def _consents(given: Iterable[ConsentLike], required: Mapping[str, frozenset[str]]) -> Condition:
    versions: dict[str, set[str]] = {}
    for consent in given:
        versions.setdefault(str(consent.kind), set()).add(consent.wording_version)
    missing = tuple(kind for kind in required if kind not in versions)
    outdated = tuple(
        kind for kind in required if kind in versions and not versions[kind] & required[kind]
    )
    if missing:
        return _unmet(GateKey.CONSENTS, "consents_missing", missing=missing, outdated=outdated)
    if outdated:
        return _unmet(GateKey.CONSENTS, "consents_outdated", missing=(), outdated=outdated)
    return _met(GateKey.CONSENTS)


def _cost(
    acknowledged: bool, fixed_price: bool, estimate_minutes: int | None, expected_minutes: int
) -> Condition:
    if expected_minutes < 0:
        raise ValueError("expected_minutes must not be negative")
    if not acknowledged:
        return _unmet(GateKey.COST, "cost_not_acknowledged")
    if fixed_price:
        return _met(GateKey.COST)
    if estimate_minutes is None:
        return _unmet(GateKey.COST, "estimate_missing")
    if expected_minutes > estimate_minutes:
        return _unmet(
            GateKey.COST,
            "over_estimate",
            estimate_minutes=estimate_minutes,
            expected_minutes=expected_minutes,
            over_minutes=expected_minutes - estimate_minutes,
        )
    return _met(GateKey.COST)


def _submitter(submitter: Submitter) -> Condition:
    if not submitter.sub_account:
        return _met(GateKey.SUBMITTER)
    if not submitter.active:
        return _unmet(GateKey.SUBMITTER, "sub_account_inactive")
    if not submitter.may_place_orders:
        return _unmet(GateKey.SUBMITTER, "sub_account_without_order_right")
    return _met(GateKey.SUBMITTER)


def _arrears(level: str | None, block_from: DunningStage | None) -> Condition:
    stage = None if level is None else DunningStage(level)  # unknown level: ValueError
    if stage is None or block_from is None or stage.rank < block_from.rank:
        return _met(GateKey.ARREARS)
    return _unmet(GateKey.ARREARS, "arrears", level=stage.value, block_from=block_from.value)


def start_gate(
    *,
    consents: Iterable[ConsentLike],
    backup_assured: bool,
    cost_acknowledged: bool,
    fixed_price: bool,
    estimate_minutes: int | None,
    expected_minutes: int = 0,
    submitter: Submitter,
    dunning_level: str | None,
    policy: GatePolicy = DEFAULT_POLICY,
) -> GateResult:
    """SO-4 for one order.

    ``consents`` are the order's consent rows; ``backup_assured`` whether a current
    backup is assured (the service decides: the customer's ``backup_exists`` consent, or
    a backup the desk made or checked); ``estimate_minutes`` the estimate the customer
    acknowledged (``support_orders.estimate_minutes``); ``expected_minutes`` the time the
    desk now expects to bill (a revised estimate, or the billable minutes already
    booked; 0 if none); ``dunning_level`` the customer's highest current dunning step
    (a ``DunningStage`` value) among unpaid invoices, ``None`` without arrears.
    """
    return GateResult(
        (
            _consents(consents, policy.required_consents),
            _met(GateKey.BACKUP) if backup_assured else _unmet(GateKey.BACKUP, "no_backup"),
            _cost(cost_acknowledged, fixed_price, estimate_minutes, expected_minutes),
            _submitter(submitter),
            _arrears(dunning_level, policy.block_from),
        )
    )
