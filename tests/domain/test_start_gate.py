"""SO-4, the start gate before "in progress": every condition failing alone, all met,
several failing, and the configurable dunning threshold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from kcp_desk.domain.billing_rules import DunningStage
from kcp_desk.domain.start_gate import (
    CONSENT_KINDS,
    CONSENT_WORDINGS,
    GateKey,
    GatePolicy,
    GateResult,
    Submitter,
    start_gate,
)
from kcp_desk.models.orders import ConsentKind, OrderConsent


@dataclass(frozen=True)
class Consent:
    kind: str
    wording_version: str


ALL_CONSENTS = tuple(Consent(kind, "2026-02") for kind in CONSENT_KINDS)

#: an order that may start: every fact as the gate wants it
GOOD: dict[str, Any] = {
    "consents": ALL_CONSENTS,
    "backup_assured": True,
    "cost_acknowledged": True,
    "fixed_price": False,
    "estimate_minutes": 60,
    "expected_minutes": 45,
    "submitter": Submitter.main_account(),
    "dunning_level": None,
}


def gate(**changes: Any) -> GateResult:
    return start_gate(**{**GOOD, **changes})


def test_the_vocabulary_is_the_models() -> None:
    assert tuple(k.value for k in ConsentKind) == CONSENT_KINDS
    assert set(CONSENT_WORDINGS) == set(CONSENT_KINDS)


def test_all_met_opens_the_gate() -> None:
    result = gate()
    assert result.open
    assert [c.key for c in result.conditions] == list(GateKey)  # SO-4 order, one each
    assert all(c.met and c.reason is None and not c.params for c in result.conditions)
    assert result.unmet == ()


def test_order_consent_rows_are_read_directly() -> None:
    rows = [
        OrderConsent(kind=kind, wording_version="2025-04", given_at=dt.datetime.now(dt.UTC))
        for kind in ConsentKind
    ]
    assert gate(consents=rows).open
    assert not gate(consents=rows[1:]).open


# --- each condition failing alone -------------------------------------------------------------

ALONE = [
    # id, changed facts, failing key, reason, params
    (
        "one consent missing",
        {"consents": ALL_CONSENTS[1:]},
        GateKey.CONSENTS,
        "consents_missing",
        {"missing": ("standard_config",), "outdated": ()},
    ),
    (
        "no consents",
        {"consents": ()},
        GateKey.CONSENTS,
        "consents_missing",
        {"missing": CONSENT_KINDS, "outdated": ()},
    ),
    (
        "unknown wording",
        {"consents": (*ALL_CONSENTS[:4], Consent("backup_exists", "2019-01"))},
        GateKey.CONSENTS,
        "consents_outdated",
        {"missing": (), "outdated": ("backup_exists",)},
    ),
    (
        "missing and outdated",
        {"consents": (Consent("standard_config", "2019-01"), *ALL_CONSENTS[2:])},
        GateKey.CONSENTS,
        "consents_missing",
        {"missing": ("third_party_credentials",), "outdated": ("standard_config",)},
    ),
    ("no backup", {"backup_assured": False}, GateKey.BACKUP, "no_backup", {}),
    (
        "cost not acknowledged",
        {"cost_acknowledged": False},
        GateKey.COST,
        "cost_not_acknowledged",
        {},
    ),
    (
        "fixed price not acknowledged",
        {"cost_acknowledged": False, "fixed_price": True, "estimate_minutes": None},
        GateKey.COST,
        "cost_not_acknowledged",
        {},
    ),
    ("hourly without estimate", {"estimate_minutes": None}, GateKey.COST, "estimate_missing", {}),
    (
        "over the estimate",
        {"expected_minutes": 61},
        GateKey.COST,
        "over_estimate",
        {"estimate_minutes": 60, "expected_minutes": 61, "over_minutes": 1},
    ),
    (
        "sub-account without order right",
        {"submitter": Submitter(sub_account=True, may_place_orders=False)},
        GateKey.SUBMITTER,
        "sub_account_without_order_right",
        {},
    ),
    (
        "inactive sub-account",
        {"submitter": Submitter(sub_account=True, may_place_orders=True, active=False)},
        GateKey.SUBMITTER,
        "sub_account_inactive",
        {},
    ),
    (
        "2nd dunning letter",
        {"dunning_level": "second"},
        GateKey.ARREARS,
        "arrears",
        {"level": "second", "block_from": "second"},
    ),
    (
        "blocked",
        {"dunning_level": DunningStage.BLOCKED},
        GateKey.ARREARS,
        "arrears",
        {"level": "blocked", "block_from": "second"},
    ),
]


@pytest.mark.parametrize(
    ("changes", "key", "reason", "params"), [a[1:] for a in ALONE], ids=[a[0] for a in ALONE]
)
def test_each_condition_failing_alone(
    changes: dict[str, Any], key: GateKey, reason: str, params: dict[str, Any]
) -> None:
    result = gate(**changes)
    assert not result.open
    assert [c.key for c in result.unmet] == [key]
    failed = result.condition(key)
    assert (failed.met, failed.reason, dict(failed.params)) == (False, reason, params)


# --- met in the edge cases --------------------------------------------------------------------

MET = [
    ("expected exactly the estimate", {"expected_minutes": 60}),
    ("nothing expected yet", {"expected_minutes": 0}),
    ("fixed price needs no estimate", {"fixed_price": True, "estimate_minutes": None}),
    ("sub-account with order right", {"submitter": Submitter(True, may_place_orders=True)}),
    ("reminder only", {"dunning_level": "reminder"}),
    ("1st dunning letter", {"dunning_level": "first"}),
    ("older accepted wording", {"consents": tuple(Consent(k, "2025-04") for k in CONSENT_KINDS)}),
    ("a consent given twice", {"consents": (*ALL_CONSENTS, Consent("server_access", "2019-01"))}),
    ("extra consent kinds", {"consents": (*ALL_CONSENTS, Consent("newsletter", "1"))}),
]


@pytest.mark.parametrize("changes", [m[1] for m in MET], ids=[m[0] for m in MET])
def test_met_at_the_edges(changes: dict[str, Any]) -> None:
    assert gate(**changes).open


# --- several failing --------------------------------------------------------------------------


def test_several_conditions_failing_are_all_reported() -> None:
    result = gate(
        consents=ALL_CONSENTS[:2],
        backup_assured=False,
        submitter=Submitter(sub_account=True),
        dunning_level="final_notice",
    )
    assert not result.open
    assert [(c.key, c.reason) for c in result.unmet] == [
        (GateKey.CONSENTS, "consents_missing"),
        (GateKey.BACKUP, "no_backup"),
        (GateKey.SUBMITTER, "sub_account_without_order_right"),
        (GateKey.ARREARS, "arrears"),
    ]
    assert result.condition("cost").met
    assert result.condition(GateKey.CONSENTS).params["missing"] == CONSENT_KINDS[2:]


def test_everything_failing() -> None:
    result = gate(
        consents=(),
        backup_assured=False,
        cost_acknowledged=False,
        submitter=Submitter(sub_account=True, active=False),
        dunning_level="debt_collection",
    )
    assert len(result.unmet) == len(GateKey)
    assert not result.open


# --- the policy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block_from", "level", "open_"),
    [
        (DunningStage.FIRST, "first", False),
        (DunningStage.FIRST, "reminder", True),
        (DunningStage.FINAL_NOTICE, "second", True),
        (DunningStage.FINAL_NOTICE, "final_notice", False),
        (None, "debt_collection", True),
    ],
)
def test_the_dunning_threshold_is_configurable(
    block_from: DunningStage | None, level: str, open_: bool
) -> None:
    assert gate(dunning_level=level, policy=GatePolicy(block_from=block_from)).open is open_


def test_the_required_consents_and_wordings_are_configurable() -> None:
    policy = GatePolicy(required_consents={"server_access": frozenset({"2027-01"})})
    result = gate(consents=(Consent("server_access", "2027-01"),), policy=policy)
    assert result.open
    outdated = gate(policy=policy).condition(GateKey.CONSENTS)
    assert (outdated.reason, outdated.params["outdated"]) == (
        "consents_outdated",
        ("server_access",),
    )


def test_bad_facts_are_bugs() -> None:
    with pytest.raises(ValueError):
        gate(dunning_level="third")
    with pytest.raises(ValueError):
        gate(expected_minutes=-1)
    with pytest.raises(KeyError):
        gate().condition("weather")
